/**
 * Every claim against the recomputed inventory, as imported and after the proposed adjustments,
 * with the misstatement summary per fiscal year. Pure: the engine gathers the claims, the
 * auditor's decisions and both calculations, and renders what this returns.
 */
import type { FiscalSettings } from '../calc/fiscal';
import type { PeriodResult } from '../calc/inventory-types';
import { compareText } from '../calc/inventory-totals';
import type { Figure } from '../figures';
import { isChangeClaim, priorPeriod, reportedChange } from './change';
import { fiscalYearOfClaim, judgeChange, judgeClaim, matchClaim, recomputedValue, type ClaimInput, type ClaimSource, type ClaimStatus, type MatchDecision, type MatchOrigin, type MaterialityAmounts, type ReconcileSettings } from './claims';
import { formatAmount } from './format';
import { misstatementSummary, withUnpricedRecords, withUnrecomputedClaims, type MaterialityClaim, type MaterialityYear } from './materiality';
import { figureUnit, normaliseReported, type Normalised, type ReportedValue } from './normalise';
import { ratioInputsMissing, unpricedFor, unpricedInYear, unpricedText, type RatioInputIndex, type UnpricedIndex, type UnpricedInputs } from './missing-inputs';
import { absoluteRational, divideRationals, multiplyRationals, rationalToNumber, shortestDecimalRational, subtractRationals, type Rational } from '../calc/rational';

export interface ClaimResult {
  readonly id: number;
  readonly metric: string;
  /** As reported: 'FY2023' or 'YYYY-MM-DD..YYYY-MM-DD'. */
  readonly period: string;
  /** The fiscal year it is compared in; null when its period is not one. */
  readonly fiscalYear: string | null;
  readonly site: string | null;
  readonly figure: string | null;
  readonly figureLabel: string | null;
  /** The figure's level in the year, or its change on the prior year (reported, recomputed and variance then fractions). */
  readonly measure: ClaimMeasure;
  readonly match: { readonly origin: MatchOrigin; readonly reason: string };
  /** The value and unit as imported (a percentage as its fraction). */
  readonly reportedAs: ReportedValue;
  /** The unit reported, recomputed and variance are in: the figure's ('tCO2e', 'ratio', 'fraction', 'tCO2e/currency:GBP'). */
  readonly unit: string | null;
  readonly reported: number | null;
  /** After the proposed adjustments (the figures as imported when there are none). */
  readonly recomputed: number | null;
  readonly varianceAbs: number | null;
  readonly variancePct: number | null;
  readonly status: ClaimStatus;
  readonly reason: string;
  /** The same on the figures as imported. */
  readonly recomputedUncorrected: number | null;
  readonly varianceAbsUncorrected: number | null;
  readonly statusUncorrected: ClaimStatus;
  readonly reasonUncorrected: string;
  /** What the recomputed figure (after the adjustments) misses: records that could not be priced; null when none. */
  readonly unpriced: UnpricedInputs | null;
  readonly unpricedUncorrected: UnpricedInputs | null;
  readonly notes: string | null;
  readonly source: ClaimSource;
  /** Adjustments proposed from this claim or touching the records its figure sums. */
  readonly adjustments: readonly number[];
}

export interface ReconcileClaimsInput {
  readonly claims: readonly ClaimInput[];
  readonly decisions: ReadonlyMap<number, MatchDecision>;
  /** The figure a claims template matches each claim's metric to, by claim id. */
  readonly templateFigures: ReadonlyMap<number, string>;
  readonly uncorrected: readonly PeriodResult[];
  readonly corrected: readonly PeriodResult[];
  readonly settings: ReconcileSettings;
  readonly fiscal: FiscalSettings;
  readonly adjustmentsByClaim: ReadonlyMap<number, readonly number[]>;
  /** Records each calculation could not price; none when omitted. */
  readonly unpriced?: { readonly uncorrected: UnpricedIndex; readonly corrected: UnpricedIndex };
  /** The ratio inputs each calculation's records hold, to say which one a ratio lacks. */
  readonly ratioInputs?: { readonly uncorrected: RatioInputIndex; readonly corrected: RatioInputIndex };
}

