/**
 * The rows of the lead schedule: which figure each shows, how it reads, and how it is traced.
 * Keys are the engine's names for the figures (EmissionTotals and InventoryMetrics fields), the
 * names 'inventory.recalculate' reports changes under; intensity rows are 'intensity.<denominator>.<unit>'.
 */
import { activityByKey, SCOPE3_CATEGORIES } from '../../../../shared/activities';
import type { IntensityMetric } from '../../../../shared/calc/intensity';
import type { EmissionTotals, PeriodResult } from '../../../../shared/calc/inventory-types';
import { formatNumber, formatPercent, formatPercentagePoints, formatSignedPercent, formatThreeDecimals, NO_VALUE } from '../../format';

/** tCO2e figures, ratios (PUE), shares (0–1) and intensities (tCO2e per unit of a denominator). */
export type FigureFormat = 'tco2e' | 'ratio' | 'share' | 'intensity';
/** The inventory itself, what is reported apart from it, and physical metrics. */
export type FigureGroup = 'inventory' | 'apart' | 'metrics';

/**
 * What a column's figures are read from: a fiscal year of the whole entity, with its intensities,
 * or one site's totals, which have none (denominators are reported for the entity).
 */
export type FigureSource = EmissionTotals & { readonly intensities?: readonly IntensityMetric[] };

export interface FigureRow {
  readonly key: string;
  readonly label: string;
  readonly group: FigureGroup;
  readonly format: FigureFormat;
  /** The unit column's text, when it is not the format's own (intensities). */
  readonly unit?: string;
  /** The figure's name for 'inventory.trace'; null when it cannot be traced. */
  readonly traceName: string | null;
  /** A Scope 3 category, shown under Scope 3. */
  readonly category?: boolean;
  /** A total of other rows, shown as one. */
  readonly total?: boolean;
  readonly value: (totals: FigureSource) => number | null;
}

const SCOPE_ROWS: readonly FigureRow[] = [
  { key: 'scope1', label: 'Scope 1', group: 'inventory', format: 'tco2e', traceName: 'scope1', value: (t) => t.scope1 },
  { key: 'scope2_location', label: 'Scope 2 location-based', group: 'inventory', format: 'tco2e', traceName: 'scope2_location', value: (t) => t.scope2Location },
  { key: 'scope2_market', label: 'Scope 2 market-based', group: 'inventory', format: 'tco2e', traceName: 'scope2_market', value: (t) => t.scope2Market },
  { key: 'scope3', label: 'Scope 3', group: 'inventory', format: 'tco2e', traceName: 'scope3', value: (t) => t.scope3 },
];

const ROWS_AFTER_SCOPE3: readonly FigureRow[] = [
  { key: 'net', label: 'Net (Scope 1 + market-based Scope 2)', group: 'inventory', format: 'tco2e', traceName: 'net', total: true, value: (t) => t.net },
  { key: 'biogenic', label: 'Biogenic CO2 (outside scopes)', group: 'inventory', format: 'tco2e', traceName: 'biogenic', value: (t) => t.biogenic },
  { key: 'avoided', label: 'Avoided emissions', group: 'apart', format: 'tco2e', traceName: 'avoided', value: (t) => t.avoided },
  { key: 'pue', label: 'PUE (data centres)', group: 'metrics', format: 'ratio', traceName: null, value: (t) => t.metrics.pue },
  { key: 'clean_share', label: 'Clean-electricity share', group: 'metrics', format: 'share', traceName: null, value: (t) => t.metrics.cleanShare },
  { key: 'data_centre_clean_share', label: 'Data-centre clean share', group: 'metrics', format: 'share', traceName: null, value: (t) => t.metrics.dataCentreCleanShare },
];

const UNCATEGORISED = 'uncategorised';

function categoryRow(category: string): FigureRow {
  const uncategorised = category === UNCATEGORISED;
  return {
    key: `scope3.${category}`,
    label: uncategorised ? 'No category given' : `Category ${category}: ${SCOPE3_CATEGORIES[Number(category)] ?? 'unknown'}`,
    group: 'inventory',
    format: 'tco2e',
    // The trace addresses categories by number only.
    traceName: uncategorised ? null : `scope3.${category}`,
    category: true,
    value: (t) => t.scope3ByCategory[category] ?? null,
  };
}

/** Categories in number order, the uncategorised part last. */
function byCategoryNumber(a: string, b: string): number {
  return (a === UNCATEGORISED ? Infinity : Number(a)) - (b === UNCATEGORISED ? Infinity : Number(b));
}

const CURRENCY_PREFIX = 'currency:';
const CURRENCY_SIGNS: Readonly<Record<string, string>> = { GBP: '£', USD: '$', EUR: '€' };
const UNIT_TEXT: Readonly<Record<string, string>> = { m2: 'm²', ft2: 'ft²' };
/** Denominators counted in units of their own name: one order. */
const COUNT_NOUNS: Readonly<Record<string, string>> = { orders: 'order' };
const PER_MILLION = 1_000_000;

