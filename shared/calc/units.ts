/**
 * Dimensioned unit registry: parses unit text found in source files and converts between units.
 *
 * Every unit's size relative to its dimension's base unit is an exact rational, so a conversion
 * factor is computed exactly and rounded to a double once. Energy additionally carries a
 * calorific-value basis (gross or net): converting between the two needs a fuel-specific ratio,
 * so it is refused here, as is silently treating an unstated basis as either.
 */
import type { Dimension } from '../activities';
import { decimalRational, divideRationals, multiplyRationals, ONE, rationalToNumber, rationalToText, type Rational } from './rational';

// ---------------------------------------------------------------------------------------------
// Registry

// Exact definitions. The mmBtu is the convention the EPA Hub and DESNZ use.
const KWH_PER_MMBTU = decimalRational('293.07107');
const MJ_PER_KWH = decimalRational('3.6');
const KG_PER_LB = decimalRational('0.45359237');
const KM_PER_MILE = decimalRational('1.609344');
const M_PER_FT = decimalRational('0.3048');
const M2_PER_FT2 = multiplyRationals(M_PER_FT, M_PER_FT);
const L_PER_FT3 = multiplyRationals(multiplyRationals(M2_PER_FT2, M_PER_FT), decimalRational('1000'));

function times(factor: string, size: Rational): Rational {
  return multiplyRationals(decimalRational(factor), size);
}

/** Size of each unit in its dimension's base unit: kWh, L, kg, km, tkm, pkm, count, m2, kgCO2e. */
const PHYSICAL_UNITS = {
  kWh: { dimension: 'energy', size: ONE },
  MWh: { dimension: 'energy', size: decimalRational('1000') },
  GWh: { dimension: 'energy', size: decimalRational('1000000') },
  MJ: { dimension: 'energy', size: divideRationals(ONE, MJ_PER_KWH) },
  GJ: { dimension: 'energy', size: divideRationals(decimalRational('1000'), MJ_PER_KWH) },
  TJ: { dimension: 'energy', size: divideRationals(decimalRational('1000000'), MJ_PER_KWH) },
  mmBtu: { dimension: 'energy', size: KWH_PER_MMBTU },
  therm: { dimension: 'energy', size: times('0.1', KWH_PER_MMBTU) },
  Btu: { dimension: 'energy', size: times('0.000001', KWH_PER_MMBTU) },
  kBtu: { dimension: 'energy', size: times('0.001', KWH_PER_MMBTU) },
  L: { dimension: 'volume', size: ONE },
  m3: { dimension: 'volume', size: decimalRational('1000') },
  ML: { dimension: 'volume', size: decimalRational('1000000') },
  scf: { dimension: 'volume', size: L_PER_FT3 },
  ft3: { dimension: 'volume', size: L_PER_FT3 },
  ccf: { dimension: 'volume', size: times('100', L_PER_FT3) },
  US_gal: { dimension: 'volume', size: decimalRational('3.785411784') },
  imp_gal: { dimension: 'volume', size: decimalRational('4.54609') },
  kg: { dimension: 'mass', size: ONE },
  g: { dimension: 'mass', size: decimalRational('0.001') },
  t: { dimension: 'mass', size: decimalRational('1000') },
  lb: { dimension: 'mass', size: KG_PER_LB },
  short_ton: { dimension: 'mass', size: times('2000', KG_PER_LB) },
  long_ton: { dimension: 'mass', size: times('2240', KG_PER_LB) },
  km: { dimension: 'distance', size: ONE },
  mile: { dimension: 'distance', size: KM_PER_MILE },
  nmi: { dimension: 'distance', size: decimalRational('1.852') },
  tkm: { dimension: 'mass_distance', size: ONE },
  pkm: { dimension: 'passenger_distance', size: ONE },
  passenger_mile: { dimension: 'passenger_distance', size: KM_PER_MILE },
  count: { dimension: 'count', size: ONE },
  m2: { dimension: 'area', size: ONE },
  ft2: { dimension: 'area', size: M2_PER_FT2 },
  kgCO2e: { dimension: 'emissions', size: ONE },
  tCO2e: { dimension: 'emissions', size: decimalRational('1000') },
  ktCO2e: { dimension: 'emissions', size: decimalRational('1000000') },
  MtCO2e: { dimension: 'emissions', size: decimalRational('1000000000') },
} as const satisfies Record<string, { readonly dimension: Dimension; readonly size: Rational }>;

