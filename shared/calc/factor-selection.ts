/**
 * Choosing the one emission factor that applies to a record, among the factors that may stand
 * for its activity (which factors those are is the inventory's policy: see inventory.ts).
 *
 * The rules narrow the candidates in this order:
 * 0. Attributes (attributes.ts): a factor that names an attribute (a gas, a haul) fits only a
 *    record with the same value; where the activity requires one (a refrigerant's gas), only a
 *    factor naming it fits. Of the fitting factors, those naming the most of the record's
 *    attributes win: a factor for the record's own variant beats one for every variant, and a
 *    record is never priced at a factor for another variant.
 * 1. Unit: the factor's unit text must be readable and the record's quantity must convert to it.
 *    Energy with an unstated calorific basis converts to a gross- or net-CV factor only under
 *    rule 4.
 * 2. Region: the record's region must equal the factor's (its own, else its set's). Only when no
 *    candidate has that region do set-wide factors (no region of their own, or their set's
 *    region) match, with a note: a region-specific factor always beats a fallback.
 * 3. Validity: the factor in force at the start of the record's period (validFrom ≤ start
 *    ≤ validTo: the factor's own validity where its table states one, else its set's). If none,
 *    the latest edition that started earlier, with a note, but never a factor whose own
 *    validity is stated: a record outside every stated validity has no factor. A later edition
 *    is never applied to an earlier period.
 * 4. Calorific basis: factors the quantity converts to as stated win. Otherwise a record with an
 *    unstated basis takes a gross- or net-CV factor only when exactly one candidate remains, with
 *    a note; with more, the basis is ambiguous and neither is preferred.
 * 5. Exactly one factor must remain; several equally good ones are ambiguous.
 */
import { ATTRIBUTE_LABELS, ATTRIBUTE_NAMES, attributeValueKey, describeAttributes, type AttributeName, type Attributes } from './attributes';
import { setRegionLabel, validityLabel } from '../factors/labels';
import type { CalcFactor } from './inventory-types';
import { conversionFactor, formatUnit, parseUnit, type Unit } from './units';

export interface FactorRequest {
  /** The unit of the record's quantity. */
  readonly unit: Unit;
  /** The record's region, else its site's, else the engagement default. */
  readonly region: string | null;
  /** The first day of the record's period: picks the factor set in force. */
  readonly date: string;
  /** The record's attributes (rule 0). */
  readonly attributes?: Attributes | null;
  /** Attributes a factor must name to price the record (its activity's REQUIRED_ATTRIBUTES). */
  readonly requiredAttributes?: readonly AttributeName[];
}

export type SelectionFailureKind = 'no-factor' | 'unit' | 'calorific-basis-ambiguous' | 'ambiguous-factor';

/** A factor that fits a record, with the conversion from the record's unit to the factor's. */
export interface FittingFactor {
  readonly factor: CalcFactor;
  /** Factor units per record unit, rounded once; factorText is the exact ratio. */
  readonly conversion: { readonly factor: number; readonly factorText: string };
}

export type FactorSelection =
  | (FittingFactor & { readonly ok: true; readonly factorUnit: Unit; readonly notes: readonly string[] })
  | {
      readonly ok: false;
      readonly kind: SelectionFailureKind;
      /** Why, in terms every record asking the same shares. */
      readonly reason: string;
      /** What is particular to this request (its date), if the reason leaves it out. */
      readonly detail?: string;
      /** The equally good factors, when several fit: what is at stake between them. */
      readonly candidates?: readonly FittingFactor[];
    };

interface Candidate extends FittingFactor {
  readonly unit: Unit;
  /** The factor's basis, taken for the record's unstated one (rule 4); null when stated alike. */
  readonly assumedBasis: 'gross' | 'net' | null;
}

type Narrowed = { readonly ok: true; readonly candidates: readonly Candidate[]; readonly fallback: boolean } | Failure;
type Failure = Extract<FactorSelection, { ok: false }>;

