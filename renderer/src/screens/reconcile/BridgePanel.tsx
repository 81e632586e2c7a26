import { useState } from 'react';
import type { BridgeLine, FigureBridge } from '../../../../shared/reconcile/bridge';
import { EMISSION_FIGURE_IDS, FIGURES } from '../../../../shared/figures';
import { api } from '../../api';
import { Chart, type ChartOption } from '../../components/Chart';
import { usePalette, type Palette } from '../../theme';
import { useAction } from '../../useAction';
import { differenceText, valueText } from './figureText';
import { t } from '../../../../shared/messages';
import { activityName, figureName, figureNameOf } from '../../labels';

/** A line's site or activity as the UI names it (the engine's label is the CLI's). */
function lineName(bridge: FigureBridge, line: BridgeLine): string {
  if (bridge.by === 'site') return line.key ?? t.bridgePanel.noSite;
  return line.key === null ? t.bridgePanel.noActivity : activityName(line.key);
}

/** A waterfall from the earlier year's figure to the later's: each line's volume effect, then its factor effect. */
function waterfall(bridge: FigureBridge, palette: Palette): { option: ChartOption; steps: { label: string; value: number }[] } {
  // Effects of nothing are left out of the chart (the table lists every line).
  const steps = bridge.lines
    .flatMap((line) => [
      { label: t.bridgePanel.lineVolume(lineName(bridge, line)), value: line.volume },
      { label: t.bridgePanel.lineFactor(lineName(bridge, line)), value: line.factor },
    ])
    .filter((step) => step.value !== 0);
  const categories = [bridge.from, ...steps.map((step) => step.label), bridge.to];
  const base: (number | string)[] = ['-'];
  const up: (number | string)[] = ['-'];
  const down: (number | string)[] = ['-'];
  const totals: (number | string)[] = [bridge.fromTco2e];
  let running = bridge.fromTco2e;
  for (const step of steps) {
    // On the bridge's grid, these sums are exact.
    const next = running + step.value;
    base.push(Math.min(running, next));
    up.push(step.value > 0 ? step.value : '-');
    down.push(step.value < 0 ? -step.value : '-');
    totals.push('-');
    running = next;
  }
  base.push('-');
  up.push('-');
  down.push('-');
  totals.push(bridge.toTco2e);
  return {
    steps,
    option: {
      grid: { left: 80, right: 20, top: 30, bottom: 110 },
      legend: { top: 0, data: [t.bridgePanel.increase, t.bridgePanel.decrease, t.bridgePanel.total] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => (typeof value === 'number' ? `${valueText('net', value)} tCO2e` : '') },
      xAxis: { type: 'category', data: categories, axisLabel: { rotate: 35, interval: 0, fontSize: 10 } },
      yAxis: { type: 'value', name: t.bridgePanel.tco2e },
      series: [
        { name: t.bridgePanel.base, type: 'bar', stack: 'bridge', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, tooltip: { show: false } },
        { name: t.bridgePanel.increase, type: 'bar', stack: 'bridge', data: up, itemStyle: { color: palette.danger } },
        { name: t.bridgePanel.decrease, type: 'bar', stack: 'bridge', data: down, itemStyle: { color: palette.accent } },
        { name: t.bridgePanel.total, type: 'bar', stack: 'bridge', data: totals, itemStyle: { color: palette.muted } },
      ],
    },
  };
}

const EMISSION_FIGURES = EMISSION_FIGURE_IDS.filter((id) => FIGURES[id].group === 'inventory');

