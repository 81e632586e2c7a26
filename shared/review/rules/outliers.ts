/**
 * Outliers, each with the range it was expected in: a fiscal year far from the year before
 * (per site and activity, on the average month so that a missing month is not a change), and a
 * month far from the site's own pattern, judged robustly (median and median absolute deviation,
 * Iglewicz and Hoaglin's modified z-score), so that one wild month cannot hide itself.
 */
import { z } from 'zod';
import { ACTIVITY_MEANINGS } from '../../activities';
import { allocateByDays, allocateQuantity } from '../../calc/fiscal';
import { dominantUnit, groupBy, idsOf, inUnitOf, median, monthLabel, monthOf, monthsTouched, round, seriesKey, seriesLabel, seriesSubject } from './series';
import { defineRule, type ReviewRecord, type RuleFinding } from './types';

const meaningsParameter = () => z.array(z.enum(ACTIVITY_MEANINGS)).default(['consumption', 'metric']).describe('Which kinds of reading are compared');

/** MAD × this estimates the standard deviation of normally distributed data. */
const MAD_TO_SIGMA = 1.4826;
/** Mean absolute deviation × this estimates it, when more than half the months are equal (MAD = 0). */
const MEAN_AD_TO_SIGMA = 1.253314;

interface YearTally {
  quantity: number;
  tco2e: number | null;
  readonly months: Set<number>;
  readonly records: ReviewRecord[];
}

export const yearOnYearRule = defineRule({
  name: 'outliers-year-on-year',
  title: 'Year-on-year change',
  doc: 'A site’s activity whose average month moved by more than the threshold from the previous fiscal year.',
  severity: 'low',
  parameters: z.object({
    thresholdPercent: z.number().gt(0).default(25).describe('Change in the average month, in %, above which a year is listed'),
    minMonths: z.number().int().min(1).max(12).default(6).describe('Months with readings each year needs to be compared'),
    meanings: meaningsParameter(),
  }),
  run(data, { thresholdPercent, minMonths, meanings }, { periods }) {
    const labels = new Set(periods.map((period) => period.label));
    const findings: RuleFinding[] = [];
    for (const records of groupBy(data.records.filter((record) => meanings.includes(record.meaning)), seriesKey).values()) {
      const reference = dominantUnit(records);
      const years = new Map<string, YearTally>();
      for (const record of records) {
        const quantity = inUnitOf(record, reference);
        const shares = allocateByDays(record.periodStart, record.periodEnd, data.fiscal);
        if (quantity === null || !shares.ok) continue;
        const parts = allocateQuantity(quantity, shares.value);
        if (!parts.ok) continue;
        shares.value.forEach((share, index) => {
          if (!labels.has(share.label)) return;
          let year = years.get(share.label);
          if (!year) years.set(share.label, (year = { quantity: 0, tco2e: 0, months: new Set(), records: [] }));
          year.quantity += parts.value[index]!;
          year.tco2e = year.tco2e === null || record.tco2e === null ? null : year.tco2e + (record.tco2e * share.days) / share.totalDays;
          for (const month of monthsTouched(share.start, share.end)) year.months.add(month);
          year.records.push(record);
        });
      }
      for (let index = 1; index < periods.length; index++) {
        const before = years.get(periods[index - 1]!.label);
        const now = years.get(periods[index]!.label);
        if (!before || !now || before.months.size < minMonths || now.months.size < minMonths) continue;
        const averageBefore = before.quantity / before.months.size;
        const averageNow = now.quantity / now.months.size;
        if (averageBefore <= 0) continue;
        const change = (100 * (averageNow - averageBefore)) / averageBefore;
        if (Math.abs(change) <= thresholdPercent) continue;
        const first = records[0]!;
        const label = periods[index]!.label;
        const expectedLow = averageBefore * (1 - thresholdPercent / 100) * now.months.size;
        const expectedHigh = averageBefore * (1 + thresholdPercent / 100) * now.months.size;
        findings.push({
          subject: `${seriesSubject(first)}|${label}`,
          cause: [round(averageBefore), round(averageNow)],
          severity: 'low',
          message: `${seriesLabel(first)}, ${label}: ${round(now.quantity, 3)} ${reference.unit} over ${now.months.size} months, ${change > 0 ? 'up' : 'down'} ${round(Math.abs(change), 1)}% a month on ${periods[index - 1]!.label} (expected ${round(Math.max(0, expectedLow), 3)} to ${round(expectedHigh, 3)})`,
          site: first.site,
          activity: first.activity,
          period: label,
          figures: {
            unit: reference.unit, value: round(now.quantity), previous: round(before.quantity), changePercent: round(change, 2),
            expectedLow: round(Math.max(0, expectedLow)), expectedHigh: round(expectedHigh), months: now.months.size, previousMonths: before.months.size,
          },
          tco2eAtStake: now.tco2e === null || before.tco2e === null ? null : Math.abs(now.tco2e - (before.tco2e * now.months.size) / before.months.size),
          atStakeEstimated: false,
          ...idsOf(now.records),
        });
      }
    }
    return findings;
  },
});