function failure(kind: SelectionFailureKind, reason: string, more: Pick<Failure, 'detail' | 'candidates'> = {}): Failure {
  return { ok: false, kind, reason, ...more };
}

export function selectFactor(pool: readonly CalcFactor[], request: FactorRequest): FactorSelection {
  if (pool.length === 0) return failure('no-factor', 'the factor library has no factor for this activity');
  const variants = byAttributes(pool, request);
  if (!variants.ok) return variants;
  const convertible = byUnit(variants.factors, request.unit);
  if (!convertible.ok) return convertible;
  const regional = byRegion(convertible.candidates, request.region);
  if (!regional.ok) return regional;
  const dated = bySetInForce(regional.candidates, request.date);
  if (!dated.ok) return dated;
  const single = theOnlyCandidate(dated.candidates, request.unit);
  if (!single.ok) return single;
  const chosen = single.candidate;

  const notes = [
    ...attributeNote(chosen.factor, request),
    ...(regional.fallback ? [regionNote(chosen.factor, request.region)] : []),
    ...(dated.fallback ? [factorYearNote(chosen.factor, request.date, setAsideInForce(pool, request, [
      { rule: 'attribute', kept: variants.factors, why: (factor) => describeAttributes(factor.attributes) },
      { rule: 'unit', kept: convertible.candidates.map(({ factor }) => factor), why: (factor) => `per '${factor.unitText}'` },
      { rule: 'region', kept: regional.candidates.map(({ factor }) => factor), why: (factor) => setRegionLabel(factor.region ?? factor.setRegion) },
    ]))] : []),
    ...(chosen.assumedBasis === null ? [] : [basisNote(chosen)]),
  ];
  return { ok: true, factor: chosen.factor, factorUnit: chosen.unit, conversion: chosen.conversion, notes };
}

function fitsAttributes(factor: CalcFactor, request: FactorRequest): boolean {
  const record = request.attributes ?? {};
  const named = factor.attributes ?? {};
  for (const name of request.requiredAttributes ?? []) if (named[name] === undefined) return false;
  return ATTRIBUTE_NAMES.every((name) => {
    const value = named[name];
    if (value === undefined) return true;
    const wanted = record[name];
    return wanted !== undefined && attributeValueKey(name, wanted) === attributeValueKey(name, value);
  });
}

function namedCount(factor: CalcFactor): number {
  return Object.keys(factor.attributes ?? {}).length;
}

/** Rule 0: the factors for the record's own variant, else for every variant; never another variant's. */
function byAttributes(pool: readonly CalcFactor[], request: FactorRequest): { readonly ok: true; readonly factors: readonly CalcFactor[] } | Failure {
  const fitting = pool.filter((factor) => fitsAttributes(factor, request));
  if (fitting.length === 0) {
    const variants = [...new Set(pool.map((factor) => describeAttributes(factor.attributes)))].sort().join('; ');
    const required = (request.requiredAttributes ?? []).filter((name) => request.attributes?.[name] === undefined);
    const wanted = required.length > 0 ? `the record names no ${required.map((name) => ATTRIBUTE_LABELS[name]).join(' or ')}` : `no factor for ${describeAttributes(request.attributes)}`;
    return failure('no-factor', `${wanted} (factors are for ${variants}); a record is never priced at another variant's factor`);
  }
  const most = Math.max(...fitting.map(namedCount));
  return { ok: true, factors: fitting.filter((factor) => namedCount(factor) === most) };
}

/**
 * The record's attributes the chosen factor does not name: it is a factor for every value of
 * them. Asked of the chosen factor, not of rule 0's survivors: another survivor may name one and
 * still lose on unit, region or year.
 */
function attributeNote(factor: CalcFactor, request: FactorRequest): string[] {
  const unmatched = ATTRIBUTE_NAMES.filter((name) => request.attributes?.[name] !== undefined && factor.attributes?.[name] === undefined);
  if (unmatched.length === 0) return [];
  const values = unmatched.map((name) => `${ATTRIBUTE_LABELS[name]} (${request.attributes![name]})`).join(', ');
  return [`attribute rule: no factor names the record's ${values}; a factor for every ${unmatched.map((name) => ATTRIBUTE_LABELS[name]).join(' and ')} used`];
}

