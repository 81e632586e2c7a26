/**
 * The rules a saved mapping keeps (`mappingSchema`), one at a time, each refusal with the field
 * it names and its exact message; and the small helpers beside it. A template comes from a file
 * anyone can edit, so every rule is the only thing between a contradictory mapping and an import.
 */
import { describe, expect, it } from 'vitest';
import { isRepeatableRole, mappedColumnCount, mappingSchema, rowScanOptions, type Mapping } from '../../../../shared/import/mapping';

const TABLE = { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 };
const SITE = { header: 'Site', role: 'site' };
const MONTH = { header: 'Month', role: 'period' };
const GAS = { header: 'Gas (kWh)', role: 'value', activity: 'natural_gas' };
const QUANTITY = { header: 'Quantity', role: 'quantity' };

type ColumnInput = Record<string, unknown>;

/** A mapping of the given kind and layout with its columns placed A onwards (unless a column says where). */
const mappingOf = (kind: string, layout: string, columns: readonly ColumnInput[], extra: Record<string, unknown> = {}) => ({
  version: 1, kind, table: TABLE, layout, decimalSeparator: '.', ...extra, columns: columns.map((column, index) => ({ column: index, ...column })),
});
const wide = (columns: readonly ColumnInput[], extra: Record<string, unknown> = {}) => mappingOf('activity', 'wide', [SITE, MONTH, ...columns], extra);
const long = (columns: readonly ColumnInput[], extra: Record<string, unknown> = {}) => mappingOf('activity', 'long', [SITE, MONTH, QUANTITY, ...columns], extra);

