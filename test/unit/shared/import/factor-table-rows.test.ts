/**
 * A company's own emission-factor table, row by row (`mapFactorRow`): what each column gives a
 * factor and the exact reason a row is refused. Only the factor import reaches this code
 * otherwise, through a worker the mutation run cannot see into. (Each mapping is made inside its
 * test: code run while the file is collected is not the test's.)
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { mapFactorRow, parseFactorBasis, parseFactorScope } from '../../../../shared/import/reference-rows';

const TABLE = { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 };

type ColumnInput = Record<string, unknown> & { readonly header: string; readonly role: string };

/** A factors mapping of the given columns, A onwards. */
function factorsOf(columns: readonly ColumnInput[], extra: Record<string, unknown> = {}): Mapping {
  return mappingSchema.parse({ version: 1, kind: 'factors', table: TABLE, layout: 'long', decimalSeparator: '.', ...extra, columns: columns.map((column, index) => ({ column: index, ...column })) });
}

const ACTIVITY = { header: 'Activity', role: 'activity' };
const VALUE = { header: 'Factor', role: 'factor_value' };
const FACTOR_UNIT = { header: 'Factor unit', role: 'factor_unit' };

/** Activity | Factor | Factor unit, plus any further columns (D onwards). */
const table = (more: readonly ColumnInput[] = [], extra: Record<string, unknown> = {}) => factorsOf([ACTIVITY, VALUE, FACTOR_UNIT, ...more], extra);

const mapRow = (mapping: Mapping, cells: readonly Cell[]) => mapFactorRow(mapping, { rowNumber: 7, cells });
const draftOf = (mapping: Mapping, cells: readonly Cell[]) => {
  const result = mapRow(mapping, cells);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.rejections)}`);
  return result.draft;
};
const rejectionsOf = (mapping: Mapping, cells: readonly Cell[]) => {
  const result = mapRow(mapping, cells);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.draft)}`);
  return result.rejections;
};