export const monthlyOutlierRule = defineRule({
  name: 'outliers-monthly',
  title: 'Unusual month',
  doc: 'A month far from the site’s own pattern for that activity (modified z-score on the median absolute deviation).',
  severity: 'low',
  parameters: z.object({
    threshold: z.number().gt(0).default(3.5).describe('Modified z-score above which a month is listed (3.5 after Iglewicz and Hoaglin)'),
    minMonths: z.number().int().min(3).default(6).describe('Months of readings a series needs before its pattern is judged'),
    meanings: meaningsParameter(),
  }),
  run(data, { threshold, minMonths, meanings }) {
    const findings: RuleFinding[] = [];
    for (const records of groupBy(data.records.filter((record) => meanings.includes(record.meaning)), seriesKey).values()) {
      const reference = dominantUnit(records);
      const months = new Map<number, { quantity: number; records: ReviewRecord[] }>();
      for (const record of records) {
        const month = monthOf(record.periodStart);
        // Only readings of one calendar month make a monthly pattern.
        if (month !== monthOf(record.periodEnd)) continue;
        const quantity = inUnitOf(record, reference);
        if (quantity === null) continue;
        const tally = months.get(month) ?? { quantity: 0, records: [] };
        tally.quantity += quantity;
        tally.records.push(record);
        months.set(month, tally);
      }
      if (months.size < minMonths) continue;
      const values = [...months.values()].map((month) => month.quantity);
      const centre = median(values);
      const deviations = values.map((value) => Math.abs(value - centre));
      const mad = median(deviations);
      const sigma = mad > 0 ? MAD_TO_SIGMA * mad : MEAN_AD_TO_SIGMA * (deviations.reduce((sum, value) => sum + value, 0) / deviations.length);
      if (sigma === 0) continue;
      const low = centre - threshold * sigma;
      const high = centre + threshold * sigma;
      for (const [month, tally] of [...months].sort((a, b) => a[0] - b[0])) {
        const score = (tally.quantity - centre) / sigma;
        if (Math.abs(score) <= threshold) continue;
        const first = tally.records[0]!;
        const label = monthLabel(month);
        const tco2e = tally.records.every((record) => record.tco2e !== null) ? tally.records.reduce((sum, record) => sum + record.tco2e!, 0) : null;
        findings.push({
          subject: `${seriesSubject(first)}|${label}`,
          cause: [round(tally.quantity), round(centre), round(sigma)],
          severity: 'low',
          message: `${seriesLabel(first)}, ${label}: ${round(tally.quantity, 3)} ${reference.unit}, outside the expected ${round(Math.max(0, low), 3)} to ${round(high, 3)} (median ${round(centre, 3)}, modified z-score ${round(score, 1)})`,
          site: first.site,
          activity: first.activity,
          period: label,
          figures: { unit: reference.unit, value: round(tally.quantity), median: round(centre), expectedLow: round(Math.max(0, low)), expectedHigh: round(high), score: round(score, 2) },
          // The part of the month's emissions outside its expected level.
          tco2eAtStake: tco2e === null || tally.quantity === 0 ? null : Math.abs(tco2e * (tally.quantity - centre) / tally.quantity),
          atStakeEstimated: false,
          ...idsOf(tally.records),
        });
      }
    }
    return findings;
  },
});
