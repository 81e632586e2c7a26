/**
 * Gaps: months of the engagement's fiscal years with no reading for a site's activity. A month the
 * source lists with its quantity left blank (a closed site, a reading not reported) is told apart
 * from a month absent from the source altogether, because they call for different evidence.
 */
import { z } from 'zod';
import { ACTIVITY_MEANINGS } from '../../activities';
import { fiscalYearOfMonth, groupBy, median, monthLabel, monthsOfPeriod, monthsTouched, seriesKey, seriesLabel, seriesSubject, type SeriesKey } from './series';
import { defineRule, type RuleFinding } from './types';

export const GAP_KINDS = { blank: 'blank-in-source', absent: 'absent' } as const;

export const gapsRule = defineRule({
  name: 'gaps',
  title: 'Missing months',
  doc: 'Months of the engagement’s fiscal years without a reading for a site’s activity: blank in the source, or absent from it altogether.',
  severity: 'medium',
  parameters: z.object({
    meanings: z.array(z.enum(ACTIVITY_MEANINGS)).default(['consumption', 'metric']).describe('Which kinds of reading are expected every month'),
    withinSeriesOnly: z.boolean().default(false).describe('Only months between a series’ first and last reading (not a site that opened or closed in the year)'),
  }),
  run(data, { meanings, withinSeriesOnly }, { periods }) {
    const wanted = new Set<string>(meanings);
    const records = data.records.filter((record) => wanted.has(record.meaning));
    const blanks = data.blanks.filter((blank) => wanted.has(blank.meaning));
    const recordsBySeries = groupBy(records, seriesKey);
    const blanksBySeries = groupBy(blanks, seriesKey);
    const series = new Map<string, SeriesKey>();
    for (const item of [...records, ...blanks]) if (!series.has(seriesKey(item))) series.set(seriesKey(item), item);

    const findings: RuleFinding[] = [];
    for (const [key, identity] of series) {
      const seriesRecords = recordsBySeries.get(key) ?? [];
      const covered = new Set(seriesRecords.flatMap((record) => monthsTouched(record.periodStart, record.periodEnd)));
      const blankRows = new Map<number, number[]>();
      for (const blank of blanksBySeries.get(key) ?? []) {
        for (const month of monthsTouched(blank.periodStart, blank.periodEnd)) blankRows.set(month, [...(blankRows.get(month) ?? []), blank.rawRowId]);
      }
      const coveredMonths = [...covered].sort((a, b) => a - b);
      const first = coveredMonths[0];
      const last = coveredMonths[coveredMonths.length - 1];
      const monthlyTco2e = monthlyTonnes(seriesRecords);
      for (const period of periods) {
        for (const month of monthsOfPeriod(period)) {
          if (covered.has(month)) continue;
          if (withinSeriesOnly && (first === undefined || month < first || month > last!)) continue;
          const rows = [...new Set(blankRows.get(month) ?? [])].sort((a, b) => a - b);
          const kind = rows.length > 0 ? GAP_KINDS.blank : GAP_KINDS.absent;
          const label = monthLabel(month);
          findings.push({
            subject: `${seriesSubject(identity)}|${label}`,
            cause: kind,
            severity: 'medium',
            message: kind === GAP_KINDS.blank
              ? `${seriesLabel(identity)}: no reading for ${label}; the source lists the month with its quantity blank`
              : `${seriesLabel(identity)}: no reading for ${label}; the month is absent from every source`,
            site: identity.site,
            activity: identity.activity,
            period: label,
            figures: { kind, fiscalYear: fiscalYearOfMonth(month, data.fiscal)?.label ?? null, monthsWithReadings: coveredMonths.length },
            tco2eAtStake: monthlyTco2e,
            atStakeEstimated: monthlyTco2e !== null,
            recordIds: [],
            rawRowIds: rows,
          });
        }
      }
    }
    return findings;
  },
});

/** The series' median tCO2e per month (a record spread evenly over its months): a missing month's estimate. */
function monthlyTonnes(records: readonly { periodStart: string; periodEnd: string; tco2e: number | null }[]): number | null {
  if (records.length === 0 || records.some((record) => record.tco2e === null)) return null;
  const byMonth = new Map<number, number>();
  for (const record of records) {
    const months = monthsTouched(record.periodStart, record.periodEnd);
    for (const month of months) byMonth.set(month, (byMonth.get(month) ?? 0) + record.tco2e! / months.length);
  }
  return median([...byMonth.values()]);
}
