// Splitting a header into its label and unit, and the activity a text names, at their edges:
// units written tight against their brackets or commas, a bracket that does not end the header,
// a calorific basis with no unit, a bare letter, plural and underscored names, and overlapping names.
import { describe, expect, it } from 'vitest';
import { matchActivity, parseHeader } from '../../../../shared/import/headers';

describe('a unit in a header', () => {
  it.each([
    ['Electricity(kWh)', 'Electricity', 'kWh'],
    ['Electricity[kWh]', 'Electricity', 'kWh'],
    ['Electricity,kWh', 'Electricity', 'kWh'],
    ['Electricity , kWh', 'Electricity', 'kWh'],
    ['Natural gas m3', 'Natural gas', 'm3'],
    ['Emissions t CO2e', 'Emissions', 't CO2e'],
    ['(kWh)', '(kWh)', 'kWh'],
  ])('is found in %j', (header, label, unitText) => {
    expect(parseHeader(header)).toEqual({ label, unitText });
  });

  it.each(['Electricity (kWh) by site', 'Electricity [kWh] by site', 'Site (gross)', 'L'])('is not found in %j', (header) => {
    expect(parseHeader(header)).toEqual({ label: header });
  });
});

describe('the activity a text names', () => {
  it('counts a plural, and reads underscores as spaces', () => {
    expect(matchActivity('RECs retired (MWh)')).toEqual({ kind: 'match', activity: 'clean_electricity', synonym: 'rec' });
    expect(matchActivity('natural_gas')).toEqual({ kind: 'match', activity: 'natural_gas', synonym: 'natural gas' });
  });

  it('is none for a name followed by another letter', () => {
    expect(matchActivity('Gash repairs')).toEqual({ kind: 'none' });
  });

  it('counts names that overlap without one holding the other', () => {
    expect(matchActivity('Natural gas oil')).toEqual({ kind: 'ambiguous', activities: ['natural_gas', 'diesel'] });
  });

  it('says the longest name found, the first of the catalogue on a tie', () => {
    expect(matchActivity('Grid electricity and power')).toEqual({ kind: 'match', activity: 'electricity', synonym: 'grid electricity' });
    expect(matchActivity('Power and electricity consumption')).toEqual({ kind: 'match', activity: 'electricity', synonym: 'electricity consumption' });
    expect(matchActivity('PPA and REC (MWh)')).toEqual({ kind: 'match', activity: 'clean_electricity', synonym: 'ppa' });
  });
});
