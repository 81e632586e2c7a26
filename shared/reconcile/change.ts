/**
 * A claim about a figure's change on the prior year: 'Net Scope 1+2 down 12.9%', 'Scope 1
 * emissions, change on prior year −4.2%'. An emissions figure, a percentage and words of change
 * make one. The reported change is signed by its words (down, reduced: negative), never guessed
 * when they say neither; the recomputed change is (this year − prior year) ÷ |prior year| of the
 * same figure, as a fraction. A change against any other year (a base year, 'since 2019') is
 * refused with its reason: only the prior year's is recomputed here.
 *
 * It is judged like the figure it changes: the difference in the change, times the prior year's
 * figure, is the tonnage the statement is out by, weighed against materiality. It never enters the
 * misstatement summary, whose levels already count that tonnage.
 */
import type { PeriodResult } from '../calc/inventory-types';
import { multiplyRationals, rational, rationalToNumber, shortestDecimalRational } from '../calc/rational';
import type { Figure } from '../figures';
import { percentOfReported, type Normalised, type ReportedValue } from './normalise';

export const REDUCTION = /\breduc|\bcut\b|\blower\b|\bdecreas|\bfall\b|\bfell\b|\bdown\b|\bless\b|\bdrop/;
export const INCREASE = /\bincreas|\bgrow|\bgrew\b|\brais|\brose\b|\brise\b|\bup\b|\bmore\b/;
export const PRIOR_YEAR = /\bprior\b|\bprevious\b|\blast year\b|year[-\s]*on[-\s]*year|\byoy\b|\bthe year before\b/;
const CHANGE = /\bchange[ds]?\b/;
const OTHER_YEAR = /\bbase[-\s]*year\b|\bsince\b|\bbaseline\b|\b(?:19|20)\d{2}\b|\bfy\s*\d{2}\b/;

function wordsOf(metric: string): string {
  return metric.normalize('NFKC').toLowerCase();
}

/** A claim states a change (not a level) when it is a percentage of an emissions figure in words of change. */
export function isChangeClaim(metric: string, figure: Figure, reported: Pick<ReportedValue, 'percent'>): boolean {
  const text = wordsOf(metric);
  return figure.kind === 'tco2e' && reported.percent !== null && [REDUCTION, INCREASE, PRIOR_YEAR, CHANGE].some((words) => words.test(text));
}

/**
 * A percentage's sign from the words beside it: a negative value as it is; a positive one negative
 * for a reduction, positive for an increase; otherwise why it cannot be told.
 */
export function signedByWords(value: number, text: string, whose: 'target' | 'claim'): number | string {
  if (value <= 0) return value;
  if (REDUCTION.test(text)) return -value;
  if (INCREASE.test(text)) return value;
  return `${rationalToNumber(multiplyRationals(shortestDecimalRational(value), rational(100n)))} % is positive and the ${whose}'s words do not say whether it is a reduction or an increase`;
}

/** The reported change as a signed fraction, with half a unit of the last digit reported. */
export function reportedChange(metric: string, reported: ReportedValue): Normalised {
  const text = wordsOf(metric);
  if (OTHER_YEAR.test(text)) return { ok: false, reason: `'${metric}' states a change against another year than the prior one; only a change on the prior year is recomputed: match it to no figure, or compare it by hand` };
  const signed = signedByWords(reported.value, text, 'claim');
  if (typeof signed === 'string') return { ok: false, reason: signed };
  const percent = percentOfReported(reported);
  return { ok: true, value: signed < 0 && reported.value > 0 ? multiplyRationals(percent.value, rational(-1n)) : percent.value, halfUnit: percent.halfUnit };
}

/** The day before an ISO date. */
function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The fiscal year just before one, when the engagement has it. */
export function priorPeriod(periods: readonly PeriodResult[], period: PeriodResult): PeriodResult | undefined {
  const end = dayBefore(period.start);
  return periods.find((candidate) => candidate.end === end);
}
