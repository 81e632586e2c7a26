/**
 * Typed values from raw cells: quantities, percentages and reporting periods.
 *
 * Every parser returns a result instead of throwing, and every failure quotes the cell,
 * because the auditor has to see which value was refused and why. Blank means missing,
 * never zero; nothing is guessed per cell (the decimal separator and day order come from
 * the mapping, decided once for a whole column).
 */
import { fiscalYearByLabel, type FiscalSettings } from '../calc/fiscal';
import { civilFromDays, formatIsoDate, isValidCivilDate, monthsSpan } from '../civil-date';
import type { Cell, DateCell } from './cell';
import { isDateCell, isErrorCell, isFormulaCell } from './cell';

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

type ShownValue = number | string | boolean | DateCell;

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
  return String(cell);
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
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Numbers

// One grouping character per number, used consistently (the backreference), so '1,234 567.5' fails.
const NUMBER_PATTERNS: Readonly<Record<DecimalSeparator, RegExp>> = {
  '.': /^(?:(?:\d{1,3}([, ])\d{3}(?:\1\d{3})*|\d+)(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?$/i,
  ',': /^(?:(?:\d{1,3}([. ])\d{3}(?:\1\d{3})*|\d+)(?:,\d+)?|,\d+)(?:e[+-]?\d+)?$/i,
};

/** Reads number text such as '1,234.5', '1.234,5', '1 234,5' or '(123)'; undefined when it is not one. */
function numberFromText(text: string, decimalSeparator: DecimalSeparator): number | undefined {
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
  return fail(`${quote(value)} is not a number with decimal separator '${decimalSeparator}'`);
}

export interface QuantityOptions {
  readonly decimalSeparator: DecimalSeparator;
}

/** A quantity, or null when the cell is blank (missing, never zero). */
export function parseQuantity(cell: Cell | undefined, options: QuantityOptions): ValueResult<number | null> {
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

export interface PercentageOptions extends QuantityOptions {
  /**
   * The column holds percent points: a bare 25 (number or text) means 25 %. Without it a number
   * cell is a fraction (Excel stores 25 % as 0.25) and bare text is refused as ambiguous.
   */
  readonly percentPoints?: boolean;
}

/** A percentage as a fraction (25 % → 0.25), or null when blank. */
export function parsePercentage(cell: Cell | undefined, options: PercentageOptions): ValueResult<number | null> {
  const shown = shownValueOf(cell);
  if (!shown.ok) return shown;
  const value = shown.value;
  if (value === null) return ok(null);
  const pointsDivisor = options.percentPoints ? 100 : 1;
  if (typeof value === 'number') return finite(value / pointsDivisor, value);
  if (typeof value !== 'string') return notANumber(value, options.decimalSeparator);
  const text = normalizeSpaces(value);
  const withSign = text.endsWith('%');
  const parsed = numberFromText(withSign ? text.slice(0, -1) : text, options.decimalSeparator);
  if (parsed === undefined) return notANumber(value, options.decimalSeparator);
  if (withSign) return finite(parsed / 100, value);
  if (!options.percentPoints) {
    return fail(`${quote(value)} has no '%' sign: it could be a fraction or percent points; say which for this column`);
  }
  return finite(parsed / 100, value);
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