/**
 * One given factor for a record, as an auditor's adjustment names it: only rule 1 applies (the
 * quantity must convert to its unit); region and year are the auditor's decision.
 */
export function pinnedFactor(factor: CalcFactor, request: FactorRequest): FactorSelection {
  const convertible = byUnit([factor], request.unit);
  if (!convertible.ok) return convertible;
  const [chosen] = convertible.candidates;
  return { ok: true, factor: chosen!.factor, factorUnit: chosen!.unit, conversion: chosen!.conversion, notes: chosen!.assumedBasis === null ? [] : [basisNote(chosen!)] };
}

function byUnit(pool: readonly CalcFactor[], recordUnit: Unit): Narrowed {
  const candidates: Candidate[] = [];
  const unreadable: string[] = [];
  for (const factor of pool) {
    const parsed = parseUnit(factor.unitText);
    if (!parsed.ok) {
      unreadable.push(`#${factor.id}: ${parsed.reason}`);
      continue;
    }
    const candidate = candidateFor(factor, parsed.unit, recordUnit);
    if (candidate) candidates.push(candidate);
  }
  if (candidates.length > 0) return { ok: true, candidates, fallback: false };
  const units = [...new Set(pool.map((factor) => `'${factor.unitText}'`))].sort().join(', ');
  const unreadableText = unreadable.length === 0 ? '' : `; unreadable factor units: ${unreadable.join('; ')}`;
  return failure('unit', `no factor is per a unit that ${formatUnit(recordUnit)} converts to (factors are per ${units})${unreadableText}`);
}

function candidateFor(factor: CalcFactor, factorUnit: Unit, recordUnit: Unit): Candidate | undefined {
  const direct = conversionFactor(recordUnit, factorUnit);
  if (direct.ok) return { factor, unit: factorUnit, conversion: direct, assumedBasis: null };
  const factorBasis = factorUnit.basis;
  if (recordUnit.basis !== 'unspecified' || (factorBasis !== 'gross' && factorBasis !== 'net')) return undefined;
  const assumed = conversionFactor(recordUnit, factorUnit, { unspecifiedBasisIs: factorBasis });
  return assumed.ok ? { factor, unit: factorUnit, conversion: assumed, assumedBasis: factorBasis } : undefined;
}

function sameRegion(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toUpperCase() === b.trim().toUpperCase();
}

function isSetWide(factor: CalcFactor): boolean {
  return factor.region === null || sameRegion(factor.region, factor.setRegion);
}

function byRegion(candidates: readonly Candidate[], region: string | null): Narrowed {
  const exact = candidates.filter(({ factor }) => sameRegion(factor.region ?? factor.setRegion, region));
  if (exact.length > 0) return { ok: true, candidates: exact, fallback: false };
  const setWide = candidates.filter(({ factor }) => isSetWide(factor));
  if (setWide.length > 0) return { ok: true, candidates: setWide, fallback: true };
  const regions = [...new Set(candidates.map(({ factor }) => factor.region ?? factor.setRegion))].sort().join(', ');
  return failure('no-factor', `no factor for region ${region ?? '(none given)'} and no set-wide factor (factors exist for ${regions})`);
}

function bySetInForce(candidates: readonly Candidate[], date: string): Narrowed {
  const inForce = candidates.filter(({ factor }) => inForceOn(factor, date));
  if (inForce.length > 0) return { ok: true, candidates: inForce, fallback: false };
  // An edition may be carried forward to a later period; a factor whose own validity is stated may not.
  const earlier = candidates.filter(({ factor }) => factor.validFrom <= date && factor.validityStated !== true);
  if (earlier.length === 0) {
    if (candidates.some(({ factor }) => factor.validityStated === true)) {
      const ranges = [...new Set(candidates.map(({ factor }) => `${factor.validFrom} to ${factor.validTo}`))].sort().join('; ');
      return failure('no-factor', `the record's period is outside every fitting factor's validity (${ranges})`, { detail: `the record starts on ${date}` });
    }
    const firstStart = candidates.map(({ factor }) => factor.validFrom).sort()[0] ?? '';
    return failure('no-factor', `no factor set is in force on the record's start date or earlier (the earliest starts on ${firstStart})`, { detail: `the record starts on ${date}` });
  }
  const latestStart = earlier.map(({ factor }) => factor.validFrom).sort().at(-1);
  return { ok: true, candidates: earlier.filter(({ factor }) => factor.validFrom === latestStart), fallback: true };
}

