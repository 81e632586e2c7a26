/**
 * Claims against the recomputed figures: which figure each is about (the auditor's match, a
 * template's, or a suggestion), which fiscal year, the reported value in the figure's unit, and the
 * judgement: agreed at the precision the company reported to, within tolerance, or an exception.
 *
 * Emissions are judged against materiality: a difference up to the clearly-trivial threshold is
 * within tolerance, above it an exception (worded by how it compares with performance materiality
 * and materiality). Intensities likewise, relative to the recomputed value. Ratios (PUE) and shares
 * are judged against the tolerance set for each (settings.metricTolerances).
 */
import { fiscalYearByLabel, fiscalYearOf, type FiscalSettings } from '../calc/fiscal';
import type { PeriodResult } from '../calc/inventory-types';
import { absoluteRational, compareRationals, divideRationals, multiplyRationals, rational, rationalToNumber, shortestDecimalRational, subtractRationals, type Rational } from '../calc/rational';
import { figureById, figureValue, type Figure, type MetricFigureId } from '../figures';
import type { EngagementSettings } from '../settings';
import { formatAmount } from './format';
import { suggestFigure } from './match';
import { figureUnit, type Normalised, type ReportedValue } from './normalise';

export interface ClaimSource {
  readonly fileName: string;
  readonly sheet: string;
  readonly rowNumber: number;
}

/** A figure the company reported, as imported (a percentage already its fraction). */
export interface ClaimInput extends ReportedValue {
  readonly id: number;
  readonly metric: string;
  /** 'FY2023', or a span of days 'YYYY-MM-DD..YYYY-MM-DD'. */
  readonly period: string;
  readonly site: string | null;
  readonly notes: string | null;
  readonly source: ClaimSource;
}