describe('a factor row', () => {
  it('gives every field of the factor from its own column', () => {
    const mapping = table([{ header: 'Region', role: 'region' }, { header: 'Source', role: 'source' }, { header: 'Year', role: 'year' }, { header: 'Notes', role: 'notes' }]);
    expect(draftOf(mapping, ['  Electricity ', 0.20705, 'kg CO2e/kWh', ' UK ', 'DESNZ', 2024, 'checked'])).toEqual({
      activityKey: 'electricity', residualMix: false, basis: null, scope: null, biogenic: false, variant: null,
      label: 'Electricity', unitText: 'kWh', gas: 'CO2e', value: 0.20705, valueUnit: 'kg',
      region: 'UK', source: 'DESNZ', year: 2024, attributes: null, validFrom: null, validTo: null,
    });
  });

  it('leaves blank optional cells as none, and keeps an activity the catalogue does not know by its label', () => {
    const mapping = table([{ header: 'Region', role: 'region' }, { header: 'Source', role: 'source' }, { header: 'Year', role: 'year' }]);
    expect(draftOf(mapping, ['Widgets', 3, 't CO2e per tonne', '  ', '', null])).toMatchObject({ activityKey: null, label: 'Widgets', unitText: 'tonne', valueUnit: 't', region: null, source: null, year: null });
  });

  it('reads its value with the mapping’s decimal separator, and takes a zero factor', () => {
    expect(draftOf(table([], { decimalSeparator: ',' }), ['Electricity', '0,207', 'kg CO2e/kWh']).value).toBe(0.207);
    expect(draftOf(table(), ['Electricity', 0, 'kg CO2e/kWh']).value).toBe(0);
  });

  it('is refused, naming the column, for a blank, unreadable or negative value', () => {
    expect(rejectionsOf(table(), ['Electricity', null, 'kg CO2e/kWh'])).toEqual([{ column: 1, reason: 'column B: the factor value is blank' }]);
    expect(rejectionsOf(table(), ['Electricity', 'about 2', 'kg CO2e/kWh'])).toEqual([{ column: 1, reason: expect.stringMatching(/^column B: .*about 2/) }]);
    expect(rejectionsOf(table(), ['Electricity', -0.5, 'kg CO2e/kWh'])).toEqual([{ column: 1, reason: 'negative factor -0.5' }]);
  });

  it('is refused when the mapping has no value column, not kept as a factor without a value', () => {
    expect(rejectionsOf(factorsOf([ACTIVITY, FACTOR_UNIT]), ['Electricity', 'kg CO2e/kWh'])).toEqual([{ column: null, reason: 'the mapping has no factor value column' }]);
  });

  it('is refused without an activity, and then its scope is not checked against one', () => {
    const mapping = table([{ header: 'Scope', role: 'scope' }]);
    expect(rejectionsOf(mapping, [' ', 1, 'kg CO2e/kWh', 'Scope 9'])).toEqual([{ column: 0, reason: 'no activity' }]);
    expect(rejectionsOf(factorsOf([VALUE, FACTOR_UNIT]), [1, 'kg CO2e/kWh'])).toEqual([{ column: null, reason: 'no activity' }]);
  });

  it('reads a year column as a whole year, and refuses anything else there', () => {
    const mapping = table([{ header: 'Year', role: 'year' }]);
    expect(draftOf(mapping, ['Electricity', 1, 'kg CO2e/kWh', '2023']).year).toBe(2023);
    expect(rejectionsOf(mapping, ['Electricity', 1, 'kg CO2e/kWh', 'FY23'])).toEqual([{ column: 3, reason: "'FY23' is not a year" }]);
    expect(rejectionsOf(mapping, ['Electricity', 1, 'kg CO2e/kWh', 2023.5])).toEqual([{ column: 3, reason: "'2023.5' is not a year" }]);
  });

  it('gives every reason a row has, in the order of its fields', () => {
    const mapping = table([{ header: 'Year', role: 'year' }, { header: 'Basis', role: 'basis' }]);
    expect(rejectionsOf(mapping, ['Electricity', -1, 'per kWh', 'soon', 'spot'])).toEqual([
      { column: 2, reason: "factor unit 'per kWh' is not a mass of a gas per unit of activity, such as 'kg CO2e/kWh'" },
      { column: 1, reason: 'negative factor -1' },
      { column: 3, reason: "'soon' is not a year" },
      { column: 4, reason: "basis 'spot' is not one of location, market, residual mix, supplier-specific, contractual" },
    ]);
    // A basis it cannot read is the one reason about the basis: the activity is not then judged by it.
    expect(rejectionsOf(mapping, ['Natural gas', 1, 'kg CO2e/kWh', null, 'spot'])).toEqual([{ column: 4, reason: "basis 'spot' is not one of location, market, residual mix, supplier-specific, contractual" }]);
  });
});

describe('the gas of a factor', () => {
  it('is the gas column’s, else the unit’s, else CO2e', () => {
    const withGas = table([{ header: 'Gas', role: 'gas' }]);
    expect(draftOf(withGas, ['Natural gas', 2, 'kg CO2/kWh', 'CH4']).gas).toBe('CH4');
    expect(draftOf(withGas, ['Natural gas', 2, 'kg CO2/kWh', ' ']).gas).toBe('CO2');
    expect(draftOf(table(), ['Natural gas', 2, 'kg/kWh']).gas).toBe('CO2e');
  });
});

