/**
 * Fiscal calendar: which fiscal year, quarter or month a date falls in, and pro-rata allocation
 * of a reading period across fiscal years by days.
 *
 * Dates are ISO 'YYYY-MM-DD' strings (years 0000–9999). Day arithmetic is done on integer days
 * since 1970-01-01 in the proleptic Gregorian calendar, never on local-time Date objects, so
 * results do not depend on the machine's time zone.
 */
import { daysFromCivil, fromEpochDay, isIsoDate, MAX_YEAR, MIN_YEAR, monthIndex, monthOfIndex, parseIsoDate, toEpochDay } from '../civil-date';
import { ulp } from './sum';

export const FISCAL_LABEL_RULES = ['end-year', 'start-year'] as const;
/** 'end-year': FY2023 = Apr 2022 – Mar 2023 (labelled by the year it ends in); 'start-year': FY2022. */
export type FiscalLabelRule = (typeof FISCAL_LABEL_RULES)[number];

export interface FiscalSettings {
  /** Month the fiscal year starts in, 1 (January) to 12. */
  readonly startMonth: number;
  readonly labelRule: FiscalLabelRule;
}

/** A fiscal year, quarter or month; start and end are both inclusive. */
export interface FiscalPeriod {
  readonly label: string;
  readonly start: string;
  readonly end: string;
}

/** The part of a period that falls in one fiscal year, for pro-rata allocation. */
export interface FiscalYearShare {
  /** The fiscal year's label. */
  readonly label: string;
  /** First and last day of the period inside this fiscal year. */
  readonly start: string;
  readonly end: string;
  readonly days: number;
  /** Days in the whole period; the same on every share. */
  readonly totalDays: number;
}

export type FiscalResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

// ---------------------------------------------------------------------------------------------
// Fiscal periods

function firstDayOfMonthIndex(index: number): number {
  const { year, month } = monthOfIndex(index);
  return daysFromCivil(year, month, 1);
}

/** The `months` months starting at a month index, as epoch days. */
function spanOfMonths(firstMonth: number, months: number): { start: number; end: number } {
  return { start: firstDayOfMonthIndex(firstMonth), end: firstDayOfMonthIndex(firstMonth + months) - 1 };
}

function settingsProblem(settings: FiscalSettings): string | undefined {
  const { startMonth, labelRule } = settings;
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    return `fiscal year start month must be a whole number from 1 to 12, not ${startMonth}`;
  }
  if (!FISCAL_LABEL_RULES.includes(labelRule)) {
    return `fiscal year label rule must be 'end-year' or 'start-year', not '${String(labelRule)}'`;
  }
  return undefined;
}

/** The year in a fiscal year's label, given the calendar year it starts in. */
function labelYearOf(startYear: number, settings: FiscalSettings): number {
  return settings.startMonth !== 1 && settings.labelRule === 'end-year' ? startYear + 1 : startYear;
}

function startYearOf(labelYear: number, settings: FiscalSettings): number {
  return settings.startMonth !== 1 && settings.labelRule === 'end-year' ? labelYear - 1 : labelYear;
}

function fiscalYearLabel(startYear: number, settings: FiscalSettings): string {
  return `FY${String(labelYearOf(startYear, settings)).padStart(4, '0')}`;
}

/** Dates are limited to years 0000–9999, so every fiscal year must fit in them too. */
function yearRangeProblem(startYear: number, settings: FiscalSettings): string | undefined {
  const lastYear = settings.startMonth === 1 ? startYear : startYear + 1;
  if (startYear >= MIN_YEAR && lastYear <= MAX_YEAR) return undefined;
  return `the fiscal year starting in ${startYear} is outside years 0000–9999`;
}

function fiscalYearStartingIn(startYear: number, settings: FiscalSettings): FiscalResult<FiscalPeriod> {
  const rangeProblem = yearRangeProblem(startYear, settings);
  if (rangeProblem !== undefined) return { ok: false, reason: rangeProblem };
  const span = spanOfMonths(monthIndex(startYear, settings.startMonth), 12);
  return {
    ok: true,
    value: { label: fiscalYearLabel(startYear, settings), start: fromEpochDay(span.start), end: fromEpochDay(span.end) },
  };
}

interface DatePosition {
  readonly startYear: number;
  /** 0 for the fiscal year's first month, up to 11. */
  readonly monthOfYear: number;
}

