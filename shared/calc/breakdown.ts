/**
 * Drill-down of a fiscal-year figure into quarters or months. Each line's tCO2e is spread over the
 * days its record covers inside the fiscal year, pro rata by days (the rule records spanning
 * fiscal years already follow); the parts of a line add back to it exactly, and each quarter or
 * month is an exact sum, so the periods add up to the figure.
 */
import { daysInclusive, fromEpochDay, toEpochDay } from '../civil-date';
import {
  allocateQuantity,
  fiscalMonthOf,
  fiscalQuarterOf,
  fiscalYearByLabel,
  type FiscalResult,
  type FiscalSettings,
  type FiscalYearShare,
} from './fiscal';
import { ExactSum } from './sum';

export type Granularity = 'quarter' | 'month';

export interface BreakdownLine {
  readonly fiscalYear: string;
  /** The record's own period (inclusive ISO dates). */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly tco2e: number;
}

export interface PeriodPart {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly tco2e: number;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

export function breakdownByPeriod(lines: readonly BreakdownLine[], granularity: Granularity, fiscal: FiscalSettings): FiscalResult<PeriodPart[]> {
  const periodOf = granularity === 'quarter' ? fiscalQuarterOf : fiscalMonthOf;
  const buckets = new Map<string, { start: string; end: string; sum: ExactSum }>();
  for (const line of lines) {
    const year = fiscalYearByLabel(line.fiscalYear, fiscal);
    if (!year.ok) return year;
    const from = later(line.periodStart, year.value.start);
    const to = earlier(line.periodEnd, year.value.end);
    if (from > to) return { ok: false, reason: `a ${line.fiscalYear} line's period ${line.periodStart}..${line.periodEnd} lies outside ${line.fiscalYear}` };
    const segments: FiscalYearShare[] = [];
    for (let day = from; day <= to; ) {
      const period = periodOf(day, fiscal);
      if (!period.ok) return period;
      const end = earlier(period.value.end, to);
      segments.push({ label: period.value.label, start: day, end, days: daysInclusive(day, end), totalDays: daysInclusive(from, to) });
      if (!buckets.has(period.value.label)) buckets.set(period.value.label, { start: period.value.start, end: period.value.end, sum: new ExactSum() });
      day = fromEpochDay(toEpochDay(end) + 1);
    }
    const parts = allocateQuantity(line.tco2e, segments);
    if (!parts.ok) return parts;
    segments.forEach((segment, index) => buckets.get(segment.label)!.sum.add(parts.value[index] ?? 0));
  }
  return {
    ok: true,
    value: [...buckets.entries()]
      .sort(([, a], [, b]) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
      .map(([label, bucket]) => ({ label, start: bucket.start, end: bucket.end, tco2e: bucket.sum.value() })),
  };
}
