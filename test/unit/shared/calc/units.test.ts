import { describe, expect, it } from 'vitest';
import { decimalRational, rational, rationalToNumber, rationalToText, shortestDecimalRational } from '../../../../shared/calc/rational';
import {
  CURRENCY_CODES,
  PHYSICAL_UNIT_IDS,
  conversionFactor,
  convertQuantity,
  formatUnit,
  parseUnit,
  unitById,
  type CalorificBasis,
  type ParseUnitOptions,
  type Unit,
} from '../../../../shared/calc/units';

function unit(id: string, basis?: CalorificBasis): Unit {
  const found = unitById(id, basis);
  if (!found) throw new Error(`test setup: no unit ${id}`);
  return found;
}

function factor(from: string, to: string): number {
  const result = conversionFactor(unit(from), unit(to));
  if (!result.ok) throw new Error(result.reason);
  return result.factor;
}

function parsedId(text: string, options?: ParseUnitOptions): string {
  const result = parseUnit(text, options);
  if (!result.ok) throw new Error(result.reason);
  return result.unit.id;
}

describe('exact definitions', () => {
  it.each([
    ['lb', 'kg', 0.45359237],
    ['short_ton', 'kg', 907.18474],
    ['long_ton', 'kg', 1016.0469088],
    ['long_ton', 'lb', 2240],
    ['short_ton', 'lb', 2000],
    ['t', 'kg', 1000],
    ['g', 'kg', 0.001],
    ['US_gal', 'L', 3.785411784],
    ['imp_gal', 'L', 4.54609],
    ['m3', 'L', 1000],
    ['ML', 'L', 1_000_000],
    ['ML', 'm3', 1000],
    ['scf', 'm3', 0.028316846592],
    ['kWh', 'MJ', 3.6],
    ['MWh', 'kWh', 1000],
    ['GWh', 'MWh', 1000],
    ['GJ', 'MJ', 1000],
    ['TJ', 'GJ', 1000],
    ['mmBtu', 'kWh', 293.07107],
    ['therm', 'kWh', 29.307107],
    ['therm', 'mmBtu', 0.1],
    ['Btu', 'kWh', 0.00029307107],
    ['mmBtu', 'Btu', 1_000_000],
    ['mile', 'km', 1.609344],
    ['nmi', 'km', 1.852],
    ['ft2', 'm2', 0.09290304],
    ['passenger_mile', 'pkm', 1.609344],
    ['tCO2e', 'kgCO2e', 1000],
  ])('1 %s = %s %s', (from, to, expected) => {
    expect(factor(from, to)).toBe(expected);
  });

  it('computes a chained factor exactly and rounds it once: mmBtu → MJ = 293.07107 × 3.6', () => {
    expect(factor('mmBtu', 'MJ')).toBe(Number('1055.055852'));
    // Multiplying the two doubles rounds twice and need not land on the same double.
    const result = conversionFactor(unit('mmBtu'), unit('MJ'));
    expect(result.ok && result.factorText).toBe('1055.055852');
  });

  it('rounds a non-terminating factor once, to the nearest double', () => {
    expect(factor('MJ', 'kWh')).toBe(1 / 3.6);
    expect(factor('MJ', 'kWh')).toBe(5 / 18);
    // Dividing two exactly representable integers is correctly rounded, so it is a fair reference;
    // 1 / 293.07107 is not (293.07107 itself is already rounded), and differs here.
    expect(factor('kWh', 'mmBtu')).toBe(100_000 / 29_307_107);
    expect(1 / 293.07107).not.toBe(100_000 / 29_307_107);
    const result = conversionFactor(unit('MJ'), unit('kWh'));
    expect(result.ok && result.factorText).toBe('5/18');
  });

  it('gives inverse factors that are the rounded exact inverses', () => {
    expect(factor('kg', 'lb')).toBe(100_000_000 / 45_359_237);
    expect(factor('L', 'US_gal')).toBe(1_000_000_000 / 3_785_411_784);
    expect(factor('kg', 'short_ton')).toBe(100_000 / 90_718_474);
    expect(factor('L', 'imp_gal')).toBe(100_000 / 454_609);
    expect(factor('mmBtu', 'therm')).toBe(10);
  });
});

