// Emission-factor units as tables write them: a mass of a gas per a unit of activity, and the
// "per unit" of a header whose activity unit is in a column of its own.
import { describe, expect, it } from 'vitest';
import { factorUnitInHeader, parseFactorUnit } from '../../../../shared/import/factor-units';

describe('a factor unit', () => {
  it.each([
    ['kg CO2e/kWh', { valueUnit: 'kg', gas: 'CO2e', perUnit: 'kWh' }],
    ['kgCO2e/kWh', { valueUnit: 'kg', gas: 'CO2e', perUnit: 'kWh' }],
    ['tCO2e/MWh', { valueUnit: 't', gas: 'CO2e', perUnit: 'MWh' }],
    ['g CO2 per kWh', { valueUnit: 'g', gas: 'CO2', perUnit: 'kWh' }],
    ['lb CO2e/MWh', { valueUnit: 'lb', gas: 'CO2e', perUnit: 'MWh' }],
    ['lbs co2eq / MWh', { valueUnit: 'lb', gas: 'CO2e', perUnit: 'MWh' }],
    ['kgs CH4 per litre', { valueUnit: 'kg', gas: 'CH4', perUnit: 'litre' }],
    ['g n2o / mmBtu', { valueUnit: 'g', gas: 'N2O', perUnit: 'mmBtu' }],
    ['Metric Tons CO2e per short ton', { valueUnit: 't', gas: 'CO2e', perUnit: 'short ton' }],
    ['metric  tonnes CO2e/tonne', { valueUnit: 't', gas: 'CO2e', perUnit: 'tonne' }],
    ['tonnes/tonne', { valueUnit: 't', gas: null, perUnit: 'tonne' }],
    ['  kg CO2e / kWh  ', { valueUnit: 'kg', gas: 'CO2e', perUnit: 'kWh' }],
  ])('reads %s', (text, expected) => {
    expect(parseFactorUnit(text)).toEqual(expected);
  });

  it.each(['kg CO2e per unit', 'kg CO2e per units', 'kg CO2e per activity unit', 'kg CO2e per unit of activity', 'kg CO2e / Unit'])('reads %s as per the row’s own unit', (text) => {
    expect(parseFactorUnit(text)).toEqual({ valueUnit: 'kg', gas: 'CO2e', perUnit: null });
  });

  it('keeps a unit that only contains the words of "per unit" as the unit it is', () => {
    expect(parseFactorUnit('kg CO2e per unit sold')?.perUnit).toBe('unit sold');
    expect(parseFactorUnit('kg CO2e per subunit')?.perUnit).toBe('subunit');
  });

  it.each(['kWh', 'kg', 'CO2e/kWh', 'mg CO2e/kWh', 'kg CO2e', 'tonnage CO2e/kWh', 'kg CO2e per', ''])('is not read from %j', (text) => {
    expect(parseFactorUnit(text)).toBeNull();
  });
});

describe('the factor unit a header carries', () => {
  it('is the one in its brackets, or the whole header', () => {
    expect(factorUnitInHeader('Emission factor (kg CO2e/kWh)')).toEqual({ text: 'kg CO2e/kWh', unit: { valueUnit: 'kg', gas: 'CO2e', perUnit: 'kWh' } });
    expect(factorUnitInHeader('Factor [ t CO2e / MWh ]')).toEqual({ text: 't CO2e / MWh', unit: { valueUnit: 't', gas: 'CO2e', perUnit: 'MWh' } });
    expect(factorUnitInHeader('Emission factor (kg CO2e/kWh)  ')).toEqual({ text: 'kg CO2e/kWh', unit: { valueUnit: 'kg', gas: 'CO2e', perUnit: 'kWh' } });
    expect(factorUnitInHeader('  kg CO2e per unit ')).toEqual({ text: 'kg CO2e per unit', unit: { valueUnit: 'kg', gas: 'CO2e', perUnit: null } });
  });

  it('is none when neither the brackets nor the header read as one', () => {
    expect(factorUnitInHeader('Emission factor (2023)')).toBeNull();
    expect(factorUnitInHeader('Emission factor')).toBeNull();
    expect(factorUnitInHeader('Factor (kg CO2e/kWh) note')).toBeNull();
  });
});