export type PhysicalUnitId = keyof typeof PHYSICAL_UNITS;
export const PHYSICAL_UNIT_IDS = Object.keys(PHYSICAL_UNITS) as readonly PhysicalUnitId[];

/** ISO 4217 codes accepted as currency units. Each is its own unit: none converts to another. */
export const CURRENCY_CODES = [
  'GBP', 'USD', 'EUR', 'CHF', 'JPY', 'CNY', 'INR', 'CAD', 'AUD', 'NZD',
  'SEK', 'NOK', 'DKK', 'PLN', 'SGD', 'HKD', 'ZAR', 'BRL', 'MXN', 'KRW',
] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];
export type CurrencyUnitId = `currency:${CurrencyCode}`;
export type UnitId = PhysicalUnitId | CurrencyUnitId;

/** Calorific-value basis of an energy quantity: gross (GCV/HHV), net (NCV/LHV) or not stated. */
export type CalorificBasis = 'gross' | 'net' | 'unspecified';

export interface Unit {
  readonly id: UnitId;
  readonly dimension: Dimension;
  /** Present on energy units only. */
  readonly basis?: CalorificBasis;
}

interface UnitDefinition {
  readonly id: UnitId;
  readonly dimension: Dimension;
  readonly size: Rational;
}

const DEFINITIONS: ReadonlyMap<string, UnitDefinition> = new Map<string, UnitDefinition>([
  ...PHYSICAL_UNIT_IDS.map((id): [string, UnitDefinition] => [id, { id, ...PHYSICAL_UNITS[id] }]),
  ...CURRENCY_CODES.map((code): [string, UnitDefinition] => {
    const id: CurrencyUnitId = `currency:${code}`;
    return [id, { id, dimension: 'currency', size: ONE }];
  }),
]);

/** The unit with this canonical id; undefined for an unknown id or a basis on a non-energy unit. */
export function unitById(id: string, basis?: CalorificBasis): Unit | undefined {
  const definition = DEFINITIONS.get(id);
  if (!definition) return undefined;
  if (definition.dimension !== 'energy') {
    return basis === undefined ? { id: definition.id, dimension: definition.dimension } : undefined;
  }
  return { id: definition.id, dimension: 'energy', basis: basis ?? 'unspecified' };
}

