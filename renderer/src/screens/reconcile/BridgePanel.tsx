import { useState } from 'react';
import type { FigureBridge } from '../../../../shared/reconcile/bridge';
import { EMISSION_FIGURE_IDS, FIGURES } from '../../../../shared/figures';
import { api } from '../../api';
import { Chart, type ChartOption } from '../../components/Chart';
import { useAction } from '../../useAction';
import { differenceText, valueText } from './figureText';

const INCREASE = '#a52a2a';
const DECREASE = '#1f6f4a';
const TOTAL = '#5f6b65';

/** A waterfall from the earlier year's figure to the later's: each line's volume effect, then its factor effect. */
function waterfall(bridge: FigureBridge): { option: ChartOption; steps: { label: string; value: number }[] } {
  // Effects of nothing are left out of the chart (the table lists every line).
  const steps = bridge.lines
    .flatMap((line) => [
      { label: `${line.label} · volume`, value: line.volume },
      { label: `${line.label} · factor`, value: line.factor },
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
      legend: { top: 0, data: ['Increase', 'Decrease', 'Total'] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => (typeof value === 'number' ? `${valueText('net', value)} tCO2e` : '') },
      xAxis: { type: 'category', data: categories, axisLabel: { rotate: 35, interval: 0, fontSize: 10 } },
      yAxis: { type: 'value', name: 'tCO2e' },
      series: [
        { name: 'Base', type: 'bar', stack: 'bridge', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, tooltip: { show: false } },
        { name: 'Increase', type: 'bar', stack: 'bridge', data: up, itemStyle: { color: INCREASE } },
        { name: 'Decrease', type: 'bar', stack: 'bridge', data: down, itemStyle: { color: DECREASE } },
        { name: 'Total', type: 'bar', stack: 'bridge', data: totals, itemStyle: { color: TOTAL } },
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
  if (years.length < 2) return <p className="muted">A bridge needs two fiscal years of figures.</p>;
  const chart = bridge ? waterfall(bridge) : null;
  return (
    <>
      <div className="toolbar bridge-form">
        <label>
          Figure
          <select aria-label="Figure" value={figure} onChange={(event) => setFigure(event.target.value)}>
            {EMISSION_FIGURES.map((id) => <option key={id} value={id}>{FIGURES[id].label}</option>)}
          </select>
        </label>
        <label>
          From
          <select aria-label="From" value={from} onChange={(event) => setFrom(event.target.value)}>{years.map((year) => <option key={year}>{year}</option>)}</select>
        </label>
        <label>
          To
          <select aria-label="To" value={to} onChange={(event) => setTo(event.target.value)}>{years.map((year) => <option key={year}>{year}</option>)}</select>
        </label>
        <label>
          By
          <select aria-label="By" value={by} onChange={(event) => setBy(event.target.value as 'site' | 'activity')}>
            <option value="site">site</option>
            <option value="activity">activity</option>
          </select>
        </label>
        {hasAdjustments && (
          <label className="checkbox">
            <input type="checkbox" checked={uncorrected} onChange={(event) => setUncorrected(event.target.checked)} /> As imported
          </label>
        )}
        <button type="button" className="primary" disabled={load.busy || from === to} onClick={() => void load.run()}>{load.busy ? 'Bridging…' : 'Show bridge'}</button>
      </div>
      {load.error && <p role="alert" className="notice danger">{load.error}</p>}
      {bridge && chart && (
        <div data-testid="bridge">
          <p>
            {bridge.figureLabel}{bridge.variant === 'uncorrected' ? ' as imported' : hasAdjustments ? ' after the proposed adjustments' : ''}: {bridge.from} {valueText('net', bridge.fromTco2e)} → {bridge.to} {valueText('net', bridge.toTco2e)} tCO2e
            {' '}({differenceText('net', bridge.change)} tCO2e): volume {differenceText('net', bridge.volume)}, factor {differenceText('net', bridge.factor)}.
          </p>
          <Chart
            title={`Variance bridge: ${bridge.figureLabel}, ${bridge.from} to ${bridge.to}, by ${bridge.by}`}
            summary={`From ${valueText('net', bridge.fromTco2e)} to ${valueText('net', bridge.toTco2e)} tCO2e; volume effects ${differenceText('net', bridge.volume)}, factor effects ${differenceText('net', bridge.factor)} tCO2e.`}
            option={chart.option}
            height={380}
            fileName={`bridge-${bridge.figure}-${bridge.from}-${bridge.to}-by-${bridge.by}`}
            table={{
              columns: [bridge.by === 'site' ? 'Site' : 'Activity', bridge.from, bridge.to, 'Change', 'Volume', 'Factor'],
              rows: [
                ...bridge.lines.map((line) => [line.label, valueText('net', line.fromTco2e), valueText('net', line.toTco2e), differenceText('net', line.change), differenceText('net', line.volume), differenceText('net', line.factor)]),
                ['Total', valueText('net', bridge.fromTco2e), valueText('net', bridge.toTco2e), differenceText('net', bridge.change), differenceText('net', bridge.volume), differenceText('net', bridge.factor)],
              ],
            }}
          />
        </div>
      )}
    </>
  );
}
