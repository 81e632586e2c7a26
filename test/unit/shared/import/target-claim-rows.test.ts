/**
 * Targets and reported figures (claims), row by row (`mapTargetRow`, `mapClaimRow`), and their
 * numeric cells as the control totals count them (`referenceReading`): the value and unit each
 * row gives, its period, and the exact reason a row is refused. (Each mapping is made inside its
 * test: code run while the file is collected is not the test's.)
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import type { FiscalSettings } from '../../../../shared/calc/fiscal';
import { mappingSchema, type Mapping, type MappingKind } from '../../../../shared/import/mapping';
import { mapClaimRow, mapTargetRow, referenceReading } from '../../../../shared/import/reference-rows';

const TABLE = { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 };
const APRIL_YEARS: FiscalSettings = { startMonth: 4, labelRule: 'end-year' };

type ColumnInput = Record<string, unknown> & { readonly header: string; readonly role: string };

function mappingOf(kind: MappingKind, columns: readonly ColumnInput[], extra: Record<string, unknown> = {}): Mapping {
  return mappingSchema.parse({ version: 1, kind, table: TABLE, layout: 'long', decimalSeparator: '.', ...extra, columns: columns.map((column, index) => ({ column: index, ...column })) });
}

const METRIC = { header: 'Metric', role: 'metric' };
const UNIT = { header: 'Unit', role: 'unit' };
const NOTES = { header: 'Notes', role: 'notes' };

const row = (cells: readonly Cell[]) => ({ rowNumber: 4, cells });
const percentCell = (value: number, format = '0.0%'): Cell => ({ t: 'percent', value, format });

describe('a target row', () => {
  /** Metric | Target | Unit | Target year | Base year | Notes */
  const targets = (target: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    mappingOf('targets', [METRIC, { header: 'Target', role: 'target_value', ...target }, UNIT, { header: 'Target year', role: 'target_year' }, { header: 'Base year', role: 'base_year' }, NOTES], extra);
  const target = (mapping: Mapping, cells: readonly Cell[]) => mapTargetRow(mapping, row(cells));

  it('gives an absolute target in its unit, with its years as fiscal-year labels', () => {
    expect(target(targets(), [' Scope 1 ', 5000, ' tCO2e ', '2030', 'FY 2019', ' board '])).toEqual({
      ok: true,
      draft: { metric: 'Scope 1', targetType: 'absolute', targetValue: 5000, unit: 'tCO2e', percent: null, basePeriod: 'FY2019', targetPeriod: 'FY2030', notes: 'board' },
    });
  });

  it('gives a percentage as a change against its base, as a fraction, with how import knew', () => {
    expect(target(targets(), ['Scope 1+2', '-42%', '', 'fy2030', null, null])).toEqual({
      ok: true,
      draft: { metric: 'Scope 1+2', targetType: 'percent-change-vs-base', targetValue: -0.42, unit: '%', percent: 'percent-text', basePeriod: null, targetPeriod: 'FY2030', notes: null },
    });
    expect(target(targets(), ['Scope 1+2', percentCell(-0.42), null, '2030', '2019', null])).toMatchObject({ ok: true, draft: { targetValue: -0.42, unit: '%', percent: 'number-format' } });
    expect(target(targets(), ['Scope 1+2', -42, '%', '2030', '2019', null])).toMatchObject({ ok: true, draft: { targetType: 'percent-change-vs-base', targetValue: -0.42, unit: '%', percent: 'unit-column' } });
  });

  it('keeps a year that is not a plain year as written', () => {
    expect(target(targets(), ['Scope 1', 10, 'tCO2e', 'FY2029/30', ' 2019-20 ', null])).toMatchObject({ ok: true, draft: { targetPeriod: 'FY2029/30', basePeriod: '2019-20' } });
    expect(target(targets(), ['Scope 1', 10, 'tCO2e', 'by 2030', null, null])).toMatchObject({ ok: true, draft: { targetPeriod: 'by 2030' } });
  });

  it('reads its unit from the unit column, else the value column’s header', () => {
    const headed = targets({ unitText: 'tCO2e' });
    expect(target(headed, ['Scope 1', 5000, 'ktCO2e', '2030', null, null])).toMatchObject({ ok: true, draft: { unit: 'ktCO2e' } });
    expect(target(headed, ['Scope 1', 5000, '  ', '2030', null, null])).toMatchObject({ ok: true, draft: { unit: 'tCO2e' } });
    const noUnitColumn = mappingOf('targets', [METRIC, { header: 'Target (%)', role: 'target_value', unitText: '%' }, { header: 'Target year', role: 'target_year' }]);
    expect(target(noUnitColumn, ['Scope 1', 42, '2030'])).toMatchObject({ ok: true, draft: { targetValue: 0.42, unit: '%', percent: 'unit-column' } });
    expect(target(targets(), ['Scope 1', 5000, null, '2030', null, null])).toMatchObject({ ok: true, draft: { unit: null, percent: null } });
  });

  it('reads a number from 0 to 1 beside % as the mapping says, and refuses it when the mapping does not', () => {
    expect(target(targets({ percentScale: 'fraction' }), ['Scope 1', 0.42, '%', '2030', null, null])).toMatchObject({ ok: true, draft: { targetValue: 0.42 } });
    expect(target(targets({ percentScale: 'points' }), ['Scope 1', 0.42, '%', '2030', null, null])).toMatchObject({ ok: true, draft: { targetValue: 0.0042 } });
    const refused = target(targets(), ['Scope 1', 0.42, '%', '2030', null, null]);
    expect(refused).toEqual({ ok: false, rejections: [{ column: 1, reason: expect.stringMatching(/^column B: 0\.42 beside the unit '%' could be 0\.42 % or 42 %/) }] });
  });

  it('reads its value with the mapping’s decimal separator', () => {
    expect(target(targets({}, { decimalSeparator: ',' }), ['Scope 1', '1.234,5', 'tCO2e', '2030', null, null])).toMatchObject({ ok: true, draft: { targetValue: 1234.5 } });
  });

  it('is refused with every reason: no metric, a blank or unreadable value, no target year', () => {
    expect(target(targets(), ['', null, 'tCO2e', ' ', null, null])).toEqual({
      ok: false,
      rejections: [{ column: 0, reason: 'no metric' }, { column: 1, reason: 'column B: the target value is blank' }, { column: 3, reason: 'no target year' }],
    });
    expect(target(targets(), ['Scope 1', 'n/a', 'tCO2e', '2030', null, null])).toEqual({ ok: false, rejections: [{ column: 1, reason: expect.stringMatching(/^column B: .*n\/a/) }] });
  });

  it('is refused when the mapping has no column for the metric, the value or the target year', () => {
    const bare = mappingOf('targets', [NOTES]);
    expect(target(bare, ['x'])).toEqual({
      ok: false,
      rejections: [{ column: null, reason: 'no metric' }, { column: null, reason: 'the mapping has no target value column' }, { column: null, reason: 'no target year' }],
    });
  });
});

