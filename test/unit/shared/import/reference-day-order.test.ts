/**
 * Dates in factor tables and reported figures are read year first unless the mapping gives a day
 * order: a date written with the year last is then refused, never read month first by default.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { mapClaimRow, mapFactorRow } from '../../../../shared/import/reference-rows';

const TABLE = { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 };
const YEAR_LAST = "'05/03/2024' puts the year last, but the column's day order is year-month-day";

function mappingOf(kind: 'factors' | 'claims', columns: readonly { readonly header: string; readonly role: string }[]): Mapping {
  return mappingSchema.parse({ version: 1, kind, table: TABLE, layout: 'long', decimalSeparator: '.', columns: columns.map((column, index) => ({ column: index, ...column })) });
}

describe('a date with the year last and no day order in the mapping', () => {
  it('is refused as a factor’s validity', () => {
    const mapping = mappingOf('factors', [{ header: 'Activity', role: 'activity' }, { header: 'Factor', role: 'factor_value' }, { header: 'Unit', role: 'factor_unit' }, { header: 'Valid from', role: 'period_start' }]);
    const cells: Cell[] = ['Electricity', 0.2, 'kg CO2e/kWh', '05/03/2024'];
    expect(mapFactorRow(mapping, { rowNumber: 2, cells })).toEqual({ ok: false, rejections: [{ column: 3, reason: `column D: ${YEAR_LAST}` }] });
  });

  it('is refused as a reported figure’s period', () => {
    const mapping = mappingOf('claims', [{ header: 'Metric', role: 'metric' }, { header: 'Period', role: 'period' }, { header: 'Reported', role: 'claim_value' }]);
    const result = mapClaimRow(mapping, { rowNumber: 2, cells: ['PUE', '05/03/2024', 1.2] }, { startMonth: 4, labelRule: 'end-year' });
    expect(result).toEqual({ ok: false, rejections: [{ column: 1, reason: YEAR_LAST }] });
  });
});