function positionOf(date: string, settings: FiscalSettings): FiscalResult<DatePosition> {
  const problem = settingsProblem(settings);
  if (problem !== undefined) return { ok: false, reason: problem };
  const civil = parseIsoDate(date);
  if (!civil) return { ok: false, reason: `not a valid date (YYYY-MM-DD): '${date}'` };
  const { year, month } = civil;
  const startYear = month >= settings.startMonth ? year : year - 1;
  const rangeProblem = yearRangeProblem(startYear, settings);
  if (rangeProblem !== undefined) return { ok: false, reason: rangeProblem };
  return { ok: true, value: { startYear, monthOfYear: (month - settings.startMonth + 12) % 12 } };
}

/** The fiscal year a date falls in, e.g. { label: 'FY2023', start: '2022-04-01', end: '2023-03-31' }. */
export function fiscalYearOf(date: string, settings: FiscalSettings): FiscalResult<FiscalPeriod> {
  const position = positionOf(date, settings);
  if (!position.ok) return position;
  return fiscalYearStartingIn(position.value.startYear, settings);
}

/** The fiscal quarter a date falls in, labelled like 'FY2023 Q1'. */
export function fiscalQuarterOf(date: string, settings: FiscalSettings): FiscalResult<FiscalPeriod> {
  const position = positionOf(date, settings);
  if (!position.ok) return position;
  const { startYear, monthOfYear } = position.value;
  const quarter = Math.floor(monthOfYear / 3) + 1;
  const span = spanOfMonths(monthIndex(startYear, settings.startMonth) + (quarter - 1) * 3, 3);
  return {
    ok: true,
    value: {
      label: `${fiscalYearLabel(startYear, settings)} Q${quarter}`,
      start: fromEpochDay(span.start),
      end: fromEpochDay(span.end),
    },
  };
}