/** The auditor's decision on what a claim is about: a figure, or none (with why). */
export interface MatchDecision {
  readonly figure: string | null;
  readonly note: string | null;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export type MatchOrigin = 'confirmed' | 'template' | 'suggested' | 'none';

export interface ClaimMatch {
  readonly figure: Figure | null;
  readonly origin: MatchOrigin;
  readonly reason: string;
}

/** The auditor's decision first, then the claims template's match for the metric, then a suggestion from the words. */
export function matchClaim(claim: Pick<ClaimInput, 'metric' | 'unit'>, decision?: MatchDecision, templateFigure?: string): ClaimMatch {
  if (decision) {
    const figure = decision.figure === null ? undefined : figureById(decision.figure);
    if (figure) return { figure, origin: 'confirmed', reason: `confirmed by ${decision.decidedBy}${decision.note ? `: ${decision.note}` : ''}` };
    return { figure: null, origin: 'confirmed', reason: `${decision.decidedBy} confirmed it is about no figure of the inventory${decision.note ? `: ${decision.note}` : ''}` };
  }
  const fromTemplate = templateFigure === undefined ? undefined : figureById(templateFigure);
  if (fromTemplate) return { figure: fromTemplate, origin: 'template', reason: `the claims template matches '${claim.metric}' to ${fromTemplate.label}` };
  const suggestion = suggestFigure(claim.metric, claim.unit);
  return suggestion.ok ? { figure: suggestion.figure, origin: 'suggested', reason: suggestion.reason } : { figure: null, origin: 'none', reason: suggestion.reason };
}

export type FiscalYearOfClaim = { readonly ok: true; readonly label: string } | { readonly ok: false; readonly reason: string };

/** The fiscal year a claim's period is: a label, or a span that is exactly one fiscal year. */
export function fiscalYearOfClaim(period: string, fiscal: FiscalSettings): FiscalYearOfClaim {
  const span = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (!span) {
    const year = fiscalYearByLabel(period, fiscal);
    return year.ok ? { ok: true, label: year.value.label } : { ok: false, reason: `period '${period}': ${year.reason}` };
  }
  const year = fiscalYearOf(span[1]!, fiscal);
  if (!year.ok) return { ok: false, reason: year.reason };
  if (year.value.start === span[1] && year.value.end === span[2]) return { ok: true, label: year.value.label };
  return {
    ok: false,
    reason: `${span[1]} to ${span[2]} is not a fiscal year (${year.value.label} runs ${year.value.start} to ${year.value.end}): the figures are recomputed per fiscal year`,
  };
}

/** A figure's value in one fiscal year, for the whole entity or one site; why there is none otherwise. */
export function recomputedValue(periods: readonly PeriodResult[], figure: Figure, fiscalYear: string, site: string | null): { readonly value: number | null; readonly reason: string | null } {
  const period = periods.find((candidate) => candidate.label === fiscalYear);
  if (!period) return { value: null, reason: `the engagement has no records in ${fiscalYear}` };
  const totals = site === null ? period : period.sites.find((result) => result.site === site);
  if (!totals) return { value: null, reason: `site '${site}' has no records in ${fiscalYear}` };
  const value = figureValue(figure, totals);
  if (value !== null) return { value, reason: null };
  const where = site === null ? '' : ` at ${site}`;
  const inputs = figure.sites === 'data-centres' ? ' on data-centre sites' : '';
  return { value: null, reason: `${figure.label} has no inputs${inputs}${where} in ${fiscalYear}` };
}

/** 'incomplete': compared with a figure that misses records the calculation could not price, and not concludable (see judgeIncomplete). */
export type ClaimStatus = 'agreed' | 'within-tolerance' | 'exception' | 'incomplete' | 'unmatched';

/** Statuses an auditor has to act on, most pressing first. */
export const FLAGGED_CLAIM_STATUSES: readonly ClaimStatus[] = ['exception', 'incomplete', 'unmatched'];

/** Materiality of one fiscal year, in tCO2e. */
export interface MaterialityAmounts {
  readonly overall: number;
  readonly performance: number;
  readonly clearlyTrivial: number;
}

export type ReconcileSettings = Pick<EngagementSettings, 'materialityPercent' | 'performanceMaterialityPercent' | 'clearlyTrivialPercent' | 'metricTolerances'>;

export interface Judgement {
  readonly status: Exclude<ClaimStatus, 'unmatched' | 'incomplete'>;
  readonly reason: string;
  /** Reported − recomputed, in the figure's unit. */
  readonly varianceAbs: number;
  /** The variance as a percentage of the recomputed value; null when that is 0. */
  readonly variancePct: number | null;
}

const HUNDRED = rational(100n);
const percentText = (value: number) => `${formatAmount(value)}%`;

function describeVariance(figure: Figure, variance: Rational, relative: Rational | null): string {
  const amount = rationalToNumber(variance);
  const sign = amount > 0 ? 'over' : 'under';
  const magnitude = Math.abs(amount);
  const size = figure.kind === 'fraction' ? `${formatAmount(magnitude * 100)} percentage points` : figure.kind === 'ratio' ? formatAmount(magnitude) : `${formatAmount(magnitude)} ${figureUnit(figure)}`;
  return `reported ${sign} by ${size}${relative === null ? '' : ` (${percentText(Math.abs(rationalToNumber(relative)))})`}`;
}

/**
 * The judgement of one reported value against the recomputed one. `materiality` is its fiscal
 * year's, null when the year has no base to set it from.
 */
export function judgeClaim(figure: Figure, reported: Extract<Normalised, { ok: true }>, recomputed: number, materiality: MaterialityAmounts | null, settings: ReconcileSettings): Judgement {
  const exact = shortestDecimalRational(recomputed);
  const variance = subtractRationals(reported.value, exact);
  const relative = exact.num === 0n ? null : multiplyRationals(divideRationals(variance, absoluteRational(exact)), HUNDRED);
  const numbers = { varianceAbs: rationalToNumber(variance), variancePct: relative === null ? null : rationalToNumber(relative) };
  const described = describeVariance(figure, variance, relative);
  if (compareRationals(absoluteRational(variance), reported.halfUnit) <= 0) {
    return { status: 'agreed', reason: `agrees at the precision reported (±${formatAmount(rationalToNumber(reported.halfUnit) * (figure.kind === 'fraction' ? 100 : 1))}${figure.kind === 'fraction' ? ' pp' : ''})`, ...numbers };
  }
  const magnitude = Math.abs(numbers.varianceAbs);
  switch (figure.kind) {
    case 'ratio':
    case 'fraction': {
      const tolerance = settings.metricTolerances[figure.id as MetricFigureId];
      const inUnits = figure.kind === 'fraction' ? tolerance / 100 : tolerance;
      const limit = figure.kind === 'fraction' ? `±${tolerance} percentage points` : `±${tolerance}`;
      return magnitude <= inUnits
        ? { status: 'within-tolerance', reason: `${described}, within the tolerance of ${limit}`, ...numbers }
        : { status: 'exception', reason: `${described}, beyond the tolerance of ${limit}`, ...numbers };
    }
    case 'intensity': {
      const limit = settings.clearlyTrivialPercent;
      const relativeSize = numbers.variancePct === null ? Infinity : Math.abs(numbers.variancePct);
      return relativeSize <= limit
        ? { status: 'within-tolerance', reason: `${described}, within the clearly-trivial ${limit}%`, ...numbers }
        : { status: 'exception', reason: `${described}, above the clearly-trivial ${limit}%`, ...numbers };
    }
    case 'tco2e':
      return judgeTonnes(described, magnitude, materiality, numbers);
  }
}

/** An emissions difference of this many tCO2e against the year's materiality. */
function judgeTonnes(described: string, tonnes: number, materiality: MaterialityAmounts | null, numbers: Pick<Judgement, 'varianceAbs' | 'variancePct'>): Judgement {
  if (materiality === null) return { status: 'exception', reason: `${described}; no materiality for the year (no reported or recomputed Scope 1 + 2 to set it from)`, ...numbers };
  if (tonnes <= materiality.clearlyTrivial) {
    return { status: 'within-tolerance', reason: `${described}, within the clearly-trivial threshold of ${formatAmount(materiality.clearlyTrivial)} tCO2e`, ...numbers };
  }
  const level = tonnes >= materiality.overall
    ? `at or above materiality (${formatAmount(materiality.overall)} tCO2e)`
    : tonnes >= materiality.performance
      ? `above performance materiality (${formatAmount(materiality.performance)} tCO2e), below materiality (${formatAmount(materiality.overall)} tCO2e)`
      : `above the clearly-trivial threshold (${formatAmount(materiality.clearlyTrivial)} tCO2e), below performance materiality (${formatAmount(materiality.performance)} tCO2e)`;
  return { status: 'exception', reason: `${described}, ${level}`, ...numbers };
}

/**
 * A reported change on the prior year (a signed fraction) against the recomputed one: agreed at the
 * precision reported; otherwise the difference times the prior year's figure is the tonnage the
 * statement is out by, judged against the year's materiality. The variance is in percentage points
 * (as a fraction); its percentage is of the recomputed change.
 */
export function judgeChange(reported: Extract<Normalised, { ok: true }>, recomputed: number, priorValue: number, materiality: MaterialityAmounts | null): Judgement {
  const exact = shortestDecimalRational(recomputed);
  const variance = subtractRationals(reported.value, exact);
  const relative = exact.num === 0n ? null : multiplyRationals(divideRationals(variance, absoluteRational(exact)), HUNDRED);
  const numbers = { varianceAbs: rationalToNumber(variance), variancePct: relative === null ? null : rationalToNumber(relative) };
  const points = formatAmount(Math.abs(numbers.varianceAbs) * 100);
  if (compareRationals(absoluteRational(variance), reported.halfUnit) <= 0) {
    return { status: 'agreed', reason: `agrees at the precision reported (±${formatAmount(rationalToNumber(reported.halfUnit) * 100)} pp)`, ...numbers };
  }
  const tonnes = rationalToNumber(absoluteRational(multiplyRationals(variance, absoluteRational(shortestDecimalRational(priorValue)))));
  const described = `change reported ${numbers.varianceAbs > 0 ? 'over' : 'under'} by ${points} percentage points, ${formatAmount(tonnes)} tCO2e on the prior year's ${formatAmount(priorValue)} tCO2e`;
  return judgeTonnes(described, tonnes, materiality, numbers);
}
