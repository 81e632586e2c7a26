/**
 * Records the calculation could not price (no factor, an ambiguous factor or calorific basis, a
 * unit or period it cannot use): each is missing from every emissions figure its activity feeds,
 * in the fiscal years its period touches. A comparison with such a figure is against an incomplete
 * recomputation, and must say so: how many records are missing and, where the calculation knows
 * it, the tCO2e at stake (pro rata by days when a record spans fiscal years). Likewise a ratio
 * (PUE) without one of its inputs says which site has one and lacks the other.
 */
import { activityByKey, FACILITY_ENERGY_ACTIVITY, IT_ENERGY_ACTIVITY } from '../activities';
import { allocateByDays, type FiscalSettings } from '../calc/fiscal';
import { FINDING_KINDS, type CalcRecord, type Finding, type FindingKind, type InventoryResult, type LineBasis, type MetricInputKind, type PeriodResult, type SiteResult } from '../calc/inventory-types';
import { FIGURES, METRIC_INPUT_WORDS, type Figure, type MetricFigure } from '../figures';
import { formatAmount } from './format';

/** Kinds that leave a record's emissions priced (a caveat) or deliberately out (a double count). */
const PRICED_OR_DELIBERATE: ReadonlySet<FindingKind> = new Set(['double-count', 'scope3-category', 'instrument-exceeds-consumption']);

/** Finding kinds that leave a record out of the inventory until the auditor resolves them (a factor, a unit, a basis to state). */
export const UNPRICED_KINDS: readonly FindingKind[] = FINDING_KINDS.filter((kind) => !PRICED_OR_DELIBERATE.has(kind));

const SCOPE_BASES: Readonly<Record<string, readonly LineBasis[]>> = { scope1: ['scope1'], scope2: ['location', 'market'], scope3: ['scope3'] };
/** An activity the calculation does not know could have fed any emissions figure. */
const ANY_BASIS: readonly LineBasis[] = ['scope1', 'location', 'market', 'scope3'];

interface UnpricedShare {
  readonly recordId: number;
  readonly site: string | null;
  readonly bases: readonly LineBasis[];
  /** The Scope 3 category it would be reported in; null for none. */
  readonly category: number | null;
  readonly fiscalYear: string;
  readonly kind: FindingKind;
  /** This year's part of what is at stake; null when the calculation cannot bound it. */
  readonly low: number | null;
  readonly high: number | null;
}

/** What an emissions figure of one year is missing. */
export interface UnpricedInputs {
  readonly records: number;
  readonly fiscalYear: string;
  /** The findings' kinds, alphabetically. */
  readonly kinds: readonly FindingKind[];
  /** tCO2e at stake; null when some record's is unknown (no factor to price it with at all). */
  readonly low: number | null;
  readonly high: number | null;
}

export type UnpricedIndex = readonly UnpricedShare[];

/** Every unpriced record's share of each fiscal year, from a calculation's findings and lines. */
export function unpricedIndex(result: Pick<InventoryResult, 'findings' | 'lines'>, records: readonly CalcRecord[], fiscal: FiscalSettings): UnpricedIndex {
  const priced = new Set(result.lines.map((line) => line.recordId));
  const byId = new Map(records.map((record) => [record.id, record]));
  const first = new Map<number, Finding>();
  for (const finding of result.findings) {
    if (finding.recordId === null || PRICED_OR_DELIBERATE.has(finding.kind) || priced.has(finding.recordId) || first.has(finding.recordId)) continue;
    first.set(finding.recordId, finding);
  }
  return [...first.values()].flatMap((finding): UnpricedShare[] => {
    const record = byId.get(finding.recordId!);
    if (!record || record.meaning !== 'consumption') return [];
    const scope = activityByKey(record.activity)?.scope;
    if (scope === 'none') return [];
    const bases = scope === undefined ? ANY_BASIS : SCOPE_BASES[scope]!;
    const years = allocateByDays(record.periodStart, record.periodEnd, fiscal);
    if (!years.ok) return [];
    return years.value.map((year) => {
      const part = (tonnes: number | undefined) => (tonnes === undefined ? null : (tonnes * year.days) / year.totalDays);
      return { recordId: record.id, site: record.site, bases, category: record.scope3Category ?? activityByKey(record.activity)?.scope3Category ?? null, fiscalYear: year.label, kind: finding.kind, low: part(finding.atStake?.low), high: part(finding.atStake?.high) };
    });
  });
}

