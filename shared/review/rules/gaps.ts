/**
 * Gaps: months of the engagement's fiscal years with no reading for a site's activity. A month the
 * source lists with its quantity left blank (a closed site, a reading not reported) is told apart
 * from a month absent from the source altogether, because they call for different evidence.
 * Activities recorded only when they happen (refrigerant top-ups) have no monthly reading to miss,
 * and a column blank in every month for a site is one thing to confirm, not a gap a month. Nor
 * has a fuel delivered now and then (one diesel delivery a year): a series is expected every month
 * when its activity is metered (electricity, gas, heat, cooling, data-centre energy), or when its
 * own readings show it is read monthly: readings of about a month each, in consecutive months.
 * How many months it covers does not decide it, since a series that stops is what a gap is.
 */
import { z } from 'zod';
import { ACTIVITY_MEANINGS, activityByKey } from '../../activities';
import { daysInclusive } from '../../civil-date';
import { fiscalYearOfMonth, groupBy, median, METERED_ACTIVITIES, monthLabel, monthOf, monthsOfPeriod, monthsTouched, seriesKey, seriesLabel, seriesSubject, type SeriesKey } from './series';
import { defineRule, type RuleFinding } from './types';

export const GAP_KINDS = { blank: 'blank-in-source', absent: 'absent', neverRead: 'blank-throughout' } as const;

export const gapsRule = defineRule({
  name: 'gaps',
  title: 'Missing months',
  doc: 'Months of the engagement’s fiscal years without a reading for a site’s activity: blank in the source, or absent from it altogether.',
  severity: 'medium',
  parameters: z.object({
    meanings: z.array(z.enum(ACTIVITY_MEANINGS)).default(['consumption', 'metric']).describe('Which kinds of reading are expected every month'),
    withinSeriesOnly: z.boolean().default(false).describe('Only months between a series’ first and last reading (not a site that opened or closed in the year)'),
    metered: z.array(z.string()).default([...METERED_ACTIVITIES]).describe('Activities read every month (metered), whose missing months are listed however few readings the series has'),
    minConsecutiveMonths: z.number().int().min(2).max(12).default(2).describe('Consecutive month-long readings that show another activity’s series is read monthly (deliveries now and then have no month to miss)'),
  }),
  run(data, { meanings, withinSeriesOnly, metered, minConsecutiveMonths }, { periods }) {
    const everyMonth = new Set(metered);
    const wanted = new Set<string>(meanings);
    const expectedMonthly = (reading: { meaning: string; activity: string }) => wanted.has(reading.meaning) && !activityByKey(reading.activity)?.occasional;
    const records = data.records.filter(expectedMonthly);
    const blanks = data.blanks.filter(expectedMonthly);
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
      if (covered.size === 0) {
        // A column left blank for a site in every month it lists: most likely an activity the site
        // does not have (no diesel at an office), one thing to confirm rather than a gap a month.
        const rows = [...new Set([...blankRows.values()].flat())].sort((a, b) => a - b);
        findings.push({
          subject: `${seriesSubject(identity)}|all`,
          cause: GAP_KINDS.neverRead,
          severity: 'low',
          message: `${seriesLabel(identity)}: blank in all ${blankRows.size} months the source lists; confirm the site has none`,
          site: identity.site,
          activity: identity.activity,
          period: null,
          figures: { kind: GAP_KINDS.neverRead, blankMonths: blankRows.size },
          tco2eAtStake: null,
          atStakeEstimated: false,
          recordIds: [],
          rawRowIds: rows,
        });
        continue;
      }
      if (!everyMonth.has(identity.activity) && !readsMonthly(seriesRecords, minConsecutiveMonths)) continue;
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

/** A reading of about one calendar month (a month's bill, whatever its start day), as a monthly meter read gives. */
const MONTH_LONG_DAYS = { min: 27, max: 32 } as const;

/** Whether the series' readings include `run` month-long readings in consecutive months. */
function readsMonthly(records: readonly { periodStart: string; periodEnd: string }[], run: number): boolean {
  const months = [...new Set(records.filter((record) => {
    const days = daysInclusive(record.periodStart, record.periodEnd);
    return days >= MONTH_LONG_DAYS.min && days <= MONTH_LONG_DAYS.max;
  }).map((record) => monthOf(record.periodStart)))].sort((a, b) => a - b);
  let length = 0;
  for (let index = 0; index < months.length; index++) {
    length = index > 0 && months[index]! === months[index - 1]! + 1 ? length + 1 : 1;
    if (length >= run) return true;
  }
  return false;
}

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