/** Display text: the id, plus the basis for energy stated on one ('kWh (gross CV)'). */
export function formatUnit(unit: Unit): string {
  if (unit.basis === 'gross' || unit.basis === 'net') return `${unit.id} (${unit.basis} CV)`;
  return unit.id;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Spellings seen in real files, by canonical id. Matched after `spellingKey`. */
const SPELLINGS: Readonly<Record<PhysicalUnitId, readonly string[]>> = {
  kWh: ['kwh', 'kwhs', 'kilowatt hour', 'kilowatt hours'],
  MWh: ['mwh', 'mwhs', 'megawatt hour', 'megawatt hours'],
  GWh: ['gwh', 'gigawatt hour', 'gigawatt hours'],
  MJ: ['mj', 'megajoule', 'megajoules'],
  GJ: ['gj', 'gigajoule', 'gigajoules'],
  TJ: ['tj', 'terajoule', 'terajoules'],
  mmBtu: ['mmbtu', 'mmbtus', 'million btu'],
  therm: ['therm', 'therms'],
  Btu: ['btu', 'btus'],
  kBtu: ['kbtu', 'kbtus', 'thousand btu'],
  L: ['l', 'litre', 'litres', 'liter', 'liters', 'ltr', 'ltrs'],
  m3: ['m3', 'cubic metre', 'cubic metres', 'cubic meter', 'cubic meters'],
  ML: ['million litres', 'million liters', 'megalitre', 'megalitres', 'megaliter', 'megaliters'],
  scf: ['scf', 'standard cubic foot', 'standard cubic feet'],
  ft3: ['ft3', 'cf', 'cubic foot', 'cubic feet', 'cu ft'],
  ccf: ['ccf', 'hundred cubic feet'],
  US_gal: ['us gal', 'us gallon', 'us gallons', 'gal (us)', 'gallon (us)', 'gallons (us)'],
  imp_gal: [
    'imp gal', 'imperial gallon', 'imperial gallons', 'imp gallon', 'imp gallons',
    'uk gallon', 'uk gallons', 'gal (imp)', 'gal (uk)',
  ],
  kg: ['kg', 'kgs', 'kilogram', 'kilograms'],
  g: ['g', 'gram', 'grams'],
  t: ['t', 'tonne', 'tonnes', 'metric ton', 'metric tons', 'metric tonne', 'metric tonnes'],
  lb: ['lb', 'lbs', 'pound', 'pounds'],
  short_ton: ['short ton', 'short tons', 'us ton', 'us tons'],
  long_ton: ['long ton', 'long tons'],
  km: ['km', 'kms', 'kilometre', 'kilometres', 'kilometer', 'kilometers'],
  mile: ['mile', 'miles', 'mi'],
  nmi: ['nmi', 'nautical mile', 'nautical miles'],
  tkm: ['tkm', 't.km', 'tonne.km', 'tonne-km', 'tonne km', 'tonne kilometres', 'tonne kilometers'],
  pkm: ['pkm', 'p.km', 'passenger.km', 'passenger-km', 'passenger km', 'passenger kilometres', 'passenger kilometers'],
  passenger_mile: ['passenger mile', 'passenger miles', 'passenger-mile', 'passenger-miles'],
  count: ['count', 'number', 'each', 'unit', 'units'],
  m2: ['m2', 'sq m', 'sqm', 'square metre', 'square metres', 'square meter', 'square meters'],
  ft2: ['ft2', 'sq ft', 'sqft', 'square foot', 'square feet'],
  kgCO2e: ['kgco2e', 'kg co2e', 'kg co2eq', 'kilograms co2e'],
  tCO2e: ['tco2e', 't co2e', 't co2eq', 'tonnes co2e', 'tonne co2e', 'metric tons co2e', 'metric ton co2e', 'metric tonnes co2e', 'metric tonne co2e'],
  ktCO2e: ['ktco2e', 'kt co2e', 'kt co2eq', 'kilotonnes co2e', 'kilotonne co2e', 'thousand tonnes co2e'],
  MtCO2e: ['million tonnes co2e', 'million metric tons co2e', 'megatonnes co2e', 'megatonne co2e'],
};

const CURRENCY_SYMBOLS: Readonly<Record<string, CurrencyCode>> = {
  '£': 'GBP',
  '$': 'USD',
  'us$': 'USD',
  '€': 'EUR',
  'pounds sterling': 'GBP',
};

/** Spellings that name more than one unit; the mapping must say which (ParseOptions.resolve). */
const AMBIGUOUS: Readonly<Record<string, string>> = {
  ton: 'short_ton (2000 lb), long_ton (2240 lb) or t (1000 kg)',
  tons: 'short_ton (2000 lb), long_ton (2240 lb) or t (1000 kg)',
  gallon: 'US_gal (3.785411784 L) or imp_gal (4.54609 L)',
  gallons: 'US_gal (3.785411784 L) or imp_gal (4.54609 L)',
  gal: 'US_gal (3.785411784 L) or imp_gal (4.54609 L)',
  // Case-insensitive matching cannot tell 'ML' (million litres) from 'mL' (millilitres).
  ml: 'ML (million litres) or millilitres',
  // 'MtCO2e' is megatonnes, but US reports write metric tons as 'MTCO2e' or 'mtCO2e'.
  mtco2e: 'MtCO2e (megatonnes) or tCO2e (metric tons, as US reports write MTCO2e)',
};

/**
 * Lookup key for a spelling: Unicode-compatibility folded ('m³' → 'm3', 'CO₂' → 'CO2'),
 * lower-cased, without spaces and the punctuation files vary in ('tonne-km', 't.km', 'gal (US)').
 */
function spellingKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s._\-–()]/g, '');
}

