/**
 * Targets against the recomputed figures: what each target is (its figure and kind, suggested from
 * its words or confirmed by the auditor), the pathway value for every fiscal year, actual against
 * pathway, on or off track, and a projection to the target year.
 *
 * Kinds and their level L in the target year T:
 * - absolute: L as stated (e.g. net ≤ 5,000 tCO2e by FY2030);
 * - percent-vs-base: base-year actual × (1 + change) (e.g. −42 % against FY2020);
 * - linear-pathway: a fixed share of base-year emissions per year, linear, not compounded:
 *   base × (1 + rate × (T − base year)) (e.g. −4.2 % a year);
 * - threshold: a metric's level (PUE ≤ 1.3, clean share ≥ 80 %);
 * - net-zero and carbon-neutral: net emissions ≤ 0 by T, where net emissions are the figure less
 *   retired removals (net zero) or less retired removals and credits (carbon neutral: credits
 *   count towards neutrality, never towards net zero). Both are records of their own, never netted
 *   inside Scope 1 or 2.
 * For all of these the pathway runs straight from the base year's actual (or the first year with
 * one) to L in T, and stays at L after it. percent-vs-prior (e.g. −3 % on the prior year) has no
 * single level: each year's pathway is the prior year's actual × (1 + change).
 *
 * A year is on track when its actual is at or below its pathway (at or above, for shares). The
 * projection is an ordinary least-squares line through the years with actuals, extrapolated to T
 * (at least two years are needed); its method is stated with it.
 */
import { ACTIVITIES } from '../activities';
import { allocateByDays, allocateQuantity, type FiscalSettings } from '../calc/fiscal';
import type { CalcRecord, PeriodResult } from '../calc/inventory-types';
import { addRationals, divideRationals, multiplyRationals, rational, rationalToNumber, shortestDecimalRational, subtractRationals, sumRationals, type Rational } from '../calc/rational';
import { ExactSum } from '../calc/sum';
import { figureById, figureValue, type Figure } from '../figures';
import type { PercentEvidence } from '../import/values';
import type { ClaimSource } from './claims';
import { PRIOR_YEAR, signedByWords } from './change';
import { formatFigureValue } from './format';
import { suggestFigure } from './match';
import { normaliseReported } from './normalise';

