/**
 * A factor's CO2e per unit of activity, with each gas's part.
 *
 * - Values already in CO2e (DESNZ per-gas rows) are each gas's CO2e contribution: they are never
 *   weighted by a GWP again. The total is the source's printed CO2e figure when it gives one
 *   (the per-gas parts may differ from it in the last printed digit), else their sum.
 * - Gas masses (EPA Hub) are weighted with the engagement's GWPs (co2eFromGases); a printed total
 *   beside them is not used, since it would carry the source's GWPs. Where the GWP table weighs
 *   fossil and non-fossil methane apart (AR6), the factor's methane origin decides (methaneOriginOf).
 * Gas values in g, lb or t are converted to kg exactly.
 */
import { activityByKey } from '../activities';
import type { GasValue } from '../factors/types';
import { multiplyRationals, rationalToNumber, ratioFromText, shortestDecimalRational, sumRationals, type Rational } from './rational';
import { co2eFromGases, GWP_TABLES, type GwpBasis, type MethaneOrigin } from './gwp';
import type { CalcFactor } from './inventory-types';
import { conversionFactor, unitById } from './units';

export interface GasPart {
  readonly gas: string;
  /** kg CO2e per factor unit. */
  readonly kgCo2e: Rational;
}

export interface FactorCo2e {
  /** kg CO2e per factor unit, exact. */
  readonly kgPerUnit: Rational;
  readonly gases: readonly GasPart[];
  readonly notes: readonly string[];
}

export type FactorCo2eResult = { readonly ok: true; readonly value: FactorCo2e } | { readonly ok: false; readonly reason: string };

export function factorCo2ePerUnit(factor: CalcFactor, basis: GwpBasis): FactorCo2eResult {
  const co2eParts: GasPart[] = [];
  const masses: { gas: string; amount: number }[] = [];
  for (const gas of factor.gases) {
    const kg = massInKg(gas);
    if (!kg.ok) return { ok: false, reason: `factor #${factor.id}: ${kg.reason}` };
    if (gas.alreadyCo2e) co2eParts.push({ gas: gas.gas, kgCo2e: kg.value });
    else masses.push({ gas: gas.gas, amount: rationalToNumber(kg.value) });
  }

  if (masses.length > 0) {
    const origin = methaneOriginOf(factor);
    const weighted = co2eFromGases(masses, basis, origin);
    if (!weighted.ok) return { ok: false, reason: `factor #${factor.id}: ${weighted.reason}` };
    const weightedParts = weighted.contributions.map((part) => ({ gas: part.gas, kgCo2e: shortestDecimalRational(part.co2e) }));
    const kgPerUnit = sumRationals([...co2eParts.map((part) => part.kgCo2e), shortestDecimalRational(weighted.total)]);
    const methane = weighted.contributions.find((part) => part.gas === 'CH4');
    const byOrigin = methane && origin !== null && typeof GWP_TABLES[basis].methane !== 'string' ? ` (${origin} methane, ${methane.gwp})` : '';
    return { ok: true, value: { kgPerUnit, gases: [...co2eParts, ...weightedParts], notes: [`gas masses weighted with ${basis} GWPs${byOrigin}`] } };
  }

  const notes = publishedOnOtherBasis(factor, basis) ? [`the factor's CO2e is published on ${factor.gwpBasis} GWPs and is not re-weighted to ${basis}`] : [];
  if (factor.co2ePerUnitKg !== null) {
    return { ok: true, value: { kgPerUnit: shortestDecimalRational(factor.co2ePerUnitKg), gases: co2eParts, notes } };
  }
  if (co2eParts.length > 0) {
    return { ok: true, value: { kgPerUnit: sumRationals(co2eParts.map((part) => part.kgCo2e)), gases: co2eParts, notes } };
  }
  return { ok: false, reason: `factor #${factor.id} has neither a CO2e value nor per-gas values` };
}

/**
 * Set keys of the factor tables an engagement imports itself. Their mapping states no GWP basis,
 * so the basis stored with them (AR5) is assumed, not stated by anyone.
 */
export const FACTOR_TABLE_SET_PREFIX = 'user-';

/** Whether a factor's GWP basis is stated by its source (a published library), not assumed (an engagement's own factor table). */
export function gwpBasisStated(factor: Pick<CalcFactor, 'setKey'>): boolean {
  return !factor.setKey.startsWith(FACTOR_TABLE_SET_PREFIX);
}

/** Whether a factor's values are CO2e already (no gas mass to weight with the engagement's GWPs). */
function co2eAsPublished(factor: Pick<CalcFactor, 'gases'>): boolean {
  return factor.gases.every((gas) => gas.alreadyCo2e);
}

/**
 * Whether a factor prices records at CO2e its source weighted with another assessment's GWPs than
 * the engagement's: its values are CO2e already (no gas mass to weight again), on another basis
 * that its source states.
 */
export function publishedOnOtherBasis(factor: Pick<CalcFactor, 'gases' | 'gwpBasis' | 'setKey'>, basis: GwpBasis): boolean {
  return gwpBasisStated(factor) && factor.gwpBasis !== basis && co2eAsPublished(factor);
}

/** Whether a factor prices records at CO2e whose GWP basis nobody stated (an engagement's own table of CO2e factors). */
export function co2eOnUnstatedBasis(factor: Pick<CalcFactor, 'gases' | 'setKey'>): boolean {
  return !gwpBasisStated(factor) && co2eAsPublished(factor);
}

/** Fuels of biological origin named in a factor's label: their methane is non-fossil whatever the activity. */
const NON_FOSSIL_FUEL = /\b(?:bio\w*|landfill|wood|agricultur\w*|ethanol|animal fat|vegetable oil|manure|compost\w*|anaerobic|sewage|wastewater)\b/i;

/**
 * The origin of a factor's methane: non-fossil for biogenic factors and fuels of biological
 * origin (biogas, biomass, landfill gas, agricultural by-products…); otherwise its activity's
 * (fossil fuels, and grids and heat generated from them, fossil; waste non-fossil); null when
 * neither says.
 */
export function methaneOriginOf(factor: Pick<CalcFactor, 'activityKey' | 'label' | 'biogenic'>): MethaneOrigin | null {
  if (factor.biogenic || NON_FOSSIL_FUEL.test(factor.label)) return 'non-fossil';
  return activityByKey(factor.activityKey)?.methaneOrigin ?? null;
}

type MassResult = { readonly ok: true; readonly value: Rational } | { readonly ok: false; readonly reason: string };

function massInKg(gas: GasValue): MassResult {
  const from = unitById(gas.valueUnit);
  const kg = unitById('kg');
  if (!from || !kg) return { ok: false, reason: `unknown mass unit '${gas.valueUnit}' for ${gas.gas}` };
  const ratio = conversionFactor(from, kg);
  if (!ratio.ok) return { ok: false, reason: ratio.reason };
  if (!Number.isFinite(gas.value)) return { ok: false, reason: `value of ${gas.gas} is not a finite number` };
  return { ok: true, value: multiplyRationals(shortestDecimalRational(gas.value), ratioFromText(ratio.factorText)) };
}
