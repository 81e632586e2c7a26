/**
 * The rows of the lead schedule: the figure catalogue's figures (shared/figures), one row per
 * Scope 3 category and per intensity present, with how each reads here. Row keys are the
 * catalogue's ids, the names 'inventory.recalculate' reports changes under.
 */
import type { IntensityMetric } from '../../../../shared/calc/intensity';
import type { EmissionTotals, PeriodResult } from '../../../../shared/calc/inventory-types';
import { FIGURE_IDS, figureById, FIGURES, figureValue, intensityFigure, scope3CategoryFigure, UNCATEGORISED, type Figure, type FigureKind } from '../../../../shared/figures';
import { formatFullPrecision, formatNumber, formatPercent, formatPercentagePoints, formatSignedPercent, formatSignificant, formatThreeDecimals } from '../../format';
import { t } from '../../../../shared/messages';
import { denominatorNoun, figureName } from '../../labels';

export type { FigureGroup } from '../../../../shared/figures';

/**
 * What a column's figures are read from: a fiscal year of the whole entity, with its intensities,
 * or one site's totals, which have none (denominators are reported for the entity).
 */
export type FigureSource = EmissionTotals & { readonly intensities?: readonly IntensityMetric[] };

export interface FigureRow {
  readonly figure: Figure;
  /** The figure's name (figureName), or for an intensity the scale it is shown in. */
  readonly label: string;
  /** The unit column's text, when it is not the kind's own (intensities). */
  readonly unit?: string;
  /** Shown as a Scope 3 category under Scope 3. */
  readonly category?: boolean;
  /** A total of other rows, shown as one. */
  readonly total?: boolean;
  readonly value: (totals: FigureSource) => number | null;
}

function catalogueRow(figure: Figure, shown: Partial<FigureRow> = {}): FigureRow {
  return { figure, label: figureName(figure), value: (totals) => figureValue(figure, totals), ...shown };
}

/** Scope 1 to Scope 3 first, then the Scope 3 categories, then the rest of the catalogue. */
const SCOPE_IDS = FIGURE_IDS.slice(0, FIGURE_IDS.indexOf('scope3') + 1);
const IDS_AFTER_SCOPE3 = FIGURE_IDS.slice(SCOPE_IDS.length);
/** Totals of other rows, shown as such. */
const TOTAL_ROWS: ReadonlySet<string> = new Set(['net', 'scope1_2_location']);

function categoryRow(key: string): FigureRow {
  return catalogueRow(scope3CategoryFigure(key === UNCATEGORISED ? null : Number(key)), { category: true });
}

/** Categories in number order, the uncategorised part last. */
function byCategoryNumber(a: string, b: string): number {
  return (a === UNCATEGORISED ? Infinity : Number(a)) - (b === UNCATEGORISED ? Infinity : Number(b));
}

const CURRENCY_PREFIX = 'currency:';
const CURRENCY_SIGNS: Readonly<Record<string, string>> = { GBP: '£', USD: '$', EUR: '€' };
const UNIT_TEXT: Readonly<Record<string, string>> = { m2: t.figures.m, ft2: t.figures.ft };
/** Denominators counted in units of their own name: one order. */
const COUNT_NOUNS: Readonly<Record<string, string>> = { orders: t.figures.order };
const PER_MILLION = 1_000_000;

/** How an intensity reads: per £m of revenue (a currency unit is too small to read), per m² of floor area, per order. */
function intensityScale(denominator: string, unit: string): { readonly per: string; readonly label: string; readonly multiplier: number } {
  const noun = denominatorNoun(denominator);
  if (unit.startsWith(CURRENCY_PREFIX)) {
    const code = unit.slice(CURRENCY_PREFIX.length);
    const sign = CURRENCY_SIGNS[code];
    const per = sign ? `${sign}m` : `${code} m`;
    return { per, label: t.figures.perOf(per, noun), multiplier: PER_MILLION };
  }
  const countNoun = unit === 'count' ? COUNT_NOUNS[denominator] : undefined;
  if (countNoun) return { per: countNoun, label: t.figures.per(countNoun), multiplier: 1 };
  const per = unit === 'count' ? t.figures.unit : UNIT_TEXT[unit] ?? unit;
  return { per, label: t.figures.perOf(per, noun), multiplier: 1 };
}