export interface ReconciledClaims {
  readonly claims: readonly ClaimResult[];
  /** Per fiscal year that has claims, oldest first. */
  readonly materiality: readonly MaterialityYear[];
}

export type ClaimMeasure = 'level' | 'change-on-prior-year';

/** A recomputed value, or why there is none; for a change, with the prior year's figure it is relative to. */
interface Recomputed {
  readonly value: number | null;
  readonly reason: string | null;
  readonly prior?: number;
}

interface Prepared {
  readonly claim: ClaimInput;
  readonly figure: Figure | null;
  readonly measure: ClaimMeasure;
  readonly origin: MatchOrigin;
  readonly matchReason: string;
  readonly fiscalYear: string | null;
  /** Why the claim cannot be compared at all (its period or unit); null when it can. */
  readonly problem: string | null;
  readonly normalised: Extract<Normalised, { ok: true }> | null;
  readonly uncorrected: Recomputed;
  readonly corrected: Recomputed;
}

const NOT_COMPUTED = { value: null, reason: null } as const;

/** A figure's change from the prior fiscal year to this one, (this − prior) ÷ |prior|, exactly; or why there is none. */
function recomputedChange(periods: readonly PeriodResult[], figure: Figure, fiscalYear: string, site: string | null): Recomputed {
  const period = periods.find((candidate) => candidate.label === fiscalYear);
  if (!period) return { value: null, reason: `the engagement has no records in ${fiscalYear}` };
  const prior = priorPeriod(periods, period);
  if (!prior) return { value: null, reason: `the engagement has no fiscal year before ${fiscalYear} to recompute a change from` };
  const [now, before] = [recomputedValue(periods, figure, fiscalYear, site), recomputedValue(periods, figure, prior.label, site)];
  if (now.value === null) return now;
  if (before.value === null) return before;
  if (before.value === 0) return { value: null, reason: `${figure.label} is 0 in ${prior.label}: no change relative to it` };
  const exactBefore = shortestDecimalRational(before.value);
  const change = divideRationals(subtractRationals(shortestDecimalRational(now.value), exactBefore), absoluteRational(exactBefore));
  return { value: rationalToNumber(change), reason: null, prior: before.value };
}

function prepare(claim: ClaimInput, input: ReconcileClaimsInput): Prepared {
  const match = matchClaim(claim, input.decisions.get(claim.id), input.templateFigures.get(claim.id));
  const measure: ClaimMeasure = match.figure !== null && isChangeClaim(claim.metric, match.figure, claim) ? 'change-on-prior-year' : 'level';
  const base = { claim, figure: match.figure, measure, origin: match.origin, matchReason: match.reason };
  const year = fiscalYearOfClaim(claim.period, input.fiscal);
  const fiscalYear = year.ok ? year.label : null;
  const none = { ...base, fiscalYear, normalised: null, uncorrected: NOT_COMPUTED, corrected: NOT_COMPUTED };
  if (match.figure === null) return { ...none, problem: null };
  if (!year.ok) return { ...none, problem: year.reason };
  const change = measure === 'change-on-prior-year';
  const normalised = change ? reportedChange(claim.metric, claim) : normaliseReported(claim, match.figure);
  if (!normalised.ok) return { ...none, problem: normalised.reason };
  const recompute = change ? recomputedChange : recomputedValue;
  return {
    ...base,
    fiscalYear,
    problem: null,
    normalised,
    uncorrected: recompute(input.uncorrected, match.figure, year.label, claim.site),
    corrected: recompute(input.corrected, match.figure, year.label, claim.site),
  };
}

/** The tonnage a reported change is out by: (reported − recomputed change) × |prior year|. */
function changeTonnes(reported: Rational, recomputed: Recomputed): number | null {
  if (recomputed.value === null || recomputed.prior === undefined) return null;
  const prior = shortestDecimalRational(recomputed.prior);
  return rationalToNumber(multiplyRationals(subtractRationals(reported, shortestDecimalRational(recomputed.value)), absoluteRational(prior)));
}

