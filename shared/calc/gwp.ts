/**
 * 100-year global warming potentials by IPCC assessment report, and CO2e from per-gas amounts.
 *
 * Values are kept as exact decimals; blends and CO2e totals are computed exactly and rounded to
 * a double once, so they do not depend on the order gases are listed in.
 */
import {
  addRationals,
  decimalRational,
  multiplyRationals,
  rationalToNumber,
  shortestDecimalRational,
  type Rational,
} from './rational';

export const GWP_BASES = ['AR4', 'AR5', 'AR6'] as const;
export type GwpBasis = (typeof GWP_BASES)[number];

type GwpTable = Readonly<Record<GwpBasis, string>>;

/**
 * Pure gases, GWP-100 as published (IPCC AR4 WG1 table 2.14, AR5 WG1 table 8.A.1,
 * AR6 WG1 table 7.SM.7).
 */
const PURE_GAS_GWPS = {
  CO2: { AR4: '1', AR5: '1', AR6: '1' },
  CH4: { AR4: '25', AR5: '28', AR6: '27.9' },
  N2O: { AR4: '298', AR5: '265', AR6: '273' },
  SF6: { AR4: '22800', AR5: '23500', AR6: '25200' },
  NF3: { AR4: '17200', AR5: '16100', AR6: '17400' },
  'HFC-32': { AR4: '675', AR5: '677', AR6: '771' },
  'HFC-125': { AR4: '3500', AR5: '3170', AR6: '3740' },
  'HFC-134a': { AR4: '1430', AR5: '1300', AR6: '1530' },
  'HFC-143a': { AR4: '4470', AR5: '4800', AR6: '5810' },
} as const satisfies Record<string, GwpTable>;

/**
 * AR6 gives fossil methane its own value (it counts the CO2 the methane oxidises to). The EPA Hub
 * and DESNZ apply one methane value under AR4 and AR5, so CH4_fossil is refused there rather
 * than silently mapped to either.
 */
const AR6_FOSSIL_METHANE_GWP = '29.8';

type PureGasId = keyof typeof PURE_GAS_GWPS;
type BlendId = 'R-410A' | 'R-404A' | 'R-407C';

export interface BlendComponent {
  readonly gas: PureGasId;
  /** Mass fraction, in percent, as an exact decimal. */
  readonly percent: string;
}

/** Refrigerant blends by mass fraction of their components (ASHRAE 34). */
export const BLEND_COMPOSITIONS: Readonly<Record<BlendId, readonly BlendComponent[]>> = {
  'R-410A': [{ gas: 'HFC-32', percent: '50' }, { gas: 'HFC-125', percent: '50' }],
  'R-404A': [{ gas: 'HFC-125', percent: '44' }, { gas: 'HFC-143a', percent: '52' }, { gas: 'HFC-134a', percent: '4' }],
  'R-407C': [{ gas: 'HFC-32', percent: '23' }, { gas: 'HFC-125', percent: '25' }, { gas: 'HFC-134a', percent: '52' }],
};

export const GAS_IDS = [
  ...(Object.keys(PURE_GAS_GWPS) as PureGasId[]),
  'CH4_fossil',
  ...(Object.keys(BLEND_COMPOSITIONS) as BlendId[]),
] as const;
export type GasId = PureGasId | 'CH4_fossil' | BlendId;

/** Names found in factor files, matched after `gasKey` ('R-134a', 'R134a', 'HFC134a' all match). */
const GAS_SPELLINGS: Readonly<Record<GasId, readonly string[]>> = {
  CO2: ['co2', 'carbon dioxide'],
  CH4: ['ch4', 'methane'],
  CH4_fossil: ['ch4 fossil', 'fossil ch4', 'fossil methane', 'methane fossil'],
  N2O: ['n2o', 'nitrous oxide'],
  SF6: ['sf6', 'sulphur hexafluoride', 'sulfur hexafluoride'],
  NF3: ['nf3', 'nitrogen trifluoride'],
  'HFC-32': ['hfc-32', 'r-32'],
  'HFC-125': ['hfc-125', 'r-125'],
  'HFC-134a': ['hfc-134a', 'r-134a'],
  'HFC-143a': ['hfc-143a', 'r-143a'],
  'R-410A': ['r-410a'],
  'R-404A': ['r-404a'],
  'R-407C': ['r-407c'],
};