/** The fiscal month a date falls in, labelled like 'FY2023 M01' (M01 is the fiscal year's first month). */
export function fiscalMonthOf(date: string, settings: FiscalSettings): FiscalResult<FiscalPeriod> {
  const position = positionOf(date, settings);
  if (!position.ok) return position;
  const { startYear, monthOfYear } = position.value;
  const span = spanOfMonths(monthIndex(startYear, settings.startMonth) + monthOfYear, 1);
  return {
    ok: true,
    value: {
      label: `${fiscalYearLabel(startYear, settings)} M${String(monthOfYear + 1).padStart(2, '0')}`,
      start: fromEpochDay(span.start),
      end: fromEpochDay(span.end),
    },
  };
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A month as auditors read it on screen, 'Apr-22' for a month starting 2022-04-01: 'FY2023 M01'
 * stays the stable reference, but says nothing about which calendar month it is.
 */
export function calendarMonthLabel(monthStart: string): string {
  const [, year, month] = /^(\d{4})-(\d{2})-\d{2}$/.exec(monthStart) ?? [];
  const name = MONTH_ABBREVIATIONS[Number(month) - 1];
  if (year === undefined || name === undefined) throw new Error(`not an ISO date: '${monthStart}'`);
  return `${name}-${year.slice(2)}`;
}

const SINGLE_YEAR_LABEL = /^(?:FY)?(\d{4})$/;
const SHORT_YEAR_LABEL = /^FY(\d{2})$/;
const SPLIT_YEAR_LABEL = /^(?:FY)?(\d{4})[/\-–](\d{2}|\d{4})$/;

/**
 * The fiscal year a label names. Accepts 'FY2023', 'FY23' (years 2000–2099), '2023', and split
 * years 'FY2022/23', '2022/23', '2022-23', '2022/2023', which name the calendar years the fiscal
 * year starts and ends in whatever the label rule (and so need a start month other than January).
 */
export function fiscalYearByLabel(label: string, settings: FiscalSettings): FiscalResult<FiscalPeriod> {
  const problem = settingsProblem(settings);
  if (problem !== undefined) return { ok: false, reason: problem };
  const text = label.trim().toUpperCase().replace(/\s+/g, '');

  const single = SINGLE_YEAR_LABEL.exec(text) ?? SHORT_YEAR_LABEL.exec(text);
  if (single?.[1] !== undefined) {
    const labelYear = single[1].length === 2 ? 2000 + Number(single[1]) : Number(single[1]);
    return fiscalYearStartingIn(startYearOf(labelYear, settings), settings);
  }

  const split = SPLIT_YEAR_LABEL.exec(text);
  if (split?.[1] !== undefined && split[2] !== undefined) {
    const startYear = Number(split[1]);
    const endText = split[2];
    const expectedEnd = endText.length === 2 ? String((startYear + 1) % 100).padStart(2, '0') : String(startYear + 1);
    if (endText !== expectedEnd) {
      return { ok: false, reason: `'${label}' does not name consecutive years` };
    }
    if (settings.startMonth === 1) {
      return { ok: false, reason: `'${label}' names a year spanning two calendar years, but the fiscal year starts in January` };
    }
    return fiscalYearStartingIn(startYear, settings);
  }
  return { ok: false, reason: `cannot read '${label}' as a fiscal year (e.g. FY2023, FY23, 2023, FY2022/23)` };
}

// ---------------------------------------------------------------------------------------------
// Pro-rata allocation

/** The fiscal years a period (both ends inclusive) touches, with the days it spends in each. */
export function allocateByDays(
  periodStart: string,
  periodEnd: string,
  settings: FiscalSettings,
): FiscalResult<readonly FiscalYearShare[]> {
  const problem = settingsProblem(settings);
  if (problem !== undefined) return { ok: false, reason: problem };
  for (const date of [periodStart, periodEnd]) {
    if (!isIsoDate(date)) return { ok: false, reason: `not a valid date (YYYY-MM-DD): '${date}'` };
  }
  const first = toEpochDay(periodStart);
  const last = toEpochDay(periodEnd);
  if (last < first) return { ok: false, reason: `period ends (${periodEnd}) before it starts (${periodStart})` };

  const totalDays = last - first + 1;
  const shares: FiscalYearShare[] = [];
  for (let cursor = first; cursor <= last; ) {
    const year = fiscalYearOf(fromEpochDay(cursor), settings);
    if (!year.ok) return year;
    const shareEnd = Math.min(toEpochDay(year.value.end), last);
    shares.push({
      label: year.value.label,
      start: fromEpochDay(cursor),
      end: fromEpochDay(shareEnd),
      days: shareEnd - cursor + 1,
      totalDays,
    });
    cursor = shareEnd + 1;
  }
  return { ok: true, value: shares };
}

/**
 * Splits a quantity in proportion to days, so that the parts add up to exactly the quantity.
 *
 * Every part but the last is quantity × days / totalDays snapped to a multiple of ulp(quantity)
 * (moving it by at most half a unit in the last place of the quantity); the last part is the
 * quantity minus the others. All parts share the quantity's sign and are multiples of
 * ulp(quantity) no larger than it, so every partial sum is an exact double: the parts add up to
 * the quantity exactly, in any order and with any summation method. (Rounding the other parts
 * cannot push their sum past the quantity: that would need totalDays² > 2^53, i.e. a period of
 * over 260,000 years.)
 */
export function allocateQuantity(
  quantity: number,
  allocation: readonly Pick<FiscalYearShare, 'days' | 'totalDays'>[],
): FiscalResult<readonly number[]> {
  if (!Number.isFinite(quantity)) return { ok: false, reason: `quantity ${quantity} is not a finite number` };
  const first = allocation[0];
  if (first === undefined) return { ok: false, reason: 'nothing to allocate to: the allocation is empty' };
  const { totalDays } = first;
  let daysSeen = 0;
  for (const { days, totalDays: shareTotal } of allocation) {
    if (!Number.isInteger(days) || days < 1) return { ok: false, reason: `allocation days must be whole and positive, not ${days}` };
    if (shareTotal !== totalDays) return { ok: false, reason: 'allocation shares disagree on the total days' };
    daysSeen += days;
  }
  if (daysSeen !== totalDays) {
    return { ok: false, reason: `allocation days add up to ${daysSeen}, not to the total of ${totalDays}` };
  }

  const magnitude = Math.abs(quantity);
  const grid = ulp(magnitude);
  const sign = quantity < 0 ? -1 : 1;
  const parts: number[] = [];
  let allocated = 0;
  for (const { days } of allocation.slice(0, -1)) {
    const part = sign * Math.round((magnitude * (days / totalDays)) / grid) * grid;
    parts.push(part);
    allocated += part;
  }
  parts.push(quantity - allocated);
  return { ok: true, value: parts };
}
