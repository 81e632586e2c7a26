// A sheet's headers against the ones a mapping was made for: case and spacing may differ between
// years' files, a header written with its merged group matches the cell holding its own part, and
// anything else (renamed, moved, blank) is named column by column.
import { describe, expect, it } from 'vitest';
import { describeHeaderMismatches, headerMismatches, sameHeader } from '../../../../shared/import/headers';
import type { ColumnMapping } from '../../../../shared/import/mapping';

const at = (headers: readonly string[]) => (column: number) => headers[column] ?? '';

describe('the same header', () => {
  it('differs only in case and spacing', () => {
    expect(sameHeader('  Electricity\n (KWH) ', 'electricity (kWh)')).toBe(true);
    expect(sameHeader('Electricity (MWh)', 'Electricity (kWh)')).toBe(false);
    expect(sameHeader('Electricity(kWh)', 'Electricity (kWh)')).toBe(false);
  });
});

describe('header mismatches', () => {
  const columns: Pick<ColumnMapping, 'column' | 'header' | 'role'>[] = [
    { column: 0, header: 'Site', role: 'site' },
    { column: 1, header: 'Electricity / kWh', role: 'value' },
    { column: 2, header: 'Diesel (L)', role: 'value' },
    { column: 3, header: 'Comments', role: 'ignore' },
  ];

  it('are none for the same headers in other case and spacing, a grouped header by its own part, and ignored columns left unread', () => {
    expect(headerMismatches(columns, at(['SITE ', 'KWH', 'diesel  (l)', 'Remarks']))).toEqual([]);
    expect(headerMismatches(columns, at(['Site', 'Electricity / kWh', 'Diesel (L)']))).toEqual([]);
  });

  it('name each renamed or blank column with what was expected', () => {
    const mismatches = headerMismatches(columns, at(['Site', 'MWh', '  ']));
    expect(mismatches).toEqual([
      { column: 1, expected: 'Electricity / kWh', found: 'MWh' },
      { column: 2, expected: 'Diesel (L)', found: '' },
    ]);
    expect(describeHeaderMismatches(mismatches)).toBe("column B is 'MWh', expected 'Electricity / kWh'; column C is blank, expected 'Diesel (L)'");
  });

  it('do not take a header for its group by a part that only ends it', () => {
    expect(headerMismatches(columns, at(['Site', 'Wh', 'Diesel (L)']))).toEqual([{ column: 1, expected: 'Electricity / kWh', found: 'Wh' }]);
  });
});

describe('a header written with an empty part after its group', () => {
  it('does not match a blank cell', () => {
    const grouped: Pick<ColumnMapping, 'column' | 'header' | 'role'>[] = [{ column: 0, header: 'Electricity / ', role: 'value' }];
    expect(headerMismatches(grouped, at(['']))).toEqual([{ column: 0, expected: 'Electricity / ', found: '' }]);
  });
});

describe('letters compared without case', () => {
  it('are compared one for one: a header in capitals is the same, a letter spelled otherwise is not', () => {
    expect(sameHeader('MASS (KG)', 'mass (kg)')).toBe(true);
    expect(sameHeader('Maß (kg)', 'MASS (KG)')).toBe(false);
  });
});
