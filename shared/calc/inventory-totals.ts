/**
 * Fiscal-year and site totals from result lines and metric inputs.
 *
 * Every total is an exact sum (fsum), so it is the same double whatever order the lines come in.
 * A figure with no inputs is null, never 0. Emissions are already weighted by the boundary share
 * on their lines; metrics are physical quantities, and the overall ones take only sites inside
 * the boundary (share > 0).
 */
import { categoryKey, EMISSION_FIGURE_IDS, FIGURES, METRIC_FIGURE_IDS, METRICS_FIELD, TOTALS_FIELD, type MetricFigure } from '../figures';
import type { FiscalPeriod } from './fiscal';
import type { EmissionTotals, InventoryMetrics, MetricInputKind, PeriodResult, ResultLine, SiteResult } from './inventory-types';
import { fsum } from './sum';

/** One record's physical input to a metric in one fiscal year. */
export interface MetricInput {
  readonly recordId: number;
  readonly site: string | null;
  readonly fiscalYear: string;
  readonly kind: MetricInputKind;
  readonly kwh: number;
}

export interface SiteStanding {
  /** Boundary share, 0–1. */
  readonly share: number;
  readonly isDataCentre: boolean;
}

export interface TotalsInput {
  /** Sorted by record id, fiscal year and basis. */
  readonly lines: readonly ResultLine[];
  readonly metricInputs: readonly MetricInput[];
  readonly fiscalYears: ReadonlyMap<string, FiscalPeriod>;
  readonly standingOf: (site: string | null) => SiteStanding;
}

export function periodResults({ lines, metricInputs, fiscalYears, standingOf }: TotalsInput): Omit<PeriodResult, 'intensities'>[] {
  const linesByYear = groupBy(lines, (line) => line.fiscalYear);
  const inputsByYear = groupBy(metricInputs, (input) => input.fiscalYear);
  return [...fiscalYears.values()]
    .sort((a, b) => compareText(a.start, b.start))
    .map((year) => {
      const yearLines = linesByYear.get(year.label) ?? [];
      const yearInputs = inputsByYear.get(year.label) ?? [];
      const linesBySite = groupBy(yearLines, (line) => line.site);
      const inputsBySite = groupBy(yearInputs, (input) => input.site);
      const sites = [...new Set([...linesBySite.keys(), ...inputsBySite.keys()])].sort(compareSites);
      const siteResults = sites.map((site): SiteResult => ({
        site,
        ...standingOf(site),
        ...emissionTotals(linesBySite.get(site) ?? []),
        metrics: metricsOf(inputsBySite.get(site) ?? [], standingOf),
      }));
      const includedInputs = yearInputs.filter((input) => standingOf(input.site).share > 0);
      return { ...year, ...emissionTotals(yearLines), metrics: metricsOf(includedInputs, standingOf), sites: siteResults };
    });
}

/** Items by key, each group in the items' order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** By UTF-16 code units: the same order on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Records without a site first. */
function compareSites(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareText(a, b);
}

function totalOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : fsum(values);
}

/**
 * Each figure sums its lines directly, on the bases the figure catalogue gives it (net too), so a
 * figure equals the exact sum of the lines it traces to.
 */
function emissionTotals(lines: readonly ResultLine[]): Omit<EmissionTotals, 'metrics'> {
  const sums = Object.fromEntries(EMISSION_FIGURE_IDS.map((id) => {
    const { bases } = FIGURES[id].sums;
    return [TOTALS_FIELD[id], totalOf(lines.filter((line) => bases.includes(line.basis)).map((line) => line.tco2e))];
  })) as Record<(typeof TOTALS_FIELD)[keyof typeof TOTALS_FIELD], number | null>;
  const scope3Lines = lines.filter((line) => line.basis === 'scope3');
  const byCategory = groupBy(scope3Lines, (line) => categoryKey(line.scope3Category));
  return {
    ...sums,
    scope3ByCategory: Object.fromEntries(
      [...byCategory].sort(compareCategoryKeys).map(([key, categoryLines]) => [key, fsum(categoryLines.map((line) => line.tco2e))]),
    ),
  };
}

function compareCategoryKeys([a]: [string, unknown], [b]: [string, unknown]): number {
  const rank = (key: string) => (key === 'uncategorised' ? Number.POSITIVE_INFINITY : Number(key));
  return rank(a) - rank(b);
}

/**
 * The metric figures of the catalogue (PUE, clean shares) from the physical inputs, plus the input
 * totals themselves: electricityKwh and cleanKwh over all sites, facilityKwh and itKwh over the
 * sites PUE takes (those with both inputs).
 */
function metricsOf(inputs: readonly MetricInput[], standingOf: (site: string | null) => SiteStanding): InventoryMetrics {
  const total = (kind: MetricInputKind, includes: (site: string | null) => boolean = () => true) =>
    totalOf(inputs.filter((input) => input.kind === kind && includes(input.site)).map((input) => input.kwh));
  const sitesWith = (kind: MetricInputKind) => new Set(inputs.filter((input) => input.kind === kind).map((input) => input.site));

  /** Σ numerator and Σ denominator over the sites the figure covers (a ratio: those with both inputs). */
  const operands = (figure: MetricFigure) => {
    const { numerator, denominator } = figure.divides;
    const covered = figure.sites === 'data-centres' ? (site: string | null) => standingOf(site).isDataCentre : () => true;
    const [withNumerator, withDenominator] = [sitesWith(numerator), sitesWith(denominator)];
    const includes = figure.kind === 'ratio'
      ? (site: string | null) => covered(site) && withNumerator.has(site) && withDenominator.has(site)
      : covered;
    return { numerator: total(numerator, includes), denominator: total(denominator, includes) };
  };
  const valueOf = (figure: MetricFigure): number | null => {
    const { numerator, denominator } = operands(figure);
    if (denominator === null || denominator <= 0) return null;
    if (figure.kind === 'ratio') return numerator === null ? null : numerator / denominator;
    return (numerator ?? 0) / denominator;
  };
  const pueInputs = operands(FIGURES.pue);
  const figures = Object.fromEntries(METRIC_FIGURE_IDS.map((id) => [METRICS_FIELD[id], valueOf(FIGURES[id])])) as Pick<InventoryMetrics, (typeof METRICS_FIELD)[keyof typeof METRICS_FIELD]>;
  return {
    ...figures,
    electricityKwh: total('electricity'),
    cleanKwh: total('clean'),
    itKwh: pueInputs.denominator,
    facilityKwh: pueInputs.numerator,
  };
}
