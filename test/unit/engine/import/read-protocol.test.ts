import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../../../shared/import/cell';
import { packRows, unpackRows } from '../../../../electron/engine/import/read-protocol';

describe('packing a batch of rows into one array and back', () => {
  // Through a structured clone, as posting the packed batch to the writing thread does.
  const roundTrip = (rows: RawRow[]) => unpackRows(structuredClone(packRows(rows)));

  it('gives back every row with its number and cells, whatever the cells hold', () => {
    const rows: RawRow[] = [
      { rowNumber: 1, cells: ['Site', 'kWh', { t: 'date', iso: '2021-04-01T00:00:00.000Z' }] },
      { rowNumber: 2, cells: [] },
      { rowNumber: 3, cells: [true, -0, Number.NaN, 0, { t: 'formula', formula: 'A1*2', result: { t: 'error', code: '#N/A' } }] },
      { rowNumber: 5, cells: ['trailing', null, null] },
      // Cells equal to a row number or a cell count, which the packed array also holds.
      { rowNumber: 6, cells: [2, 6, 3, 1] },
      { rowNumber: 7, cells: [null] },
      { rowNumber: 1_048_576, cells: [{ t: 'percent', value: 0.5, format: '0%' }, ''] },
    ];
    const read = roundTrip(rows);
    expect(read).toEqual(rows);
    expect(Object.is(read[2]?.cells[1], -0)).toBe(true);
    expect(read[2]?.cells[2]).toBeNaN();
  });

  it('keeps empty rows at the start, the end and in a row of them', () => {
    const rows: RawRow[] = [
      { rowNumber: 1, cells: [] },
      { rowNumber: 2, cells: [] },
      { rowNumber: 3, cells: [0] },
      { rowNumber: 4, cells: [] },
    ];
    expect(roundTrip(rows)).toEqual(rows);
    expect(roundTrip([])).toEqual([]);
  });
});