function buildSpellingIndex(): ReadonlyMap<string, UnitId> {
  const index = new Map<string, UnitId>();
  const addSpelling = (spelling: string, id: UnitId): void => {
    const key = spellingKey(spelling);
    if (key in AMBIGUOUS) return;
    const existing = index.get(key);
    if (existing !== undefined && existing !== id) {
      throw new Error(`unit spelling '${spelling}' would mean both ${existing} and ${id}`);
    }
    index.set(key, id);
  };
  for (const id of PHYSICAL_UNIT_IDS) {
    addSpelling(id, id);
    for (const spelling of SPELLINGS[id]) addSpelling(spelling, id);
  }
  for (const code of CURRENCY_CODES) {
    addSpelling(code, `currency:${code}`);
    addSpelling(`currency:${code}`, `currency:${code}`);
  }
  for (const [symbol, code] of Object.entries(CURRENCY_SYMBOLS)) addSpelling(symbol, `currency:${code}`);
  return index;
}

const SPELLING_INDEX = buildSpellingIndex();

/** A trailing calorific-basis qualifier: 'kWh (Gross CV)', 'MWh net', 'GJ (NCV)', 'mmBtu HHV'. */
const BASIS_QUALIFIER = /^(.+?)[\s(,]*\b(gross|net|gcv|ncv|hhv|lhv)\b(?:\s*(?:cv|calorific value|basis))?\s*\)?$/i;

const BASIS_BY_QUALIFIER: Readonly<Record<string, 'gross' | 'net'>> = {
  gross: 'gross', gcv: 'gross', hhv: 'gross',
  net: 'net', ncv: 'net', lhv: 'net',
};

export interface ParseUnitOptions {
  /**
   * What this file means by ambiguous or unrecognised spellings: lower-cased spelling → canonical
   * unit id, e.g. { ton: 'short_ton', gallon: 'US_gal' }. A recognised spelling cannot be
   * redirected to another unit.
   */
  readonly resolve?: Readonly<Record<string, string>>;
}

export type ParsedUnitResult =
  | { readonly ok: true; readonly unit: Unit }
  | { readonly ok: false; readonly reason: string; readonly ambiguous?: boolean };

/** Reads unit text as written in a source file. Case-, space- and punctuation-insensitive. */
export function parseUnit(text: string, options: ParseUnitOptions = {}): ParsedUnitResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'no unit given' };

  const qualified = BASIS_QUALIFIER.exec(trimmed);
  const unitText = qualified?.[1] ?? trimmed;
  const qualifier = qualified?.[2];
  const basis = qualifier === undefined ? undefined : BASIS_BY_QUALIFIER[qualifier.toLowerCase()];

  const id = identify(unitText, options);
  if (!id.ok) return id;
  const unit = unitById(id.unitId, basis);
  if (!unit) {
    return { ok: false, reason: `'${trimmed}': a calorific basis (gross/net) applies only to energy units` };
  }
  return { ok: true, unit };
}

type IdentifyResult =
  | { readonly ok: true; readonly unitId: string }
  | { readonly ok: false; readonly reason: string; readonly ambiguous?: boolean };

function identify(unitText: string, options: ParseUnitOptions): IdentifyResult {
  const key = spellingKey(unitText);
  // Canonical ids match exactly first: 'ML' is million litres even though 'ml' is ambiguous.
  const known = DEFINITIONS.has(unitText) ? unitText : SPELLING_INDEX.get(key);
  const resolved = resolutionFor(key, options);
  if (known !== undefined) {
    if (resolved !== undefined && resolved !== known) {
      return { ok: false, reason: `'${unitText}' means ${known}; the mapping cannot redirect it to '${resolved}'` };
    }
    return { ok: true, unitId: known };
  }
  if (resolved !== undefined) {
    if (!DEFINITIONS.has(resolved)) {
      return { ok: false, reason: `the mapping resolves '${unitText}' to '${resolved}', which is not a unit id` };
    }
    return { ok: true, unitId: resolved };
  }
  const choices = AMBIGUOUS[key];
  if (choices !== undefined) {
    return { ok: false, ambiguous: true, reason: `'${unitText}' is ambiguous: it may be ${choices}; the mapping must say which` };
  }
  return { ok: false, reason: `unknown unit '${unitText}'` };
}