/** Net tCO2e per unit of one denominator in one unit, scaled to read well; shown, never traced. */
function intensityRow(metric: Pick<IntensityMetric, 'denominator' | 'unit'>): FigureRow {
  const figure = intensityFigure(metric.denominator, metric.unit);
  const { per, label, multiplier } = intensityScale(metric.denominator, metric.unit);
  return {
    figure,
    label: t.figures.netTco2e(label),
    unit: `tCO2e/${per}`,
    value: (totals) => {
      const perUnit = figureValue(figure, totals);
      return perUnit === null ? null : perUnit * multiplier;
    },
  };
}

/** One intensity row per denominator and unit reported in any column, in the engine's order. */
function intensityRows(columns: readonly (FigureSource | null)[]): FigureRow[] {
  const pairs = new Map<string, IntensityMetric>();
  for (const metric of columns.flatMap((totals) => totals?.intensities ?? [])) pairs.set(intensityFigure(metric.denominator, metric.unit).id, metric);
  return [...pairs.values()]
    .sort((a, b) => a.denominator.localeCompare(b.denominator) || a.unit.localeCompare(b.unit))
    .map(intensityRow);
}

/** Every row of the schedule, with one row per Scope 3 category and per intensity present in any column. */
export function figureRows(columns: readonly (FigureSource | null)[]): FigureRow[] {
  const categories = new Set(columns.flatMap((totals) => (totals ? Object.keys(totals.scope3ByCategory) : [])));
  return [
    ...SCOPE_IDS.map((id) => catalogueRow(FIGURES[id])),
    ...[...categories].sort(byCategoryNumber).map(categoryRow),
    ...IDS_AFTER_SCOPE3.map((id) => catalogueRow(FIGURES[id], TOTAL_ROWS.has(id) ? { total: true } : {})),
    ...intensityRows(columns),
  ];
}

/** The row of a figure the engine names ('scope2_market', 'pue', 'scope3.6'…). */
export function rowForKey(key: string): FigureRow | undefined {
  const figure = figureById(key);
  if (!figure) return undefined;
  return figure.id.startsWith('scope3.') ? catalogueRow(figure, { category: true }) : catalogueRow(figure);
}

const UNIT_LABELS: Readonly<Record<FigureKind, string>> = { tco2e: t.figures.tco2e, ratio: t.figures.ratio, fraction: '%', intensity: t.figures.tco2ePerUnit };

/** The unit column's text. */
export function unitLabel(row: FigureRow): string {
  return row.unit ?? UNIT_LABELS[row.figure.kind];
}

export function formatFigure(format: FigureKind, value: number | null): string {
  if (format === 'fraction') return formatPercent(value);
  if (format === 'intensity') return formatSignificant(value);
  return formatThreeDecimals(value);
}

/** Full precision, for the hover text of a rounded figure. */
export function preciseFigure(row: FigureRow, value: number): string {
  switch (row.figure.kind) {
    case 'tco2e':
      return `${formatNumber(value)} tCO2e`;
    case 'intensity':
      return `${formatFullPrecision(value)} ${unitLabel(row)}`;
    default:
      return formatNumber(value);
  }
}

/** Year on year: relative for tonnes and ratios, in percentage points for shares. */
export function yearOnYearChange(format: FigureKind, previous: number | null, latest: number | null): number | null {
  if (previous === null || latest === null) return null;
  if (format === 'fraction') return latest - previous;
  return previous === 0 ? null : (latest - previous) / Math.abs(previous);
}

export function formatChange(format: FigureKind, change: number | null): string {
  return format === 'fraction' ? formatPercentagePoints(change) : formatSignedPercent(change);
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