describe('the unit of a factor', () => {
  const inHeader = (unitText: string, more: readonly ColumnInput[] = []) => factorsOf([ACTIVITY, { ...VALUE, unitText }, ...more]);

  it('is the factor-unit column’s, else the value column’s header', () => {
    expect(draftOf(inHeader('g CO2e/kWh'), ['Electricity', 207])).toMatchObject({ unitText: 'kWh', valueUnit: 'g' });
    const both = factorsOf([ACTIVITY, { ...VALUE, unitText: 'g CO2e/kWh' }, FACTOR_UNIT]);
    expect(draftOf(both, ['Electricity', 0.207, 'kg CO2e/MWh'])).toMatchObject({ unitText: 'MWh', valueUnit: 'kg' });
    expect(draftOf(both, ['Electricity', 207, ''])).toMatchObject({ unitText: 'kWh', valueUnit: 'g' });
  });

  it('is refused when there is none, naming the value column', () => {
    const reason = "no factor unit: map a factor-unit column, or give the value column's unit (such as kg CO2e/kWh, or kg CO2e per unit with a unit column)";
    expect(rejectionsOf(table(), ['Electricity', 1, null])).toEqual([{ column: 1, reason }]);
    expect(rejectionsOf(factorsOf([ACTIVITY, { header: 'Factor', role: 'factor_value', column: 4 }]), ['Electricity', null, null, null, 1])).toEqual([{ column: 4, reason }]);
  });

  it('is refused when it is no factor unit, naming the column it came from', () => {
    expect(rejectionsOf(table(), ['Electricity', 1, 'kWh'])).toEqual([{ column: 2, reason: "factor unit 'kWh' is not a mass of a gas per unit of activity, such as 'kg CO2e/kWh'" }]);
    expect(rejectionsOf(inHeader('kWh'), ['Electricity', 1])).toEqual([{ column: 1, reason: "factor unit 'kWh' is not a mass of a gas per unit of activity, such as 'kg CO2e/kWh'" }]);
  });

  it('per unit takes the row’s unit column', () => {
    const perUnit = inHeader('kg CO2e per unit', [{ header: 'Unit', role: 'unit' }]);
    expect(draftOf(perUnit, ['Diesel', 2.5, ' litres '])).toMatchObject({ unitText: 'litres', valueUnit: 'kg', gas: 'CO2e' });
    expect(rejectionsOf(perUnit, ['Diesel', 2.5, ''])).toEqual([{ column: 1, reason: "the factor is per unit ('kg CO2e per unit'), but the row names no unit" }]);
    expect(rejectionsOf(inHeader('kg CO2e per unit'), ['Diesel', 2.5])).toEqual([{ column: 1, reason: "the factor is per unit ('kg CO2e per unit'), but the row names no unit: map the column that holds each row’s unit" }]);
    const perUnitColumn = table([{ header: 'Unit', role: 'unit' }]);
    expect(rejectionsOf(perUnitColumn, ['Diesel', 2.5, 'kg CO2e per unit', null])).toEqual([{ column: 2, reason: "the factor is per unit ('kg CO2e per unit'), but the row names no unit" }]);
  });

  it('must agree with the row’s unit column: the same unit however spelt, on the same calorific basis', () => {
    const mapping = table([{ header: 'Unit', role: 'unit' }]);
    expect(draftOf(mapping, ['Electricity', 0.2, 'kg CO2e/kWh', 'kilowatt hours']).unitText).toBe('kWh');
    expect(draftOf(mapping, ['Natural gas', 0.18, 'kg CO2e/kWh (gross CV)', 'kWh gross']).unitText).toBe('kWh (gross CV)');
    expect(rejectionsOf(mapping, ['Diesel', 2.5, 'kg CO2e/kWh', 'litres'])).toEqual([{ column: 3, reason: "the factor unit 'kg CO2e/kWh' is per kWh, but the row's unit is 'litres'" }]);
    expect(rejectionsOf(mapping, ['Natural gas', 0.18, 'kg CO2e/kWh (gross CV)', 'kWh (net CV)'])).toEqual([
      { column: 3, reason: "the factor unit 'kg CO2e/kWh (gross CV)' is per kWh (gross CV), but the row's unit is 'kWh (net CV)'" },
    ]);
  });

  it('compares units the registry does not know by their text, without case', () => {
    const mapping = table([{ header: 'Unit', role: 'unit' }]);
    expect(draftOf(mapping, ['Widgets', 4, 'kg CO2e/Widget', 'WIDGET']).unitText).toBe('Widget');
    expect(rejectionsOf(mapping, ['Widgets', 4, 'kg CO2e/Widget', 'box'])).toEqual([{ column: 3, reason: "the factor unit 'kg CO2e/Widget' is per Widget, but the row's unit is 'box'" }]);
    expect(rejectionsOf(mapping, ['Widgets', 4, 'kg CO2e/Widget', 'kWh'])).toEqual([{ column: 3, reason: "the factor unit 'kg CO2e/Widget' is per Widget, but the row's unit is 'kWh'" }]);
    expect(rejectionsOf(mapping, ['Electricity', 4, 'kg CO2e/kWh', 'Widget'])).toEqual([{ column: 3, reason: "the factor unit 'kg CO2e/kWh' is per kWh, but the row's unit is 'Widget'" }]);
  });
});

