/**
 * Materiality and the misstatement summary, per fiscal year.
 *
 * Materiality is a percentage (settings) of the total Scope 1 + 2 the company reported for the
 * year: its net figure, else Scope 1 + market-based Scope 2, else its location-based total, else
 * Scope 1 + location-based Scope 2; without any of those, the recomputed net, said so.
 * Performance materiality and the clearly-trivial threshold are percentages of the same base.
 *
 * The summary adds up the differences (reported − recomputed) of the figures that make the
 * reported Scope 1 + 2 total (the same figures the base is taken from, so nothing is counted
 * twice) and of Scope 3 (its total, else its categories). Differences up to the clearly-trivial
 * threshold are listed but not accumulated; the rest are added without offsetting
 * overstatements against understatements. The sum on the figures as imported is the uncorrected
 * total; on the figures after the proposed adjustments, the corrected total. The conclusion is
 * drawn after the adjustments, in aggregate (the corrected total) and individually (the largest
 * single difference of any entity-level emissions claim, aggregated or not, such as a Scope 1
 * claim beside a reported net, or a reported change on the prior year as the tonnage it is out by),
 * against materiality and performance materiality. Site-level claims are judged one by one and
 * never added here: their site is part of an entity figure.
 */
import type { PeriodResult } from '../calc/inventory-types';
import { decimalRational, productOfRationals, rationalToNumber, shortestDecimalRational, subtractRationals, type Rational } from '../calc/rational';
import { ExactSum } from '../calc/sum';
import { FIGURES, figureValue, type Figure } from '../figures';
import type { MaterialityAmounts, ReconcileSettings } from './claims';
import { formatAmount } from './format';

/** A matched entity-level emissions claim of one fiscal year, with the values it is compared with. */
export interface MaterialityClaim {
  readonly claimId: number;
  readonly figure: Figure;
  readonly fiscalYear: string;
  /** The reported value in tCO2e, exactly. */
  readonly reported: Rational;
  readonly uncorrected: number | null;
  readonly corrected: number | null;
  /**
   * A change on the prior year, with the tonnage it is out by (the difference in the change × the
   * prior year's figure) as imported and corrected: judged individually, never a base or added up.
   */
  readonly change?: { readonly label: string; readonly uncorrected: number | null; readonly corrected: number | null };
}

export interface MisstatementItem {
  readonly figure: string;
  readonly label: string;
  readonly claimId: number;
  /** Reported − recomputed on the figures as imported; null when nothing was recomputed. */
  readonly uncorrected: number | null;
  /** Reported − recomputed after the proposed adjustments. */
  readonly corrected: number | null;
  /** Up to the clearly-trivial threshold: listed, not accumulated. */
  readonly clearlyTrivialUncorrected: boolean;
  readonly clearlyTrivialCorrected: boolean;
}

/** 'incomplete': claims of the year compare with figures missing records that could not be priced, or report emissions with nothing recomputed, and nothing material is shown either way. */
export type MaterialityConclusion = 'not-material' | 'approaching-materiality' | 'material' | 'incomplete' | 'no-base';

export interface MaterialityYear {
  readonly period: string;
  /** Total Scope 1 + 2 materiality is a percentage of (tCO2e), and where it comes from. */
  readonly base: number | null;
  readonly baseSource: string;
  readonly amounts: MaterialityAmounts | null;
  readonly items: readonly MisstatementItem[];
  /** The largest single difference after the adjustments among every entity-level emissions claim, aggregated or not. */
  readonly largest: MisstatementItem | null;
  readonly uncorrectedTotal: number;
  readonly correctedTotal: number;
  readonly conclusion: MaterialityConclusion;
  readonly conclusionText: string;
}

/** The measures of reported Scope 1 + 2, in the order the base is taken from. */
const SCOPE_1_2_MEASURES: readonly (readonly Figure[])[] = [
  [FIGURES.net],
  [FIGURES.scope1, FIGURES.scope2_market],
  [FIGURES.scope1_2_location],
  [FIGURES.scope1, FIGURES.scope2_location],
];


/** The first claim of each figure (by claim id), for one fiscal year. */
function claimsByFigure(claims: readonly MaterialityClaim[]): Map<string, MaterialityClaim> {
  const byFigure = new Map<string, MaterialityClaim>();
  for (const claim of [...claims].sort((a, b) => a.claimId - b.claimId)) {
    if (!byFigure.has(claim.figure.id)) byFigure.set(claim.figure.id, claim);
  }
  return byFigure;
}

function percentOf(base: Rational, percent: number): number {
  return rationalToNumber(productOfRationals(base, shortestDecimalRational(percent), decimalRational('0.01')));
}

export function materialityAmounts(base: number, settings: ReconcileSettings): MaterialityAmounts {
  const exact = shortestDecimalRational(base);
  return {
    overall: percentOf(exact, settings.materialityPercent),
    performance: percentOf(exact, settings.performanceMaterialityPercent),
    clearlyTrivial: percentOf(exact, settings.clearlyTrivialPercent),
  };
}

