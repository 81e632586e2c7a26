/**
 * Typed values from raw cells: quantities, percentages and reporting periods.
 *
 * Every parser returns a result instead of throwing, and every failure quotes the cell,
 * because the auditor has to see which value was refused and why. Blank means missing,
 * never zero; nothing is guessed per cell (the decimal separator and day order come from
 * the mapping, decided once for a whole column).
 */
import { fiscalYearByLabel, type FiscalSettings } from '../calc/fiscal';
import { decimalRational, divideRationals, multiplyRationals, rationalToNumber, rationalToText, shortestDecimalRational } from '../calc/rational';
import { civilFromDays, formatIsoDate, isValidCivilDate, monthsSpan } from '../civil-date';
import type { Cell, DateCell, PercentCell } from './cell';
import { columnLetter, isDateCell, isErrorCell, isFormulaCell, isPercentCell } from './cell';

export type ValueResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

/** A whole-column judgement: proven with a reason, or refused (ambiguous when every value fits several answers). */
export type Detection<T> =
  | { readonly ok: true; readonly value: T; readonly reason: string }
  | { readonly ok: false; readonly reason: string; readonly ambiguous?: true };

export type DecimalSeparator = '.' | ',';
export type DayOrder = 'DMY' | 'MDY' | 'YMD';

export type PeriodGranularity = 'day' | 'month' | 'quarter' | 'year' | 'fiscal-year' | 'twelve-months-ending';

/** Inclusive dates, `YYYY-MM-DD`. */
export interface Period {
  readonly start: string;
  readonly end: string;
  readonly granularity: PeriodGranularity;
}

type ShownValue = number | string | boolean | DateCell | PercentCell;

function ok<T>(value: T): ValueResult<T> {
  return { ok: true, value };
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function formulaText(formula: string): string {
  return formula.startsWith('=') ? formula : `=${formula}`;
}

/** The text a cell shows, for headers and for quoting in reasons. */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (isFormulaCell(cell)) return cellText(cell.result);
  if (isDateCell(cell)) return cell.iso.slice(0, 10);
  if (isErrorCell(cell)) return cell.code;
  if (isPercentCell(cell)) return `${percentPointsText(cell)}%`;
  return String(cell);
}

/** A row's cells as read, by column letter: 'A=York Depot | B=2022-06-01 | C=(blank)'. */
export function rowAsRead(cells: readonly Cell[]): string {
  return cells.map((cell, column) => `${columnLetter(column)}=${cellText(cell) || '(blank)'}`).join(' | ');
}

function quote(value: ShownValue): string {
  return typeof value === 'string' ? `'${value}'` : cellText(value);
}

/**
 * The value to interpret, or null for blank. Formulas give their cached result; a formula
 * without one is refused because some readers drop cached errors, so it may hide `#DIV/0!`.
 */
function shownValueOf(cell: Cell | undefined): ValueResult<ShownValue | null> {
  if (isFormulaCell(cell)) {
    if (cell.result === undefined) {
      return fail(`formula ${formulaText(cell.formula)} has no cached value: open and save the file in Excel`);
    }
    if (isErrorCell(cell.result)) return fail(`formula ${formulaText(cell.formula)} results in the error ${cell.result.code}`);
    return shownValueOf(cell.result);
  }
  if (isErrorCell(cell)) return fail(`the cell holds the error ${cell.code}`);
  if (cell === undefined || cell === null) return ok(null);
  if (typeof cell === 'string' && normalizeSpaces(cell) === '') return ok(null);
  return ok(cell);
}

