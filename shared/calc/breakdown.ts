/**
 * Drill-down of a fiscal-year figure into quarters or months. Each line's tCO2e is spread over the
 * days its record covers inside the fiscal year, pro rata by days (the rule records spanning
 * fiscal years already follow); the parts of a line add back to it exactly, and each quarter or
 * month is an exact sum, so the periods add up to the figure.
 *
 * Lines stream past (PeriodBreakdown): memory grows with the periods and the distinct record
 * periods met, not with the lines.
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

/** The fiscal quarters or months a line's days in its fiscal year fall in: the same for every line of one record period. */
type Segments = FiscalResult<{ readonly shares: readonly FiscalYearShare[]; readonly buckets: readonly Bucket[] }>;

interface Bucket {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly sum: ExactSum;
}

/** Record periods remembered at once. */
const MAX_REMEMBERED_PERIODS = 10_000;

export class PeriodBreakdown {
  private readonly buckets = new Map<string, Bucket>();
  private readonly segments = new Map<string, Segments>();
  private failure: string | null = null;

  constructor(
    private readonly granularity: Granularity,
    private readonly fiscal: FiscalSettings,
  ) {}

  add(line: BreakdownLine): void {
    if (this.failure !== null) return;
    const segments = this.segmentsOf(line);
    if (!segments.ok) {
      this.failure = segments.reason;
      return;
    }
    const { shares, buckets } = segments.value;
    if (buckets.length === 1) {
      buckets[0]!.sum.add(line.tco2e);
      return;
    }
    const parts = allocateQuantity(line.tco2e, shares);
    if (!parts.ok) {
      this.failure = parts.reason;
      return;
    }
    buckets.forEach((bucket, index) => bucket.sum.add(parts.value[index] ?? 0));
  }

  result(): FiscalResult<PeriodPart[]> {
    if (this.failure !== null) return { ok: false, reason: this.failure };
    return {
      ok: true,
      value: [...this.buckets.values()]
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
        .map((bucket) => ({ label: bucket.label, start: bucket.start, end: bucket.end, tco2e: bucket.sum.value() })),
    };
  }

  private segmentsOf(line: BreakdownLine): Segments {
    const key = `${line.fiscalYear}\u0001${line.periodStart}\u0001${line.periodEnd}`;
    let segments = this.segments.get(key);
    if (!segments) {
      if (this.segments.size >= MAX_REMEMBERED_PERIODS) this.segments.clear();
      segments = this.split(line);
      this.segments.set(key, segments);
    }
    return segments;
  }

  private split(line: BreakdownLine): Segments {
    const { fiscal } = this;
    const periodOf = this.granularity === 'quarter' ? fiscalQuarterOf : fiscalMonthOf;
    const year = fiscalYearByLabel(line.fiscalYear, fiscal);
    if (!year.ok) return year;
    const from = later(line.periodStart, year.value.start);
    const to = earlier(line.periodEnd, year.value.end);
    if (from > to) return { ok: false, reason: `a ${line.fiscalYear} line's period ${line.periodStart}..${line.periodEnd} lies outside ${line.fiscalYear}` };
    const shares: FiscalYearShare[] = [];
    const buckets: Bucket[] = [];
    for (let day = from; day <= to; ) {
      const period = periodOf(day, fiscal);
      if (!period.ok) return period;
      const end = earlier(period.value.end, to);
      shares.push({ label: period.value.label, start: day, end, days: daysInclusive(day, end), totalDays: daysInclusive(from, to) });
      buckets.push(this.bucket(period.value.label, period.value.start, period.value.end));
      day = fromEpochDay(toEpochDay(end) + 1);
    }
    return { ok: true, value: { shares, buckets } };
  }

  private bucket(label: string, start: string, end: string): Bucket {
    let bucket = this.buckets.get(label);
    if (!bucket) {
      bucket = { label, start, end, sum: new ExactSum() };
      this.buckets.set(label, bucket);
    }
    return bucket;
  }
}

/** The breakdown of lines held in memory. */
export function breakdownByPeriod(lines: Iterable<BreakdownLine>, granularity: Granularity, fiscal: FiscalSettings): FiscalResult<PeriodPart[]> {
  const breakdown = new PeriodBreakdown(granularity, fiscal);
  for (const line of lines) breakdown.add(line);
  return breakdown.result();
}