describe('the basis of a factor', () => {
  const withBasis = (more: readonly ColumnInput[] = []) => table([{ header: 'Basis', role: 'basis' }, ...more]);
  const identity = (draft: { activityKey: string | null; residualMix: boolean; variant: string | null; basis: unknown }) => [draft.activityKey, draft.residualMix, draft.variant, draft.basis];

  it('none: the activity as named, a residual mix when the text says so', () => {
    expect(identity(draftOf(table(), ['Grid electricity', 0.2, 'kg CO2e/kWh']))).toEqual(['electricity', false, null, null]);
    expect(identity(draftOf(table(), ['UK residual-mix', 0.4, 'kg CO2e/kWh']))).toEqual(['electricity', true, null, null]);
    expect(identity(draftOf(withBasis(), ['Natural gas', 0.18, 'kg CO2e/kWh', '  ']))).toEqual(['natural_gas', false, null, null]);
  });

  it('location: the activity as named; a residual mix given as location is refused at the basis column', () => {
    expect(identity(draftOf(withBasis(), ['Natural gas', 0.18, 'kg CO2e/kWh', 'Location-based']))).toEqual(['natural_gas', false, null, 'location']);
    expect(rejectionsOf(withBasis(), ['Residual mix electricity', 0.4, 'kg CO2e/kWh', 'location'])).toEqual([{ column: 3, reason: "'Residual mix electricity' names a residual mix, but its basis is location" }]);
  });

  it('residual mix, market, contractual: electricity only', () => {
    expect(identity(draftOf(withBasis(), ['Electricity', 0.4, 'kg CO2e/kWh', 'residual mix']))).toEqual(['electricity', true, null, 'residual-mix']);
    expect(identity(draftOf(withBasis(), ['Electricity', 0.4, 'kg CO2e/kWh', 'Market-based']))).toEqual(['electricity', true, null, 'market']);
    expect(identity(draftOf(withBasis(), ['Green tariff', 0, 'kg CO2e/kWh', 'market']))).toEqual(['clean_electricity', false, null, 'market']);
    expect(identity(draftOf(withBasis(), ['Electricity', 0, 'kg CO2e/kWh', 'contractual instruments']))).toEqual(['clean_electricity', false, null, 'contractual']);
    expect(rejectionsOf(withBasis(), ['Natural gas', 0.18, 'kg CO2e/kWh', 'market'])).toEqual([{ column: 3, reason: "a market factor is for electricity (market-based Scope 2), but 'Natural gas' is Natural gas" }]);
    expect(rejectionsOf(withBasis(), ['Widgets', 0.18, 'kg CO2e/kWh', 'residual mix'])).toEqual([{ column: 3, reason: "a residual-mix factor is for electricity (market-based Scope 2), but 'Widgets' names no catalogue activity" }]);
  });

  it('supplier-specific: the instrument column names the variant, else the activity text', () => {
    const withInstrument = withBasis([{ header: 'Tariff', role: 'instrument' }]);
    expect(identity(draftOf(withInstrument, ['Electricity', 0.1, 'kg CO2e/kWh', 'supplier specific', ' Tariff A ']))).toEqual(['electricity', false, 'Tariff A', 'supplier-specific']);
    expect(identity(draftOf(withInstrument, ['Acme electricity', 0.1, 'kg CO2e/kWh', 'supplier', '']))).toEqual(['electricity', false, 'Acme electricity', 'supplier-specific']);
    expect(identity(draftOf(withInstrument, ['Green tariff', 0, 'kg CO2e/kWh', 'supplier', 'PPA 7']))).toEqual(['clean_electricity', false, 'PPA 7', 'supplier-specific']);
  });
});