/** Any run of white space (non-breaking, thin and narrow spaces and line breaks too) becomes one plain space; ends are trimmed. */
export function normalizeSpaces(text: string): string {
  const trimmed = text.trim();
  // Most cells have single plain spaces only: testing is cheaper than building a copy per cell.
  return /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

// ---------------------------------------------------------------------------------------------
// Numbers

// One grouping character per number, used consistently (the backreference), so '1,234 567.5' fails.
const NUMBER_PATTERNS: Readonly<Record<DecimalSeparator, RegExp>> = {
  '.': /^(?:(?:\d{1,3}([, ])\d{3}(?:\1\d{3})*|\d+)(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?$/i,
  ',': /^(?:(?:\d{1,3}([. ])\d{3}(?:\1\d{3})*|\d+)(?:,\d+)?|,\d+)(?:e[+-]?\d+)?$/i,
};

/** What number text starts with, after white space: a digit, a sign, '(' or a decimal separator. */
const NUMBER_TEXT_START = /^\s*[\d(+\-\u2212.,]/;

/** 10^0 … 10^15, each exact in a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, power) => 10 ** power);
/** Up to this many digits, the digits' integer is exact in a double (below 2^53). */
const EXACT_DIGITS = 15;

/**
 * The number of text that is only digits, with at most one decimal separator between digits
 * ('1000.25', '007'), else undefined: what most quantity cells hold, read without the patterns
 * numberFromText tries. Such text reads the same through them (no sign, spaces or grouping).
 * Up to 15 digits, the digits' integer divided by a power of ten is the value Number() reads,
 * to the bit: both are exact doubles, and IEEE division rounds correctly as Number() does.
 */
function plainNumber(text: string, decimalSeparator: DecimalSeparator): number | undefined {
  const separator = decimalSeparator.charCodeAt(0);
  let separatorAt = -1;
  let digits = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      digits = digits * 10 + (code - 48);
      continue;
    }
    if (code !== separator || separatorAt >= 0 || at === 0 || at === text.length - 1) return undefined;
    separatorAt = at;
  }
  if (text.length === 0) return undefined;
  const decimals = separatorAt < 0 ? 0 : text.length - separatorAt - 1;
  if (text.length - (separatorAt < 0 ? 0 : 1) <= EXACT_DIGITS) return decimals === 0 ? digits : digits / POWERS_OF_TEN[decimals]!;
  return Number(separatorAt < 0 || decimalSeparator === '.' ? text : `${text.slice(0, separatorAt)}.${text.slice(separatorAt + 1)}`);
}

/**
 * Whether text can read as a number, by its first characters: false for most text in a sheet
 * (it starts with a letter), which then needs no normalising.
 */
export function mayReadAsNumber(text: string): boolean {
  const first = text.charCodeAt(0) | 0x20;
  return !(first >= 0x61 && first <= 0x7a) && NUMBER_TEXT_START.test(text);
}

/** Reads number text such as '1,234.5', '1.234,5', '1 234,5' or '(123)'; undefined when it is not one. */
function numberFromText(text: string, decimalSeparator: DecimalSeparator): number | undefined {
  const plain = plainNumber(text, decimalSeparator);
  if (plain !== undefined) return plain;
  if (!mayReadAsNumber(text)) return undefined;
  let body = normalizeSpaces(text);
  let sign = 1;
  const parenthesised = /^\((.*)\)$/.exec(body);
  if (parenthesised) {
    sign = -1;
    body = (parenthesised[1] ?? '').trim();
  } else if (/^[-+\u2212]/.test(body)) {
    sign = body.startsWith('+') ? 1 : -1;
    body = body.slice(1).trim();
  }
  if (!NUMBER_PATTERNS[decimalSeparator].test(body)) return undefined;
  const grouping = decimalSeparator === '.' ? /[, ]/g : /[. ]/g;
  return sign * Number(body.replace(grouping, '').replace(',', '.'));
}

/** True when text reads as a number with either decimal separator: for judging a column's shape, not its values. */
export function readsAsNumber(text: string): boolean {
  return numberFromText(text, '.') !== undefined || numberFromText(text, ',') !== undefined;
}

function finite(value: number, shown: ShownValue): ValueResult<number> {
  return Number.isFinite(value) ? ok(value) : fail(`${quote(shown)} is not a finite number`);
}

function notANumber(value: ShownValue, decimalSeparator: DecimalSeparator): ValueResult<never> {
  if (typeof value === 'boolean') return fail(`${quote(value)} is a true/false value, not a number`);
  if (isDateCell(value)) return fail(`${quote(value)} is a date, not a number`);
  if (isPercentCell(value)) return fail(`${quote(value)} is formatted as a percentage, not a quantity`);
  return fail(`${quote(value)} is not a number with decimal separator '${decimalSeparator}'`);
}

export interface QuantityOptions {
  readonly decimalSeparator: DecimalSeparator;
}

/**
 * The quantity text reads as, or undefined wherever parseQuantity refuses it or finds it blank
 * (a percentage, a blank or a non-finite value is no number pattern or fails the check): for
 * reading many cells where the reason a cell is not a number does not matter.
 */
export function quantityFromText(text: string, decimalSeparator: DecimalSeparator): number | undefined {
  const value = numberFromText(text, decimalSeparator);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A quantity, or null when the cell is blank (missing, never zero). */
export function parseQuantity(cell: Cell | undefined, options: QuantityOptions): ValueResult<number | null> {
  // Plain digits are neither blank nor a percentage: the checks below would come to the same number.
  const plain = typeof cell === 'string' ? plainNumber(cell, options.decimalSeparator) : undefined;
  if (plain !== undefined && Number.isFinite(plain)) return ok(plain);
  const shown = shownValueOf(cell);
  if (!shown.ok) return shown;
  const value = shown.value;
  if (value === null) return ok(null);
  if (typeof value === 'number') return finite(value, value);
  if (typeof value !== 'string') return notANumber(value, options.decimalSeparator);
  if (normalizeSpaces(value).endsWith('%')) return fail(`${quote(value)} is a percentage, not a quantity`);
  const parsed = numberFromText(value, options.decimalSeparator);
  return parsed === undefined ? notANumber(value, options.decimalSeparator) : finite(parsed, value);
}

// ---------------------------------------------------------------------------------------------
// Percentages: formats, written signs and unit columns

/** Which number a percentage format shows: the stored fraction × 100, or the stored number with a literal sign. */
export type PercentScale = 'fraction' | 'points';

/**
 * How a number format shows a percentage: an unquoted, unescaped '%' multiplies by 100 ('0.0%':
 * the cell holds a fraction); a quoted or escaped one is a literal sign ('0.0"%"', '0.0\\%': the
 * cell holds percent points); null when the format shows no percent sign. Only the first section
 * (positive numbers) is read, as the value cells here are.
 */
export function percentFormatScale(format: string | undefined): PercentScale | null {
  if (format === undefined || !format.includes('%')) return null;
  let literalSign = false;
  for (let at = 0; at < format.length; at++) {
    const char = format[at];
    if (char === ';') break;
    if (char === '"') {
      const close = format.indexOf('"', at + 1);
      if (close === -1) break;
      literalSign ||= format.slice(at + 1, close).includes('%');
      at = close;
    } else if (char === '\\') {
      literalSign ||= format[at + 1] === '%';
      at++;
    } else if (char === '[') {
      // Colours and conditions ('[Red]', '[>=100]') are not shown.
      const close = format.indexOf(']', at + 1);
      at = close === -1 ? format.length : close;
    } else if (char === '%') {
      return 'fraction';
    }
  }
  return literalSign ? 'points' : null;
}

/** A numeric cell as the control totals count it: a number in its unit, a blank, or something that is not a number. */
export type ControlReading =
  | { readonly kind: 'number'; readonly value: number; readonly unit: string | null }
  | { readonly kind: 'blank' }
  | { readonly kind: 'unreadable' };

export const BLANK_READING: ControlReading = { kind: 'blank' };
export const UNREADABLE_READING: ControlReading = { kind: 'unreadable' };

/** A value a mapper read (null when it could not), as the control totals count it: the cell tells a blank from text. */
export function controlReading(value: number | null, unit: string | null, cell: Cell | undefined): ControlReading {
  if (value !== null) return { kind: 'number', value, unit };
  const shown = shownValueOf(cell);
  return shown.ok && shown.value === null ? BLANK_READING : UNREADABLE_READING;
}

/** A fraction as the exact percent points it stands for (0.539 → 53.9). */
export function fractionToPercentPoints(fraction: number): number {
  return rationalToNumber(multiplyRationals(shortestDecimalRational(fraction), decimalRational('100')));
}

/** Percent points as the exact fraction they stand for (53.9 → 0.539, not 0.5389999999999999). */
export function percentPointsToFraction(points: number): number {
  return rationalToNumber(divideRationals(shortestDecimalRational(points), decimalRational('100')));
}

/** Percent points read from a cell as a fraction; refused when not finite ('1e999%'), which no fraction can hold. */
function fractionOfPoints(points: number, shown: ShownValue): ValueResult<number> {
  const checked = finite(points, shown);
  return checked.ok ? ok(percentPointsToFraction(checked.value)) : checked;
}

/** A percent-formatted cell's value as a fraction. */
export function percentCellFraction(cell: PercentCell): number {
  return percentFormatScale(cell.format) === 'points' ? percentPointsToFraction(cell.value) : cell.value;
}

/** The percent points a percent-formatted cell shows, as exact decimal text ('53.9' for a stored 0.539). */
function percentPointsText(cell: PercentCell): string {
  const value = shortestDecimalRational(cell.value);
  return rationalToText(percentFormatScale(cell.format) === 'points' ? value : multiplyRationals(value, decimalRational('100')));
}

/** The percent points of text written with a percent sign ('53.9%', '12,5 %'); undefined for other text. */
function percentText(text: string, decimalSeparator: DecimalSeparator): number | undefined {
  const normalized = normalizeSpaces(text);
  return normalized.endsWith('%') ? numberFromText(normalized.slice(0, -1), decimalSeparator) : undefined;
}

/** Digits written after the decimal separator: '6,785.60' → 2, '53.9%' → 1, '7,000' → 0 ('1.5e3' → 1: an exponent holds no separator). */
function writtenDecimals(text: string, decimalSeparator: DecimalSeparator): number {
  const digits = new RegExp(`\\${decimalSeparator}(\\d+)`).exec(normalizeSpaces(text));
  return digits ? digits[1]!.length : 0;
}

/** Decimal places a number format shows ('0.0%' → 1, '#,##0.00' → 2, '0%' → 0), from its first section. */
export function formatDecimals(format: string): number {
  const section = format.split(';')[0]!.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const point = section.indexOf('.');
  if (point === -1) return 0;
  return /^[0#?]*/.exec(section.slice(point + 1))![0].length;
}

/** '%', 'percent', 'per cent', 'pct', and those followed by more ('% per year', '%/yr'). */
const PERCENT_UNIT = /^(?:%|percent\b|per\s*cent\b|pct\b|percentage\b)/i;

export function isPercentUnit(unitText: string | null | undefined): boolean {
  return unitText !== null && unitText !== undefined && PERCENT_UNIT.test(unitText.trim());
}

/** How import knew a reported number is a percentage. */
export type PercentEvidence = 'number-format' | 'percent-text' | 'unit-column';

export interface ReportedNumber {
  /** The number as written; a percentage as its fraction (53.9 % → 0.539). */
  readonly value: number;
  /** Why the value is a percentage; null when it is not one. */
  readonly percent: PercentEvidence | null;
  /**
   * Decimal places the company showed (in percent points for a percentage), when the file says:
   * text as written, or a percent cell's format ('0.0%' shows 38.0 % of a stored 0.38). Null for a
   * number cell, whose trailing zeros are not kept.
   */
  readonly decimals: number | null;
}

export interface ReportedNumberOptions extends QuantityOptions {
  /** What a plain number beside a percent unit is, when the mapping says (otherwise 0 < |n| ≤ 1 is refused as ambiguous). */
  readonly percentScale?: PercentScale;
}

/**
 * A figure a company reported or a target it set, read with the unit given beside it (a unit
 * column, or the value column's header): a percent-formatted cell, '53.9%' written as text and
 * 53.9 beside a '%' unit all give the fraction 0.539. A plain number from 0 to 1 (0 excepted)
 * beside a '%' unit could be either a fraction or percent points, and is refused with that reason
 * unless the mapping says which (percentScale); nothing is guessed. Null for a blank cell.
 */
export function parseReportedNumber(cell: Cell | undefined, unitText: string | null, options: ReportedNumberOptions): ValueResult<ReportedNumber | null> {
  const shown = shownValueOf(cell);
  if (!shown.ok) return shown;
  const value = shown.value;
  if (value === null) return ok(null);
  const unitConflict = (what: string) =>
    unitText !== null && !isPercentUnit(unitText) ? fail(`${quote(value)} is ${what}, but its unit is '${unitText}'`) : undefined;
  if (isPercentCell(value)) {
    return unitConflict('formatted as a percentage') ?? ok({ value: percentCellFraction(value), percent: 'number-format', decimals: formatDecimals(value.format) });
  }
  const decimals = typeof value === 'string' ? writtenDecimals(value, options.decimalSeparator) : null;
  if (typeof value === 'string') {
    const written = percentText(value, options.decimalSeparator);
    if (written !== undefined) {
      const fraction = fractionOfPoints(written, value);
      return unitConflict('written as a percentage') ?? (fraction.ok ? ok({ value: fraction.value, percent: 'percent-text', decimals }) : fraction);
    }
    // A percent sign after no number ('high%', '12,5 %' in a column with a decimal point) is no number, not a quantity.
    if (normalizeSpaces(value).endsWith('%')) return notANumber(value, options.decimalSeparator);
  }
  const number = parseQuantity(value, options);
  if (!number.ok || number.value === null) return number as ValueResult<null>;
  if (!isPercentUnit(unitText)) return ok({ value: number.value, percent: null, decimals });
  const n = number.value;
  const scale = options.percentScale ?? (n === 0 || Math.abs(n) > 1 ? 'points' : undefined);
  if (scale === undefined) {
    return fail(
      `${quote(value)} beside the unit '${unitText}' could be ${n} % or ${rationalToText(multiplyRationals(shortestDecimalRational(n), decimalRational('100')))} % ` +
        '(a fraction): the cell has no percentage format, so import cannot tell; say which for this column (percentScale in the mapping)',
    );
  }
  // A fraction beside '%' shows two more decimals as percent points than it is written with.
  const pointDecimals = decimals === null ? null : scale === 'points' ? decimals : Math.max(0, decimals - 2);
  return ok({ value: scale === 'points' ? percentPointsToFraction(n) : n, percent: 'unit-column', decimals: pointDecimals });
}

// ---------------------------------------------------------------------------------------------
// Periods from civil dates (shared/civil-date: integer day arithmetic, no Date, no time zones)

function dayPeriod(year: number, month: number, day: number): Period {
  const date = formatIsoDate(year, month, day);
  return { start: date, end: date, granularity: 'day' };
}

/** `monthCount` whole months from the first of (year, month). */
function monthsPeriod(year: number, month: number, monthCount: number, granularity: PeriodGranularity): Period {
  return { ...monthsSpan(year, month, monthCount), granularity };
}

/** Excel's 1900 date system: serial 1 is 1900-01-01 and 60 is the 1900-02-29 that never was. */
const EXCEL_FAKE_LEAP_DAY = 60;
const EXCEL_LAST_SERIAL = 2958465; // 9999-12-31
const DAY_NUMBER_OF_1899_12_31 = -25568;
/** Numbers in this range are calendar years: as serials they would be dates in 1905, which no record has. */
const CALENDAR_YEARS = { from: 1900, to: 2100 } as const;

const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** English month names, short or long ('Sept' too), so that 'Site 21' is not taken for a month. */
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

function monthNumber(name: string): number {
  return MONTH_ABBREVIATIONS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

export interface PeriodOptions {
  readonly dayOrder: DayOrder;
  readonly fiscal?: FiscalSettings;
}

function periodFromSerial(serial: number): ValueResult<Period> {
  const day = Math.floor(serial);
  if (day < 1 || day > EXCEL_LAST_SERIAL) return fail(`${serial} is outside the range of Excel date serials (1 to ${EXCEL_LAST_SERIAL})`);
  if (day === EXCEL_FAKE_LEAP_DAY) return fail(`${serial} is Excel's 1900-02-29, a date that does not exist`);
  // Serials after the fake leap day are one ahead of the true day count.
  const date = civilFromDays(DAY_NUMBER_OF_1899_12_31 + day - (day > EXCEL_FAKE_LEAP_DAY ? 1 : 0));
  return ok(dayPeriod(date.year, date.month, date.day));
}

/** Two-digit years are 2000–2099: reporting data has none from the 1900s. */
function fullYear(digits: string): number {
  const year = Number(digits);
  return digits.length === 2 ? 2000 + year : year;
}

function checkedDay(text: string, year: number, month: number, day: number): ValueResult<Period> {
  return isValidCivilDate(year, month, day) ? ok(dayPeriod(year, month, day)) : fail(`'${text}' is not a valid date`);
}

function calendarYear(text: string, year: number): ValueResult<Period> {
  if (year < CALENDAR_YEARS.from || year > CALENDAR_YEARS.to) {
    return fail(`'${text}' is outside the years ${CALENDAR_YEARS.from}–${CALENDAR_YEARS.to} read as calendar years`);
  }
  return ok(monthsPeriod(year, 1, 12, 'year'));
}

function checkedMonth(text: string, year: number, month: number | undefined): ValueResult<Period> {
  return month !== undefined && month >= 1 && month <= 12 ? ok(monthsPeriod(year, month, 1, 'month')) : fail(`'${text}' does not name a month`);
}

/** Parts of a day/month/year text date whose order depends on the column (e.g. 01/04/2021). */
const NUMERIC_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;

/** A fiscal-year label, read by the fiscal calendar's own rule (fiscalYearByLabel). */
function fiscalYearPeriod(text: string, first: string, second: string | undefined, fiscal: FiscalSettings | undefined): ValueResult<Period> {
  if (!fiscal) return fail(`'${text}' is a fiscal-year label: set the fiscal-year start month and label rule first`);
  const label = `FY${fullYear(first)}${second === undefined ? '' : `/${second}`}`;
  const year = fiscalYearByLabel(label, fiscal);
  return year.ok ? ok({ start: year.value.start, end: year.value.end, granularity: 'fiscal-year' }) : fail(year.reason.replace(`'${label}'`, `'${text}'`));
}

interface PeriodTextRule {
  readonly pattern: RegExp;
  readonly read: (match: RegExpExecArray, text: string, options: PeriodOptions) => ValueResult<Period>;
}

// Mandatory regex groups always exist; the destructuring defaults only satisfy the index checks.
const PERIOD_TEXT_RULES: readonly PeriodTextRule[] = [
  {
    // 2021-04-01, 2021/04/01, optionally with a time of day; 2021-04 and 2021/04 are months.
    pattern: /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?$/i,
    read: ([, year = '', , month = '', day], text) =>
      day === undefined ? checkedMonth(text, Number(year), Number(month)) : checkedDay(text, Number(year), Number(month), Number(day)),
  },
  {
    pattern: NUMERIC_DATE,
    read: ([, first = '', , second = '', year = ''], text, { dayOrder }) => {
      if (dayOrder === 'YMD') return fail(`'${text}' puts the year last, but the column's day order is year-month-day`);
      const [day, month] = dayOrder === 'DMY' ? [first, second] : [second, first];
      return checkedDay(text, fullYear(year), Number(month), Number(day));
    },
  },
  { pattern: /^(\d{1,2})[-/.](\d{4})$/, read: ([, month = '', year = ''], text) => checkedMonth(text, Number(year), Number(month)) },
  {
    // Apr 2021, April 2021, Apr-21
    pattern: new RegExp(`^${MONTH_NAME}[-\\s/']?(\\d{4}|\\d{2})$`, 'i'),
    read: ([, name = '', year = '']) => ok(monthsPeriod(fullYear(year), monthNumber(name), 1, 'month')),
  },
  {
    // 1 Apr 2021, 01-Apr-21: the month name makes the order certain.
    pattern: new RegExp(`^(\\d{1,2})[-\\s/]${MONTH_NAME}[-\\s/](\\d{4}|\\d{2})$`, 'i'),
    read: ([, day = '', name = '', year = ''], text) => checkedDay(text, fullYear(year), monthNumber(name), Number(day)),
  },
  { pattern: /^Q([1-4])[-\s/]?(\d{4})$/i, read: ([, quarter = '', year = '']) => ok(monthsPeriod(Number(year), Number(quarter) * 3 - 2, 3, 'quarter')) },
  { pattern: /^(\d{4})[-\s/]?Q([1-4])$/i, read: ([, year = '', quarter = '']) => ok(monthsPeriod(Number(year), Number(quarter) * 3 - 2, 3, 'quarter')) },
  {
    // FY2023, FY23, FY2022/23, FY 2022-2023
    pattern: /^FY\s*'?(\d{4}|\d{2})(?:\s*[-/]\s*(\d{4}|\d{2}))?$/i,
    read: ([, first = '', second], text, { fiscal }) => fiscalYearPeriod(text, first, second, fiscal),
  },
  { pattern: /^(\d{4})$/, read: ([, year = ''], text) => calendarYear(text, Number(year)) },
];

/** True when text has the shape of a period this module reads, whether or not it is a valid one. */
export function looksLikePeriodText(text: string): boolean {
  const normalized = normalizeSpaces(text);
  return PERIOD_TEXT_RULES.some((rule) => rule.pattern.test(normalized));
}

function periodFromText(raw: string, options: PeriodOptions): ValueResult<Period> {
  const text = normalizeSpaces(raw);
  for (const rule of PERIOD_TEXT_RULES) {
    const match = rule.pattern.exec(text);
    if (match) return rule.read(match, text, options);
  }
  return fail(`'${text}' is not a date or period this importer reads`);
}

/**
 * A reporting period. Date cells are read as their UTC day; integers 1900–2100 as calendar
 * years; other numbers as Excel serial dates (1900 system). Text dates follow the column's day order.
 */
export function parsePeriod(cell: Cell | undefined, options: PeriodOptions): ValueResult<Period | null> {
  const shown = shownValueOf(cell);
  if (!shown.ok) return shown;
  const value = shown.value;
  if (value === null) return ok(null);
  if (isDateCell(value)) {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.iso);
    return match ? checkedDay(value.iso, Number(match[1]), Number(match[2]), Number(match[3])) : fail(`'${value.iso}' is not a date`);
  }
  if (typeof value === 'boolean') return fail(`${quote(value)} is a true/false value, not a date`);
  if (isPercentCell(value)) return fail(`${quote(value)} is a percentage, not a date`);
  if (typeof value === 'string') return periodFromText(value, options);
  if (!Number.isFinite(value)) return fail(`${value} is not a date`);
  if (Number.isInteger(value) && value >= CALENDAR_YEARS.from && value <= CALENDAR_YEARS.to) return ok(monthsPeriod(value, 1, 12, 'year'));
  return periodFromSerial(value);
}

// ---------------------------------------------------------------------------------------------
// Whole-column detection

function textValues(cells: readonly Cell[]): string[] {
  return cells.flatMap((cell) => {
    const shown = shownValueOf(cell);
    return shown.ok && typeof shown.value === 'string' ? [normalizeSpaces(shown.value)] : [];
  });
}

function examples(values: readonly string[]): string {
  return values.slice(0, 3).map((value) => `'${value}'`).join(', ');
}

/**
 * The day order of a column's text dates such as 01/04/2021, decided by the values that
 * prove it (a first part over 12 means day-first, a second part over 12 means month-first).
 * Year-first dates (2021-04-01) are read the same under any order and prove nothing
 * unless they are all there is. Null when the column has no text dates: none is needed.
 */
export function detectDayOrder(cells: readonly Cell[]): Detection<DayOrder | null> {
  const dayFirst: string[] = [];
  const monthFirst: string[] = [];
  const eitherWay: string[] = [];
  const neither: string[] = [];
  let yearFirstCount = 0;
  for (const text of textValues(cells)) {
    const match = NUMERIC_DATE.exec(text);
    if (!match) {
      if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/.test(text)) yearFirstCount += 1;
      continue;
    }
    const [first, second, year] = [Number(match[1]), Number(match[3]), fullYear(match[4] ?? '')];
    const fitsDayFirst = isValidCivilDate(year, second, first);
    const fitsMonthFirst = isValidCivilDate(year, first, second);
    if (fitsDayFirst && fitsMonthFirst) eitherWay.push(text);
    else if (fitsDayFirst) dayFirst.push(text);
    else if (fitsMonthFirst) monthFirst.push(text);
    else neither.push(text);
  }
  if (neither.length > 0) return { ok: false, reason: `${examples(neither)} is not a valid date in either day order` };
  if (dayFirst.length > 0 && monthFirst.length > 0) {
    return { ok: false, reason: `the column mixes day-first dates (${examples(dayFirst)}) and month-first dates (${examples(monthFirst)})` };
  }
  if (dayFirst.length > 0) return { ok: true, value: 'DMY', reason: `${examples(dayFirst)} can only be day-month-year` };
  if (monthFirst.length > 0) return { ok: true, value: 'MDY', reason: `${examples(monthFirst)} can only be month-day-year` };
  if (eitherWay.length > 0) {
    return { ok: false, ambiguous: true, reason: `every date such as ${examples(eitherWay)} reads as day-month-year and as month-day-year` };
  }
  if (yearFirstCount > 0) return { ok: true, value: 'YMD', reason: 'all text dates are written year first' };
  return { ok: true, value: null, reason: 'no text dates written as day, month and year, so none is needed' };
}

/**
 * The decimal separator of a column's numbers written as text. Values that read the same
 * either way prove nothing; '1,234' alone is ambiguous (1234 or 1.234).
 */
export function detectDecimalSeparator(cells: readonly Cell[]): Detection<DecimalSeparator> {
  const pointOnly: string[] = [];
  const commaOnly: string[] = [];
  const eitherWay: string[] = [];
  for (const text of textValues(cells)) {
    const withPoint = numberFromText(text, '.');
    const withComma = numberFromText(text, ',');
    if (withPoint !== undefined && withComma === undefined) pointOnly.push(text);
    else if (withComma !== undefined && withPoint === undefined) commaOnly.push(text);
    else if (withPoint !== undefined && withComma !== undefined && withPoint !== withComma) eitherWay.push(text);
  }
  if (pointOnly.length > 0 && commaOnly.length > 0) {
    return { ok: false, reason: `the column mixes decimal points (${examples(pointOnly)}) and decimal commas (${examples(commaOnly)})` };
  }
  if (pointOnly.length > 0) return { ok: true, value: '.', reason: `${examples(pointOnly)} can only be read with a decimal point` };
  if (commaOnly.length > 0) return { ok: true, value: ',', reason: `${examples(commaOnly)} can only be read with a decimal comma` };
  if (eitherWay.length > 0) {
    return { ok: false, ambiguous: true, reason: `numbers such as ${examples(eitherWay)} read differently with a decimal point and a decimal comma` };
  }
  return { ok: true, value: '.', reason: "no number written as text depends on the separator; '.' is the default" };
}