function materialityClaims(prepared: readonly Prepared[]): MaterialityClaim[] {
  return prepared.flatMap((item): MaterialityClaim[] => {
    if (item.figure?.kind !== 'tco2e' || !item.normalised || !item.fiscalYear || item.claim.site !== null) return [];
    const claim = { claimId: item.claim.id, figure: item.figure, fiscalYear: item.fiscalYear, reported: item.normalised.value, uncorrected: item.uncorrected.value, corrected: item.corrected.value };
    if (item.measure === 'level') return [claim];
    const { value } = item.normalised;
    return [{ ...claim, change: { label: changeLabel(item.figure), uncorrected: changeTonnes(value, item.uncorrected), corrected: changeTonnes(value, item.corrected) } }];
  });
}

const changeLabel = (figure: Figure) => `Change in ${figure.label} on the prior year`;

type Judged = Pick<ClaimResult, 'status' | 'reason' | 'varianceAbs' | 'variancePct'>;

/**
 * An emissions figure that misses records the calculation could not price: the complete figure
 * lies between it plus the low and plus the high end of what is at stake. A verdict stands only
 * when it holds whichever way those records are priced: a difference at or above materiality at
 * both ends, in the same direction, is material whatever they weigh. Anything else (agreement, a
 * smaller difference, an unknown amount at stake) cannot be concluded until they are priced.
 */
function judgeIncomplete(judgement: Judged, recomputed: number, gap: UnpricedInputs, materiality: MaterialityAmounts | null): Judged {
  const variance = judgement.varianceAbs ?? 0;
  const ends = gap.low === null || gap.high === null ? null : [variance - gap.low, variance - gap.high];
  const onRecordsPriced = `${judgement.reason} on the records priced`;
  if (ends === null) return undecided(judgement, gap);
  const range = `${formatSigned(ends[0]!)} to ${formatSigned(ends[1]!)} tCO2e with them`;
  const materialAtBothEnds = materiality !== null && ends.every((end) => Math.abs(end) >= materiality.overall) && Math.sign(ends[0]!) === Math.sign(ends[1]!);
  if (materialAtBothEnds && judgement.status === 'exception') {
    return { ...judgement, reason: `${onRecordsPriced}; ${unpricedText(gap)}: ${range}, at or above materiality (${formatAmount(materiality.overall)} tCO2e) either way` };
  }
  return { ...judgement, status: 'incomplete', reason: `incomplete: ${unpricedText(gap)}; ${onRecordsPriced}, ${range} (recomputed ${formatAmount(recomputed + gap.low!)} to ${formatAmount(recomputed + gap.high!)})` };
}

const undecided = (judgement: Judged, gap: UnpricedInputs): Judged => ({ ...judgement, status: 'incomplete', reason: `incomplete: ${unpricedText(gap)}; ${judgement.reason} on the records priced` });

const formatSigned = (value: number) => `${value > 0 ? '+' : ''}${formatAmount(value)}`;

