/**
 * One activity's monthly profile per site, months labelled by the fiscal calendar (Apr-22 …
 * Mar-23). A month without records is a break in the line and an empty cell in the table, never
 * a zero, so a missing quarter jumps out.
 */
import { useState } from 'react';
import type { MonthlyProfile, ProfileSeries } from '../../../../shared/calc/monthly-profile';
import { api } from '../../api';
import { Chart } from '../../components/Chart';
import { countOf, formatNumber, NO_VALUE } from '../../format';
import { t } from '../../../../shared/messages';
import { activityName } from '../../labels';
import { useLoaded } from '../../useLoaded';

function seriesName(series: ProfileSeries, profile: MonthlyProfile): string {
  const units = new Set(profile.series.map((other) => other.unit));
  const meanings = new Set(profile.series.map((other) => other.meaning));
  return [series.site ?? '(no site)', meanings.size > 1 ? series.meaning : null, units.size > 1 ? series.unit : null].filter(Boolean).join(', ');
}

/**
 * One value axis per unit, named by it: kWh and MWh drawn against one scale would flatten the
 * smaller unit's lines to nothing. The first on the left, the next on the right, further ones
 * outside them; only the first draws grid lines.
 */
function valueAxes(units: readonly string[]) {
  return units.map((unit, index) => ({ type: 'value', name: unit, position: index % 2 === 0 ? 'left' : 'right', offset: Math.floor(index / 2) * 64, splitLine: { show: index === 0 } }));
}

export function MonthlyProfileChart({ auditEntries }: { auditEntries: number }) {
  const [activity, setActivity] = useState<string | undefined>(undefined);
  const { value: profile, error } = useLoaded(() => api.call('inventory.monthlyProfile', activity === undefined ? {} : { activity }), [activity, auditEntries]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!profile || profile.activity === null) return null;
  const units = [...new Set(profile.series.map((series) => series.unit))];
  const gaps = profile.series.reduce((sum, series) => sum + series.gaps, 0);
  const label = activityName(profile.activity);
  return (
    <section className="card chart-wide" aria-labelledby="profile-chart">
      <h2 id="profile-chart">{t.monthlyProfileChart.heading(label)}</h2>
      <div className="profile-controls">
        <label>
          {t.monthlyProfileChart.activity}{' '}
          <select value={profile.activity} onChange={(event) => setActivity(event.target.value)}>
            {profile.activities.map((choice) => <option key={choice.key} value={choice.key}>{activityName(choice.key)} ({countOf(choice.records, t.monthlyProfileChart.record, t.monthlyProfileChart.records)})</option>)}
          </select>
        </label>
        <span className="muted small" data-testid="profile-gaps">
          {gaps === 0 ? t.monthlyProfileChart.noMonthMissing : t.monthlyProfileChart.withoutReading(countOf(gaps, t.monthlyProfileChart.month, t.monthlyProfileChart.months))}
          {profile.omittedSeries > 0 && t.monthlyProfileChart.notDrawn(countOf(profile.omittedSeries, t.monthlyProfileChart.smallestSite, t.monthlyProfileChart.smallestSites))}
        </span>
      </div>
      <Chart
        title={t.monthlyProfileChart.title(label)}
        summary={t.monthlyProfileChart.summary(label, profile.months[0]?.label ?? '', profile.months[profile.months.length - 1]?.label ?? '', units.join(t.monthlyProfileChart.and) + (units.length > 1 ? t.monthlyProfileChart.eachOnItsOwnAxis : ''))}
        fileName={`monthly-profile-${profile.activity}`}
        height={320}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0, type: 'scroll' },
          grid: { left: 72, right: units.length > 1 ? 72 : 16, top: 56, bottom: 48 },
          xAxis: { type: 'category', data: profile.months.map((month) => month.label), axisLabel: { rotate: 45 } },
          yAxis: valueAxes(units),
          // connectNulls false: a missing month breaks the line.
          series: profile.series.map((series) => ({ name: seriesName(series, profile), type: 'line', yAxisIndex: units.indexOf(series.unit), connectNulls: false, showSymbol: true, symbolSize: 4, data: series.values })),
        }}
        table={{
          columns: ['Month', 'Fiscal year', ...profile.series.map((series) => seriesName(series, profile))],
          rows: profile.months.map((month, index) => [month.label, month.fiscalYear, ...profile.series.map((series) => (series.values[index] === null ? NO_VALUE : formatNumber(series.values[index]!)))]),
        }}
      />
    </section>
  );
}