/** What an emissions figure of a year (for the entity, or one site) is missing; null when nothing. */
export function unpricedFor(index: UnpricedIndex, figure: Figure, fiscalYear: string, site: string | null): UnpricedInputs | null {
  switch (figure.kind) {
    case 'tco2e':
      return unpricedIn(index, figure.sums.bases, fiscalYear, site, figure.sums.category);
    case 'intensity':
      return unpricedIn(index, FIGURES.net.sums.bases, fiscalYear, site);
    default:
      return null;
  }
}

/** What the inventory's emissions of a year miss, whichever figure: Scope 1, 2 and 3. */
export function unpricedInYear(index: UnpricedIndex, fiscalYear: string): UnpricedInputs | null {
  return unpricedIn(index, ANY_BASIS, fiscalYear, null);
}

/** `category`: only records of that Scope 3 category (null: those with none); absent: any. */
function unpricedIn(index: UnpricedIndex, bases: readonly LineBasis[], fiscalYear: string, site: string | null, category?: number | null): UnpricedInputs | null {
  const shares = index.filter((share) =>
    share.fiscalYear === fiscalYear && (site === null || share.site === site) && share.bases.some((basis) => bases.includes(basis)) && (category === undefined || share.category === category));
  if (shares.length === 0) return null;
  const bounded = shares.every((share) => share.low !== null && share.high !== null);
  const sum = (pick: (share: UnpricedShare) => number | null) => shares.reduce((total, share) => total + pick(share)!, 0);
  return {
    records: new Set(shares.map((share) => share.recordId)).size,
    fiscalYear,
    kinds: [...new Set(shares.map((share) => share.kind))].sort(),
    low: bounded ? sum((share) => share.low) : null,
    high: bounded ? sum((share) => share.high) : null,
  };
}

/** '36 records in FY2023 could not be priced (calorific-basis-ambiguous), at stake 64.8 to 71.8 tCO2e' */
export function unpricedText(missing: UnpricedInputs): string {
  const stake = missing.low === null || missing.high === null
    ? 'tCO2e at stake unknown'
    : missing.low === missing.high ? `at stake ${formatAmount(missing.low)} tCO2e` : `at stake ${formatAmount(missing.low)} to ${formatAmount(missing.high)} tCO2e`;
  const count = missing.records === 1 ? '1 record' : `${missing.records} records`;
  return `${count} in ${missing.fiscalYear} could not be priced (${missing.kinds.join(', ')}: see the calculation findings), ${stake}`;
}

// ---------------------------------------------------------------------------------------------
// A ratio's inputs: a site with one but not the other is left out of the ratio, and says so.

/** The activity whose records are each ratio input. */
export const RATIO_INPUT_ACTIVITY = { it: IT_ENERGY_ACTIVITY, facility: FACILITY_ENERGY_ACTIVITY } as const satisfies Partial<Record<MetricInputKind, string>>;
const RATIO_INPUTS: Readonly<Record<string, MetricInputKind>> = { [RATIO_INPUT_ACTIVITY.it]: 'it', [RATIO_INPUT_ACTIVITY.facility]: 'facility' };

/** The fiscal years a record's period touches (none when it cannot be allocated). */
export function fiscalYearsOf(record: Pick<CalcRecord, 'periodStart' | 'periodEnd'>, fiscal: FiscalSettings): string[] {
  const years = allocateByDays(record.periodStart, record.periodEnd, fiscal);
  return years.ok ? years.value.map((year) => year.label) : [];
}

/** The ratio inputs recorded per fiscal year and site ('FY2024' → 'DC Reading' → it, facility). */
export type RatioInputIndex = ReadonlyMap<string, ReadonlyMap<string | null, ReadonlySet<MetricInputKind>>>;

