import type { TargetResult } from '../../../../shared/reconcile/targets';
import { Chart, type ChartOption } from '../../components/Chart';
import { figureKindOf } from '../../../../shared/reconcile/format';
import { valueText } from './figureText';

export const TARGET_STATUS_LABELS: Readonly<Record<TargetResult['status'], string>> = {
  met: 'Met',
  missed: 'Missed',
  'on-track': 'On track',
  'off-track': 'Off track',
  'not-assessable': 'Not assessable',
};

const COLOURS = { pathway: '#1f6f4a', actual: '#1d2a24', imported: '#9aa59f', projection: '#9a6700', target: '#a52a2a' } as const;

/** Pathway, actual (and as imported where adjustments moved it), the projection to the target year, and the level. */
function targetOption(target: TargetResult): ChartOption {
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
    grid: { left: 72, right: 24, top: 36, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? valueText(target.figure, value / scale) : '—') },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', scale: kind !== 'tco2e', axisLabel: { formatter: kind === 'fraction' ? '{value}%' : '{value}' } },
    series: [
      { name: 'Pathway', type: 'line', data: target.years.map((year) => shown(year.pathway)), lineStyle: { color: COLOURS.pathway }, itemStyle: { color: COLOURS.pathway }, connectNulls: true, symbol: 'none' },
      { name: 'Actual', type: 'line', data: target.years.map((year) => shown(year.actual)), lineStyle: { color: COLOURS.actual, width: 3 }, itemStyle: { color: COLOURS.actual }, symbolSize: 8 },
      ...(moved ? [{ name: 'As imported', type: 'line', data: target.years.map((year) => shown(year.actualUncorrected)), lineStyle: { color: COLOURS.imported, type: 'dotted' }, itemStyle: { color: COLOURS.imported } }] : []),
      ...(projection.length > 0 ? [{ name: 'Projection', type: 'line', data: projection, connectNulls: true, lineStyle: { color: COLOURS.projection, type: 'dashed' }, itemStyle: { color: COLOURS.projection } }] : []),
      ...(target.targetValue === null
        ? []
        : [{
            name: 'Target',
            type: 'line',
            data: [],
            lineStyle: { color: COLOURS.target, type: 'dashed' },
            itemStyle: { color: COLOURS.target },
            markLine: { symbol: 'none', lineStyle: { color: COLOURS.target, type: 'dashed' }, label: { position: 'insideStartTop', formatter: `target ${valueText(target.figure, target.targetValue)}` }, data: [{ yAxis: shown(target.targetValue) }] },
          }]),
    ],
  };
}

const KIND_LABELS: Readonly<Record<NonNullable<TargetResult['kind']>, string>> = {
  absolute: 'a level',
  'percent-vs-base': 'a % change against the base year',
  'percent-vs-prior': 'a % change on each prior year',
  threshold: 'a threshold',
  'linear-pathway': 'a linear pathway',
  'net-zero': 'net zero',
  'carbon-neutral': 'carbon neutral',
};

function TargetCard({ target }: { target: TargetResult }) {
  const kind = target.kind === null ? 'not read' : KIND_LABELS[target.kind];
  const summary = `${target.figureLabel ?? 'No figure'}, ${kind} by ${target.targetYear}: ${TARGET_STATUS_LABELS[target.status].toLowerCase()}. ${target.reason}`;
  return (
    <section className="target" data-target={target.id} aria-labelledby={`target-${target.id}`}>
      <div className="panel-head">
        <h3 id={`target-${target.id}`}>{target.name}</h3>
        <span className={`badge target-${target.status}`} data-testid="target-status">{TARGET_STATUS_LABELS[target.status]}</span>
      </div>
      <p className="muted small">
        {target.figureLabel ?? 'No figure'} · {kind}{target.baseYear ? ` from ${target.baseYear}` : ''} · by {target.targetYear}
        {target.targetValue !== null && ` · level ${valueText(target.figure, target.targetValue)}`} · {target.reading.origin} reading
      </p>
      <p className="small">{target.reason}</p>
      {target.years.length > 0 && target.status !== 'not-assessable' && (
        <Chart
          title={`Target pathway: ${target.name}`}
          summary={summary}
          option={targetOption(target)}
          fileName={`target-${target.id}-pathway`}
          table={{
            columns: ['Fiscal year', 'Pathway', 'Actual', 'As imported', 'On track'],
            rows: target.years.map((year) => [year.period, valueText(target.figure, year.pathway), valueText(target.figure, year.actual), valueText(target.figure, year.actualUncorrected), year.onTrack === null ? '' : year.onTrack ? 'Yes' : 'No']),
          }}
        />
      )}
      <p className="muted small">Projection: {valueText(target.figure, target.projection.value)} ({target.projection.method})</p>
    </section>
  );
}

export function TargetsPanel({ targets }: { targets: readonly TargetResult[] }) {
  if (targets.length === 0) return <p className="muted">No targets imported yet. Import the company’s targets to see their pathways.</p>;
  return <div className="targets">{targets.map((target) => <TargetCard key={target.id} target={target} />)}</div>;
}