describe('the scope of a factor', () => {
  const withScope = (more: readonly ColumnInput[] = []) => table([{ header: 'Scope', role: 'scope' }, ...more]);

  it('is the table’s when it agrees with the activity; outside of scopes marks a biogenic factor', () => {
    expect(draftOf(withScope(), ['Electricity', 0.2, 'kg CO2e/kWh', 'Scope 2'])).toMatchObject({ scope: 'Scope 2', biogenic: false });
    expect(draftOf(withScope(), ['Wood pellets', 0.01, 'kg CO2e/kWh', 'Outside of scopes'])).toMatchObject({ scope: 'Outside of scopes', biogenic: true });
    expect(draftOf(withScope(), ['Widgets', 1, 'kg CO2e/kWh', '3'])).toMatchObject({ scope: 'Scope 3', biogenic: false });
    // IT energy is in no scope: the table's scope is kept as written.
    expect(draftOf(withScope(), ['IT energy', 0.2, 'kg CO2e/kWh', '2'])).toMatchObject({ scope: 'Scope 2' });
    expect(draftOf(withScope(), ['Electricity', 0.2, 'kg CO2e/kWh', ''])).toMatchObject({ scope: null, biogenic: false });
  });

  it('is refused when it is no scope, or another scope than its activity’s', () => {
    expect(rejectionsOf(withScope(), ['Electricity', 0.2, 'kg CO2e/kWh', 'Scope 4'])).toEqual([{ column: 3, reason: "scope 'Scope 4' is not 1, 2, 3 or outside of scopes" }]);
    expect(rejectionsOf(withScope(), ['Grid electricity', 0.2, 'kg CO2e/kWh', 'S1'])).toEqual([{ column: 3, reason: "'Grid electricity' is Electricity, a Scope 2 activity, but the table says Scope 1" }]);
  });

  it('is checked against the activity the basis makes of the row', () => {
    const mapping = withScope([{ header: 'Basis', role: 'basis' }]);
    expect(rejectionsOf(mapping, ['Residual mix', 0.4, 'kg CO2e/kWh', '1', 'residual mix'])).toEqual([{ column: 3, reason: "'Residual mix' is Electricity, a Scope 2 activity, but the table says Scope 1" }]);
    // A basis refused leaves no activity to check the scope against: one reason, not two.
    expect(rejectionsOf(mapping, ['Diesel', 2.5, 'kg CO2e/kWh', '2', 'market'])).toEqual([{ column: 4, reason: "a market factor is for electricity (market-based Scope 2), but 'Diesel' is Diesel (average biofuel blend)" }]);
  });
});