export function ratioInputIndex(records: readonly Pick<CalcRecord, 'activity' | 'site' | 'periodStart' | 'periodEnd'>[], fiscal: FiscalSettings): RatioInputIndex {
  const index = new Map<string, Map<string | null, Set<MetricInputKind>>>();
  for (const record of records) {
    const kind = RATIO_INPUTS[record.activity];
    if (kind === undefined) continue;
    for (const year of fiscalYearsOf(record, fiscal)) {
      const sites = index.get(year) ?? index.set(year, new Map()).get(year)!;
      (sites.get(record.site) ?? sites.set(record.site, new Set()).get(record.site)!).add(kind);
    }
  }
  return index;
}

/**
 * Why a ratio (PUE) has no value in a year although some of its inputs are recorded: 'IT energy is
 * recorded for DC Reading but no total facility energy'; null when none of them is.
 */
export function ratioInputsMissing(index: RatioInputIndex, figure: Figure, fiscalYear: string, site: string | null, isDataCentre: (site: string | null) => boolean): string | null {
  if (figure.kind !== 'ratio') return null;
  const recorded = [...(index.get(fiscalYear) ?? new Map<string | null, ReadonlySet<MetricInputKind>>())].filter(([name]) => site === null || name === site);
  const notes = recorded.flatMap(([name, kinds]) => ratioInputGap(figure, name, kinds, isDataCentre(name)) ?? []);
  return notes.length === 0 ? null : `${figure.label} cannot be computed in ${fiscalYear}: ${notes.join('; ')}`;
}

/**
 * Why one site's inputs leave it out of a ratio: 'IT energy is recorded for DC Reading but no total
 * facility energy', or that the site is not a data centre; null when it has both, or neither.
 */
export function ratioInputGap(figure: MetricFigure, site: string | null, kinds: ReadonlySet<MetricInputKind>, isDataCentre: boolean): string | null {
  const { numerator, denominator } = figure.divides;
  if (!kinds.has(numerator) && !kinds.has(denominator)) return null;
  const [has, lacks] = kinds.has(numerator) ? [numerator, denominator] : [denominator, numerator];
  const named = site ?? '(no site)';
  if (figure.sites === 'data-centres' && !isDataCentre) return `${METRIC_INPUT_WORDS[has]} is recorded for ${named}, which is not marked a data centre (carbon-audit site)`;
  return kinds.has(lacks) ? null : `${METRIC_INPUT_WORDS[has]} is recorded for ${named} but no ${METRIC_INPUT_WORDS[lacks]}`;
}

/** Why a site is left out of its year's PUE (one input without the other, or not a data centre); null when it is not. */
export function sitePueGap(site: SiteResult): string | null {
  const recorded = new Set<MetricInputKind>();
  if (site.metrics.facilityKwh !== null) recorded.add(FIGURES.pue.divides.numerator);
  if (site.metrics.itKwh !== null) recorded.add(FIGURES.pue.divides.denominator);
  return ratioInputGap(FIGURES.pue, site.site, recorded, site.isDataCentre);
}

/**
 * What a year's PUE covers, as the workbook's Metrics sheet and the CLI say it: nothing to say when
 * every data centre in the boundary has both inputs, or when the boundary has no data centre and
 * no site records either input (PUE does not apply); otherwise the data centres it leaves out and
 * why; and, when it has no value, why not (no data centre in the boundary has both inputs).
 */
export function yearPueNote(period: PeriodResult): string | null {
  const inBoundary = period.sites.filter((site) => site.share > 0);
  const gaps = inBoundary.flatMap((site) => sitePueGap(site) ?? []);
  if (period.metrics.pue !== null) return gaps.length === 0 ? null : `${FIGURES.pue.label} over the data centres with both inputs; left out: ${gaps.join('; ')}`;
  if (gaps.length === 0 && !inBoundary.some((site) => site.isDataCentre)) return null;
  const why = gaps.length === 0 ? `no data centre in the reporting boundary records both ${METRIC_INPUT_WORDS.it} and ${METRIC_INPUT_WORDS.facility}` : gaps.join('; ');
  return `${FIGURES.pue.label} cannot be computed in ${period.label}: ${why}`;
}