function resolutionFor(key: string, options: ParseUnitOptions): string | undefined {
  if (!options.resolve) return undefined;
  for (const [spelling, id] of Object.entries(options.resolve)) {
    if (spellingKey(spelling) === key) return id;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Conversion

export interface ConversionOptions {
  /**
   * Declares that energy given with an unstated calorific basis is on this basis, so that it may
   * be converted to or from a unit stated on it. Without it, such conversions are refused.
   */
  readonly unspecifiedBasisIs?: 'gross' | 'net';
}

export type ConversionFactorResult =
  | { readonly ok: true; readonly factor: number; readonly factorText: string }
  | { readonly ok: false; readonly reason: string };

export type ConversionResult =
  | { readonly ok: true; readonly value: number; readonly factor: number; readonly factorText: string }
  | { readonly ok: false; readonly reason: string };

/**
 * How many `to` units make one `from` unit. `factor` is the exact ratio rounded once to a double;
 * `factorText` is the exact ratio for lineage ('1055.055852', or '5/18' when it does not terminate).
 */
export function conversionFactor(from: Unit, to: Unit, options: ConversionOptions = {}): ConversionFactorResult {
  const source = DEFINITIONS.get(from.id);
  const target = DEFINITIONS.get(to.id);
  if (!source) return { ok: false, reason: `unknown unit id '${from.id}'` };
  if (!target) return { ok: false, reason: `unknown unit id '${to.id}'` };
  if (source.dimension !== target.dimension) {
    return {
      ok: false,
      reason: `cannot convert ${source.dimension} (${formatUnit(from)}) to ${target.dimension} (${formatUnit(to)})`,
    };
  }
  if (source.dimension === 'currency' && source.id !== target.id) {
    return { ok: false, reason: `cannot convert ${from.id} to ${to.id}: that needs an exchange rate` };
  }
  if (source.dimension === 'energy') {
    const basisProblem = calorificBasisProblem(from, to, options);
    if (basisProblem !== undefined) return { ok: false, reason: basisProblem };
  }
  const exact = divideRationals(source.size, target.size);
  return { ok: true, factor: rationalToNumber(exact), factorText: rationalToText(exact) };
}

/**
 * A quantity in its dimension's base unit (kWh, L, kg, km, tkm, pkm, count, m², kgCO2e; a currency
 * stays in itself), exactly; undefined for an unknown unit id.
 */
export function inBaseUnit(quantity: Rational, unitId: string): { readonly quantity: Rational; readonly unit: string } | undefined {
  const definition = DEFINITIONS.get(unitId);
  if (!definition) return undefined;
  if (definition.dimension === 'currency') return { quantity, unit: definition.id };
  const base = PHYSICAL_UNIT_IDS.find((id) => PHYSICAL_UNITS[id].dimension === definition.dimension && PHYSICAL_UNITS[id].size === ONE);
  return base === undefined ? undefined : { quantity: multiplyRationals(quantity, definition.size), unit: base };
}

/** quantity × factor: the factor's single rounding plus one for the product. */
export function convertQuantity(quantity: number, from: Unit, to: Unit, options: ConversionOptions = {}): ConversionResult {
  if (!Number.isFinite(quantity)) return { ok: false, reason: `quantity ${quantity} is not a finite number` };
  const factor = conversionFactor(from, to, options);
  if (!factor.ok) return factor;
  return { ok: true, value: quantity * factor.factor, factor: factor.factor, factorText: factor.factorText };
}

function calorificBasisProblem(from: Unit, to: Unit, options: ConversionOptions): string | undefined {
  const fromBasis = from.basis ?? 'unspecified';
  const toBasis = to.basis ?? 'unspecified';
  if (fromBasis === toBasis) return undefined;
  const stated = (basis: CalorificBasis): 'gross' | 'net' | undefined =>
    basis === 'unspecified' ? options.unspecifiedBasisIs : basis;
  const fromStated = stated(fromBasis);
  const toStated = stated(toBasis);
  const description = `cannot convert ${formatUnit(from)} to ${formatUnit(to)}`;
  if (fromStated === undefined || toStated === undefined) {
    const unstated = fromStated === undefined ? from : to;
    return `${description}: the calorific basis of ${formatUnit(unstated)} is not stated; say whether it is gross or net`;
  }
  if (fromStated !== toStated) {
    return `${description}: gross and net calorific values differ by a fuel-specific ratio`;
  }
  return undefined;
}
