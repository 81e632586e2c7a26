/**
 * 100-year global warming potentials by IPCC assessment report, and CO2e from per-gas amounts.
 *
 * The tables are data with their source named (GWP_TABLES). Values are kept as exact decimals;
 * blends and CO2e totals are computed exactly and rounded to a double once, so they do not depend
 * on the order gases are listed in. An inventory uses one table: assessment reports are never
 * mixed.
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

/** Where a factor's methane comes from: AR6 weights fossil methane more (its carbon ends as fossil CO2). */
export type MethaneOrigin = 'fossil' | 'non-fossil';
export const METHANE_ORIGINS: readonly MethaneOrigin[] = ['fossil', 'non-fossil'];

const PURE_GASES = ['CO2', 'CH4', 'N2O', 'SF6', 'NF3', 'HFC-32', 'HFC-125', 'HFC-134a', 'HFC-143a'] as const;
type PureGasId = (typeof PURE_GASES)[number];

export interface GwpTable {
  /** The publication the values are taken from. */
  readonly source: string;
  /** Methane: one value, or one per origin of the methane. */
  readonly methane: string | Readonly<Record<MethaneOrigin, string>>;
  readonly gases: Readonly<Record<Exclude<PureGasId, 'CH4'>, string>>;
}

/** GWP-100 values, exact as published. */
export const GWP_TABLES: Readonly<Record<GwpBasis, GwpTable>> = {
  AR4: {
    source: 'IPCC Fourth Assessment Report (2007), WG1 Table 2.14, 100-year GWP',
    methane: '25',
    gases: { CO2: '1', N2O: '298', SF6: '22800', NF3: '17200', 'HFC-32': '675', 'HFC-125': '3500', 'HFC-134a': '1430', 'HFC-143a': '4470' },
  },
  AR5: {
    source: 'IPCC Fifth Assessment Report (2014), WG1 Table 8.A.1, 100-year GWP without climate-carbon feedbacks',
    methane: '28',
    gases: { CO2: '1', N2O: '265', SF6: '23500', NF3: '16100', 'HFC-32': '677', 'HFC-125': '3170', 'HFC-134a': '1300', 'HFC-143a': '4800' },
  },
  AR6: {
    // The inventory figures (GHG Protocol), not IPCC AR6 WG1 Table 7.SM.7's single methane value of 27.9.
    source: 'GHG Protocol, IPCC Global Warming Potential Values, version 2.0 (August 2024): AR6 100-year GWP (IPCC AR6 WG1 Table 7.15 and 7.SM.7)',
    methane: { fossil: '29.8', 'non-fossil': '27.0' },
    gases: { CO2: '1', N2O: '273', SF6: '25200', NF3: '17400', 'HFC-32': '771', 'HFC-125': '3740', 'HFC-134a': '1530', 'HFC-143a': '5810' },
  },
};

type BlendId = 'R-410A' | 'R-404A' | 'R-407C';

export interface BlendComponent {
  readonly gas: Exclude<PureGasId, 'CH4'>;
  /** Mass fraction, in percent, as an exact decimal. */
  readonly percent: string;
}

/** Refrigerant blends by mass fraction of their components (ASHRAE 34). */
export const BLEND_COMPOSITIONS: Readonly<Record<BlendId, readonly BlendComponent[]>> = {
  'R-410A': [{ gas: 'HFC-32', percent: '50' }, { gas: 'HFC-125', percent: '50' }],
  'R-404A': [{ gas: 'HFC-125', percent: '44' }, { gas: 'HFC-143a', percent: '52' }, { gas: 'HFC-134a', percent: '4' }],
  'R-407C': [{ gas: 'HFC-32', percent: '23' }, { gas: 'HFC-125', percent: '25' }, { gas: 'HFC-134a', percent: '52' }],
};

/** Methane named with its origin, as some factor files give it. */
const METHANE_BY_ORIGIN = { CH4_fossil: 'fossil', CH4_non_fossil: 'non-fossil' } as const satisfies Record<string, MethaneOrigin>;
type MethaneByOriginId = keyof typeof METHANE_BY_ORIGIN;

