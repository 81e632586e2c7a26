// Placeholders ('Not Available', 'N/A', '-') read as blanks: matched whole, without case or extra
// white space, only in text cells, and a row without one left as it is.
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import { DEFAULT_PLACEHOLDERS, placeholderTest, withPlaceholdersBlank } from '../../../../shared/import/placeholders';

describe('a placeholder test', () => {
  it('matches a placeholder whatever its case and white space', () => {
    const isPlaceholder = placeholderTest(DEFAULT_PLACEHOLDERS);
    for (const text of ['Not Available', 'not available', '  NOT   available ', 'Not\tAvailable', 'N/A', ' n/a', '-', '—', '..', '(blank)', 'NULL', '#N/A']) {
      expect(isPlaceholder(text), text).toBe(true);
    }
  });

  it('matches nothing else: other text, a placeholder inside longer text, numbers, errors and blanks', () => {
    const isPlaceholder = placeholderTest(DEFAULT_PLACEHOLDERS);
    const others: Cell[] = ['Available', 'Not Available yet', 'N/A (meter fault)', '--', 'nil', '', ' ', 'Not  Available but a much longer note', 0, null, true, { t: 'error', code: '#N/A' }, { t: 'formula', formula: 'NA()', result: { t: 'error', code: '#N/A' } }];
    for (const cell of others) expect(isPlaceholder(cell), JSON.stringify(cell)).toBe(false);
    expect(isPlaceholder(undefined)).toBe(false);
  });

  it("takes the mapping's own list, and with none or an empty one matches nothing", () => {
    const own = placeholderTest(['no data', 'x']);
    expect([own('No Data'), own(' no   data '), own('X'), own('N/A')]).toEqual([true, true, true, false]);
    expect(placeholderTest(undefined)('N/A')).toBe(false);
    expect(placeholderTest([])('N/A')).toBe(false);
  });

  it('matches a long placeholder padded with spaces', () => {
    const isPlaceholder = placeholderTest(['not metered this month']);
    expect(isPlaceholder('    not metered this month    ')).toBe(true);
    expect(isPlaceholder('Not metered this month.')).toBe(false);
  });
});

describe('a row with its placeholders blank', () => {
  const isPlaceholder = placeholderTest(DEFAULT_PLACEHOLDERS);

  it('blanks every placeholder cell and keeps the others, in place', () => {
    const row = { rowNumber: 4, cells: ['Leeds', 'N/A', 120, '-', 'Not Available', 'kWh'] as Cell[] };
    expect(withPlaceholdersBlank(row, isPlaceholder)).toEqual({ rowNumber: 4, cells: ['Leeds', null, 120, null, null, 'kWh'] });
    expect(row.cells).toEqual(['Leeds', 'N/A', 120, '-', 'Not Available', 'kWh']);
  });

  it('blanks a placeholder in the first cell too', () => {
    expect(withPlaceholdersBlank({ rowNumber: 6, cells: ['n/a', 120] }, isPlaceholder)).toEqual({ rowNumber: 6, cells: [null, 120] });
  });

  it('is the same row when it has no placeholder', () => {
    const row = { rowNumber: 5, cells: ['Leeds', '2023-05', 120] as Cell[] };
    expect(withPlaceholdersBlank(row, isPlaceholder)).toBe(row);
  });
});
