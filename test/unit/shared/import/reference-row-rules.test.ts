/** Rules of factor, target and claim rows that the first mutation run of reference-rows.ts found unpinned. */
import { expect, it } from 'vitest';
import { mappingSchema } from '../../../../shared/import/mapping';
import { mapFactorRow, parseFactorBasis, referenceReading } from '../../../../shared/import/reference-rows';

const TABLE = { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 };
const factors = (columns: readonly { readonly header: string; readonly role: string }[]) =>
  mappingSchema.parse({ version: 1, kind: 'factors', table: TABLE, layout: 'long', decimalSeparator: '.', columns: columns.map((column, index) => ({ column: index, ...column })) });

it('a factor per kWh refuses a row in another energy unit', () => {
  const mapping = factors([{ header: 'Activity', role: 'activity' }, { header: 'Factor', role: 'factor_value' }, { header: 'Factor unit', role: 'factor_unit' }, { header: 'Unit', role: 'unit' }]);
  expect(mapFactorRow(mapping, { rowNumber: 2, cells: ['Electricity', 0.2, 'kg CO2e/kWh', 'MWh'] })).toEqual({ ok: false, rejections: [{ column: 3, reason: "the factor unit 'kg CO2e/kWh' is per kWh, but the row's unit is 'MWh'" }] });
});

it('a residual-mix basis makes grid electricity of clean electricity too', () => {
  const mapping = factors([{ header: 'Activity', role: 'activity' }, { header: 'Factor', role: 'factor_value' }, { header: 'Factor unit', role: 'factor_unit' }, { header: 'Basis', role: 'basis' }]);
  expect(mapFactorRow(mapping, { rowNumber: 2, cells: ['Green tariff', 0.4, 'kg CO2e/kWh', 'residual mix'] })).toMatchObject({ ok: true, draft: { activityKey: 'electricity', residualMix: true, basis: 'residual-mix' } });
});

it('a basis is "based" only at its end', () => {
  expect(parseFactorBasis('residual-based mix')).toBeNull();
});

it('a quantity column is read as a quantity, not as a reported percentage', () => {
  const mapping = mappingSchema.parse({ version: 1, kind: 'activity', table: TABLE, layout: 'wide', decimalSeparator: '.', columns: [{ column: 0, header: 'Site', role: 'site' }, { column: 1, header: 'Gas', role: 'value', activity: 'natural_gas' }] });
  expect(referenceReading(mapping, mapping.columns[1]!, { rowNumber: 2, cells: ['Leeds', '12%'] })).toEqual({ kind: 'unreadable' });
});
