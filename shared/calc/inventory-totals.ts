/**
 * Fiscal-year and site totals from result lines and metric inputs.
 *
 * Every total is an exact sum (fsum), so it is the same double whatever order the lines come in.
 * A figure with no inputs is null, never 0. Emissions are already weighted by the boundary share
 * on their lines; metrics are physical quantities, and the overall ones take only sites inside
 * the boundary (share > 0).
 */
import type { FiscalPeriod } from './fiscal';
import type { EmissionTotals, InventoryMetrics, LineBasis, PeriodResult, ResultLine, SiteResult } from './inventory-types';
import { fsum } from './sum';

export type MetricKind = 'electricity' | 'clean' | 'it' | 'facility';

/** One record's physical input to a metric in one fiscal year. */
export interface MetricInput {
  readonly recordId: number;
  readonly site: string | null;
  readonly fiscalYear: string;
  readonly kind: MetricKind;
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
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
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

/** Each total sums its lines directly (net too), so a figure equals the exact sum of the lines it traces to. */
function emissionTotals(lines: readonly ResultLine[]): Omit<EmissionTotals, 'metrics'> {
  const onBases = (...bases: LineBasis[]) => totalOf(lines.filter((line) => bases.includes(line.basis)).map((line) => line.tco2e));
  const scope3Lines = lines.filter((line) => line.basis === 'scope3');
  const byCategory = groupBy(scope3Lines, (line) => (line.scope3Category === null ? 'uncategorised' : String(line.scope3Category)));
  return {
    scope1: onBases('scope1'),
    scope2Location: onBases('location'),
    scope2Market: onBases('market'),
    scope3: onBases('scope3'),
    scope3ByCategory: Object.fromEntries(
      [...byCategory].sort(compareCategoryKeys).map(([key, categoryLines]) => [key, fsum(categoryLines.map((line) => line.tco2e))]),
    ),
    net: onBases('scope1', 'market'),
    biogenic: onBases('biogenic'),
    avoided: onBases('avoided'),
  };
}

function compareCategoryKeys([a]: [string, unknown], [b]: [string, unknown]): number {
  const rank = (key: string) => (key === 'uncategorised' ? Number.POSITIVE_INFINITY : Number(key));
  return rank(a) - rank(b);
}

/**
 * PUE = Σ facility energy / Σ IT energy over the period, energy-weighted (never a mean of
 * monthly ratios), over the sites that have both inputs; facilityKwh and itKwh are those inputs.
 * Clean share = Σ clean instrument electricity (capped at consumption) / Σ electricity consumed;
 * the data-centre share takes data-centre sites only.
 */
function metricsOf(inputs: readonly MetricInput[], standingOf: (site: string | null) => SiteStanding): InventoryMetrics {
  const sitesWith = (kind: MetricKind) => new Set(inputs.filter((input) => input.kind === kind).map((input) => input.site));
  const itSites = sitesWith('it');
  const pueSites = new Set([...sitesWith('facility')].filter((site) => itSites.has(site)));
  const total = (kind: MetricKind, includes: (site: string | null) => boolean = () => true) =>
    totalOf(inputs.filter((input) => input.kind === kind && includes(input.site)).map((input) => input.kwh));

  const facilityKwh = total('facility', (site) => pueSites.has(site));
  const itKwh = total('it', (site) => pueSites.has(site));
  const electricityKwh = total('electricity');
  const cleanKwh = total('clean');
  const isDataCentre = (site: string | null) => standingOf(site).isDataCentre;
  return {
    pue: facilityKwh === null || itKwh === null || itKwh <= 0 ? null : facilityKwh / itKwh,
    cleanShare: shareOf(cleanKwh, electricityKwh),
    dataCentreCleanShare: shareOf(total('clean', isDataCentre), total('electricity', isDataCentre)),
    electricityKwh,
    cleanKwh,
    itKwh,
    facilityKwh,
  };
}

/** Clean over consumed; 0 when electricity was consumed and no clean instrument covers it. */
function shareOf(clean: number | null, consumed: number | null): number | null {
  return consumed === null || consumed <= 0 ? null : (clean ?? 0) / consumed;
}
