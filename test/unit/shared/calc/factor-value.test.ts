// A factor's CO2e per unit, exactly: printed totals, per-gas CO2e parts, gas masses weighted by
// the engagement's GWPs (worked by hand below), and the refusals.
import { describe, expect, it } from 'vitest';
import { co2eOnUnstatedBasis, factorCo2ePerUnit, methaneOriginOf, publishedOnOtherBasis } from '../../../../shared/calc/factor-value';
import type { GasValue } from '../../../../shared/factors/types';
import { decimalRational, rational, type Rational } from '../../../../shared/calc/rational';
import { factor } from '../../../helpers/factor-selection';

const gas = (name: string, value: number, fields: Partial<GasValue> = {}): GasValue => ({ gas: name, value, valueUnit: 'kg', alreadyCo2e: false, ...fields });
const co2ePart = (name: string, value: number): GasValue => gas(name, value, { alreadyCo2e: true });

function ok(result: ReturnType<typeof factorCo2ePerUnit>) {
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

const exact = (text: string): Rational => decimalRational(text);

describe('factors already in CO2e', () => {
  it('takes the printed total over the per-gas parts, which are each gas’s CO2e as printed', () => {
    const desnz = factor(1, { co2ePerUnitKg: 0.18316, gases: [co2ePart('CO2', 0.18253), co2ePart('CH4', 0.00027), co2ePart('N2O', 0.00035)] });
    expect(ok(factorCo2ePerUnit(desnz, 'AR5'))).toEqual({
      kgPerUnit: exact('0.18316'),
      gases: [
        { gas: 'CO2', kgCo2e: exact('0.18253') },
        { gas: 'CH4', kgCo2e: exact('0.00027') },
        { gas: 'N2O', kgCo2e: exact('0.00035') },
      ],
      notes: [],
    });
  });

  it('sums the parts exactly when no total is printed', () => {
    const parts = factor(2, { co2ePerUnitKg: null, gases: [co2ePart('CO2', 0.1), co2ePart('CH4', 0.2)] });
    expect(ok(factorCo2ePerUnit(parts, 'AR5')).kgPerUnit).toEqual(rational(3n, 10n));
  });

  it('says when the factor’s CO2e is on other GWPs than the engagement’s, and does not re-weight it', () => {
    const ar4 = factor(3, { gwpBasis: 'AR4', co2ePerUnitKg: 2.5 });
    expect(ok(factorCo2ePerUnit(ar4, 'AR6'))).toEqual({ kgPerUnit: exact('2.5'), gases: [], notes: ["the factor's CO2e is published on AR4 GWPs and is not re-weighted to AR6"] });
  });

  it('never says an engagement’s own factor table is on another basis, since nobody stated its basis', () => {
    const own = factor(4, { setKey: 'user-factors', gwpBasis: 'AR5', co2ePerUnitKg: 2.5, gases: [co2ePart('CO2e', 2.5)] });
    expect(ok(factorCo2ePerUnit(own, 'AR6')).notes).toEqual([]);
    expect(publishedOnOtherBasis(own, 'AR6')).toBe(false);
    expect(co2eOnUnstatedBasis(own)).toBe(true);
    expect(co2eOnUnstatedBasis(factor(4, { gwpBasis: 'AR4', gases: [co2ePart('CO2e', 2.5)] }))).toBe(false);
  });

  it('counts a factor as on another basis only when its CO2e is published as such, never for gas masses it re-weights', () => {
    expect(publishedOnOtherBasis(factor(3, { gwpBasis: 'AR4', gases: [co2ePart('CO2', 2)] }), 'AR5')).toBe(true);
    expect(publishedOnOtherBasis(factor(3, { gwpBasis: 'AR4', gases: [co2ePart('CO2', 2)] }), 'AR4')).toBe(false);
    expect(publishedOnOtherBasis(factor(5, { gwpBasis: 'AR4', gases: [gas('CO2', 53.06), gas('CH4', 1, { valueUnit: 'g' })] }), 'AR5')).toBe(false);
  });

  it('converts parts given in g, lb or t to kg exactly', () => {
    const units = factor(4, { co2ePerUnitKg: null, gases: [gas('CO2', 1, { valueUnit: 'lb', alreadyCo2e: true }), gas('CH4', 250, { valueUnit: 'g', alreadyCo2e: true }), gas('N2O', 0.002, { valueUnit: 't', alreadyCo2e: true })] });
    expect(ok(factorCo2ePerUnit(units, 'AR5')).gases.map((part) => part.kgCo2e)).toEqual([exact('0.45359237'), exact('0.25'), exact('2')]);
  });
});

describe('gas masses', () => {
  // EPA Hub natural gas per mmBtu: 53.06 kg CO2, 1 g CH4, 0.1 g N2O.
  const epa = factor(5, { activityKey: 'natural_gas', co2ePerUnitKg: 53.11, gases: [gas('CO2', 53.06), gas('CH4', 1, { valueUnit: 'g' }), gas('N2O', 0.1, { valueUnit: 'g' })] });

  it('weights them with the engagement’s GWPs, not the printed total: 53.06 + 0.001 × 28 + 0.0001 × 265 (AR5)', () => {
    expect(ok(factorCo2ePerUnit(epa, 'AR5'))).toEqual({
      kgPerUnit: exact('53.1145'),
      gases: [
        { gas: 'CO2', kgCo2e: exact('53.06') },
        { gas: 'CH4', kgCo2e: exact('0.028') },
        { gas: 'N2O', kgCo2e: exact('0.0265') },
      ],
      notes: ['gas masses weighted with AR5 GWPs'],
    });
  });

  it('names the methane origin and value where the table weighs them apart: 53.06 + 0.001 × 29.8 + 0.0001 × 273 (AR6, fossil)', () => {
    const value = ok(factorCo2ePerUnit(epa, 'AR6'));
    expect([value.kgPerUnit, value.notes]).toEqual([exact('53.1171'), ['gas masses weighted with AR6 GWPs (fossil methane, 29.8)']]);
    const landfill = ok(factorCo2ePerUnit({ ...epa, label: 'Landfill gas' }, 'AR6'));
    expect([landfill.kgPerUnit, landfill.notes]).toEqual([exact('53.1143'), ['gas masses weighted with AR6 GWPs (non-fossil methane, 27)']]);
  });

  it('names no origin without methane', () => {
    const noMethane = factor(6, { activityKey: 'natural_gas', gases: [gas('CO2', 2), gas('N2O', 0.001)] });
    expect(ok(factorCo2ePerUnit(noMethane, 'AR6')).notes).toEqual(['gas masses weighted with AR6 GWPs']);
  });

  it('adds CO2e parts and weighted masses of one factor', () => {
    const mixed = factor(7, { co2ePerUnitKg: 99, gases: [co2ePart('CO2e', 1.5), gas('N2O', 0.01)] });
    const value = ok(factorCo2ePerUnit(mixed, 'AR5'));
    expect(value.kgPerUnit).toEqual(exact('4.15'));
    expect(value.gases).toEqual([
      { gas: 'CO2e', kgCo2e: exact('1.5') },
      { gas: 'N2O', kgCo2e: exact('2.65') },
    ]);
  });
});

describe('refusals', () => {
  it('refuses methane of unknown origin under AR6, an unknown gas, a unit that is not a mass and a value that is not finite', () => {
    const unknownOrigin = factor(8, { activityKey: 'mystery', label: 'Mystery fuel', gases: [gas('CH4', 1)] });
    expect(factorCo2ePerUnit(unknownOrigin, 'AR6')).toEqual({
      ok: false,
      reason: "factor #8: AR6 weights fossil methane 29.8 and non-fossil methane 27.0, and this factor's fuel origin is not known",
    });
    expect(factorCo2ePerUnit(factor(9, { gases: [gas('Unobtainium', 1)] }), 'AR5')).toEqual({ ok: false, reason: "factor #9: unknown gas 'Unobtainium'" });
    const ounces = gas('CH4', 1, { valueUnit: 'oz' as GasValue['valueUnit'] });
    expect(factorCo2ePerUnit(factor(10, { gases: [ounces] }), 'AR5')).toEqual({ ok: false, reason: "factor #10: unknown mass unit 'oz' for CH4" });
    const energy = gas('CH4', 1, { valueUnit: 'kWh' as GasValue['valueUnit'] });
    expect(factorCo2ePerUnit(factor(11, { gases: [energy] }), 'AR5')).toEqual({ ok: false, reason: 'factor #11: cannot convert energy (kWh) to mass (kg)' });
    expect(factorCo2ePerUnit(factor(12, { gases: [co2ePart('CO2', Number.NaN)] }), 'AR5')).toEqual({ ok: false, reason: 'factor #12: value of CO2 is not a finite number' });
  });

  it('refuses a factor with neither a CO2e value nor gases', () => {
    expect(factorCo2ePerUnit(factor(13, { co2ePerUnitKg: null }), 'AR5')).toEqual({ ok: false, reason: 'factor #13 has neither a CO2e value nor per-gas values' });
  });
});

describe('methaneOriginOf', () => {
  it('takes biogenic factors and fuels of biological origin as non-fossil, else the activity’s origin', () => {
    expect(methaneOriginOf({ activityKey: 'natural_gas', label: 'Natural gas', biogenic: true })).toBe('non-fossil');
    expect(methaneOriginOf({ activityKey: 'natural_gas', label: 'Biomethane (compressed)', biogenic: false })).toBe('non-fossil');
    expect(methaneOriginOf({ activityKey: 'natural_gas', label: 'Natural gas', biogenic: false })).toBe('fossil');
    expect(methaneOriginOf({ activityKey: 'waste', label: 'Mixed waste', biogenic: false })).toBe('non-fossil');
    expect(methaneOriginOf({ activityKey: 'refrigerant', label: 'R-410A', biogenic: false })).toBeNull();
    expect(methaneOriginOf({ activityKey: 'no_such_activity', label: 'Gas', biogenic: false })).toBeNull();
  });
});
