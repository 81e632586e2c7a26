import type { TargetResult } from '../../../../shared/reconcile/targets';
import { Chart, type ChartOption } from '../../components/Chart';
import { figureKindOf } from '../../../../shared/reconcile/format';
import { usePalette, type Palette } from '../../theme';
import { valueText } from './figureText';
import { t } from '../../../../shared/messages';
import { figureNameOf } from '../../labels';

export const TARGET_STATUS_LABELS: Readonly<Record<TargetResult['status'], string>> = {
  met: t.targetsPanel.met,
  missed: t.targetsPanel.missed,
  'on-track': t.targetsPanel.onTrack,
  'off-track': t.targetsPanel.offTrack,
  'not-assessable': t.targetsPanel.notAssessable,
};

/** Pathway, actual (and as imported where adjustments moved it), the projection to the target year, and the level. */
function targetOption(target: TargetResult, palette: Palette): ChartOption {
  const colours = { pathway: palette.accent, actual: palette.ink, imported: palette.muted, projection: palette.warn, target: palette.danger };
  const kind = figureKindOf(target.figure);
  const years = target.years.map((year) => year.period);
  const scale = kind === 'fraction' ? 100 : 1;
  const shown = (value: number | null) => (value === null ? null : value * scale);
  const last = [...target.years].reverse().find((year) => year.actual !== null);
  const projection = target.projection.value !== null && last
    ? years.map((period) => (period === last.period ? shown(last.actual) : period === target.targetYear ? shown(target.projection.value) : null))
    : [];
  const moved = target.years.some((year) => year.actual !== year.actualUncorrected);
  return {
    grid: { left: 72, right: 24, top: 28, bottom: 60 },
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? valueText(target.figure, value / scale) : '—') },
    xAxis: { type: 'category', data: years },
    // Named by its unit where the labels do not say it (shares carry their % sign, a ratio has none).
    yAxis: { type: 'value', name: kind === 'tco2e' ? 'tCO2e' : undefined, scale: kind !== 'tco2e', axisLabel: { formatter: kind === 'fraction' ? '{value}%' : '{value}' } },
    series: [
      { name: t.targetsPanel.pathway, type: 'line', data: target.years.map((year) => shown(year.pathway)), lineStyle: { color: colours.pathway }, itemStyle: { color: colours.pathway }, connectNulls: true, symbol: 'none' },
      { name: t.targetsPanel.actual, type: 'line', data: target.years.map((year) => shown(year.actual)), lineStyle: { color: colours.actual, width: 3 }, itemStyle: { color: colours.actual }, symbolSize: 8 },
      ...(moved ? [{ name: t.targetsPanel.asImported, type: 'line', data: target.years.map((year) => shown(year.actualUncorrected)), lineStyle: { color: colours.imported, type: 'dotted' }, itemStyle: { color: colours.imported } }] : []),
      ...(projection.length > 0 ? [{ name: t.targetsPanel.projection2, type: 'line', data: projection, connectNulls: true, lineStyle: { color: colours.projection, type: 'dashed' }, itemStyle: { color: colours.projection } }] : []),
      ...(target.targetValue === null
        ? []
        : [{
            name: t.targetsPanel.target,
            type: 'line',
            data: [],
            lineStyle: { color: colours.target, type: 'dashed' },
            itemStyle: { color: colours.target },
            markLine: { symbol: 'none', lineStyle: { color: colours.target, type: 'dashed' }, label: { position: 'insideStartTop', formatter: `target ${valueText(target.figure, target.targetValue)}` }, data: [{ yAxis: shown(target.targetValue) }] },
          }]),
    ],
  };
}

const KIND_LABELS: Readonly<Record<NonNullable<TargetResult['kind']>, string>> = {
  absolute: t.targetsPanel.aLevel,
  'percent-vs-base': t.targetsPanel.aChangeAgainstTheBase,
  'percent-vs-prior': t.targetsPanel.aChangeOnEachPrior,
  threshold: t.targetsPanel.aThreshold,
  'linear-pathway': t.targetsPanel.aLinearPathway,
  'net-zero': t.targetsPanel.netZero,
  'carbon-neutral': t.targetsPanel.carbonNeutral,
};

function TargetCard({ target }: { target: TargetResult }) {
  const palette = usePalette();
  const kind = target.kind === null ? t.targetsPanel.notRead : KIND_LABELS[target.kind];
  const figure = figureNameOf(target.figure) ?? t.targetsPanel.noFigure;
  const summary = `${figure}, ${kind} by ${target.targetYear}: ${TARGET_STATUS_LABELS[target.status].toLowerCase()}. ${target.reason}`;
  return (
    <section className="target" data-target={target.id} aria-labelledby={`target-${target.id}`}>
      <div className="panel-head">
        <h3 id={`target-${target.id}`}>{target.name}</h3>
        <span className={`badge target-${target.status}`} data-testid="target-status">{TARGET_STATUS_LABELS[target.status]}</span>
      </div>
      <p className="muted small">
        {t.targetsPanel.by2(figure, kind, target.baseYear ? t.targetsPanel.from(target.baseYear) : '', target.targetYear)}
        {target.targetValue !== null && t.targetsPanel.level(valueText(target.figure, target.targetValue))} {t.targetsPanel.reading(target.reading.origin)}
      </p>
      <p className="small">{target.reason}</p>
      {target.years.length > 0 && target.status !== 'not-assessable' && (
        <Chart
          title={t.targetsPanel.targetPathway(target.name)}
          summary={summary}
          option={targetOption(target, palette)}
          fileName={`target-${target.id}-pathway`}
          table={{
            columns: [t.targetsPanel.fiscalYear, t.targetsPanel.pathway, t.targetsPanel.actual, t.targetsPanel.asImported, t.targetsPanel.onTrack],
            rows: target.years.map((year) => [year.period, valueText(target.figure, year.pathway), valueText(target.figure, year.actual), valueText(target.figure, year.actualUncorrected), year.onTrack === null ? '' : year.onTrack ? t.targetsPanel.yes : t.targetsPanel.no]),
          }}
        />
      )}
      <p className="muted small">{t.targetsPanel.projection(valueText(target.figure, target.projection.value), target.projection.method)}</p>
    </section>
  );
}

export function TargetsPanel({ targets }: { targets: readonly TargetResult[] }) {
  if (targets.length === 0) return <p className="muted">{t.targetsPanel.noTargetsImportedYetImport}</p>;
  return <div className="targets">{targets.map((target) => <TargetCard key={target.id} target={target} />)}</div>;
}
