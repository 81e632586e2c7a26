// Units: quantities in their dimension's base unit (what reconciliation compares), and the exact
// words of each refusal an auditor reads in a finding.
import { describe, expect, it } from 'vitest';
import { decimalRational, rational } from '../../../../shared/calc/rational';
import { conversionFactor, convertQuantity, inBaseUnit, parseUnit } from '../../../../shared/calc/units';
import { unit } from '../../../helpers/factor-selection';

describe('inBaseUnit', () => {
  it('converts a quantity exactly to the base unit of its dimension', () => {
    expect(inBaseUnit(decimalRational('2.5'), 'MWh')).toEqual({ quantity: rational(2500n), unit: 'kWh' });
    expect(inBaseUnit(decimalRational('3'), 'lb')).toEqual({ quantity: decimalRational('1.36077711'), unit: 'kg' });
    expect(inBaseUnit(decimalRational('1'), 'ft2')).toEqual({ quantity: decimalRational('0.09290304'), unit: 'm2' });
    expect(inBaseUnit(decimalRational('36'), 'MJ')).toEqual({ quantity: rational(10n), unit: 'kWh' });
    expect(inBaseUnit(decimalRational('0.5'), 'tCO2e')).toEqual({ quantity: rational(500n), unit: 'kgCO2e' });
    expect(inBaseUnit(decimalRational('7'), 'kWh')).toEqual({ quantity: rational(7n), unit: 'kWh' });
  });

  it('keeps a currency in itself and knows no other units', () => {
    expect(inBaseUnit(decimalRational('12.5'), 'currency:EUR')).toEqual({ quantity: decimalRational('12.5'), unit: 'currency:EUR' });
    expect(inBaseUnit(decimalRational('1'), 'furlong')).toBeUndefined();
  });
});

describe('the words of refusals', () => {
  it('names both units of a gross-to-net conversion and of a basis left unstated on either side', () => {
    expect(conversionFactor(unit('GJ', 'net'), unit('kWh', 'gross'))).toEqual({ ok: false, reason: 'cannot convert GJ (net CV) to kWh (gross CV): gross and net calorific values differ by a fuel-specific ratio' });
    expect(conversionFactor(unit('MWh', 'gross'), unit('kWh'))).toEqual({
      ok: false,
      reason: 'cannot convert MWh (gross CV) to kWh: the calorific basis of kWh is not stated; say whether it is gross or net',
    });
    expect(conversionFactor(unit('MWh', 'net'), unit('GJ'), { unspecifiedBasisIs: 'net' })).toMatchObject({ ok: true, factor: 3.6, factorText: '3.6' });
  });

  it('refuses another currency, another dimension and a quantity that is not finite, saying why', () => {
    expect(conversionFactor(unit('currency:GBP'), unit('currency:EUR'))).toEqual({ ok: false, reason: 'cannot convert currency:GBP to currency:EUR: that needs an exchange rate' });
    expect(conversionFactor(unit('currency:GBP'), unit('currency:GBP'))).toEqual({ ok: true, factor: 1, factorText: '1' });
    expect(conversionFactor(unit('m2'), unit('GJ', 'gross'))).toEqual({ ok: false, reason: 'cannot convert area (m2) to energy (GJ (gross CV))' });
    expect(convertQuantity(Number.NaN, unit('kg'), unit('t'))).toEqual({ ok: false, reason: 'quantity NaN is not a finite number' });
    expect(convertQuantity(-Infinity, unit('kg'), unit('t'))).toEqual({ ok: false, reason: 'quantity -Infinity is not a finite number' });
    expect(convertQuantity(3, unit('kg'), unit('km'))).toEqual({ ok: false, reason: 'cannot convert mass (kg) to distance (km)' });
    const forged = { id: 'furlong', dimension: 'distance' } as unknown as ReturnType<typeof unit>;
    expect(conversionFactor(unit('km'), forged)).toEqual({ ok: false, reason: "unknown unit id 'furlong'" });
  });

  it('quotes the unit text as written when refusing a basis on a unit without one, an ambiguous spelling or a redirection', () => {
    expect(parseUnit('  litres (Net CV) ')).toEqual({ ok: false, reason: "'litres (Net CV)': a calorific basis (gross/net) applies only to energy units" });
    expect(parseUnit('Gallons')).toEqual({ ok: false, ambiguous: true, reason: "'Gallons' is ambiguous: it may be US_gal (3.785411784 L) or imp_gal (4.54609 L); the mapping must say which" });
    expect(parseUnit('Tonnes', { resolve: { tonnes: 'long_ton' } })).toEqual({ ok: false, reason: "'Tonnes' means t; the mapping cannot redirect it to 'long_ton'" });
  });

  it('resolves a spelling the way the mapping writes it, whatever its case, spaces or punctuation', () => {
    expect(parseUnit('Short Tons', { resolve: { 'short-tons': 'short_ton' } })).toEqual({ ok: true, unit: { id: 'short_ton', dimension: 'mass' } });
    expect(parseUnit('Imp. Gal', { resolve: { tonnage: 't', 'imp gal': 'imp_gal' } })).toEqual({ ok: true, unit: { id: 'imp_gal', dimension: 'volume' } });
    expect(parseUnit('bbl', { resolve: { tonnage: 't' } })).toEqual({ ok: false, reason: "unknown unit 'bbl'" });
  });
});
