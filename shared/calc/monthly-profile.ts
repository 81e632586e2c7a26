/**
 * The monthly profile of one activity: each site's quantity per month over the engagement's
 * fiscal years, months labelled by the calendar ('Apr-22'). A month no record touches is a gap
 * (null), never a zero, so a missing quarter shows as a break in the line. A record spanning
 * several months (a quarterly bill) is spread over them by days, as the calculation splits years.
 */
import { daysInclusive, monthIndex, monthOfIndex, monthsSpan, toEpochDay } from '../civil-date';
import { calendarMonthLabel, fiscalYearOf, type FiscalSettings } from './fiscal';

/** Records of one site, meaning, unit and period, summed (the store groups them in SQL). */
export interface ProfileReading {
  readonly site: string | null;
  readonly meaning: string;
  readonly unit: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantity: number;
}

export interface ProfileMonth {
  /** First day, 'YYYY-MM-DD'. */
  readonly start: string;
  /** 'Apr-22'. */
  readonly label: string;
  readonly fiscalYear: string;
}

export interface ProfileSeries {
  readonly site: string | null;
  readonly meaning: string;
  readonly unit: string;
  /** Per month of `months`; null where no record touches the month. */
  readonly values: readonly (number | null)[];
  readonly gaps: number;
}

export interface MonthlyProfile {
  /** Activities with records, most records first: what the profile can show. */
  readonly activities: readonly { readonly key: string; readonly records: number }[];
  /** The activity shown; null when the engagement has no records. */
  readonly activity: string | null;
  readonly months: readonly ProfileMonth[];
  /** Largest total first, at most MAX_PROFILE_SERIES. */
  readonly series: readonly ProfileSeries[];
  /** Series left out to keep the chart readable (the smallest). */
  readonly omittedSeries: number;
}

export const MAX_PROFILE_SERIES = 12;

/** Every month of the fiscal years from the one `first` falls in to the one `last` falls in. */
export function fiscalMonths(first: string, last: string, fiscal: FiscalSettings): ProfileMonth[] {
  const from = fiscalYearOf(first, fiscal);
  const to = fiscalYearOf(last, fiscal);
  if (!from.ok || !to.ok) return [];
  const months: ProfileMonth[] = [];
  const [startYear, startMonth] = from.value.start.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.value.end.split('-').map(Number) as [number, number];
  for (let index = monthIndex(startYear, startMonth); index <= monthIndex(endYear, endMonth); index++) {
    const { year, month } = monthOfIndex(index);
    const start = monthsSpan(year, month, 1).start;
    const fiscalYear = fiscalYearOf(start, fiscal);
    months.push({ start, label: calendarMonthLabel(start), fiscalYear: fiscalYear.ok ? fiscalYear.value.label : '' });
  }
  return months;
}

/** The readings of one activity as series per site, meaning and unit over `months`. */
export function profileSeries(readings: readonly ProfileReading[], months: readonly ProfileMonth[]): { series: ProfileSeries[]; omitted: number } {
  const monthStarts = months.map((month) => toEpochDay(month.start));
  const monthEnds = months.map((month) => {
    const [year, monthNumber] = month.start.split('-').map(Number) as [number, number];
    return toEpochDay(monthsSpan(year, monthNumber, 1).end);
  });
  const bySeries = new Map<string, { site: string | null; meaning: string; unit: string; values: (number | null)[]; total: number }>();
  for (const reading of readings) {
    const key = JSON.stringify([reading.site, reading.meaning, reading.unit]);
    let series = bySeries.get(key);
    if (!series) {
      series = { site: reading.site, meaning: reading.meaning, unit: reading.unit, values: months.map(() => null), total: 0 };
      bySeries.set(key, series);
    }
    const start = toEpochDay(reading.periodStart);
    const end = toEpochDay(reading.periodEnd);
    const days = daysInclusive(reading.periodStart, reading.periodEnd);
    monthStarts.forEach((monthStart, index) => {
      const overlap = Math.min(end, monthEnds[index]!) - Math.max(start, monthStart) + 1;
      if (overlap <= 0) return;
      series.values[index] = (series.values[index] ?? 0) + (reading.quantity * overlap) / days;
    });
    series.total += Math.abs(reading.quantity);
  }
  const ordered = [...bySeries.values()].sort((a, b) => b.total - a.total || String(a.site).localeCompare(String(b.site)) || a.meaning.localeCompare(b.meaning) || a.unit.localeCompare(b.unit));
  return {
    series: ordered.slice(0, MAX_PROFILE_SERIES).map(({ site, meaning, unit, values }) => ({ site, meaning, unit, values, gaps: values.filter((value) => value === null).length })),
    omitted: Math.max(0, ordered.length - MAX_PROFILE_SERIES),
  };
}
