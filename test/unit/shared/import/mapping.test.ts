import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchActivity, parseHeader } from '../../../../shared/import/headers';
import type { Mapping } from '../../../../shared/import/mapping';
import { mappingSchema } from '../../../../shared/import/mapping';
import { column, date, rows, suggest } from '../../../helpers/suggest';

describe('parseHeader', () => {
  it.each([
    ['Electricity (kWh)', 'Electricity', 'kWh'],
    ['Natural gas (m3)', 'Natural gas', 'm3'],
    ['Diesel (L)', 'Diesel', 'L'],
    ['Total facility energy (MWh)', 'Total facility energy', 'MWh'],
    ['Electricity [kWh]', 'Electricity', 'kWh'],
    ['Electricity - kWh', 'Electricity', 'kWh'],
    ['Electricity – kWh', 'Electricity', 'kWh'],
    ['Electricity / kWh', 'Electricity', 'kWh'],
    ['Electricity, kWh', 'Electricity', 'kWh'],
    ['Electricity kWh', 'Electricity', 'kWh'],
    ['Scope 1 (tCO2e)', 'Scope 1', 'tCO2e'],
    ['Factor (kg CO2e/kWh)', 'Factor', 'kg CO2e/kWh'],
    ['Factor kg CO2e per kWh', 'Factor', 'kg CO2e per kWh'],
    ['Freight tonne-km', 'Freight', 'tonne-km'],
    ['Fuel (US gal)', 'Fuel', 'US gal'],
    ['Clean share (%)', 'Clean share', '%'],
    ['  Electricity\n(kWh) ', 'Electricity', 'kWh'],
    ['kWh', 'kWh', 'kWh'],
  ])('splits %j', (header, label, unitText) => {
    expect(parseHeader(header)).toEqual({ label, unitText });
  });

  it.each(['Site (name)', 'Site', 'Building L', 'Refrigerant SF6', 'Notes', 'Scope 3'])('finds no unit in %j', (header) => {
    expect(parseHeader(header)).toEqual({ label: header });
  });
});

describe('matchActivity', () => {
  it('lets the longest synonym win over one inside it', () => {
    expect(matchActivity('Natural gas')).toMatchObject({ kind: 'match', activity: 'natural_gas' });
    expect(matchActivity('Gas oil')).toMatchObject({ kind: 'match', activity: 'diesel' });
    expect(matchActivity('Renewable electricity')).toMatchObject({ kind: 'match', activity: 'clean_electricity' });
    expect(matchActivity('Data centre IT energy')).toMatchObject({ kind: 'match', activity: 'it_energy' });
    expect(matchActivity('Total facility energy')).toMatchObject({ kind: 'match', activity: 'facility_energy', synonym: 'total facility energy' });
  });

  it('matches whole words only', () => {
    expect(matchActivity('Heating oil')).toMatchObject({ kind: 'match', activity: 'fuel_oil' });
    expect(matchActivity('Gasket count')).toEqual({ kind: 'none' });
  });

  it('flags several activities as ambiguous', () => {
    expect(matchActivity('Gas and electricity')).toEqual({ kind: 'ambiguous', activities: ['electricity', 'natural_gas'] });
  });
});

/** Titles, a merged title, a blank row, the header on row 4, a blank month, a totals row and END. */
const WIDE_WORKBOOK = rows(
  ['Acme Ltd: energy and fuel data'],
  ['FY2023, all UK sites', null, null, null, null, null],
  [],
  ['Site', 'Month', 'Electricity (kWh)', 'Natural gas (m3)', 'Diesel (L)', 'Notes'],
  ['London', date('2022-04-01'), 12000, 800, '1,234.5', null],
  ['London', date('2022-05-01'), 11800, null, '1,100', 'meter swapped'],
  [],
  ['London', date('2022-07-01'), 12500, 650, '1,050', null],
  ['Total', null, { t: 'formula', formula: 'SUM(C5:C8)', result: 36300 }, 1450, 'nonsense', 'ignored'],
  ['END'],
  ['After the end', 'text', 'text', 'text', 'text', 'text'],
);

