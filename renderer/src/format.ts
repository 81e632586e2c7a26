/**
 * How numbers, sizes and times read everywhere in the UI: one place, so screens agree, in the
 * system's locale (the browser's language; in Electron the app's locale reaches the renderer the
 * same way). Separators always come from Intl, never from here. `formatsFor` builds the same
 * formatters for any locale, which is how they are tested.
 */

/** Shown wherever a figure has no inputs: never 0. */
export const NO_VALUE = '—';

const BYTE_UNITS = ['KB', 'MB', 'GB'] as const;

export interface Formats {
  /** The locale the formatters were built for, as Intl resolved it. */
  readonly locale: string;
  /** Quantities and control totals: grouped, up to six decimals, never rounded to a misleading whole. */
  number(value: number | null): string;
  /** Tonnes of CO2e and ratios such as PUE: grouped, exactly three decimals. */
  threeDecimals(value: number | null): string;
  /** Intensities span orders of magnitude: six significant digits, never an exponent. */
  significant(value: number | null): string;
  /** Every digit a double holds, for the hover text of a rounded figure. */
  fullPrecision(value: number): string;
  /** Counts of rows, entries, files: grouped whole numbers. */
  count(value: number): string;
  /** 0.3764 → '37.6%'. */
  percent(share: number | null): string;
  /** A relative change: -0.16 → '−16.0%'. */
  signedPercent(change: number | null): string;
  /** A change between two shares, in percentage points: 0.226 → '+22.6 pp'. */
  percentagePoints(change: number | null): string;
  /** 1536 → '1.5 KB'. */
  bytes(bytes: number): string;
  /** An ISO instant as date and time, in UTC (the audit trail's clock), named as such. */
  timestamp(iso: string): string;
  /** An ISO instant's date (UTC). */
  date(iso: string): string;
  /** An ISO instant's time of day (UTC), named as such. */
  time(iso: string): string;
  /** A civil date ('2022-04-01') or a span of them: one date when it starts and ends on the same day. */
  dateSpan(start: string, end?: string): string;
  /** A month of the year by number (1 = January), named in the locale. */
  monthName(month: number): string;
}

export function formatsFor(locale: string | undefined): Formats {
  // 'negative': a value that rounds to zero reads 0, never -0.
  const numberFormat = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, { signDisplay: 'negative', ...options });
  const nullable = (format: Intl.NumberFormat) => (value: number | null) => (value === null ? NO_VALUE : format.format(value));
  const upToSix = numberFormat({ maximumFractionDigits: 6 });
  const oneDecimal = numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signedPoints = numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const whole = numberFormat({ maximumFractionDigits: 0 });
  const dateParts: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' };
  const timeParts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC', timeZoneName: 'short' };
  const timestamp = new Intl.DateTimeFormat(locale, { ...dateParts, ...timeParts });
  const date = new Intl.DateTimeFormat(locale, dateParts);
  const time = new Intl.DateTimeFormat(locale, timeParts);
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return {
    locale: upToSix.resolvedOptions().locale,
    number: nullable(upToSix),
    threeDecimals: nullable(numberFormat({ minimumFractionDigits: 3, maximumFractionDigits: 3 })),
    significant: nullable(numberFormat({ maximumSignificantDigits: 6 })),
    fullPrecision: (value) => numberFormat({ maximumSignificantDigits: 17 }).format(value),
    count: (value) => whole.format(value),
    percent: nullable(numberFormat({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    signedPercent: nullable(numberFormat({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })),
    percentagePoints: (change) => (change === null ? NO_VALUE : `${signedPoints.format(change * 100)} pp`),
    bytes: (bytes) => {
      if (bytes < 1024) return `${whole.format(bytes)} bytes`;
      let value = bytes / 1024;
      let unit = 0;
      while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
        value /= 1024;
        unit += 1;
      }
      return `${oneDecimal.format(value)} ${BYTE_UNITS[unit]}`;
    },
    timestamp: (iso) => timestamp.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    time: (iso) => time.format(new Date(iso)),
    dateSpan: (start, end = start) => (start === end ? date.format(new Date(start)) : `${date.format(new Date(start))} – ${date.format(new Date(end))}`),
    monthName: (month) => monthName.format(Date.UTC(2000, month - 1, 1)),
  };
}

/** The system's language: `navigator` exists in the renderer, not in Node (where tests build their own). */
export const SYSTEM_LOCALE = (globalThis as { navigator?: { language?: string } }).navigator?.language;

const SYSTEM = formatsFor(SYSTEM_LOCALE);

export const formatNumber = SYSTEM.number;
export const formatThreeDecimals = SYSTEM.threeDecimals;
export const formatSignificant = SYSTEM.significant;
export const formatFullPrecision = SYSTEM.fullPrecision;
export const formatCount = SYSTEM.count;
export const formatPercent = SYSTEM.percent;
export const formatSignedPercent = SYSTEM.signedPercent;
export const formatPercentagePoints = SYSTEM.percentagePoints;
export const formatBytes = SYSTEM.bytes;
export const formatTimestamp = SYSTEM.timestamp;
export const formatDate = SYSTEM.date;
export const formatDateSpan = SYSTEM.dateSpan;
export const formatTime = SYSTEM.time;
export const formatMonthName = SYSTEM.monthName;

/** 1, 'row' → '1 row'; 2, 'row' → '2 rows'; the plural given where it is not the singular + s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** The message of anything thrown. */
export function errorMessage(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