function theOnlyCandidate(candidates: readonly Candidate[], recordUnit: Unit): { readonly ok: true; readonly candidate: Candidate } | Failure {
  const stated = candidates.filter((candidate) => candidate.assumedBasis === null);
  const finalists = stated.length > 0 ? stated : candidates;
  const [only, ...others] = finalists;
  if (only !== undefined && others.length === 0) return { ok: true, candidate: only };
  const listed = [...finalists]
    .sort((a, b) => a.factor.id - b.factor.id)
    .map(({ factor }) => `#${factor.id} '${factor.label}' per '${factor.unitText}' (${factor.setKey})`)
    .join('; ');
  const bases = new Set(finalists.map((candidate) => candidate.assumedBasis));
  const fitting = finalists.map(({ factor, conversion }) => ({ factor, conversion }));
  if (stated.length === 0 && bases.size > 1) {
    return failure(
      'calorific-basis-ambiguous',
      `the calorific basis of ${formatUnit(recordUnit)} is not stated and factors on both bases fit: ${listed}; the mapping must say gross or net`,
      { candidates: fitting },
    );
  }
  return failure('ambiguous-factor', `several factors fit equally well: ${listed}`, { candidates: fitting });
}

function regionNote(factor: CalcFactor, region: string | null): string {
  const wanted = region === null ? 'the record gives no region' : `no factor for region ${region}`;
  return `region rule: ${wanted}; set-wide factor of ${factor.setKey} (${setRegionLabel(factor.region ?? factor.setRegion)}) used`;
}

const inForceOn = (factor: CalcFactor, date: string) => factor.validFrom <= date && date <= factor.validTo;

interface RuleStage {
  readonly rule: 'attribute' | 'unit' | 'region';
  /** The factors the rule kept. */
  readonly kept: readonly CalcFactor[];
  /** What about a factor the rule set aside, in a few words. */
  readonly why: (factor: CalcFactor) => string;
}

/**
 * Factors in force on the record's date that an earlier rule set aside, each set once with the rule
 * that did ('the region rule set aside user-2023 (US)'): when the year rule then falls back to an
 * earlier edition, its note must not read as if no set were in force.
 */
function setAsideInForce(pool: readonly CalcFactor[], request: FactorRequest, stages: readonly RuleStage[]): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const factor of pool.filter((candidate) => inForceOn(candidate, request.date))) {
    const stage = stages.find(({ kept }) => !kept.includes(factor));
    const key = `${stage?.rule}\u0000${factor.setKey}`;
    if (!stage || seen.has(key)) continue;
    seen.add(key);
    notes.push(`the ${stage.rule} rule set aside ${factor.setKey} (${stage.why(factor)})`);
  }
  return notes;
}

function factorYearNote(factor: CalcFactor, date: string, setAside: readonly string[]): string {
  const none = setAside.length === 0
    ? `none in force on ${date}`
    : `none in force on ${date} among the factors the earlier rules left (in force then, but ${setAside.join('; ')})`;
  return (
    `factor year rule (the set in force at the start of the record's period; if none, the latest earlier edition): ` +
    `${none}; ${factor.setKey} (${validityLabel(factor.validFrom, factor.validTo)}) used`
  );
}

function basisNote(candidate: Candidate): string {
  return `calorific basis not stated on the record; the only fitting factor is per '${candidate.factor.unitText}', so ${candidate.assumedBasis} CV is assumed`;
}