describe('the validity a factor row states', () => {
  const dated = (extra: Record<string, unknown> = {}) => table([{ header: 'Valid from', role: 'period_start' }, { header: 'Valid to', role: 'period_end' }], extra);

  it('runs from the first day of its valid-from to the last of its valid-to', () => {
    expect(draftOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', '2024-03', '2024-04'])).toMatchObject({ validFrom: '2024-03-01', validTo: '2024-04-30' });
    expect(draftOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', '2024', null])).toMatchObject({ validFrom: '2024-01-01', validTo: null });
    expect(draftOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', null, '2024'])).toMatchObject({ validFrom: null, validTo: '2024-12-31' });
    expect(draftOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', '2024-03-05', '2024-03-05'])).toMatchObject({ validFrom: '2024-03-05', validTo: '2024-03-05' });
  });

  it('reads dates year first unless the mapping says otherwise', () => {
    expect(draftOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', '2024/03/05', null]).validFrom).toBe('2024-03-05');
    expect(draftOf(dated({ dayOrder: 'DMY' }), ['Electricity', 0.2, 'kg CO2e/kWh', '05/03/2024', null]).validFrom).toBe('2024-03-05');
    expect(draftOf(dated({ dayOrder: 'MDY' }), ['Electricity', 0.2, 'kg CO2e/kWh', '05/03/2024', null]).validFrom).toBe('2024-05-03');
  });

  it('is refused when it ends before it starts, or a side is a fiscal year or no date', () => {
    expect(rejectionsOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', '2024-03-02', '2024-03-01'])).toEqual([{ column: 4, reason: 'the factor is valid to 2024-03-01, before it is valid from 2024-03-02' }]);
    expect(rejectionsOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', 'FY2024', null])).toEqual([{ column: 3, reason: "column D: 'FY2024' is a fiscal year, not a date" }]);
    expect(rejectionsOf(dated(), ['Electricity', 0.2, 'kg CO2e/kWh', null, 'whenever'])).toEqual([{ column: 4, reason: expect.stringMatching(/^column E: .*whenever/) }]);
  });
});

describe('the attributes of a factor', () => {
  it('are its attribute columns’, none when they are blank', () => {
    const mapping = table([{ header: 'Refrigerant', role: 'attribute', attribute: 'gas' }]);
    expect(draftOf(mapping, ['Refrigerant leakage', 2088, 'kg CO2e/kg', 'R-410A']).attributes).toEqual({ gas: 'R-410A' });
    expect(draftOf(mapping, ['Refrigerant leakage', 2088, 'kg CO2e/kg', ' ']).attributes).toBeNull();
  });
});

describe('reading a basis or a scope as a factor table writes it', () => {
  it('knows each basis however it is written, and nothing else', () => {
    const read = (texts: readonly string[]) => texts.map(parseFactorBasis);
    expect(read(['location', ' Location-based ', 'LOCATION BASED', 'location  based'])).toEqual(['location', 'location', 'location', 'location']);
    expect(read(['market', 'Market-based', 'marketbased'])).toEqual(['market', 'market', 'market']);
    expect(read(['residual', 'Residual mix', 'residual-mix based'])).toEqual(['residual-mix', 'residual-mix', 'residual-mix']);
    expect(read(['supplier', 'Supplier-specific', 'supplier specific'])).toEqual(['supplier-specific', 'supplier-specific', 'supplier-specific']);
    expect(read(['contractual', 'contractual instruments', 'Instrument', 'instruments'])).toEqual(['contractual', 'contractual', 'contractual', 'contractual']);
    expect(read(['', 'based', 'location market', 'marketing', 'residual mixes'])).toEqual([null, null, null, null, null]);
  });

  it('knows each scope however it is written, and nothing else', () => {
    const read = (texts: readonly string[]) => texts.map(parseFactorScope);
    expect(read(['1', ' Scope 2 ', 'scope3', 'S1', '2.0', '3.00'])).toEqual(['Scope 1', 'Scope 2', 'Scope 3', 'Scope 1', 'Scope 2', 'Scope 3']);
    expect(read(['Outside of scopes', 'outside the scope', 'outside scopes', 'Outside  of  the  scopes', 'Biogenic'])).toEqual(Array(5).fill('Outside of scopes'));
    expect(read(['4', 'Scope', 's 1', '1.5', 'tier 2', 'biogenic CO2', 'non-biogenic', 'outside'])).toEqual(Array(8).fill(null));
  });
});