describe('convertQuantity', () => {
  it('multiplies the quantity by the once-rounded factor', () => {
    expect(convertQuantity(2, unit('short_ton'), unit('kg'))).toEqual({
      ok: true, value: 1814.36948, factor: 907.18474, factorText: '907.18474',
    });
    const gallons = convertQuantity(1234.5, unit('US_gal'), unit('L'));
    expect(gallons.ok && gallons.value).toBe(1234.5 * 3.785411784);
  });

  it('returns a same-unit quantity unchanged with factor 1', () => {
    for (const quantity of [0.1, 1e-300, 123456789.123, -7.5]) {
      expect(convertQuantity(quantity, unit('kWh'), unit('kWh'))).toEqual({
        ok: true, value: quantity, factor: 1, factorText: '1',
      });
    }
    const gross = unit('kWh', 'gross');
    expect(convertQuantity(0.3, gross, gross)).toEqual({ ok: true, value: 0.3, factor: 1, factorText: '1' });
  });

  it('refuses a non-finite quantity', () => {
    expect(convertQuantity(Number.NaN, unit('kg'), unit('t')).ok).toBe(false);
    expect(convertQuantity(Infinity, unit('kg'), unit('t')).ok).toBe(false);
  });
});

describe('dimension checks', () => {
  it('refuses to convert across dimensions, naming both', () => {
    expect(conversionFactor(unit('kWh'), unit('L'))).toEqual({
      ok: false, reason: 'cannot convert energy (kWh) to volume (L)',
    });
    expect(conversionFactor(unit('tkm'), unit('km')).ok).toBe(false);
    expect(conversionFactor(unit('pkm'), unit('tkm')).ok).toBe(false);
    expect(conversionFactor(unit('kgCO2e'), unit('kg')).ok).toBe(false);
    expect(conversionFactor(unit('count'), unit('kg')).ok).toBe(false);
  });

  it('never converts one currency to another', () => {
    const result = conversionFactor(unit('currency:GBP'), unit('currency:USD'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/exchange rate/);
    expect(conversionFactor(unit('currency:EUR'), unit('kg')).ok).toBe(false);
    expect(factor('currency:GBP', 'currency:GBP')).toBe(1);
  });

  it('refuses a unit id outside the registry', () => {
    const forged = { id: 'furlong', dimension: 'distance' } as unknown as Unit;
    expect(conversionFactor(forged, unit('km'))).toEqual({ ok: false, reason: "unknown unit id 'furlong'" });
  });
});

describe('calorific basis', () => {
  it('converts within one basis', () => {
    const result = conversionFactor(unit('MWh', 'gross'), unit('kWh', 'gross'));
    expect(result.ok && result.factor).toBe(1000);
    expect(factor('GJ', 'MWh')).toBe(1 / 3.6);
  });

  it('never converts gross to net or back', () => {
    for (const [from, to] of [['gross', 'net'], ['net', 'gross']] as const) {
      const result = conversionFactor(unit('kWh', from), unit('kWh', to));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/fuel-specific/);
    }
    expect(conversionFactor(unit('kWh', 'gross'), unit('kWh', 'net'), { unspecifiedBasisIs: 'gross' }).ok).toBe(false);
  });

  it('refuses unstated ↔ stated basis unless told what the unstated quantity is', () => {
    const unstated = unit('kWh');
    const gross = unit('MWh', 'gross');
    const refused = conversionFactor(unstated, gross);
    expect(refused).toEqual({
      ok: false,
      reason: 'cannot convert kWh to MWh (gross CV): the calorific basis of kWh is not stated; say whether it is gross or net',
    });
    expect(conversionFactor(gross, unstated).ok).toBe(false);

    const declared = conversionFactor(unstated, gross, { unspecifiedBasisIs: 'gross' });
    expect(declared.ok && declared.factor).toBe(0.001);
    expect(conversionFactor(gross, unstated, { unspecifiedBasisIs: 'gross' }).ok).toBe(true);

    const wrongBasis = conversionFactor(unstated, gross, { unspecifiedBasisIs: 'net' });
    expect(!wrongBasis.ok && wrongBasis.reason).toMatch(/fuel-specific/);
  });

  it('converts unstated to unstated freely', () => {
    expect(factor('therm', 'kWh')).toBe(29.307107);
  });

  it('is carried by parsed units and shown by formatUnit', () => {
    const parsed = parseUnit('kWh (Gross CV)');
    expect(parsed).toEqual({ ok: true, unit: { id: 'kWh', dimension: 'energy', basis: 'gross' } });
    expect(formatUnit(unit('kWh', 'gross'))).toBe('kWh (gross CV)');
    expect(formatUnit(unit('GJ', 'net'))).toBe('GJ (net CV)');
    expect(formatUnit(unit('GJ'))).toBe('GJ');
    expect(formatUnit(unit('L'))).toBe('L');
  });

  it('exists only on energy units', () => {
    expect(unitById('kWh')).toEqual({ id: 'kWh', dimension: 'energy', basis: 'unspecified' });
    expect(unitById('L')).toEqual({ id: 'L', dimension: 'volume' });
    expect(unitById('L', 'gross')).toBeUndefined();
    expect(unitById('parsec')).toBeUndefined();
  });
});