export const GAS_IDS = [...PURE_GASES, ...(Object.keys(METHANE_BY_ORIGIN) as MethaneByOriginId[]), ...(Object.keys(BLEND_COMPOSITIONS) as BlendId[])] as const;
export type GasId = PureGasId | MethaneByOriginId | BlendId;

/** Names found in factor files, matched after `gasKey` ('R-134a', 'R134a', 'HFC134a' all match). */
const GAS_SPELLINGS: Readonly<Record<GasId, readonly string[]>> = {
  CO2: ['co2', 'carbon dioxide'],
  CH4: ['ch4', 'methane'],
  CH4_fossil: ['ch4 fossil', 'fossil ch4', 'fossil methane', 'methane fossil'],
  CH4_non_fossil: ['ch4 non-fossil', 'non-fossil ch4', 'non-fossil methane', 'methane non-fossil', 'biogenic ch4', 'ch4 biogenic', 'biogenic methane'],
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

/** Methane's GWP: the table's one value, or the value for the methane's origin. */
function methaneGwp(basis: GwpBasis, origin: MethaneOrigin | null, named: MethaneOrigin | null): ExactGwpResult {
  const { methane } = GWP_TABLES[basis];
  if (typeof methane === 'string') {
    if (named === null) return { ok: true, value: decimalRational(methane) };
    return { ok: false, reason: `${basis} gives one GWP for all methane, none for ${named} methane apart; report it as CH4` };
  }
  const chosen = named ?? origin;
  if (chosen === null) {
    return {
      ok: false,
      reason: `${basis} weights fossil methane ${methane.fossil} and non-fossil methane ${methane['non-fossil']}, and this factor's fuel origin is not known`,
    };
  }
  return { ok: true, value: decimalRational(methane[chosen]) };
}

function exactGwp(gas: GasId, basis: GwpBasis, origin: MethaneOrigin | null): ExactGwpResult {
  if (gas === 'CH4') return methaneGwp(basis, origin, null);
  if (gas === 'CH4_fossil' || gas === 'CH4_non_fossil') return methaneGwp(basis, origin, METHANE_BY_ORIGIN[gas]);
  const { gases } = GWP_TABLES[basis];
  if (isBlend(gas)) {
    let total = decimalRational('0');
    for (const component of BLEND_COMPOSITIONS[gas]) {
      const share = multiplyRationals(decimalRational(component.percent), decimalRational('0.01'));
      total = addRationals(total, multiplyRationals(share, decimalRational(gases[component.gas])));
    }
    return { ok: true, value: total };
  }
  return { ok: true, value: decimalRational(gases[gas]) };
}

function isBlend(gas: GasId): gas is BlendId {
  return gas in BLEND_COMPOSITIONS;
}

export type GwpResult =
  | { readonly ok: true; readonly gas: GasId; readonly value: number }
  | { readonly ok: false; readonly reason: string };

/**
 * GWP-100 of a gas or blend (any accepted spelling) under an assessment report; methane under
 * AR6 needs the origin of the methane (or a gas named with it, 'CH4 fossil').
 */
export function gwp(gas: string, basis: GwpBasis, methaneOrigin: MethaneOrigin | null = null): GwpResult {
  const parsed = parseGas(gas);
  if (!parsed.ok) return parsed;
  const exact = exactGwp(parsed.gas, basis, methaneOrigin);
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
 * contributions, and it does not depend on the order of the gases. Methane takes the value for
 * `methaneOrigin` where the table gives two.
 */
export function co2eFromGases(amounts: readonly GasAmount[], basis: GwpBasis, methaneOrigin: MethaneOrigin | null = null): Co2eResult {
  const contributions: GasContribution[] = [];
  let exactTotal = decimalRational('0');
  for (const { gas, amount } of amounts) {
    if (!Number.isFinite(amount)) return { ok: false, reason: `amount of ${gas} is not a finite number (${amount})` };
    const parsed = parseGas(gas);
    if (!parsed.ok) return parsed;
    const exact = exactGwp(parsed.gas, basis, methaneOrigin);
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