export const TARGET_KINDS = ['absolute', 'percent-vs-base', 'percent-vs-prior', 'threshold', 'linear-pathway', 'net-zero', 'carbon-neutral'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface TargetInput {
  readonly id: number;
  readonly metric: string;
  /** A percentage as its fraction (−42 % → −0.42). */
  readonly value: number;
  readonly unit: string | null;
  readonly percent: PercentEvidence | null;
  readonly basePeriod: string | null;
  readonly targetPeriod: string;
  readonly notes: string | null;
  readonly source: ClaimSource;
}

export interface TargetDecision {
  readonly figure: string;
  readonly kind: TargetKind;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export interface TargetReading {
  readonly figure: Figure | null;
  readonly kind: TargetKind | null;
  readonly origin: 'confirmed' | 'suggested' | 'none';
  readonly reason: string;
}

const NET_ZERO = /\bnet[-\s]*zero\b/;
const CARBON_NEUTRAL = /\b(?:carbon|climate)[-\s]*neutral(?:ity)?\b/;
const PER_YEAR = /\bper\s+(?:year|annum)\b|\bp\.?\s?a\.?(?:\s|$)|\/\s*y(?:ea)?r\b|\bannual(?:ly)?\b|\ba year\b|\beach year\b|\bevery year\b/;

function kindFromWords(text: string, figure: Figure, isPercent: boolean): { kind: TargetKind; why: string } {
  if (NET_ZERO.test(text)) return { kind: 'net-zero', why: "'net zero': net emissions (less retired removals) at or below 0" };
  if (CARBON_NEUTRAL.test(text)) return { kind: 'carbon-neutral', why: "'carbon neutral': net emissions (less retired removals and credits) at or below 0" };
  if (figure.kind === 'ratio' || figure.kind === 'fraction') return { kind: 'threshold', why: `${figure.label} is a metric: a level to reach` };
  if (!isPercent) return { kind: 'absolute', why: 'a level, not a percentage' };
  if (PRIOR_YEAR.test(text)) return { kind: 'percent-vs-prior', why: 'a percentage against the prior year' };
  if (PER_YEAR.test(text)) return { kind: 'linear-pathway', why: 'a percentage of base-year emissions per year, linear' };
  return { kind: 'percent-vs-base', why: 'a percentage against the base year' };
}

/** The auditor's reading, else one suggested from the target's words; none when its figure cannot be told. */
export function readTarget(target: TargetInput, decision?: TargetDecision): TargetReading {
  if (decision) {
    const figure = figureById(decision.figure) ?? null;
    return { figure, kind: decision.kind, origin: 'confirmed', reason: `confirmed by ${decision.decidedBy}` };
  }
  const suggestion = suggestFigure(target.metric, target.percent === null ? target.unit : null);
  if (!suggestion.ok) return { figure: null, kind: null, origin: 'none', reason: suggestion.reason };
  const text = [target.metric, target.notes ?? '', target.unit ?? ''].join(' ').toLowerCase();
  const { kind, why } = kindFromWords(text, suggestion.figure, target.percent !== null);
  return { figure: suggestion.figure, kind, origin: 'suggested', reason: `${suggestion.reason}; ${why}` };
}

/** Retired removals and credits per fiscal year (tCO2e), split by days like any record. */
export interface Retirements {
  readonly removals: number;
  readonly credits: number;
}

export const RETIREMENT_ACTIVITIES: ReadonlySet<string> = new Set(ACTIVITIES.filter((activity) => activity.key === 'retired_removals' || activity.key === 'retired_credits').map((activity) => activity.key));
const TONNES_PER_UNIT: Readonly<Record<string, number>> = { kgCO2e: 0.001, tCO2e: 1, ktCO2e: 1000, MtCO2e: 1_000_000 };

export function retirementsByYear(records: readonly Pick<CalcRecord, 'activity' | 'unit' | 'quantity' | 'periodStart' | 'periodEnd'>[], fiscal: FiscalSettings): Map<string, Retirements> {
  const sums = new Map<string, { removals: ExactSum; credits: ExactSum }>();
  for (const record of records) {
    const perUnit = TONNES_PER_UNIT[record.unit];
    if (!RETIREMENT_ACTIVITIES.has(record.activity) || perUnit === undefined) continue;
    const allocation = allocateByDays(record.periodStart, record.periodEnd, fiscal);
    if (!allocation.ok) continue;
    const parts = allocateQuantity(record.quantity, allocation.value);
    if (!parts.ok) continue;
    allocation.value.forEach((share, index) => {
      const year = sums.get(share.label) ?? { removals: new ExactSum(), credits: new ExactSum() };
      sums.set(share.label, year);
      const tonnes = rationalToNumber(multiplyRationals(shortestDecimalRational(parts.value[index] ?? 0), shortestDecimalRational(perUnit)));
      (record.activity === 'retired_removals' ? year.removals : year.credits).add(tonnes);
    });
  }
  return new Map([...sums].map(([label, year]) => [label, { removals: year.removals.value(), credits: year.credits.value() }]));
}

export type TargetStatus = 'met' | 'missed' | 'on-track' | 'off-track' | 'not-assessable';

export interface TargetYear {
  readonly period: string;
  readonly pathway: number | null;
  /** After the proposed adjustments (net of retirements for net-zero and carbon-neutral targets). */
  readonly actual: number | null;
  readonly actualUncorrected: number | null;
  /** Null where there is no actual or no pathway. */
  readonly onTrack: boolean | null;
}

export interface TargetProjection {
  readonly method: string;
  /** The projected figure in the target year; null with fewer than two years of actuals. */
  readonly value: number | null;
  readonly meetsTarget: boolean | null;
}

export interface TargetResult {
  readonly id: number;
  readonly name: string;
  readonly figure: string | null;
  readonly figureLabel: string | null;
  readonly kind: TargetKind | null;
  readonly reading: { readonly origin: TargetReading['origin']; readonly reason: string };
  /** Actual at most the pathway (emissions, PUE), or at least (shares). */
  readonly direction: 'at-most' | 'at-least';
  readonly baseYear: string | null;
  readonly baseValue: number | null;
  readonly targetYear: string;
  /** The level the figure must reach by the target year; null for a change on the prior year. */
  readonly targetValue: number | null;
  readonly years: readonly TargetYear[];
  readonly status: TargetStatus;
  readonly reason: string;
  readonly projection: TargetProjection;
  readonly source: ClaimSource;
}

export interface TargetsInput {
  readonly targets: readonly TargetInput[];
  readonly decisions: ReadonlyMap<number, TargetDecision>;
  readonly uncorrected: readonly PeriodResult[];
  readonly corrected: readonly PeriodResult[];
  readonly retirementsUncorrected: ReadonlyMap<string, Retirements>;
  readonly retirementsCorrected: ReadonlyMap<string, Retirements>;
}

const yearNumber = (label: string | null): number | null => {
  const match = /^FY(\d{4})$/.exec(label?.trim().toUpperCase() ?? '');
  return match ? Number(match[1]) : null;
};

/** A percentage target's signed change: −0.42 for '42 % reduction'; why not, when the words do not say. */
function signedChange(target: TargetInput): number | string {
  return signedByWords(target.value, `${target.metric} ${target.notes ?? ''}`.toLowerCase(), 'target');
}

function exact(value: number): Rational {
  return shortestDecimalRational(value);
}

/** y at x on the straight line from (x0, y0) to (x1, y1), exactly. */
function interpolate(x0: number, y0: number, x1: number, y1: number, x: number): number {
  if (x1 === x0) return y1;
  const step = divideRationals(subtractRationals(exact(y1), exact(y0)), rational(BigInt(x1 - x0)));
  return rationalToNumber(addRationals(exact(y0), multiplyRationals(step, rational(BigInt(x - x0)))));
}

/** Ordinary least squares through the points, evaluated at x; exact. */
function leastSquaresAt(points: readonly (readonly [number, number])[], x: number): number {
  const n = rational(BigInt(points.length));
  const xs = points.map(([px]) => rational(BigInt(px)));
  const ys = points.map(([, py]) => exact(py));
  const meanX = divideRationals(sumRationals(xs), n);
  const meanY = divideRationals(sumRationals(ys), n);
  const dx = xs.map((px) => subtractRationals(px, meanX));
  const numerator = sumRationals(dx.map((d, index) => multiplyRationals(d, subtractRationals(ys[index]!, meanY))));
  const denominator = sumRationals(dx.map((d) => multiplyRationals(d, d)));
  const slope = divideRationals(numerator, denominator);
  return rationalToNumber(addRationals(meanY, multiplyRationals(slope, subtractRationals(rational(BigInt(x)), meanX))));
}

interface Evaluation {
  readonly level: number | null;
  readonly start: { readonly year: number; readonly value: number } | null;
  readonly problem: string | null;
}

export function evaluateTargets(input: TargetsInput): TargetResult[] {
  return [...input.targets].sort((a, b) => a.id - b.id).map((target) => evaluateTarget(target, readTarget(target, input.decisions.get(target.id)), input));
}

function evaluateTarget(target: TargetInput, reading: TargetReading, input: TargetsInput): TargetResult {
  const { figure, kind } = reading;
  const targetYear = yearNumber(target.targetPeriod);
  const baseYear = yearNumber(target.basePeriod);
  const direction = figure?.kind === 'fraction' ? 'at-least' : 'at-most';
  const actualOf = (periods: readonly PeriodResult[], retirements: ReadonlyMap<string, Retirements>) => (year: number): number | null => {
    const period = periods.find((candidate) => candidate.label === `FY${year}`);
    const value = period && figure ? figureValue(figure, period) : null;
    if (value === null || (kind !== 'net-zero' && kind !== 'carbon-neutral')) return value;
    const retired = retirements.get(`FY${year}`) ?? { removals: 0, credits: 0 };
    return rationalToNumber(subtractRationals(exact(value), addRationals(exact(retired.removals), exact(kind === 'carbon-neutral' ? retired.credits : 0))));
  };
  const actual = actualOf(input.corrected, input.retirementsCorrected);
  const actualUncorrected = actualOf(input.uncorrected, input.retirementsUncorrected);
  const actualYears = input.corrected.flatMap((period) => {
    const year = yearNumber(period.label);
    return year !== null && actual(year) !== null ? [year] : [];
  }).sort((a, b) => a - b);

  const common = {
    id: target.id,
    name: target.metric,
    figure: figure?.id ?? null,
    figureLabel: figure?.label ?? null,
    kind,
    reading: { origin: reading.origin, reason: reading.reason },
    direction,
    baseYear: target.basePeriod,
    targetYear: target.targetPeriod,
    source: target.source,
  } as const;
  const notAssessable = (reason: string): TargetResult => ({
    ...common,
    baseValue: baseYear === null ? null : actual(baseYear),
    targetValue: null,
    years: actualYears.map((year) => ({ period: `FY${year}`, pathway: null, actual: actual(year), actualUncorrected: actualUncorrected(year), onTrack: null })),
    status: 'not-assessable',
    reason,
    projection: { method: 'no projection: the target cannot be assessed', value: null, meetsTarget: null },
  });

  if (figure === null || kind === null) return notAssessable(reading.reason);
  if (targetYear === null) return notAssessable(`target year '${target.targetPeriod}' is not a fiscal year such as FY2030`);
  if (actualYears.length === 0) return notAssessable(`no recomputed ${figure.label} in any fiscal year`);
  const evaluation = levelOf(target, figure, kind, baseYear, targetYear, actual, actualYears[0]!);
  if (evaluation.problem !== null) return notAssessable(evaluation.problem);

  const first = Math.min(evaluation.start?.year ?? actualYears[0]!, actualYears[0]!);
  const last = Math.max(targetYear, actualYears.at(-1)!);
  const change = kind === 'percent-vs-prior' ? (signedChange(target) as number) : 0;
  const pathwayOf = (year: number): number | null => {
    if (kind === 'percent-vs-prior') {
      const prior = actual(year - 1);
      return prior === null || year > targetYear ? null : rationalToNumber(multiplyRationals(exact(prior), addRationals(rational(1n), exact(change))));
    }
    const { start, level } = evaluation;
    if (start === null || level === null || year < start.year) return null;
    return year >= targetYear ? level : interpolate(start.year, start.value, targetYear, level, year);
  };
  const meets = (value: number, bound: number) => (direction === 'at-most' ? value <= bound : value >= bound);
  const years: TargetYear[] = [];
  for (let year = first; year <= last; year++) {
    const pathway = pathwayOf(year);
    const value = actual(year);
    years.push({ period: `FY${year}`, pathway, actual: value, actualUncorrected: actualUncorrected(year), onTrack: pathway === null || value === null ? null : meets(value, pathway) });
  }
  const projection = project(actualYears.map((year) => [year, actual(year)!] as const), targetYear, kind, figure, evaluation.level, change, meets);
  const { status, reason } = statusOf(years, targetYear, actualYears.at(-1)!, projection, evaluation.level, meets, figure);
  return { ...common, baseValue: baseYear === null ? null : actual(baseYear), targetValue: evaluation.level, years, status, reason, projection };
}

/** The level L in the target year and where the pathway starts; or why the target cannot be assessed. */
function levelOf(target: TargetInput, figure: Figure, kind: TargetKind, baseYear: number | null, targetYear: number, actual: (year: number) => number | null, firstActualYear: number): Evaluation {
  const needsBase = kind === 'percent-vs-base' || kind === 'linear-pathway';
  const base = baseYear === null ? null : actual(baseYear);
  if (needsBase && baseYear === null) return { level: null, start: null, problem: `a ${kind} target needs its base year` };
  if (baseYear !== null && base === null) return { level: null, start: null, problem: `no recomputed ${figure.label} for the base year FY${baseYear}` };
  const start = baseYear !== null && base !== null ? { year: baseYear, value: base } : { year: firstActualYear, value: actual(firstActualYear)! };
  const isPercent = target.percent !== null;
  switch (kind) {
    case 'absolute':
    case 'threshold': {
      if (isPercent && figure.kind !== 'fraction') return { level: null, start, problem: `a percentage cannot be a level of ${figure.label}: is it a change against a base year?` };
      const normalised = normaliseReported({ value: target.value, unit: target.unit, percent: target.percent }, figure);
      return normalised.ok ? { level: rationalToNumber(normalised.value), start, problem: null } : { level: null, start, problem: normalised.reason };
    }
    case 'percent-vs-base':
    case 'linear-pathway': {
      if (!isPercent) return { level: null, start, problem: `a ${kind} target is a percentage, but ${target.value} has no percent unit` };
      const change = signedChange(target);
      if (typeof change === 'string') return { level: null, start, problem: change };
      const factor = kind === 'percent-vs-base' ? exact(change) : multiplyRationals(exact(change), rational(BigInt(targetYear - baseYear!)));
      return { level: rationalToNumber(multiplyRationals(exact(base!), addRationals(rational(1n), factor))), start, problem: null };
    }
    case 'percent-vs-prior': {
      if (!isPercent) return { level: null, start, problem: `a change on the prior year is a percentage, but ${target.value} has no percent unit` };
      const change = signedChange(target);
      return typeof change === 'string' ? { level: null, start, problem: change } : { level: null, start, problem: null };
    }
    case 'net-zero':
    case 'carbon-neutral':
      return figure.kind === 'tco2e' ? { level: 0, start, problem: null } : { level: null, start, problem: `${kind} applies to emissions, not ${figure.label}` };
  }
}

function yearsText(years: readonly number[]): string {
  return years.length === 1 ? `FY${years[0]}` : `FY${years[0]}–FY${years.at(-1)}`;
}

/** A straight line runs on where the figure cannot: said with the projection rather than cut off. */
function beyondRange(figure: Figure, value: number): string {
  if (figure.kind === 'tco2e' && value < 0) return '; the line falls below zero, where emissions cannot go, before then';
  if (figure.kind === 'fraction' && (value < 0 || value > 1)) return '; the line leaves 0–100 %, where a share cannot go, before then';
  if (figure.kind === 'ratio' && value < 1) return '; the line falls below 1, where a PUE cannot go, before then';
  return '';
}

function project(points: readonly (readonly [number, number])[], targetYear: number, kind: TargetKind, figure: Figure, level: number | null, change: number, meets: (value: number, bound: number) => boolean): TargetProjection {
  const years = points.map(([year]) => year);
  if (points.length < 2) return { method: `no projection: a trend needs two years of actuals, and there is ${yearsText(years)} only`, value: null, meetsTarget: null };
  const value = leastSquaresAt(points, targetYear);
  const method = `ordinary least-squares line through the ${points.length} years of actuals ${yearsText(years)}, extrapolated to FY${targetYear}${beyondRange(figure, value)}`;
  if (kind === 'percent-vs-prior') {
    const [lastYear, lastValue] = points.at(-1)!;
    const span = targetYear - lastYear;
    if (span <= 0 || lastValue === 0) return { method, value, meetsTarget: null };
    // The projection's average yearly change from the last actual, compounded as yearly targets on the prior year are.
    const yearly = Math.sign(value / lastValue) * Math.abs(value / lastValue) ** (1 / span) - 1;
    return { method: `${method}; its average change a year from FY${lastYear} is compared with the target's`, value, meetsTarget: meets(yearly, change) };
  }
  return { method, value, meetsTarget: level === null ? null : meets(value, level) };
}

function statusOf(
  years: readonly TargetYear[],
  targetYear: number,
  lastActualYear: number,
  projection: TargetProjection,
  level: number | null,
  meets: (value: number, bound: number) => boolean,
  figure: Figure,
): { status: TargetStatus; reason: string } {
  const shown = (value: number | null) => formatFigureValue(figure.kind, value);
  const at = (year: number) => years.find((entry) => entry.period === `FY${year}`);
  if (lastActualYear >= targetYear) {
    const entry = at(targetYear);
    if (entry === undefined || entry.actual === null) return { status: 'not-assessable', reason: `no recomputed ${figure.label} for the target year FY${targetYear}` };
    const bound = level ?? entry.pathway;
    if (bound === null) return { status: 'not-assessable', reason: `no pathway for FY${targetYear}` };
    const text = `FY${targetYear}: ${shown(entry.actual)} against a target of ${shown(bound)}`;
    return meets(entry.actual, bound) ? { status: 'met', reason: text } : { status: 'missed', reason: text };
  }
  const latest = at(lastActualYear)!;
  const latestText = latest.pathway === null ? `FY${lastActualYear} ${shown(latest.actual)}` : `FY${lastActualYear} ${shown(latest.actual)} against a pathway of ${shown(latest.pathway)}`;
  const projected = `the trend projects ${shown(projection.value)} in FY${targetYear}`;
  if (latest.onTrack === false) return { status: 'off-track', reason: `${latestText}: off the pathway` };
  if (projection.meetsTarget === false) return { status: 'off-track', reason: `${latestText}, but ${projected}` };
  if (projection.meetsTarget === true) return { status: 'on-track', reason: `${latestText}; ${projected}` };
  return latest.onTrack === true
    ? { status: 'on-track', reason: `${latestText}: on the pathway; ${projection.method}` }
    : { status: 'not-assessable', reason: `${latestText}; ${projection.method}` };
}