describe('parseUnit', () => {
  it.each([
    ['kWh', 'kWh'], ['KWH', 'kWh'], ['kwh', 'kWh'], ['MWh', 'MWh'], ['GWh', 'GWh'],
    ['GJ', 'GJ'], ['MJ', 'MJ'], ['mmBtu', 'mmBtu'], ['MMBtu', 'mmBtu'], ['MMBTU', 'mmBtu'],
    ['therm', 'therm'], ['therms', 'therm'],
    ['m3', 'm3'], ['m³', 'm3'], ['cubic metres', 'm3'], ['cubic meters', 'm3'],
    ['litres', 'L'], ['liters', 'L'], ['litre', 'L'], ['L', 'L'], ['l', 'L'], ['ltr', 'L'],
    ['million litres', 'ML'],
    ['tonnes', 't'], ['tonne', 't'], ['t', 't'], ['metric ton', 't'], ['metric tonnes', 't'],
    ['kg', 'kg'], ['kgs', 'kg'], ['g', 'g'],
    ['lb', 'lb'], ['lbs', 'lb'], ['pounds', 'lb'],
    ['short ton', 'short_ton'], ['short tons', 'short_ton'], ['long ton', 'long_ton'],
    ['km', 'km'], ['kilometres', 'km'], ['miles', 'mile'], ['mile', 'mile'],
    ['tonne.km', 'tkm'], ['tonne-km', 'tkm'], ['tkm', 'tkm'], ['t.km', 'tkm'],
    ['passenger.km', 'pkm'], ['passenger-km', 'pkm'], ['pkm', 'pkm'],
    ['scf', 'scf'],
    ['US gallon', 'US_gal'], ['US gallons', 'US_gal'], ['gal (US)', 'US_gal'],
    ['imperial gallon', 'imp_gal'], ['imp gal', 'imp_gal'],
    ['m2', 'm2'], ['sq m', 'm2'], ['ft2', 'ft2'], ['sq ft', 'ft2'],
    ['tCO2e', 'tCO2e'], ['t CO2e', 'tCO2e'], ['kg CO2e', 'kgCO2e'], ['kgCO2e', 'kgCO2e'],
    ['Metric Tons CO2e', 'tCO2e'], ['metric tonnes CO2e', 'tCO2e'], ['ktCO2e', 'ktCO2e'], ['kt CO2e', 'ktCO2e'],
    ['thousand tonnes CO2e', 'ktCO2e'], ['MtCO2e', 'MtCO2e'], ['million tonnes CO2e', 'MtCO2e'],
    ['GBP', 'currency:GBP'], ['USD', 'currency:USD'], ['EUR', 'currency:EUR'],
    ['£', 'currency:GBP'], ['$', 'currency:USD'], ['€', 'currency:EUR'],
    ['count', 'count'], ['number', 'count'], ['each', 'count'], ['units', 'count'],
  ])('reads %j as %s', (text, id) => {
    expect(parsedId(text)).toBe(id);
  });

  it('refuses MTCO2e written in any case but the SI one: US reports mean metric tons by it', () => {
    for (const text of ['MTCO2e', 'mtCO2e', 'MT CO2e']) {
      const parsed = parseUnit(text);
      expect(parsed).toMatchObject({ ok: false, ambiguous: true });
      expect(parsed.ok ? '' : parsed.reason).toContain('megatonnes');
    }
    expect(conversionFactor(unit('MtCO2e'), unit('tCO2e'))).toMatchObject({ ok: true, factor: 1_000_000 });
    expect(conversionFactor(unit('ktCO2e'), unit('tCO2e'))).toMatchObject({ ok: true, factor: 1000 });
  });

  it('ignores surrounding and repeated whitespace and case', () => {
    expect(parsedId('  Cubic   Metres ')).toBe('m3');
    expect(parsedId('\tKG\n')).toBe('kg');
    expect(parsedId('T CO2E')).toBe('tCO2e');
    expect(parsedId('kg CO₂e')).toBe('kgCO2e');
  });

  it('reads every canonical id as itself', () => {
    for (const id of PHYSICAL_UNIT_IDS) expect(parsedId(id)).toBe(id);
    for (const code of CURRENCY_CODES) {
      expect(parsedId(`currency:${code}`)).toBe(`currency:${code}`);
      expect(parsedId(code.toLowerCase())).toBe(`currency:${code}`);
    }
  });

  it.each([
    ['kWh (Gross CV)', 'kWh', 'gross'],
    ['kWh (Net CV)', 'kWh', 'net'],
    ['kWh (gross)', 'kWh', 'gross'],
    ['MWh (net CV)', 'MWh', 'net'],
    ['GJ (NCV)', 'GJ', 'net'],
    ['mmBtu HHV', 'mmBtu', 'gross'],
    ['therms (LHV)', 'therm', 'net'],
    ['kWh', 'kWh', 'unspecified'],
  ])('reads the calorific basis of %j', (text, id, basis) => {
    expect(parseUnit(text)).toEqual({ ok: true, unit: { id, dimension: 'energy', basis } });
  });

  it('refuses a calorific basis on a non-energy unit', () => {
    const result = parseUnit('litres (net)');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/only to energy/);
  });

  it.each([
    ['ton', /short_ton.*long_ton.*\bt\b/],
    ['tons', /short_ton.*long_ton.*\bt\b/],
    ['TON', /short_ton/],
    ['gallon', /US_gal.*imp_gal/],
    ['gallons', /US_gal.*imp_gal/],
    ['gal', /US_gal.*imp_gal/],
    ['ml', /million litres.*millilitres/],
  ])('refuses the ambiguous %j and names the choices', (text, choices) => {
    const result = parseUnit(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.ambiguous).toBe(true);
    expect(result.reason).toMatch(choices);
    expect(result.reason).toContain(`'${text}'`);
  });

  it('reads an ambiguous spelling the way the mapping resolves it', () => {
    const resolve = { ton: 'short_ton', tons: 'long_ton', gallon: 'US_gal', gal: 'imp_gal', ml: 'ML' };
    expect(parsedId('ton', { resolve })).toBe('short_ton');
    expect(parsedId('Tons', { resolve })).toBe('long_ton');
    expect(parsedId('gallon', { resolve })).toBe('US_gal');
    expect(parsedId('GAL', { resolve })).toBe('imp_gal');
    expect(parsedId('ml', { resolve })).toBe('ML');
    // Only the spellings the mapping names are resolved.
    expect(parseUnit('gallons', { resolve }).ok).toBe(false);
  });

  it('keeps a stated basis on a resolved spelling', () => {
    expect(parseUnit('MMBTU-th (gross)', { resolve: { 'mmbtu-th': 'mmBtu' } })).toEqual({
      ok: true, unit: { id: 'mmBtu', dimension: 'energy', basis: 'gross' },
    });
  });

  it('reads ML as million litres only when written exactly so', () => {
    expect(parsedId('ML')).toBe('ML');
    expect(parseUnit('mL').ok).toBe(false);
  });

  it('lets a mapping name an unrecognised spelling, but not redirect a known one', () => {
    expect(parsedId('MT', { resolve: { mt: 't' } })).toBe('t');
    const redirected = parseUnit('t', { resolve: { t: 'short_ton' } });
    expect(redirected.ok).toBe(false);
    expect(!redirected.ok && redirected.reason).toMatch(/cannot redirect/);
    expect(parsedId('t', { resolve: { t: 't' } })).toBe('t');
  });

  it('refuses a resolution to something that is not a unit id', () => {
    const result = parseUnit('ton', { resolve: { ton: 'short ton' } });
    expect(result).toEqual({ ok: false, reason: "the mapping resolves 'ton' to 'short ton', which is not a unit id" });
  });

  it('refuses unknown text, quoting it', () => {
    expect(parseUnit('furlongs')).toEqual({ ok: false, reason: "unknown unit 'furlongs'" });
    expect(parseUnit('XYZ')).toEqual({ ok: false, reason: "unknown unit 'XYZ'" });
    expect(parseUnit('kWh/m2').ok).toBe(false);
    expect(parseUnit('   ')).toEqual({ ok: false, reason: 'no unit given' });
  });

  it('does not guess a currency from an unlisted three-letter code', () => {
    expect(parseUnit('ABC').ok).toBe(false);
  });
});