/** The year's base: reported Scope 1 + 2 by the first measure the company reported in full, else the recomputed net. */
export function materialityBase(fiscalYear: string, claims: readonly MaterialityClaim[], corrected: readonly PeriodResult[]): { readonly value: number | null; readonly source: string; readonly measure: readonly Figure[] } {
  const byFigure = claimsByFigure(claims);
  for (const measure of SCOPE_1_2_MEASURES) {
    const reported = measure.map((figure) => byFigure.get(figure.id));
    if (reported.every((claim) => claim !== undefined)) {
      const sum = new ExactSum();
      for (const claim of reported) sum.add(rationalToNumber(claim!.reported));
      return { value: sum.value(), source: `reported ${measure.map((figure) => figure.label).join(' + ')}`, measure };
    }
  }
  const period = corrected.find((candidate) => candidate.label === fiscalYear);
  const net = period ? figureValue(FIGURES.net, period) : null;
  return {
    value: net,
    source: net === null ? `nothing: no Scope 1 + 2 reported or recomputed for ${fiscalYear}` : `recomputed ${FIGURES.net.label}: no Scope 1 + 2 reported for ${fiscalYear}`,
    measure: [],
  };
}

/**
 * The year's conclusion where its recomputation misses records that could not be priced: always
 * said. Where some claims could not be concluded on (status 'incomplete'), their differences are
 * not misstatements yet: the year is materially misstated only if the claims that were concluded
 * on make it so (in aggregate, or the largest single one); otherwise no conclusion is drawn.
 */
export function withUnpricedRecords(year: MaterialityYear, missing: string | null, incompleteClaims: readonly number[]): MaterialityYear {
  if (missing === null) return year;
  const claims = incompleteClaims.map((id) => `#${id}`).join(', ');
  const undecided = incompleteClaims.length === 0 ? '' : ` Claim${incompleteClaims.length === 1 ? '' : 's'} ${claims} cannot be concluded on until they are priced.`;
  const note = `The recomputation for ${year.period} is incomplete: ${missing}.${undecided}`;
  if (incompleteClaims.length === 0 || year.amounts === null) return { ...year, conclusionText: `${year.conclusionText} ${note}` };
  const decided = (item: MisstatementItem | null) => item !== null && item.corrected !== null && !incompleteClaims.includes(item.claimId);
  const decidedTotal = new ExactSum();
  for (const item of year.items) if (decided(item) && !item.clearlyTrivialCorrected) decidedTotal.add(Math.abs(item.corrected!));
  const decidedLargest = decided(year.largest) ? Math.abs(year.largest!.corrected!) : 0;
  if (decidedTotal.value() >= year.amounts.overall || decidedLargest >= year.amounts.overall) {
    return { ...year, conclusion: 'material', conclusionText: `${year.conclusionText} ${note}` };
  }
  return { ...year, conclusion: 'incomplete', conclusionText: `No conclusion on ${year.period}. ${note} On the records priced: ${year.conclusionText}` };
}

/**
 * The year's conclusion where reported emissions have nothing recomputed behind them (no inputs
 * for the figure, e.g. its only file withdrawn): their misstatement is unknown, up to the whole
 * amount reported and beyond, so unless the claims recomputed already make the year materially
 * misstated, no conclusion is drawn. A claim whose whole amount is clearly trivial cannot change
 * the conclusion and is left out.
 */
export function withUnrecomputedClaims(year: MaterialityYear, claims: readonly { id: number; figureLabel: string | null; reported: number | null }[]): MaterialityYear {
  if (year.conclusion === 'material' || year.conclusion === 'no-base' || year.amounts === null) return year;
  const trivial = year.amounts.clearlyTrivial;
  const unknown = claims.filter((claim) => claim.reported === null || Math.abs(claim.reported) >= trivial);
  if (unknown.length === 0) return year;
  const one = unknown.length === 1;
  const listed = unknown.map((claim) => `#${claim.id}${claim.figureLabel === null ? '' : ` (${claim.figureLabel})`}`).join(', ');
  const note = `Claim${one ? '' : 's'} ${listed} report${one ? 's' : ''} emissions with nothing recomputed behind ${one ? 'it' : 'them'}: the misstatement is unknown.`;
  return { ...year, conclusion: 'incomplete', conclusionText: `No conclusion on ${year.period}. ${note} On the claims recomputed: ${year.conclusionText}` };
}

function difference(claim: MaterialityClaim, recomputed: number | null): number | null {
  return recomputed === null ? null : rationalToNumber(subtractRationals(claim.reported, shortestDecimalRational(recomputed)));
}

/**
 * The figures whose differences are added: the base's measure, else whichever of Scope 1 and
 * market-based Scope 2 were reported; and Scope 3.
 */
function aggregatedClaims(byFigure: ReadonlyMap<string, MaterialityClaim>, measure: readonly Figure[]): MaterialityClaim[] {
  const scope12 = measure.length > 0 ? measure : [FIGURES.scope1, FIGURES.scope2_market];
  const scope3 = byFigure.has(FIGURES.scope3.id)
    ? [FIGURES.scope3.id]
    : [...byFigure.keys()].filter((id) => id.startsWith('scope3.')).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  return [...scope12.map((figure) => figure.id), ...scope3].flatMap((id) => byFigure.get(id) ?? []);
}