/** Every refusal, as the field it names and its message. */
const issues = (mapping: unknown) => {
  const result = mappingSchema.safeParse(mapping);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('a value column', () => {
  it('names a catalogue activity, and a meaning that activity takes', () => {
    expect(issues(wide([GAS]))).toEqual([]);
    expect(issues(wide([{ ...GAS, meaning: 'consumption' }]))).toEqual([]);
    expect(issues(wide([{ header: 'Gas', role: 'value' }]))).toEqual([{ path: 'columns.2.activity', message: 'a value column must name its activity' }]);
    expect(issues(wide([{ ...GAS, activity: 'unobtainium' }]))).toEqual([{ path: 'columns.2.activity', message: "unknown activity 'unobtainium'" }]);
    expect(issues(wide([{ ...GAS, meaning: 'instrument' }]))).toEqual([{ path: 'columns.2.meaning', message: "Natural gas cannot have the meaning 'instrument'" }]);
  });

  it('is the only column that names an activity or a meaning', () => {
    expect(issues(long([{ header: 'Notes', role: 'notes', activity: 'diesel' }]))).toEqual([{ path: 'columns.3.role', message: 'only value columns name an activity and a meaning' }]);
    expect(issues(long([{ header: 'Notes', role: 'notes', meaning: 'consumption' }]))).toEqual([{ path: 'columns.3.role', message: 'only value columns name an activity and a meaning' }]);
  });

  it('is the only column that carries attributes from its header', () => {
    expect(issues(wide([{ ...GAS, activity: 'refrigerant', attributes: { gas: 'R-410A' } }]))).toEqual([]);
    expect(issues(long([{ header: 'Notes', role: 'notes', attributes: { gas: 'R-410A' } }]))).toEqual([{ path: 'columns.3.attributes', message: 'only value columns carry attributes from their header' }]);
  });
});

describe('what a column may say beside its role', () => {
  it('a unit: numeric columns only', () => {
    expect(issues(mappingOf('activity', 'long', [SITE, MONTH, { ...QUANTITY, unitText: 'kWh' }]))).toEqual([]);
    expect(issues(wide([{ ...GAS, unitText: 'kWh' }, { header: 'Gas (m3)', role: 'twin', twinOf: 2, unitText: 'm3' }]))).toEqual([]);
    expect(issues(mappingOf('factors', 'long', [{ header: 'Factor', role: 'factor_value', unitText: 'kg CO2e/kWh' }]))).toEqual([]);
    expect(issues(mappingOf('targets', 'long', [{ header: 'Target', role: 'target_value', unitText: 'tCO2e' }]))).toEqual([]);
    expect(issues(mappingOf('claims', 'long', [{ header: 'Reported', role: 'claim_value', unitText: '%' }]))).toEqual([]);
    expect(issues(long([{ header: 'Notes', role: 'notes', unitText: 'kWh' }]))).toEqual([{ path: 'columns.3.unitText', message: 'a notes column has no unit' }]);
  });

  it('a percent scale: reported and target values only', () => {
    expect(issues(mappingOf('targets', 'long', [{ header: 'Target', role: 'target_value', percentScale: 'fraction' }]))).toEqual([]);
    expect(issues(mappingOf('claims', 'long', [{ header: 'Reported', role: 'claim_value', percentScale: 'points' }]))).toEqual([]);
    expect(issues(mappingOf('activity', 'long', [SITE, MONTH, { ...QUANTITY, percentScale: 'points' }]))).toEqual([
      { path: 'columns.2.percentScale', message: 'a quantity column holds no reported percentage' },
    ]);
  });

  it('a twin: twin columns must name the column they repeat, and only they', () => {
    expect(issues(wide([{ header: 'Gas (m3)', role: 'twin' }, GAS]))).toEqual([{ path: 'columns.2.twinOf', message: 'a twin column must name the value column it repeats (twinOf)' }]);
    expect(issues(wide([{ ...GAS, twinOf: 0 }]))).toEqual([{ path: 'columns.2.twinOf', message: 'only twin columns name a twin' }]);
  });

  it('an attribute: attribute columns must name theirs, and only they', () => {
    expect(issues(long([{ header: 'Refrigerant', role: 'attribute', attribute: 'gas' }]))).toEqual([]);
    expect(issues(long([{ header: 'Refrigerant', role: 'attribute' }]))).toEqual([{ path: 'columns.3.attribute', message: 'an attribute column must name its attribute' }]);
    expect(issues(long([{ header: 'Notes', role: 'notes', attribute: 'gas' }]))).toEqual([{ path: 'columns.3.attribute', message: 'only attribute columns name an attribute' }]);
  });

  it('a calorific basis: a quantity, or a value column of a fuel', () => {
    expect(issues(long([], {}))).toEqual([]);
    expect(issues(mappingOf('activity', 'long', [SITE, MONTH, { ...QUANTITY, calorificBasis: 'net' }]))).toEqual([]);
    expect(issues(wide([{ ...GAS, calorificBasis: 'gross' }]))).toEqual([]);
    expect(issues(wide([{ ...GAS, activity: 'electricity', calorificBasis: 'gross' }]))).toEqual([{ path: 'columns.2.calorificBasis', message: 'a calorific basis applies to fuels burned, not to Electricity' }]);
    expect(issues(wide([{ ...GAS, activity: 'unobtainium', calorificBasis: 'gross' }]))).toEqual([
      { path: 'columns.2.activity', message: "unknown activity 'unobtainium'" },
      { path: 'columns.2.calorificBasis', message: 'a calorific basis applies to fuels burned, not to unobtainium' },
    ]);
    expect(issues(wide([{ header: 'Gas', role: 'value', calorificBasis: 'gross' }]))).toEqual([{ path: 'columns.2.activity', message: 'a value column must name its activity' }]);
    expect(issues(long([{ header: 'Notes', role: 'notes', calorificBasis: 'net' }]))).toEqual([{ path: 'columns.3.calorificBasis', message: 'a notes column holds no fuel quantity to state a calorific basis for' }]);
  });

  it('a metric: claim columns only', () => {
    expect(issues(long([{ header: 'Scope 1 (t)', role: 'claim_value', metric: 'Scope 1' }]))).toEqual([]);
    expect(issues(long([{ header: 'Notes', role: 'notes', metric: 'Scope 1' }]))).toEqual([{ path: 'columns.3.metric', message: 'only claim columns name a metric' }]);
  });
});

describe('the columns of a mapping', () => {
  it('each map once, to a role of the mapping’s kind', () => {
    expect(issues(long([{ header: 'Again', role: 'notes', column: 1 }]))).toEqual([{ path: 'columns', message: 'column B is mapped twice' }]);
    expect(issues(long([{ header: 'EF', role: 'factor_value' }]))).toEqual([{ path: 'columns', message: "column D: role 'factor_value' is not used in activity mappings" }]);
    expect(issues(mappingOf('targets', 'long', [{ header: 'Site', role: 'site' }, { header: 'Qty', role: 'quantity' }]))).toEqual([{ path: 'columns', message: "column B: role 'quantity' is not used in targets mappings" }]);
  });

  it('give a single role to one column, and the repeatable ones to any number', () => {
    expect(issues(long([{ header: 'Site 2', role: 'site' }]))).toEqual([{ path: 'columns', message: "column D: role 'site' is given to more than one column" }]);
    expect(issues(long([{ header: 'A', role: 'notes' }, { header: 'B', role: 'notes' }, { header: 'C', role: 'ignore' }, { header: 'D', role: 'ignore' }]))).toEqual([]);
    expect(issues(wide([GAS, { ...GAS, header: 'More gas' }, { header: 'Gas (m3)', role: 'twin', twinOf: 2 }, { header: 'Gas (therms)', role: 'twin', twinOf: 3 }]))).toEqual([]);
    // Several reported figures per row in an activity sheet; one in a claims table.
    expect(issues(long([{ header: 'Scope 1', role: 'claim_value' }, { header: 'Scope 2', role: 'claim_value' }]))).toEqual([]);
    expect(issues(mappingOf('claims', 'long', [{ header: 'Scope 1', role: 'claim_value' }, { header: 'Scope 2', role: 'claim_value' }]))).toEqual([
      { path: 'columns', message: "column B: role 'claim_value' is given to more than one column" },
    ]);
  });

  it('give each attribute to one column, said once however many repeat it', () => {
    expect(issues(long([{ header: 'Gas', role: 'attribute', attribute: 'gas' }, { header: 'Haul', role: 'attribute', attribute: 'haul' }]))).toEqual([]);
    const thrice = [1, 2, 3].map((n) => ({ header: `Gas ${n}`, role: 'attribute', attribute: 'gas' }));
    expect(issues(long(thrice))).toEqual([{ path: 'columns', message: "attribute 'gas' is given to more than one column" }]);
  });

  it('have a twin repeat a value column', () => {
    expect(issues(wide([GAS, { header: 'Gas (m3)', role: 'twin', twinOf: 1 }]))).toEqual([{ path: 'columns', message: 'column D: a twin repeats a value column, and column B is not one' }]);
    expect(issues(wide([GAS, { header: 'Gas (m3)', role: 'twin', twinOf: 9 }]))).toEqual([{ path: 'columns', message: 'column D: a twin repeats a value column, and column J is not one' }]);
  });
});

describe('the layout of a mapping', () => {
  it('wide: an activity mapping with value columns and no column a long layout has', () => {
    expect(issues(mappingOf('factors', 'wide', [GAS]))).toEqual([{ path: 'columns', message: "column A: role 'value' is not used in factors mappings" }, { path: 'columns', message: 'only activity mappings have a wide layout' }]);
    expect(issues(wide([]))).toEqual([{ path: 'columns', message: 'a wide layout needs at least one value column' }]);
    expect(issues(wide([GAS, { header: 'Unit', role: 'unit' }, { header: 'Meaning', role: 'meaning' }, QUANTITY]))).toEqual([
      { path: 'columns', message: 'a wide layout has no quantity, unit, meaning column: each value column names its activity and unit' },
    ]);
    expect(issues(wide([GAS, { header: 'Activity', role: 'activity' }]))).toEqual([{ path: 'columns', message: 'a wide layout has no activity column: each value column names its activity and unit' }]);
  });

  it('long: no value columns, and a quantity column in an activity mapping', () => {
    expect(issues(mappingOf('activity', 'long', [SITE, MONTH, GAS, QUANTITY]))).toEqual([{ path: 'columns', message: 'value columns belong to a wide layout; a long layout has one quantity column' }]);
    expect(issues(mappingOf('activity', 'long', [SITE, MONTH]))).toEqual([{ path: 'columns', message: 'a long layout needs a quantity column' }]);
    expect(issues(mappingOf('factors', 'long', [{ header: 'Activity', role: 'activity' }]))).toEqual([]);
  });
});

describe('the rest of a mapping', () => {
  it('matches metrics to figures of the catalogue, in claims mappings only', () => {
    const claims = (figureMatches: Record<string, string>) => mappingOf('claims', 'long', [{ header: 'Metric', role: 'metric' }], { figureMatches });
    expect(issues(claims({ 'Net emissions': 'net' }))).toEqual([]);
    expect(issues(claims({ 'Net emissions': 'nett' }))).toEqual([{ path: 'figureMatches.Net emissions', message: 'not a figure of the catalogue' }]);
    expect(issues({ ...long([]), figureMatches: { 'Net emissions': 'net' } })).toEqual([{ path: 'figureMatches', message: 'only claims mappings match metrics to figures' }]);
  });

  it('defaults to a catalogue activity only', () => {
    expect(issues(long([], { defaults: { activity: 'diesel' } }))).toEqual([]);
    expect(issues(long([], { defaults: { activity: 'Diesel' } }))).toEqual([{ path: 'defaults.activity', message: 'unknown activity' }]);
  });
});

describe('what a mapping’s kind and columns imply', () => {
  it('reads a totals row as data in reported figures and targets only', () => {
    expect(rowScanOptions('claims')).toEqual({ totalsAreData: true, decimalSeparator: undefined });
    expect(rowScanOptions('targets', ',')).toEqual({ totalsAreData: true, decimalSeparator: ',' });
    expect(rowScanOptions('activity', '.')).toEqual({ totalsAreData: false, decimalSeparator: '.' });
    expect(rowScanOptions('factors')).toEqual({ totalsAreData: false, decimalSeparator: undefined });
  });

  it('lets the repeatable roles repeat in any kind, and reported figures in activity sheets only', () => {
    expect(['value', 'twin', 'attribute', 'notes', 'ignore'].every((role) => isRepeatableRole('targets', role as never))).toBe(true);
    expect(isRepeatableRole('activity', 'claim_value')).toBe(true);
    expect(isRepeatableRole('claims', 'claim_value')).toBe(false);
    expect(isRepeatableRole('activity', 'site')).toBe(false);
  });

  it('reads as many columns as its right-most mapped column needs', () => {
    const parsed = (mapping: unknown): Mapping => mappingSchema.parse(mapping);
    expect(mappedColumnCount(parsed(mappingOf('factors', 'long', [])))).toBe(0);
    expect(mappedColumnCount(parsed(mappingOf('factors', 'long', [{ header: 'Activity', role: 'activity', column: 4 }, { header: 'Unit', role: 'unit', column: 1 }])))).toBe(5);
  });
});