describe('exact rationals', () => {
  it('reads decimal text exactly', () => {
    expect(decimalRational('0.45359237')).toEqual({ num: 45359237n, den: 100000000n });
    expect(decimalRational('-2.50')).toEqual({ num: -5n, den: 2n });
    expect(decimalRational('1e-7')).toEqual({ num: 1n, den: 10000000n });
    expect(decimalRational('1.5E+3')).toEqual({ num: 1500n, den: 1n });
    expect(() => decimalRational('1,5')).toThrow(SyntaxError);
  });

  it('takes a double as the shortest decimal that reads back as it', () => {
    expect(shortestDecimalRational(0.1)).toEqual({ num: 1n, den: 10n });
    expect(shortestDecimalRational(1e21)).toEqual({ num: 10n ** 21n, den: 1n });
    expect(shortestDecimalRational(-0.0001)).toEqual({ num: -1n, den: 10000n });
    expect(() => shortestDecimalRational(Number.NaN)).toThrow(RangeError);
  });

  it('rounds to the nearest double, ties to even', () => {
    expect(rationalToNumber(rational(1n, 3n))).toBe(1 / 3);
    expect(rationalToNumber(rational(-2n, 3n))).toBe(-2 / 3);
    expect(rationalToNumber(rational(0n))).toBe(0);
    // 2^53 + 1 is halfway between 2^53 and 2^53 + 2: ties go to the even significand.
    expect(rationalToNumber(rational(2n ** 53n + 1n))).toBe(2 ** 53);
    expect(rationalToNumber(rational(2n ** 53n + 3n))).toBe(2 ** 53 + 4);
    // Just above the halfway point rounds up.
    expect(rationalToNumber(rational(2n ** 54n + 2n + 1n, 2n))).toBe(2 ** 53 + 2);
  });

  it('agrees with the correctly rounded reading of random decimal text', () => {
    let state = 7;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    for (let i = 0; i < 2000; i++) {
      const digits = Array.from({ length: 1 + Math.floor(next() * 25) }, () => Math.floor(next() * 10)).join('');
      const exponent = Math.floor(next() * 80) - 40;
      expect(rationalToNumber(decimalRational(`${digits}e${exponent}`))).toBe(Number(`${digits}e${exponent}`));
    }
  });

  it('rounds subnormal values on their own grid and refuses values beyond the double range', () => {
    expect(rationalToNumber(rational(1n, 2n ** 1074n))).toBe(Number.MIN_VALUE);
    expect(rationalToNumber(rational(1n, 2n ** 1075n))).toBe(0);
    expect(rationalToNumber(rational(3n, 2n ** 1076n))).toBe(Number.MIN_VALUE);
    expect(() => rationalToNumber(rational(2n ** 1024n))).toThrow(RangeError);
  });

  it('writes terminating values as decimals and others as fractions', () => {
    expect(rationalToText(decimalRational('1055.055852'))).toBe('1055.055852');
    expect(rationalToText(decimalRational('-0.05'))).toBe('-0.05');
    expect(rationalToText(rational(1n, 8n))).toBe('0.125');
    expect(rationalToText(rational(42n))).toBe('42');
    expect(rationalToText(rational(5n, 18n))).toBe('5/18');
    expect(rationalToText(rational(-1n, 3n))).toBe('-1/3');
  });
});