describe('suggestMapping: wide layout', () => {
  const suggestion = suggest(WIDE_WORKBOOK);

  it('maps a column per activity, with units from the headers', () => {
    expect(suggestion.mapping.layout).toBe('wide');
    expect(suggestion.mapping.columns).toEqual([
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Month', role: 'period' },
      { column: 2, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', meaning: 'consumption', unitText: 'kWh' },
      { column: 3, header: 'Natural gas (m3)', role: 'value', activity: 'natural_gas', meaning: 'consumption', unitText: 'm3' },
      { column: 4, header: 'Diesel (L)', role: 'value', activity: 'diesel', meaning: 'consumption', unitText: 'L' },
      { column: 5, header: 'Notes', role: 'notes' },
    ]);
    expect(suggestion.columns.every((candidate) => candidate.confidence === 'high')).toBe(true);
  });

  it('produces a valid template and explains itself', () => {
    expect(mappingSchema.safeParse(suggestion.mapping).success).toBe(true);
    expect(suggestion.mapping.table).toEqual({ headerRowNumber: 4, firstDataRowNumber: 5, stopAtBlankRun: 3 });
    expect(suggestion.mapping.decimalSeparator).toBe('.');
    expect(suggestion.mapping.dayOrder).toBeUndefined();
    expect(suggestion.confidence).toBe('high');
    expect(suggestion.reasons[0]).toContain('wide layout: columns C, D, E');
    expect(column(suggestion.columns, 'Electricity (kWh)').reason).toContain("names Electricity ('electricity') in kWh");
  });

  it('reads only data rows: not the totals row or what follows END', () => {
    // The totals row's text in the Diesel column would otherwise make it a text column.
    expect(column(suggestion.columns, 'Diesel (L)').role).toBe('value');
    expect(suggestion.reasons[1]).toContain("'1,234.5' can only be read with a decimal point");
  });

  it('flags a header naming several activities instead of picking one', () => {
    const ambiguous = suggest(rows(['Site', 'Month', 'Gas and electricity (kWh)', 'Diesel (L)'], ['A', '2023-01', 5, 1], ['A', '2023-02', 6, 2]));
    const gasAndPower = column(ambiguous.columns, 'Gas and electricity (kWh)');
    expect(gasAndPower).toMatchObject({ role: 'ignore', confidence: 'low', candidates: ['electricity', 'natural_gas'] });
    expect(gasAndPower.reason).toContain('choose one');
  });

  it('asks for a unit when an activity header has none, and ignores quantity words in a wide layout', () => {
    const wide = suggest(rows(['Site', 'Month', 'Electricity', 'Diesel (L)', 'Value'], ['A', '2023-01', 5, 1, 3], ['A', '2023-02', 6, 2, 4]));
    expect(wide.mapping.layout).toBe('wide');
    expect(column(wide.columns, 'Electricity')).toMatchObject({ role: 'value', confidence: 'medium' });
    expect(column(wide.columns, 'Electricity').reason).toContain('no unit');
    expect(column(wide.columns, 'Value')).toMatchObject({ role: 'ignore' });
    expect(column(wide.columns, 'Value').reason).toContain('wide layout takes activity and unit');
  });

  it('takes total facility energy as the electricity consumed only when the sheet has no electricity column', () => {
    const withElectricity = suggest(
      rows(['Data centre', 'Month', 'Electricity (MWh)', 'Total facility energy (MWh)', 'IT energy (MWh)'], ['DC1', 'Jan-23', 900, 900, 600], ['DC1', 'Feb-23', 880, 880, 590]),
    );
    expect(column(withElectricity.columns, 'Total facility energy (MWh)')).toMatchObject({ activity: 'facility_energy', meaning: 'metric' });
    const alone = suggest(rows(['Data centre', 'Month', 'Total facility energy (MWh)', 'IT energy (MWh)'], ['DC1', 'Jan-23', 900, 600], ['DC1', 'Feb-23', 880, 590]));
    expect(column(alone.columns, 'Total facility energy (MWh)')).toMatchObject({ meaning: 'consumption' });
    expect(column(alone.columns, 'Total facility energy (MWh)').reason).toContain('no electricity column here');
  });

  it('reads instrument and metric activities with their own meaning', () => {
    const dataCentre = suggest(
      rows(['Data centre', 'Month', 'Total facility energy (MWh)', 'IT energy (MWh)', 'REGO (MWh)'], ['DC1', 'Jan-23', 900, 600, 500], ['DC1', 'Feb-23', 880, 590, 500]),
    );
    expect(dataCentre.mapping.columns.map((candidate) => [candidate.role, candidate.activity, candidate.meaning])).toEqual([
      ['site', undefined, undefined],
      ['period', undefined, undefined],
      ['value', 'facility_energy', 'consumption'],
      ['value', 'it_energy', 'metric'],
      ['value', 'clean_electricity', 'instrument'],
    ]);
  });
});

describe('suggestMapping: long layout', () => {
  const LONG = rows(
    ['Site', 'Date', 'Fuel type', 'Quantity', 'Unit', 'Comments'],
    ['Paris', '01/04/2022', 'Electricity', '1.234,5', 'kWh', null],
    ['Paris', '15/04/2022', 'Diesel', '250,75', 'L', 'generator test'],
    ['Lyon', '01/05/2022', 'Biogas', '80', 'm3', null],
    ['Lyon', null, 'Electricity', null, 'kWh', 'closed for works'],
  );
  const suggestion = suggest(LONG);

  it('maps an activity column, one quantity column and a unit column', () => {
    expect(suggestion.mapping.layout).toBe('long');
    expect(suggestion.mapping.columns.map((candidate) => candidate.role)).toEqual(['site', 'period', 'activity', 'quantity', 'unit', 'notes']);
    expect(mappingSchema.safeParse(suggestion.mapping).success).toBe(true);
    expect(suggestion.reasons[0]).toContain('long layout: the quantity is in column D, with activity or unit in columns C, E');
  });

  it('detects the decimal comma and the day order from the whole column', () => {
    expect(suggestion.mapping.decimalSeparator).toBe(',');
    expect(suggestion.mapping.dayOrder).toBe('DMY');
    expect(suggestion.reasons[2]).toContain("'15/04/2022' can only be day-month-year");
  });

  it('names activity values the catalogue does not know', () => {
    expect(column(suggestion.columns, 'Fuel type').reason).toContain("1 of 3 distinct values names no single catalogue activity ('Biogas')");
  });

  it('leaves the day order open, and says so, when every date fits both orders', () => {
    const ambiguous = suggest(rows(['Site', 'Date', 'Activity', 'Amount', 'UoM'], ['A', '01/04/2022', 'Diesel', 5, 'L'], ['A', '02/04/2022', 'Diesel', 6, 'L']));
    expect(ambiguous.mapping.dayOrder).toBeUndefined();
    expect(ambiguous.confidence).toBe('medium');
    expect(ambiguous.reasons[2]).toContain('reads as day-month-year and as month-day-year');
  });

  it('says the decimal separator is open when numbers read both ways', () => {
    const ambiguous = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit'], ['A', '2023-01', 'Diesel', '1,250', 'L'], ['A', '2023-02', 'Diesel', '1,500', 'L']));
    expect(ambiguous.confidence).toBe('medium');
    expect(ambiguous.reasons[1]).toContain("read differently with a decimal point and a decimal comma; '.' assumed until you choose");
  });

  it('keeps one column per role and says which lost', () => {
    const twice = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Amount', 'Unit'], ['A', '2023-01', 'Diesel', 5, 9, 'L'], ['A', '2023-02', 'Diesel', 6, 8, 'L']));
    expect(column(twice.columns, 'Quantity')).toMatchObject({ role: 'quantity', confidence: 'low' });
    expect(column(twice.columns, 'Quantity').reason).toContain('column E could also be the quantity');
    expect(column(twice.columns, 'Amount')).toMatchObject({ role: 'ignore' });
    expect(column(twice.columns, 'Amount').reason).toContain('column D was preferred as quantity');
  });

  it('ignores numeric activity columns in a long layout, with a reason', () => {
    const mixed = suggest(rows(['Site', 'Month', 'Activity', 'Quantity', 'Unit', 'Electricity (kWh)'], ['A', '2023-01', 'Diesel', 5, 'L', 7], ['A', '2023-02', 'Diesel', 6, 'L', 8]));
    expect(mixed.mapping.layout).toBe('long');
    expect(column(mixed.columns, 'Electricity (kWh)').role).toBe('ignore');
    expect(column(mixed.columns, 'Electricity (kWh)').reason).toContain('the layout is long');
  });

  it('places unnamed columns by their values, and ignores the rest with a reason', () => {
    const loose = suggest(rows(['Site', 'Billing', 'Meter ID', 'Consumption', ''], ['A', '2023-01', 1001, 5, 'kWh'], ['A', '2023-02', 1001, 6, 'kWh']));
    expect(column(loose.columns, 'Billing')).toMatchObject({ role: 'period', confidence: 'medium' });
    expect(column(loose.columns, '')).toMatchObject({ role: 'unit', confidence: 'medium' });
    expect(column(loose.columns, 'Meter ID')).toMatchObject({ role: 'ignore' });
    expect(column(loose.columns, 'Meter ID')).toMatchObject({ confidence: 'high', reason: "header 'Meter ID' is an identifier: not imported" });
  });

  it('lowers confidence when values contradict the header', () => {
    const odd = suggest(rows(['Site', 'Month', 'Quantity', 'Unit'], ['A', '2023-01', 'n/a', 'kWh'], ['A', '2023-02', 'tbc', 'kWh']));
    expect(column(odd.columns, 'Quantity')).toMatchObject({ role: 'quantity', confidence: 'low' });
    expect(column(odd.columns, 'Quantity').reason).toContain('but its values are mostly text');
  });

  it('takes the unit from a quantity header and lists what is missing', () => {
    const noPeriod = suggest(rows(['Site', 'Consumption (kWh)', 'Remarks'], ['A', 5, null], ['B', 6, null]));
    expect(column(noPeriod.columns, 'Consumption (kWh)')).toMatchObject({ role: 'quantity', unitText: 'kWh' });
    expect(noPeriod.reasons).toContain('no period column: map one or set the period');
    expect(noPeriod.confidence).toBe('medium');
  });
});

describe('suggestMapping: other kinds', () => {
  it('maps a factor table', () => {
    const factors = suggest(
      rows(['Activity', 'Unit', 'Factor (kg CO2e/kWh)', 'GHG', 'Source', 'Year'], ['Electricity', 'kWh', 0.207, 'CO2e', 'DESNZ', 2024], ['Natural gas', 'kWh', 0.183, 'CO2e', 'DESNZ', 2024]),
      'factors',
    );
    expect(factors.mapping.layout).toBe('long');
    // The unit column holds the unit of activity; the value column's header gives the whole factor unit.
    expect(factors.mapping.columns.map((candidate) => candidate.role)).toEqual(['activity', 'unit', 'factor_value', 'gas', 'source', 'year']);
    expect(column(factors.columns, 'Factor (kg CO2e/kWh)').unitText).toBe('kg CO2e/kWh');
    expect(mappingSchema.safeParse(factors.mapping).success).toBe(true);
  });

  it('maps a claims table', () => {
    const claims = suggest(rows(['Metric', 'Year', 'Reported value', 'Unit', 'Reference'], ['Scope 1', 'FY2023', 1234, 'tCO2e', 'AR p.12'], ['PUE', 'FY2023', 1.4, 'ratio', 'AR p.14']), 'claims');
    expect(claims.mapping.columns.map((candidate) => candidate.role)).toEqual(['metric', 'year', 'claim_value', 'unit', 'source']);
  });
});

describe('mappingSchema', () => {
  const valid: Mapping = {
    version: 1,
    name: 'Monthly energy',
    kind: 'activity',
    sheet: 'Energy',
    table: { headerRowNumber: 4, firstDataRowNumber: 5, stopAtBlankRun: 3 },
    layout: 'wide',
    columns: [
      { column: 0, header: 'Site', role: 'site' },
      { column: 1, header: 'Month', role: 'period' },
      { column: 2, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', meaning: 'consumption', unitText: 'kWh' },
    ],
    dayOrder: 'DMY',
    decimalSeparator: '.',
    unitResolutions: { gallon: 'US gal' },
    defaults: { scope3Category: 6 },
  };
  const messages = (mapping: unknown): string[] => {
    const result = mappingSchema.safeParse(mapping);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it('accepts a complete template', () => {
    expect(messages(valid)).toEqual([]);
  });

  it('accepts the documented example', () => {
    const doc = readFileSync(new URL('../../../../docs/mapping-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(messages(JSON.parse(example ?? 'null'))).toEqual([]);
  });

  it('refuses other versions and unknown fields', () => {
    expect(mappingSchema.safeParse({ ...valid, version: 2 }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...valid, colums: [] }).success).toBe(false);
  });

  it('refuses roles of another kind and single roles used twice', () => {
    expect(messages({ ...valid, columns: [...valid.columns, { column: 3, header: 'EF', role: 'factor_value' }] })).toEqual([
      "column D: role 'factor_value' is not used in activity mappings",
    ]);
    expect(messages({ ...valid, columns: [...valid.columns, { column: 3, header: 'Site 2', role: 'site' }] })).toEqual([
      "column D: role 'site' is given to more than one column",
    ]);
    expect(messages({ ...valid, columns: [...valid.columns, { column: 2, header: 'again', role: 'notes' }] })).toEqual(['column C is mapped twice']);
  });

  it('checks layouts', () => {
    expect(messages({ ...valid, columns: [...valid.columns, { column: 3, header: 'Unit', role: 'unit' }] })[0]).toContain('a wide layout has no unit column');
    expect(messages({ ...valid, layout: 'long' })).toEqual([
      'value columns belong to a wide layout; a long layout has one quantity column',
      'a long layout needs a quantity column',
    ]);
    expect(messages({ ...valid, kind: 'factors', columns: [] })).toContain('only activity mappings have a wide layout');
  });

  it('checks value columns against the activity catalogue', () => {
    const withValue = (extra: object) => ({ ...valid, columns: [{ column: 2, header: 'X', role: 'value', ...extra }] });
    expect(messages(withValue({}))).toEqual(['a value column must name its activity']);
    expect(messages(withValue({ activity: 'unobtainium' }))).toEqual(["unknown activity 'unobtainium'"]);
    expect(messages(withValue({ activity: 'diesel', meaning: 'instrument' }))[0]).toContain("cannot have the meaning 'instrument'");
    expect(messages({ ...valid, columns: [...valid.columns, { column: 3, header: 'Site', role: 'notes', activity: 'diesel' }] })).toEqual([
      'only value columns name an activity and a meaning',
    ]);
    expect(messages({ ...valid, columns: [...valid.columns, { column: 3, header: 'Notes (kWh)', role: 'notes', unitText: 'kWh' }] })).toEqual([
      'a notes column has no unit',
    ]);
  });

  it('checks defaults and bounds', () => {
    expect(mappingSchema.safeParse({ ...valid, defaults: { activity: 'unobtainium' } }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...valid, defaults: { scope3Category: 16 } }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...valid, table: { headerRowNumber: 5, firstDataRowNumber: 5, stopAtBlankRun: 3 } }).success).toBe(false);
  });
});
