/**
 * The factor library a calculation prices records with (rule 1 of inventory.ts): factors indexed
 * by activity, the pools a record may draw from, and each selection and factor value memoised.
 */
import { ratioFromText, type Rational } from './rational';
import { pinnedFactor, selectFactor, type FactorRequest, type FactorSelection, type FittingFactor } from './factor-selection';
import { factorCo2ePerUnit, type FactorCo2eResult, type GasPart } from './factor-value';
import type { CalcFactor, CalcSettings, FactorReplacement, FindingKind } from './inventory-types';

/** What a line multiplies a quantity by: a selected, valued factor, or the rule standing in for one. */
export interface Pricing {
  readonly factorId: number | null;
  readonly factorSetId: number | null;
  readonly factorSetKey: string | null;
  readonly factorUnit: string;
  /** Factor units per record unit, exact. */
  readonly unitRatio: Rational;
  readonly kgPerUnit: Rational;
  readonly gases: readonly GasPart[];
  readonly notes: readonly string[];
}

export type PricingResult =
  | { readonly ok: true; readonly pricing: Pricing }
  | {
      readonly ok: false;
      readonly kind: FindingKind;
      readonly reason: string;
      /** What is particular to the request, when the reason leaves it out. */
      readonly detail?: string;
      /** Several factors fit equally well: each priced, to show what is at stake between them. */
      readonly candidates?: readonly Pricing[];
    };

/** Which factors may stand for a record (rule 1's policy; the generic rules are in selectFactor). */
export interface FactorPool {
  readonly activityKey: string;
  readonly kind: 'average' | 'residual-mix' | 'biogenic';
  /** Source scope label the factor must carry (or none); not checked for biogenic factors. */
  readonly scope: string | null;
  /** Instruments: only the factor named for the instrument. */
  readonly variant?: string;
  /** Biogenic companions: only factors of the main factor's set. */
  readonly factorSetId?: number;
}

function admits(pool: FactorPool, factor: CalcFactor): boolean {
  if (factor.activityKey !== pool.activityKey) return false;
  if (pool.kind === 'biogenic') return factor.biogenic && factor.factorSetId === pool.factorSetId;
  if (factor.biogenic || (factor.scope !== null && factor.scope !== pool.scope)) return false;
  if ((factor.residualMix === true) !== (pool.kind === 'residual-mix')) return false;
  return pool.variant === undefined || factor.variant === pool.variant;
}

/** Factors indexed by activity, with selections and values memoised: records repeat requests. */
export class FactorLibrary {
  private readonly byActivity = new Map<string, CalcFactor[]>();
  private readonly pricings = new Map<string, PricingResult>();
  private readonly values = new Map<number, FactorCo2eResult>();
  private readonly replacements: ReadonlyMap<number, FactorReplacement>;

  constructor(
    factors: readonly CalcFactor[],
    private readonly settings: CalcSettings,
    replacements: readonly FactorReplacement[] = [],
  ) {
    for (const factor of [...factors].sort((a, b) => a.id - b.id)) {
      this.byActivity.set(factor.activityKey, [...(this.byActivity.get(factor.activityKey) ?? []), factor]);
    }
    this.replacements = new Map(replacements.map((replacement) => [replacement.replaces, replacement]));
  }

  hasActivity(activityKey: string): boolean {
    return this.byActivity.has(activityKey);
  }

  factorsIn(pool: FactorPool): readonly CalcFactor[] {
    return (this.byActivity.get(pool.activityKey) ?? []).filter((factor) => admits(pool, factor));
  }

  price(pool: FactorPool, request: FactorRequest): PricingResult {
    const key = `${pool.activityKey}\u0001${pool.kind}\u0001${pool.scope ?? '\u0000'}\u0001${pool.variant ?? '\u0000'}\u0001${pool.factorSetId ?? ''}\u0001${request.unit.id}\u0001${request.unit.basis ?? ''}\u0001${request.region ?? '\u0000'}\u0001${request.date}`;
    const known = this.pricings.get(key);
    if (known) return known;
    const priced = this.select(pool, request);
    this.pricings.set(key, priced);
    return priced;
  }

  private select(pool: FactorPool, request: FactorRequest): PricingResult {
    const selected = selectFactor(this.factorsIn(pool), request);
    if (!selected.ok) {
      const { candidates, ...failure } = selected;
      if (candidates === undefined) return failure;
      return { ...failure, candidates: candidates.flatMap((candidate) => this.pricingOf(candidate, []) ?? []) };
    }
    const replacement = this.replacements.get(selected.factor.id);
    const selection = replacement === undefined ? selected : this.replaced(selected, replacement, request);
    if (!selection.ok) return { ok: false, kind: selection.kind, reason: selection.reason, ...(selection.detail === undefined ? {} : { detail: selection.detail }) };
    const value = this.valueOf(selection.factor);
    if (!value.ok) return { ok: false, kind: 'factor-value', reason: value.reason };
    return { ok: true, pricing: this.pricingOf(selection, selection.notes)! };
  }

  /** A fitting factor valued under the engagement's GWPs; undefined when it has no usable value. */
  private pricingOf({ factor, conversion }: FittingFactor, notes: readonly string[]): Pricing | undefined {
    const value = this.valueOf(factor);
    if (!value.ok) return undefined;
    return {
      factorId: factor.id,
      factorSetId: factor.factorSetId,
      factorSetKey: factor.setKey,
      factorUnit: factor.unitText,
      unitRatio: ratioFromText(conversion.factorText),
      kgPerUnit: value.value.kgPerUnit,
      gases: value.value.gases,
      notes: [...notes, ...value.value.notes],
    };
  }

  /** The replacement factor instead of the selected one, with a note naming both; refused if the quantity cannot convert to it. */
  private replaced(selected: Extract<FactorSelection, { ok: true }>, replacement: FactorReplacement, request: FactorRequest): FactorSelection {
    const pinned = pinnedFactor(replacement.factor, request);
    const what = `factor #${selected.factor.id} '${selected.factor.label}' (${selected.factor.setKey}) replaced by #${replacement.factor.id} '${replacement.factor.label}' (${replacement.factor.setKey})`;
    if (!pinned.ok) return { ...pinned, reason: `${what}: ${pinned.reason}` };
    return { ...pinned, notes: [`${what}: ${replacement.note}`, ...pinned.notes] };
  }

  private valueOf(factor: CalcFactor): FactorCo2eResult {
    const known = this.values.get(factor.id) ?? factorCo2ePerUnit(factor, this.settings.gwpBasis);
    this.values.set(factor.id, known);
    return known;
  }
}