function total(items: readonly MisstatementItem[], pick: (item: MisstatementItem) => number | null, trivial: (item: MisstatementItem) => boolean): number {
  const sum = new ExactSum();
  for (const item of items) {
    const value = pick(item);
    if (value !== null && !trivial(item)) sum.add(Math.abs(value));
  }
  return sum.value();
}

export function misstatementSummary(fiscalYear: string, claims: readonly MaterialityClaim[], corrected: readonly PeriodResult[], settings: ReconcileSettings): MaterialityYear {
  const levels = claims.filter((claim) => claim.change === undefined);
  const base = materialityBase(fiscalYear, levels, corrected);
  const amounts = base.value === null || base.value <= 0 ? null : materialityAmounts(base.value, settings);
  const isTrivial = (value: number | null) => amounts !== null && value !== null && Math.abs(value) <= amounts.clearlyTrivial;
  const itemOf = (claim: MaterialityClaim): MisstatementItem => {
    const uncorrected = claim.change ? claim.change.uncorrected : difference(claim, claim.uncorrected);
    const correctedDifference = claim.change ? claim.change.corrected : difference(claim, claim.corrected);
    return {
      figure: claim.figure.id,
      label: claim.change?.label ?? claim.figure.label,
      claimId: claim.claimId,
      uncorrected,
      corrected: correctedDifference,
      clearlyTrivialUncorrected: isTrivial(uncorrected),
      clearlyTrivialCorrected: isTrivial(correctedDifference),
    };
  };
  const items = aggregatedClaims(claimsByFigure(levels), base.measure).map(itemOf);
  const largest = [...claims].sort((a, b) => a.claimId - b.claimId).map(itemOf).reduce<MisstatementItem | null>(
    (found, item) => (item.corrected !== null && (found === null || Math.abs(item.corrected) > Math.abs(found.corrected ?? 0)) ? item : found),
    null,
  );
  const uncorrectedTotal = total(items, (item) => item.uncorrected, (item) => item.clearlyTrivialUncorrected);
  const correctedTotal = total(items, (item) => item.corrected, (item) => item.clearlyTrivialCorrected);
  const { conclusion, conclusionText } = conclude(fiscalYear, amounts, { uncorrectedTotal, correctedTotal, largest, judged: claims.length });
  return { period: fiscalYear, base: base.value, baseSource: base.source, amounts, items, largest, uncorrectedTotal, correctedTotal, conclusion, conclusionText };
}

interface Misstatements {
  readonly uncorrectedTotal: number;
  readonly correctedTotal: number;
  /** The largest single difference after the adjustments, among every emissions claim of the year. */
  readonly largest: MisstatementItem | null;
  readonly judged: number;
}

/** Judged in aggregate (the summed differences) and individually (the largest single one), after the adjustments. */
function conclude(fiscalYear: string, amounts: MaterialityAmounts | null, misstatements: Misstatements): { conclusion: MaterialityConclusion; conclusionText: string } {
  if (amounts === null) return { conclusion: 'no-base', conclusionText: `No materiality for ${fiscalYear}: nothing reported or recomputed for Scope 1 + 2 to set it from.` };
  const { uncorrectedTotal, correctedTotal, largest } = misstatements;
  const against = `materiality of ${formatAmount(amounts.overall)} tCO2e (performance materiality ${formatAmount(amounts.performance)} tCO2e)`;
  if (misstatements.judged === 0) return { conclusion: 'not-material', conclusionText: `No emissions reported for ${fiscalYear} to judge against ${against}.` };
  const single = Math.abs(largest?.corrected ?? 0);
  const totals = `Misstatements ${formatAmount(correctedTotal)} tCO2e in aggregate after the proposed adjustments (${formatAmount(uncorrectedTotal)} tCO2e on the figures as imported)`;
  const individually = largest === null || largest.corrected === null || largest.clearlyTrivialCorrected ? '' : `; the largest single one, ${largest.label} (claim #${largest.claimId}), ${formatAmount(largest.corrected)} tCO2e`;
  const findings = `${totals}${individually}.`;
  if (correctedTotal >= amounts.overall || single >= amounts.overall) {
    const which = correctedTotal >= amounts.overall ? (single >= amounts.overall ? 'In aggregate and individually' : 'In aggregate') : 'Individually';
    return { conclusion: 'material', conclusionText: `${findings} ${which} at or above ${against}: the reported emissions for ${fiscalYear} are materially misstated.` };
  }
  if (correctedTotal > amounts.performance || single > amounts.performance) {
    return { conclusion: 'approaching-materiality', conclusionText: `${findings} Above performance materiality, below ${against}: more evidence is needed before concluding on ${fiscalYear}.` };
  }
  return { conclusion: 'not-material', conclusionText: `${findings} Below ${against}: the reported emissions for ${fiscalYear} are not materially misstated.` };
}