/** How an intensity reads: per £m of revenue (a currency unit is too small to read), per m² of floor area, per order. */
function intensityScale(denominator: string, unit: string): { readonly per: string; readonly label: string; readonly multiplier: number } {
  const noun = (activityByKey(denominator)?.label ?? denominator).replace(/\s*\(.*\)$/, '').toLowerCase();
  if (unit.startsWith(CURRENCY_PREFIX)) {
    const code = unit.slice(CURRENCY_PREFIX.length);
    const sign = CURRENCY_SIGNS[code];
    const per = sign ? `${sign}m` : `${code} m`;
    return { per, label: `per ${per} of ${noun}`, multiplier: PER_MILLION };
  }
  const countNoun = unit === 'count' ? COUNT_NOUNS[denominator] : undefined;
  if (countNoun) return { per: countNoun, label: `per ${countNoun}`, multiplier: 1 };
  const per = unit === 'count' ? 'unit' : UNIT_TEXT[unit] ?? unit;
  return { per, label: `per ${per} of ${noun}`, multiplier: 1 };
}

function intensityKey(metric: Pick<IntensityMetric, 'denominator' | 'unit'>): string {
  return `intensity.${metric.denominator}.${metric.unit}`;
}

/** Net tCO2e per unit of one denominator in one unit; shown, never traced. */
function intensityRow(denominator: string, unit: string): FigureRow {
  const { per, label, multiplier } = intensityScale(denominator, unit);
  const key = intensityKey({ denominator, unit });
  return {
    key,
    label: `Net tCO2e ${label}`,
    group: 'metrics',
    format: 'intensity',
    unit: `tCO2e/${per}`,
    traceName: null,
    value: (t) => {
      const perUnit = t.intensities?.find((metric) => intensityKey(metric) === key)?.netTco2ePerUnit ?? null;
      return perUnit === null ? null : perUnit * multiplier;
    },
  };
}

/** One intensity row per denominator and unit reported in any column, in the engine's order. */
function intensityRows(columns: readonly (FigureSource | null)[]): FigureRow[] {
  const pairs = new Map<string, IntensityMetric>();
  for (const metric of columns.flatMap((totals) => totals?.intensities ?? [])) pairs.set(intensityKey(metric), metric);
  return [...pairs.values()]
    .sort((a, b) => a.denominator.localeCompare(b.denominator) || a.unit.localeCompare(b.unit))
    .map((metric) => intensityRow(metric.denominator, metric.unit));
}

/** Every row of the schedule, with one row per Scope 3 category and per intensity present in any column. */
export function figureRows(columns: readonly (FigureSource | null)[]): FigureRow[] {
  const categories = new Set(columns.flatMap((totals) => (totals ? Object.keys(totals.scope3ByCategory) : [])));
  return [...SCOPE_ROWS, ...[...categories].sort(byCategoryNumber).map(categoryRow), ...ROWS_AFTER_SCOPE3, ...intensityRows(columns)];
}

/** The row a figure name reported by the engine belongs to ('scope2_market', 'pue', 'scope3.6'…): row keys are the engine's names. */
export function rowForKey(key: string): FigureRow | undefined {
  return [...SCOPE_ROWS, ...ROWS_AFTER_SCOPE3].find((row) => row.key === key) ?? (key.startsWith('scope3.') ? categoryRow(key.slice('scope3.'.length)) : undefined);
}

const UNIT_LABELS: Readonly<Record<FigureFormat, string>> = { tco2e: 'tCO2e', ratio: 'ratio', share: '%', intensity: 'tCO2e per unit' };

/** The unit column's text. */
export function unitLabel(row: FigureRow): string {
  return row.unit ?? UNIT_LABELS[row.format];
}

/** Intensities span orders of magnitude: significant digits, never an exponent. */
const SIGNIFICANT = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 });
const FULL_PRECISION = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 17 });

export function formatFigure(format: FigureFormat, value: number | null): string {
  if (format === 'share') return formatPercent(value);
  if (format === 'intensity') return value === null ? NO_VALUE : SIGNIFICANT.format(value);
  return formatThreeDecimals(value);
}

/** Full precision, for the hover text of a rounded figure. */
export function preciseFigure(row: FigureRow, value: number): string {
  switch (row.format) {
    case 'tco2e':
      return `${formatNumber(value)} tCO2e`;
    case 'intensity':
      return `${FULL_PRECISION.format(value)} ${unitLabel(row)}`;
    default:
      return formatNumber(value);
  }
}

/** Year on year: relative for tonnes and ratios, in percentage points for shares. */
export function yearOnYearChange(format: FigureFormat, previous: number | null, latest: number | null): number | null {
  if (previous === null || latest === null) return null;
  if (format === 'share') return latest - previous;
  return previous === 0 ? null : (latest - previous) / Math.abs(previous);
}

export function formatChange(format: FigureFormat, change: number | null): string {
  return format === 'share' ? formatPercentagePoints(change) : formatSignedPercent(change);
}

/** The figures of the whole entity (site null) or of one site; null when the site has none that year. */
export function totalsFor(period: PeriodResult, site: string | null): FigureSource | null {
  return site === null ? period : period.sites.find((result) => result.site === site) ?? null;
}

/** Sites named in any year, in name order. */
export function siteNames(periods: readonly PeriodResult[]): string[] {
  const names = new Set(periods.flatMap((period) => period.sites.map((result) => result.site).filter((name) => name !== null)));
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** Oldest fiscal year first. */
export function chronological(periods: readonly PeriodResult[]): PeriodResult[] {
  return [...periods].sort((a, b) => a.start.localeCompare(b.start));
}