describe('a claim row', () => {
  const claim = (mapping: Mapping, cells: readonly Cell[], fiscal: FiscalSettings = APRIL_YEARS) => mapClaimRow(mapping, row(cells), fiscal);
  const VALUE = { header: 'Reported', role: 'claim_value' };
  /** Metric | Year | Reported | Unit | Site | Notes */
  const byYear = (extra: Record<string, unknown> = {}) => mappingOf('claims', [METRIC, { header: 'Year', role: 'year' }, VALUE, UNIT, { header: 'Site', role: 'site' }, NOTES], extra);
  /** Metric | Period | Reported */
  const byPeriod = (extra: Record<string, unknown> = {}) => mappingOf('claims', [METRIC, { header: 'Period', role: 'period' }, VALUE], extra);

  it('gives the figure as reported, with the decimals it was shown with', () => {
    expect(claim(byYear(), ['Net Scope 1+2', 2023, '6,785.60', 'tCO2e', ' Leeds ', 'p.12'])).toEqual({
      ok: true,
      draft: { metric: 'Net Scope 1+2', period: 'FY2023', value: 6785.6, unit: 'tCO2e', percent: null, decimals: 2, site: 'Leeds', notes: 'p.12' },
    });
    expect(claim(byYear(), ['Clean share', 'FY2023', '53.9%', null, null, null])).toEqual({
      ok: true,
      draft: { metric: 'Clean share', period: 'FY2023', value: 0.539, unit: '%', percent: 'percent-text', decimals: 1, site: null, notes: null },
    });
  });

  it('takes its period from the year column first, else the period column', () => {
    const both = mappingOf('claims', [METRIC, { header: 'Year', role: 'year' }, { header: 'Period', role: 'period' }, VALUE]);
    expect(claim(both, ['PUE', '2023', '2022-05', 1.2])).toMatchObject({ ok: true, draft: { period: 'FY2023' } });
    expect(claim(both, ['PUE', '', '2022-05', 1.2])).toMatchObject({ ok: true, draft: { period: '2022-05-01..2022-05-31' } });
  });

  it('from a period column: a fiscal year keeps its label, any other period runs from its first day to its last', () => {
    expect(claim(byPeriod(), ['PUE', ' FY 2024 ', 1.2])).toMatchObject({ ok: true, draft: { period: 'FY2024' } });
    expect(claim(byPeriod(), ['PUE', ' FY2023/24 ', 1.2])).toMatchObject({ ok: true, draft: { period: 'FY2023/24' } });
    expect(claim(byPeriod(), ['PUE', '2023 Q2', 1.2])).toMatchObject({ ok: true, draft: { period: '2023-04-01..2023-06-30' } });
    expect(claim(byPeriod(), ['PUE', { t: 'date', iso: '2023-05-15T00:00:00.000Z' }, 1.2])).toMatchObject({ ok: true, draft: { period: '2023-05-15..2023-05-15' } });
  });

  it('reads dates in the period column year first unless the mapping says otherwise', () => {
    expect(claim(byPeriod(), ['PUE', '2023/05/04', 1.2])).toMatchObject({ ok: true, draft: { period: '2023-05-04..2023-05-04' } });
    expect(claim(byPeriod({ dayOrder: 'DMY' }), ['PUE', '04/05/2023', 1.2])).toMatchObject({ ok: true, draft: { period: '2023-05-04..2023-05-04' } });
  });

  it('reads a fiscal-year label in the period column with the engagement’s fiscal year', () => {
    const calendar: FiscalSettings = { startMonth: 1, labelRule: 'end-year' };
    const startYear: FiscalSettings = { startMonth: 4, labelRule: 'start-year' };
    for (const fiscal of [APRIL_YEARS, calendar, startYear]) {
      expect(claim(byPeriod(), ['PUE', 'FY2024', 1.2], fiscal)).toMatchObject({ ok: true, draft: { period: 'FY2024' } });
    }
  });

  it('is refused with the period column’s reason when it cannot be read, and no other about the period', () => {
    expect(claim(byPeriod(), ['PUE', 'sometime', 1.2])).toEqual({ ok: false, rejections: [{ column: 1, reason: expect.stringContaining('sometime') }] });
  });

  it('is refused without a period, naming the blank year or period column', () => {
    expect(claim(byPeriod(), ['PUE', null, 1.2])).toEqual({ ok: false, rejections: [{ column: 1, reason: 'column B: the period is blank' }] });
    expect(claim(byYear(), ['PUE', ' ', 1.2, null, null, null])).toEqual({ ok: false, rejections: [{ column: 1, reason: 'column B: the year is blank' }] });
    const both = mappingOf('claims', [METRIC, { header: 'Year', role: 'year' }, { header: 'Period', role: 'period' }, VALUE]);
    expect(claim(both, ['PUE', '', null, 1.2])).toEqual({ ok: false, rejections: [{ column: 1, reason: 'columns B, C: the year and the period are blank' }] });
  });

  it('is refused with every reason that applies: no metric, no value, no period, in that order', () => {
    expect(claim(byYear(), [null, null, null, 'tCO2e', null, null])).toEqual({
      ok: false,
      rejections: [{ column: 0, reason: 'no metric' }, { column: 2, reason: 'column C: the reported value is blank' }, { column: 1, reason: 'column B: the year is blank' }],
    });
    expect(claim(byPeriod(), [null, null, 1.2])).toEqual({ ok: false, rejections: [{ column: 0, reason: 'no metric' }, { column: 1, reason: 'column B: the period is blank' }] });
    expect(claim(byPeriod(), [null, 'sometime', 1.2])).toEqual({ ok: false, rejections: [{ column: 0, reason: 'no metric' }, { column: 1, reason: expect.stringContaining('sometime') }] });
    expect(claim(mappingOf('claims', [METRIC, { header: 'Year', role: 'year' }]), ['Scope 1', '2023'])).toEqual({ ok: false, rejections: [{ column: null, reason: 'the mapping has no reported value column' }] });
  });
});

