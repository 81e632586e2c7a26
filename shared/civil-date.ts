/**
 * Civil dates by integer arithmetic: the proleptic Gregorian calendar, days counted from
 * 1970-01-01, and ISO 'YYYY-MM-DD' text. No Date objects and no time zones, so a date means the
 * same day on every machine. The fiscal calendar and the importer's period parser both build on it.
 */

export interface CivilDate {
  readonly year: number;
  /** 1 = January … 12 = December. */
  readonly month: number;
  readonly day: number;
}

/** Dates are limited to the years ISO 'YYYY' can write. */
export const MIN_YEAR = 0;
export const MAX_YEAR = 9999;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** 'YYYY-MM-DD' of a civil date, without range checks (see fromEpochDay for the checked form). */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const marchBasedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchBasedYear / 400);
  const yearOfEra = marchBasedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Civil date of a count of days since 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(epochDay: number): CivilDate {
  const shifted = epochDay + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchBasedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchBasedMonth + 2) / 5) + 1;
  const month = marchBasedMonth < 10 ? marchBasedMonth + 3 : marchBasedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The civil date 'YYYY-MM-DD' names; undefined unless it is a real calendar date. */
export function parseIsoDate(text: string): CivilDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidCivilDate(year, month, day) ? { year, month, day } : undefined;
}

/** True for a real calendar date written 'YYYY-MM-DD' ('2023-02-30' is not). */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

/** Days since 1970-01-01. Throws RangeError for anything but a real 'YYYY-MM-DD' date. */
export function toEpochDay(date: string): number {
  const civil = parseIsoDate(date);
  if (!civil) throw new RangeError(`not a valid date (YYYY-MM-DD): '${date}'`);
  return daysFromCivil(civil.year, civil.month, civil.day);
}

/** 'YYYY-MM-DD' of a day count since 1970-01-01. Throws RangeError outside years 0000–9999. */
export function fromEpochDay(epochDay: number): string {
  if (!Number.isInteger(epochDay)) throw new RangeError(`not a whole day: ${epochDay}`);
  const { year, month, day } = civilFromDays(epochDay);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`day ${epochDay} is outside years 0000–9999`);
  return formatIsoDate(year, month, day);
}

/** Days from start to end, counting both (a single day is 1). Throws RangeError if end < start. */
export function daysInclusive(start: string, end: string): number {
  const days = toEpochDay(end) - toEpochDay(start) + 1;
  if (days < 1) throw new RangeError(`period ends (${end}) before it starts (${start})`);
  return days;
}

/** Months counted from January of year 0, so that month arithmetic never has to wrap by hand. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

/** The year and month of a month index. */
export function monthOfIndex(index: number): { readonly year: number; readonly month: number } {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The first and last day (inclusive, 'YYYY-MM-DD') of `months` whole months starting with
 * (year, month). Unchecked like formatIsoDate: callers that must stay in 0000–9999 check first.
 */
export function monthsSpan(year: number, month: number, months: number): { readonly start: string; readonly end: string } {
  const last = monthOfIndex(monthIndex(year, month) + months - 1);
  return { start: formatIsoDate(year, month, 1), end: formatIsoDate(last.year, last.month, daysInMonth(last.year, last.month)) };
}

/**
 * The twelve months that end on a date ('Year Ending 2023-06-30' → 2022-07-01 to 2023-06-30): from
 * the day after the same date a year earlier (the last day of February when that date does not
 * exist), so a year ending on 2024-02-29 starts on 2023-03-01. Unchecked like monthsSpan.
 */
export function twelveMonthsEnding(date: CivilDate): { readonly start: string; readonly end: string } {
  const yearBefore = { year: date.year - 1, month: date.month, day: Math.min(date.day, daysInMonth(date.year - 1, date.month)) };
  const start = civilFromDays(daysFromCivil(yearBefore.year, yearBefore.month, yearBefore.day) + 1);
  return { start: formatIsoDate(start.year, start.month, start.day), end: formatIsoDate(date.year, date.month, date.day) };
}
