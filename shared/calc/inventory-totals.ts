/**
 * Fiscal-year and site totals, accumulated as the lines stream past.
 *
 * Every line adds its tCO2e to one group: its fiscal year, site, activity, basis and Scope 3
 * category. A group keeps an exact sum (ExactSum) and its count, so memory grows with sites ×
 * activities × years, never with records. A figure combines the exact sums of the groups it
 * covers and rounds once: it is the correctly rounded sum of its lines, the same double whatever
 * order the lines came in, and the stored groups give any site's or activity's part exactly.
 *
 * A figure with no inputs is null, never 0. Emissions are already weighted by the boundary share
 * on their lines; metrics are physical quantities, and the overall ones take only sites inside
 * the boundary (share > 0).
 */
import { categoryKey, EMISSION_FIGURE_IDS, FIGURES, METRIC_FIGURE_IDS, METRICS_FIELD, TOTALS_FIELD, type MetricFigure } from '../figures';
import type { FiscalPeriod } from './fiscal';
import type { EmissionTotals, InventoryMetrics, LineBasis, MetricInputKind, PeriodResult, SiteResult } from './inventory-types';
import type { Rational } from './rational';
import { ExactSum } from './sum';

/** An exact running sum and how many values went into it. */
export class CountedSum {
  readonly sum = new ExactSum();
  count = 0;

  /** A sum stored as its exact parts (ExactSum.exactParts) and count. */
  static of(count: number, exactParts: readonly number[]): CountedSum {
    const total = new CountedSum();
    for (const part of exactParts) total.sum.add(part);
    total.count = count;
    return total;
  }

  add(value: number): void {
    this.sum.add(value);
    this.count++;
  }
}

/** The lines of one fiscal year, site, activity, basis and Scope 3 category, with the site's boundary share. */
export interface LineGroup {
  readonly fiscalYear: string;
  readonly site: string | null;
  readonly activity: string;
  readonly basis: LineBasis;
  readonly scope3Category: number | null;
  readonly share: Rational;
  readonly total: CountedSum;
}

/** The physical inputs (kWh) of one kind to the metrics of one fiscal year and site. */
interface MetricGroup {
  readonly fiscalYear: string;
  readonly site: string | null;
  readonly kind: MetricInputKind;
  readonly total: CountedSum;
}

export interface SiteStanding {
  /** Boundary share, 0–1. */
  readonly share: number;
  readonly isDataCentre: boolean;
}

function partKey(value: string | number | null): string {
  return value === null ? '\u0000' : `=${value}`;
}

export class InventoryTotals {
  private readonly lineGroups = new Map<string, LineGroup>();
  private readonly metricGroups = new Map<string, MetricGroup>();

  /** The group a line adds to (callers keep it: the records of a kind add to the same groups). */
  lineGroup(fiscalYear: string, site: string | null, activity: string, basis: LineBasis, scope3Category: number | null, share: Rational): LineGroup {
    const key = [fiscalYear, site, activity, basis, scope3Category].map(partKey).join('\u0001');
    let group = this.lineGroups.get(key);
    if (!group) {
      group = { fiscalYear, site, activity, basis, scope3Category, share, total: new CountedSum() };
      this.lineGroups.set(key, group);
    }
    return group;
  }

  metricGroup(fiscalYear: string, site: string | null, kind: MetricInputKind): CountedSum {
    const key = [fiscalYear, site, kind].map(partKey).join('\u0001');
    let group = this.metricGroups.get(key);
    if (!group) {
      group = { fiscalYear, site, kind, total: new CountedSum() };
      this.metricGroups.set(key, group);
    }
    return group.total;
  }

  /** Every group that received a line, for storing: any figure of any site or activity combines them exactly. */
  groups(): LineGroup[] {
    return [...this.lineGroups.values()].filter((group) => group.total.count > 0);
  }

