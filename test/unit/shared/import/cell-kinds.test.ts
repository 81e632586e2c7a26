// Cells as read: a percentage told from the other tagged cells, a missing cell blank like an empty
// one, and column letters across the Z/AA boundaries that every message names cells by.
import { describe, expect, it } from 'vitest';
import { columnLetter, isBlank, isPercentCell, type Cell } from '../../../../shared/import/cell';

describe('a percentage cell', () => {
  it('is a number shown through a percentage format, not a date, an error or a formula', () => {
    const cells: Cell[] = [
      { t: 'percent', value: 0.539, format: '0.0%' },
      { t: 'date', iso: '2024-04-01T00:00:00.000Z' },
      { t: 'error', code: '#N/A' },
      { t: 'formula', formula: 'B2/B3', result: 0.5 },
      0.539,
      null,
    ];
    expect(cells.map(isPercentCell)).toEqual([true, false, false, false, false, false]);
  });
});

describe('a blank cell', () => {
  it('is a cell past the end of a short row, as well as an empty or spaces-only one', () => {
    const shortRow: Cell[] = ['Leeds', 12];
    expect([shortRow[5], null, '  ', '', 0, 'x'].map(isBlank)).toEqual([true, true, true, true, false, false]);
  });
});

describe('column letters', () => {
  it('run A to Z, then AA to AZ, then to ZZ and AAA', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});