/** The variance bridge: what drove a figure's change between two fiscal years, by site or by activity. */
export function BridgePanel({ years, hasAdjustments }: { years: readonly string[]; hasAdjustments: boolean }) {
  const [figure, setFigure] = useState<string>('net');
  const [from, setFrom] = useState(years.at(-2) ?? '');
  const [to, setTo] = useState(years.at(-1) ?? '');
  const [by, setBy] = useState<'site' | 'activity'>('site');
  const [uncorrected, setUncorrected] = useState(false);
  const [bridge, setBridge] = useState<FigureBridge | null>(null);
  const load = useAction(async () => setBridge(await api.call('reconcile.bridge', { figure, from, to, by, uncorrected })));
  const palette = usePalette();
  if (years.length < 2) return <p className="muted">{t.bridgePanel.aBridgeNeedsTwoFiscal}</p>;
  const chart = bridge ? waterfall(bridge, palette) : null;
  const bridged = bridge ? figureNameOf(bridge.figure) ?? bridge.figure : '';
  return (
    <>
      <div className="toolbar bridge-form">
        <label>
          {t.bridgePanel.figure}
          <select aria-label={t.bridgePanel.figure} value={figure} onChange={(event) => setFigure(event.target.value)}>
            {EMISSION_FIGURES.map((id) => <option key={id} value={id}>{figureName(FIGURES[id])}</option>)}
          </select>
        </label>
        <label>
          {t.bridgePanel.from}
          <select aria-label={t.bridgePanel.from} value={from} onChange={(event) => setFrom(event.target.value)}>{years.map((year) => <option key={year}>{year}</option>)}</select>
        </label>
        <label>
          {t.bridgePanel.to}
          <select aria-label={t.bridgePanel.to} value={to} onChange={(event) => setTo(event.target.value)}>{years.map((year) => <option key={year}>{year}</option>)}</select>
        </label>
        <label>
          {t.bridgePanel.by}
          <select aria-label={t.bridgePanel.by} value={by} onChange={(event) => setBy(event.target.value as 'site' | 'activity')}>
            <option value="site">{t.bridgePanel.site}</option>
            <option value="activity">{t.bridgePanel.activity}</option>
          </select>
        </label>
        {hasAdjustments && (
          <label className="checkbox">
            <input type="checkbox" checked={uncorrected} onChange={(event) => setUncorrected(event.target.checked)} /> {t.bridgePanel.asImported}
          </label>
        )}
        <button type="button" className="primary" disabled={load.busy || from === to} onClick={() => void load.run()}>{load.busy ? t.bridgePanel.bridging : t.bridgePanel.showBridge}</button>
      </div>
      {load.error && <p role="alert" className="notice danger">{load.error}</p>}
      {bridge && chart && (
        <div data-testid="bridge">
          <p>
            {t.bridgePanel.tco2eTco2eVolumeFactor2(bridged, bridge.variant === 'uncorrected' ? t.bridgePanel.asImported2 : hasAdjustments ? t.bridgePanel.afterTheProposedAdjustments : '', bridge.from, valueText('net', bridge.fromTco2e), bridge.to, valueText('net', bridge.toTco2e), ' ', differenceText('net', bridge.change), differenceText('net', bridge.volume), differenceText('net', bridge.factor))}
          </p>
          <Chart
            title={t.bridgePanel.varianceBridgeToBy(bridged, bridge.from, bridge.to, bridge.by === 'site' ? t.bridgePanel.site : t.bridgePanel.activity)}
            summary={t.bridgePanel.fromToTco2eVolumeEffects(valueText('net', bridge.fromTco2e), valueText('net', bridge.toTco2e), differenceText('net', bridge.volume), differenceText('net', bridge.factor))}
            option={chart.option}
            height={380}
            fileName={`bridge-${bridge.figure}-${bridge.from}-${bridge.to}-by-${bridge.by}`}
            table={{
              columns: [bridge.by === 'site' ? t.bridgePanel.siteColumn : t.bridgePanel.activityColumn, bridge.from, bridge.to, t.bridgePanel.change, t.bridgePanel.volume, t.bridgePanel.factor],
              rows: [
                ...bridge.lines.map((line) => [lineName(bridge, line), valueText('net', line.fromTco2e), valueText('net', line.toTco2e), differenceText('net', line.change), differenceText('net', line.volume), differenceText('net', line.factor)]),
                [t.bridgePanel.total, valueText('net', bridge.fromTco2e), valueText('net', bridge.toTco2e), differenceText('net', bridge.change), differenceText('net', bridge.volume), differenceText('net', bridge.factor)],
              ],
            }}
          />
        </div>
      )}
    </>
  );
}