/** Unicode-folded ('CH₄' → 'ch4'), lower-cased, without spaces and separators. */
function gasKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s._\-–]/g, '');
}

const GAS_BY_KEY: ReadonlyMap<string, GasId> = new Map(
  GAS_IDS.flatMap((id) => [id, ...GAS_SPELLINGS[id]].map((spelling): [string, GasId] => [gasKey(spelling), id])),
);

export type ParsedGasResult = { readonly ok: true; readonly gas: GasId } | { readonly ok: false; readonly reason: string };

export function parseGas(text: string): ParsedGasResult {
  const gas = GAS_BY_KEY.get(gasKey(text));
  if (gas === undefined) return { ok: false, reason: `unknown gas '${text.trim()}'` };
  return { ok: true, gas };
}

type ExactGwpResult = { readonly ok: true; readonly value: Rational } | { readonly ok: false; readonly reason: string };

function exactGwp(gas: GasId, basis: GwpBasis): ExactGwpResult {
  if (gas === 'CH4_fossil') {
    if (basis !== 'AR6') {
      return { ok: false, reason: `${basis} gives no separate GWP for fossil methane; report it as CH4` };
    }
    return { ok: true, value: decimalRational(AR6_FOSSIL_METHANE_GWP) };
  }
  if (isBlend(gas)) {
    let total = decimalRational('0');
    for (const component of BLEND_COMPOSITIONS[gas]) {
      const share = multiplyRationals(decimalRational(component.percent), decimalRational('0.01'));
      total = addRationals(total, multiplyRationals(share, decimalRational(PURE_GAS_GWPS[component.gas][basis])));
    }
    return { ok: true, value: total };
  }
  return { ok: true, value: decimalRational(PURE_GAS_GWPS[gas][basis]) };
}

function isBlend(gas: GasId): gas is BlendId {
  return gas in BLEND_COMPOSITIONS;
}

export type GwpResult =
  | { readonly ok: true; readonly gas: GasId; readonly value: number }
  | { readonly ok: false; readonly reason: string };

/** GWP-100 of a gas or blend (any accepted spelling) under an assessment report. */
export function gwp(gas: string, basis: GwpBasis): GwpResult {
  const parsed = parseGas(gas);
  if (!parsed.ok) return parsed;
  const exact = exactGwp(parsed.gas, basis);
  if (!exact.ok) return exact;
  return { ok: true, gas: parsed.gas, value: rationalToNumber(exact.value) };
}

export interface GasAmount {
  readonly gas: string;
  /** Mass of the gas itself (not CO2e), in one mass unit shared by all amounts. */
  readonly amount: number;
}

export interface GasContribution {
  readonly gas: GasId;
  readonly amount: number;
  readonly gwp: number;
  /** amount × GWP, in the amounts' mass unit of CO2e. */
  readonly co2e: number;
}

export type Co2eResult =
  | { readonly ok: true; readonly total: number; readonly contributions: readonly GasContribution[] }
  | { readonly ok: false; readonly reason: string };

/**
 * CO2e of per-gas masses (e.g. EPA Hub factors given per gas), in the same mass unit.
 * Amounts are taken as the decimals they were written as (0.0001 is 1/10000), products and the
 * total are exact and each is rounded once: the total is not the rounded sum of the rounded
 * contributions, and it does not depend on the order of the gases.
 */
export function co2eFromGases(amounts: readonly GasAmount[], basis: GwpBasis): Co2eResult {
  const contributions: GasContribution[] = [];
  let exactTotal = decimalRational('0');
  for (const { gas, amount } of amounts) {
    if (!Number.isFinite(amount)) return { ok: false, reason: `amount of ${gas} is not a finite number (${amount})` };
    const parsed = parseGas(gas);
    if (!parsed.ok) return parsed;
    const exact = exactGwp(parsed.gas, basis);
    if (!exact.ok) return exact;
    const exactCo2e = multiplyRationals(shortestDecimalRational(amount), exact.value);
    exactTotal = addRationals(exactTotal, exactCo2e);
    contributions.push({
      gas: parsed.gas,
      amount,
      gwp: rationalToNumber(exact.value),
      co2e: rationalToNumber(exactCo2e),
    });
  }
  return { ok: true, total: rationalToNumber(exactTotal), contributions };
}
