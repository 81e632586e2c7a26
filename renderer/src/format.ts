/** How numbers, sizes and times read everywhere in the UI: one place, so screens agree. */

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** Shown wherever a figure has no inputs: never 0. */
export const NO_VALUE = '—';

/** 1536 → '1.5 KB'. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** 1, 'row' → '1 row'; 2, 'row' → '2 rows'; the plural given where it is not the singular + s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

const NUMBER_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

/** Quantities and control totals: grouped, up to six decimals, never rounded to a misleading whole. */
export function formatNumber(value: number | null): string {
  return value === null ? NO_VALUE : NUMBER_FORMAT.format(value);
}

const THREE_DECIMALS = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/** Tonnes of CO2e and ratios such as PUE: grouped, exactly three decimals. */
export function formatThreeDecimals(value: number | null): string {
  return value === null ? NO_VALUE : THREE_DECIMALS.format(value);
}

const PERCENT = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const SIGNED_PERCENT = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const SIGNED_POINTS = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** 0.3764 → '37.6%'. */
export function formatPercent(share: number | null): string {
  return share === null ? NO_VALUE : PERCENT.format(share);
}

/** A relative change: -0.16 → '−16.0%'. */
export function formatSignedPercent(change: number | null): string {
  return change === null ? NO_VALUE : SIGNED_PERCENT.format(change);
}

/** A change between two shares, in percentage points: 0.226 → '+22.6 pp'. */
export function formatPercentagePoints(change: number | null): string {
  return change === null ? NO_VALUE : `${SIGNED_POINTS.format(change * 100)} pp`;
}

/** '2024-05-03T10:15:00.000Z' → '2024-05-03 10:15:00' (UTC). */
export function formatTimestamp(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

/** The message of anything thrown. */
export function errorMessage(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