  periodResults(fiscalYears: ReadonlyMap<string, FiscalPeriod>, standingOf: (site: string | null) => SiteStanding): Omit<PeriodResult, 'intensities'>[] {
    const linesByYear = groupBy(this.groups(), (group) => group.fiscalYear);
    const inputsByYear = groupBy([...this.metricGroups.values()].filter((group) => group.total.count > 0), (group) => group.fiscalYear);
    return [...fiscalYears.values()]
      .sort((a, b) => compareText(a.start, b.start))
      .map((year) => {
        const yearLines = linesByYear.get(year.label) ?? [];
        const yearInputs = inputsByYear.get(year.label) ?? [];
        const linesBySite = groupBy(yearLines, (group) => group.site);
        const inputsBySite = groupBy(yearInputs, (group) => group.site);
        const sites = [...new Set([...linesBySite.keys(), ...inputsBySite.keys()])].sort(compareSites);
        const siteResults = sites.map((site): SiteResult => ({
          site,
          ...standingOf(site),
          ...emissionTotals(linesBySite.get(site) ?? []),
          metrics: metricsOf(inputsBySite.get(site) ?? [], standingOf, 'site'),
        }));
        const includedInputs = yearInputs.filter((input) => standingOf(input.site).share > 0);
        return { ...year, ...emissionTotals(yearLines), metrics: metricsOf(includedInputs, standingOf, 'year'), sites: siteResults };
      });
  }
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
export function compareSites(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareText(a, b);
}

/** The exact sum of the groups' sums, rounded once; null when no value went into them. */
export function combinedTotal(totals: Iterable<CountedSum>): number | null {
  const sum = new ExactSum();
  let count = 0;
  for (const total of totals) {
    if (total.count === 0) continue;
    sum.addSum(total.sum);
    count += total.count;
  }
  return count === 0 ? null : sum.value();
}

/**
 * Each figure sums its lines directly, on the bases the figure catalogue gives it (net too), so a
 * figure equals the exact sum of the lines it traces to.
 */
export function emissionTotals(groups: readonly Pick<LineGroup, 'basis' | 'scope3Category' | 'total'>[]): Omit<EmissionTotals, 'metrics'> {
  const sums = Object.fromEntries(EMISSION_FIGURE_IDS.map((id) => {
    const { bases } = FIGURES[id].sums;
    return [TOTALS_FIELD[id], combinedTotal(groups.filter((group) => bases.includes(group.basis)).map((group) => group.total))];
  })) as Record<(typeof TOTALS_FIELD)[keyof typeof TOTALS_FIELD], number | null>;
  const byCategory = groupBy(groups.filter((group) => group.basis === 'scope3'), (group) => categoryKey(group.scope3Category));
  return {
    ...sums,
    scope3ByCategory: Object.fromEntries(
      [...byCategory].sort(compareCategoryKeys).map(([key, categoryGroups]) => [key, combinedTotal(categoryGroups.map((group) => group.total)) ?? 0]),
    ),
  };
}

function compareCategoryKeys([a]: [string, unknown], [b]: [string, unknown]): number {
  const rank = (key: string) => (key === 'uncategorised' ? Number.POSITIVE_INFINITY : Number(key));
  return rank(a) - rank(b);
}

/**
 * The metric figures of the catalogue (PUE, clean shares) from the physical inputs, plus the input
 * totals themselves: electricityKwh and cleanKwh over all sites; facilityKwh and itKwh over a
 * year's sites PUE takes (data centres with both inputs), and at one site what it recorded, so a
 * site with one input and not the other still shows the one (its PUE stays null).
 */
function metricsOf(inputs: readonly MetricGroup[], standingOf: (site: string | null) => SiteStanding, over: 'site' | 'year'): InventoryMetrics {
  const total = (kind: MetricInputKind, includes: (site: string | null) => boolean = () => true) =>
    combinedTotal(inputs.filter((input) => input.kind === kind && includes(input.site)).map((input) => input.total));
  const sitesWith = (kind: MetricInputKind) => new Set(inputs.filter((input) => input.kind === kind && input.total.count > 0).map((input) => input.site));

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
  const { numerator, denominator } = FIGURES.pue.divides;
  const pueInputs = over === 'year' ? operands(FIGURES.pue) : { numerator: total(numerator), denominator: total(denominator) };
  const figures = Object.fromEntries(METRIC_FIGURE_IDS.map((id) => [METRICS_FIELD[id], valueOf(FIGURES[id])])) as Pick<InventoryMetrics, (typeof METRICS_FIELD)[keyof typeof METRICS_FIELD]>;
  return {
    ...figures,
    electricityKwh: total('electricity'),
    cleanKwh: total('clean'),
    itKwh: pueInputs.denominator,
    facilityKwh: pueInputs.numerator,
  };
}