describe('a reference row’s numbers as the control totals count them', () => {
  /** Metric | Value | Unit | Year */
  const claims = (value: Record<string, unknown> = {}) => mappingOf('claims', [METRIC, { header: 'Value', role: 'claim_value', ...value }, UNIT, { header: 'Year', role: 'year' }]);
  const reading = (mapping: Mapping, column: number, cells: readonly Cell[]) => referenceReading(mapping, mapping.columns[column]!, row(cells));

  it('counts a reported number in its row’s unit, else its header’s, a percentage in percent points under %', () => {
    expect(reading(claims(), 1, ['Scope 1', 6785.6, 'tCO2e', '2023'])).toEqual({ kind: 'number', value: 6785.6, unit: 'tCO2e' });
    expect(reading(claims({ unitText: 'MWh' }), 1, ['Energy', 12, null, '2023'])).toEqual({ kind: 'number', value: 12, unit: 'MWh' });
    expect(reading(claims(), 1, ['Energy', 12, null, '2023'])).toEqual({ kind: 'number', value: 12, unit: null });
    expect(reading(claims(), 1, ['Share', '53.9%', null, '2023'])).toEqual({ kind: 'number', value: 53.9, unit: '%' });
    expect(reading(claims(), 1, ['Share', percentCell(0.539), null, '2023'])).toEqual({ kind: 'number', value: 53.9, unit: '%' });
    expect(reading(claims({ percentScale: 'fraction' }), 1, ['Share', 0.539, '%', '2023'])).toEqual({ kind: 'number', value: 53.9, unit: '%' });
  });

  it('tells a blank from a cell that is no number, or a number it cannot read', () => {
    expect(reading(claims(), 1, ['Scope 1', null, 'tCO2e', '2023'])).toEqual({ kind: 'blank' });
    expect(reading(claims(), 1, ['Scope 1', 'n/a', 'tCO2e', '2023'])).toEqual({ kind: 'unreadable' });
    expect(reading(claims(), 1, ['Share', 0.5, '%', '2023'])).toEqual({ kind: 'unreadable' });
    expect(reading(claims(), 1, ['Share', '12%', 'tCO2e', '2023'])).toEqual({ kind: 'unreadable' });
  });

  it('counts any other numeric column as a quantity in its header’s unit', () => {
    const mapping = mappingOf('activity', [{ header: 'Site', role: 'site' }, { header: 'Month', role: 'period' }, { header: 'Gas (kWh)', role: 'value', activity: 'natural_gas', unitText: 'kWh' }], { layout: 'wide' });
    expect(reading(mapping, 2, ['Leeds', '2023-05', '1 200'])).toEqual({ kind: 'number', value: 1200, unit: 'kWh' });
    expect(reading(mapping, 2, ['Leeds', '2023-05', null])).toEqual({ kind: 'blank' });
    expect(reading(mapping, 2, ['Leeds', '2023-05', 'lots'])).toEqual({ kind: 'unreadable' });
    const comma = mappingOf('activity', [{ header: 'Site', role: 'site' }, { header: 'Month', role: 'period' }, { header: 'Gas', role: 'value', activity: 'natural_gas' }], { layout: 'wide', decimalSeparator: ',' });
    expect(reading(comma, 2, ['Leeds', '2023-05', '1,5'])).toEqual({ kind: 'number', value: 1.5, unit: null });
  });
});
