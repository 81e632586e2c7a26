/**
 * Rows of activity data under a mapping: what becomes a record and what is rejected, and why.
 * Blank is missing, never zero, in either layout.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { mappingSchema, type Mapping } from '../../../../shared/import/mapping';
import { createActivityRowMapper } from '../../../../shared/import/records';
import { longActivityMapping } from '../../../helpers/mappings';

const TABLE = { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 };
const CONTEXT = { fiscal: { startMonth: 4, labelRule: 'end-year' }, earliestPeriodStart: null } as const;

const LONG = longActivityMapping();

/** Site | Month | Electricity (kWh) | Diesel (L). */
const WIDE: Mapping = mappingSchema.parse({
  version: 1, kind: 'activity', table: TABLE, layout: 'wide', decimalSeparator: '.',
  columns: [
    { column: 0, header: 'Site', role: 'site' },
    { column: 1, header: 'Month', role: 'period' },
    { column: 2, header: 'Electricity (kWh)', role: 'value', activity: 'electricity', unitText: 'kWh' },
    { column: 3, header: 'Diesel (L)', role: 'value', activity: 'diesel', unitText: 'L' },
  ],
});

const mapRow = (mapping: Mapping, cells: readonly Cell[]) => createActivityRowMapper(mapping, CONTEXT)({ rowNumber: 7, cells });

describe('a blank quantity in a long layout', () => {
  it.each<[string, Cell]>([
    ['an empty cell', null],
    ['an empty string', ''],
    ['spaces', '   '],
    ['a formula showing nothing', { t: 'formula', formula: 'IF(A7="","",B7)', result: '' }],
  ])('is missing, not zero: %s rejects the row', (_what, quantity) => {
    const mapped = mapRow(LONG, ['London', '2023-05', 'Electricity', quantity, 'kWh']);
    expect(mapped.records).toEqual([]);
    expect(mapped.rejections).toEqual([{ column: null, reason: 'the quantity is blank (blank is missing, not zero)' }]);
    // Control totals count it as a blank, not as a zero.
    expect(mapped.quantities).toEqual(new Map([[3, null]]));
  });

  it('keeps a written zero as a zero', () => {
    const mapped = mapRow(LONG, ['London', '2023-05', 'Electricity', 0, 'kWh']);
    expect(mapped.rejections).toEqual([]);
    expect(mapped.records).toEqual([expect.objectContaining({ activity: 'electricity', quantity: 0, unit: 'kWh', periodStart: '2023-05-01', periodEnd: '2023-05-31' })]);
    expect(mapped.quantities).toEqual(new Map([[3, 0]]));
  });
});

describe('blank cells in a wide layout', () => {
  it('import the filled columns only, and reject a row whose every quantity is blank', () => {
    const partly = mapRow(WIDE, ['London', '2023-05', 1200, null]);
    expect(partly.records.map((record) => [record.activity, record.quantity])).toEqual([['electricity', 1200]]);
    expect(partly.quantities).toEqual(new Map([[2, 1200], [3, null]]));

    const empty = mapRow(WIDE, ['London', '2023-05', '', null]);
    expect(empty.records).toEqual([]);
    expect(empty.rejections).toEqual([{ column: null, reason: 'every mapped quantity is blank (blank is missing, not zero)' }]);
  });
});