export function reconcileClaims(input: ReconcileClaimsInput): ReconciledClaims {
  const prepared = [...input.claims].sort((a, b) => a.id - b.id).map((claim) => prepare(claim, input));
  const forMateriality = materialityClaims(prepared);
  const years = [...new Set(prepared.flatMap((item) => (item.fiscalYear ? [item.fiscalYear] : [])))].sort(compareText);
  const materiality = years.map((year) => misstatementSummary(year, forMateriality.filter((claim) => claim.fiscalYear === year), input.corrected, input.settings));
  const amountsOf = (year: string | null) => materiality.find((summary) => summary.period === year)?.amounts ?? null;

  const claims = prepared.map((item): ClaimResult => {
    const missing = (index: UnpricedIndex | undefined) =>
      item.figure === null || item.fiscalYear === null || index === undefined ? null : unpricedFor(index, item.figure, item.fiscalYear, item.claim.site);
    const unpriced = { corrected: missing(input.unpriced?.corrected), uncorrected: missing(input.unpriced?.uncorrected) };
    const lacking = (periods: readonly PeriodResult[], ratioInputs: RatioInputIndex | undefined) => {
      if (item.figure === null || item.fiscalYear === null || ratioInputs === undefined) return null;
      const dataCentres = new Set(periods.find((period) => period.label === item.fiscalYear)?.sites.filter((site) => site.isDataCentre).map((site) => site.site));
      return ratioInputsMissing(ratioInputs, item.figure, item.fiscalYear, item.claim.site, (site) => dataCentres.has(site));
    };
    const judged = (recomputed: Prepared['corrected'], gap: UnpricedInputs | null, lacks: string | null): Judged => {
      if (item.figure === null) return { status: 'unmatched' as const, reason: item.matchReason, varianceAbs: null, variancePct: null };
      if (item.problem !== null || item.normalised === null) return { status: 'exception' as const, reason: item.problem ?? 'not comparable', varianceAbs: null, variancePct: null };
      if (recomputed.value === null) {
        if (gap !== null) return { status: 'incomplete', reason: `incomplete: nothing recomputed: ${unpricedText(gap)}`, varianceAbs: null, variancePct: null };
        return { status: 'exception' as const, reason: `nothing recomputed: ${lacks ?? recomputed.reason}`, varianceAbs: null, variancePct: null };
      }
      const judgement = recomputed.prior !== undefined
        ? judgeChange(item.normalised, recomputed.value, recomputed.prior, amountsOf(item.fiscalYear))
        : judgeClaim(item.figure, item.normalised, recomputed.value, amountsOf(item.fiscalYear), input.settings);
      if (gap === null) return judgement;
      // Only a level in tCO2e moves by the tonnes at stake; a change or an intensity cannot be bounded by them.
      return item.figure.kind === 'tco2e' && item.measure === 'level' ? judgeIncomplete(judgement, recomputed.value, gap, amountsOf(item.fiscalYear)) : undecided(judgement, gap);
    };
    const corrected = judged(item.corrected, unpriced.corrected, lacking(input.corrected, input.ratioInputs?.corrected));
    const uncorrected = judged(item.uncorrected, unpriced.uncorrected, lacking(input.uncorrected, input.ratioInputs?.uncorrected));
    const { claim } = item;
    return {
      id: claim.id,
      metric: claim.metric,
      period: claim.period,
      fiscalYear: item.fiscalYear,
      site: claim.site,
      figure: item.figure?.id ?? null,
      figureLabel: item.figure ? (item.measure === 'level' ? item.figure.label : changeLabel(item.figure)) : null,
      measure: item.measure,
      match: { origin: item.origin, reason: item.matchReason },
      reportedAs: { value: claim.value, unit: claim.unit, percent: claim.percent, decimals: claim.decimals ?? null },
      unit: item.figure ? (item.measure === 'level' ? figureUnit(item.figure) : 'fraction') : null,
      reported: item.normalised ? rationalToNumber(item.normalised.value) : null,
      recomputed: item.corrected.value,
      varianceAbs: corrected.varianceAbs,
      variancePct: corrected.variancePct,
      status: corrected.status,
      reason: corrected.reason,
      recomputedUncorrected: item.uncorrected.value,
      varianceAbsUncorrected: uncorrected.varianceAbs,
      statusUncorrected: uncorrected.status,
      reasonUncorrected: uncorrected.reason,
      unpriced: unpriced.corrected,
      unpricedUncorrected: unpriced.uncorrected,
      notes: claim.notes,
      source: claim.source,
      adjustments: input.adjustmentsByClaim.get(claim.id) ?? [],
    };
  });
  const withMissing = materiality.map((year) => {
    const missing = input.unpriced === undefined ? null : unpricedInYear(input.unpriced.corrected, year.period);
    const incomplete = claims.filter((claim) => claim.fiscalYear === year.period && claim.status === 'incomplete').map((claim) => claim.id);
    const unrecomputed = claims.filter((claim) => claim.fiscalYear === year.period && claim.unit === 'tCO2e' && claim.measure === 'level' && claim.recomputed === null && claim.status === 'exception');
    return withUnrecomputedClaims(withUnpricedRecords(year, missing === null ? null : unpricedText(missing), incomplete), unrecomputed);
  });
  return { claims, materiality: withMissing };
}
