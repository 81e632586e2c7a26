// Where the table is, at its edges: what each reason says word for word, how many rows below the
// header are looked at, values beyond the header's named columns, group headers that are not
// groups, a header with nothing below it, and what a cell counts as when the layout is judged.
import { describe, expect, it } from 'vitest';
import type { Cell, RawRow } from '../../../../shared/import/cell';
import type { TableGuess } from '../../../../shared/import/table';
import { boundsFromGuess, cellKind, detectTable, tableBoundsSchema } from '../../../../shared/import/table';

function rows(...cells: ReadonlyArray<readonly Cell[]>): RawRow[] {
  return cells.map((row, index) => ({ rowNumber: index + 1, cells: row }));
}

function detected(sample: readonly RawRow[]): TableGuess {
  const result = detectTable(sample);
  if (!result.ok) throw new Error(result.reason);
  return result.table;
}

describe('the reasons a detection gives', () => {
  it('names only the header when nothing is doubtful and nothing was skipped', () => {
    expect(detected(rows(['Site', 'Month', 'Electricity (kWh)'], ['Leeds', '2023-01', 100], ['York', '2023-01', 200]))).toEqual({
      headerRowNumber: 1,
      firstDataRowNumber: 2,
      headers: ['Site', 'Month', 'Electricity (kWh)'],
      confidence: 'high',
      reasons: ['row 1 taken as the header: 3 text cells, with numbers or dates below them'],
    });
  });

  it('says a skipped row holding a number is no header, and does not read it as group headers', () => {
    const table = detected(rows([2023, 'Report'], ['Site', 'Electricity (kWh)'], ['Leeds', 100], ['York', 200]));
    expect(table.headers).toEqual(['Site', 'Electricity (kWh)']);
    expect(table.reasons).toEqual([
      'row 2 taken as the header: 2 text cells, with numbers or dates below them',
      'skipped above it: row 1 (not a header: it holds numbers or dates)',
    ]);
    expect(table.confidence).toBe('high');
  });

  it('says which rows below the header hold no numbers under it', () => {
    const table = detected(rows(['Site', 'Electricity (kWh)'], ['Leeds', 100], ['meter read late'], ['York', 200]));
    expect(table.reasons).toEqual([
      'row 1 taken as the header: 2 text cells, with numbers or dates below them',
      'only 2 of the 3 rows below the header hold numbers or dates under it',
    ]);
    expect(table.confidence).toBe('medium');
    const one = detected(rows(['Site', 'Electricity (kWh)'], ['Leeds', 100], ['meter read late'], ['York', 'tbc']));
    expect(one.reasons.at(-1)).toBe('only 1 of the 3 rows below the header holds numbers or dates under it');
  });

  it('looks at the three rows below the header, not further', () => {
    const table = detected(rows(['Site', 'Electricity (kWh)'], ['Leeds', 100], ['York', 200], ['Hull', 300], ['figures are estimates']));
    expect(table.confidence).toBe('high');
    expect(table.reasons).toHaveLength(1);
  });

  it('names every unnamed column holding values, and none whose cells are all blank or missing', () => {
    const unnamed = detected(rows(['Site', 'Month'], ['Leeds', '2023-01', 100, 5], ['York', '2023-02', 110, 6]));
    expect(unnamed.reasons).toEqual([
      'row 1 taken as the header: 2 text cells, with numbers or dates below them',
      'columns C, D hold values but have no header',
    ]);
    expect(unnamed.confidence).toBe('medium');
    // Column C has no header and the rows stop before it: nothing is there to name.
    const short = detected(rows(['Site', 'Electricity (kWh)', null, 'Notes'], ['Leeds', 100], ['York', 200]));
    expect(short).toMatchObject({ headers: ['Site', 'Electricity (kWh)', '', 'Notes'], confidence: 'high' });
  });
});

describe('blank cells around the table', () => {
  it('skips a row of blank cells between the header and the data', () => {
    expect(detected(rows(['Site', 'Electricity (kWh)'], [null, null], ['Leeds', 100], ['York', 200]))).toMatchObject({ headerRowNumber: 1, firstDataRowNumber: 3, confidence: 'high' });
  });

  it('ends the columns at the last cell holding something, not at trailing blank cells', () => {
    expect(detected(rows(['Site', 'Electricity (kWh)', null, ' '], ['Leeds', 100, null], ['York', 200, null])).headers).toEqual(['Site', 'Electricity (kWh)']);
  });

  it('names an unnamed column holding a value in any row below, not only in every row', () => {
    const table = detected(rows(['Site', 'Month'], ['Leeds', '2023-01', 100], ['York', '2023-02', null]));
    expect(table.reasons.at(-1)).toBe('column C holds values but has no header');
  });
});

describe('a header row with values beyond it', () => {
  it('is not taken for a header when the numbers below sit only under columns it does not name', () => {
    // Past its last column, and under a blank header cell.
    for (const sample of [
      rows(['Site', 'Owner'], ['Leeds', 'Ann', 5], ['York', 'Bob', 6]),
      rows(['Site', null, 'Owner'], ['Leeds', 5, 'Ann'], ['York', 6, 'Bob']),
    ]) {
      const table = detected(sample);
      expect(table.confidence).toBe('low');
      expect(table.reasons[0]).toBe('no row of text headers is followed by numbers or dates; row 1 is only the first row with several text cells');
    }
  });
});

describe('a proposal without numbers below', () => {
  it('takes a header that ends the sample, with the first data row after it', () => {
    expect(detected(rows(['Energy data'], ['Site', 'Owner']))).toEqual({
      headerRowNumber: 2,
      firstDataRowNumber: 3,
      headers: ['Site', 'Owner'],
      confidence: 'low',
      reasons: ['no row of text headers is followed by numbers or dates; row 2 is only the first row with several text cells', 'at most one row follows the header in the sample'],
    });
  });

  it('does not read the row below the header as its group headers', () => {
    expect(detected(rows(['Site', 'Owner', 'Role'], [null, 'Ann', 'Lead'])).headers).toEqual(['Site', 'Owner', 'Role']);
  });

  it('refuses a sample with no row of several text cells, saying so', () => {
    expect(detectTable(rows(['Energy data'], [1, 2]))).toEqual({ ok: false, reason: 'no row in the sample has several text cells that could be column headers' });
  });
});

describe('group headers above the header', () => {
  it('ends a group at a header merged downwards, and says where the groups were read', () => {
    const table = detected(rows([null, 'Energy', 'Notes', null], ['Site', 'Electricity (kWh)', null, 'Gas (m3)'], ['Leeds', 100, 'read late', 20], ['York', 110, null, 22]));
    expect(table.headers).toEqual(['Site', 'Energy / Electricity (kWh)', 'Notes', 'Gas (m3)']);
    expect(table.reasons).toEqual([
      'row 2 taken as the header: 3 text cells, with numbers or dates below them',
      'skipped above it: row 1 (text cells, but no numbers or dates below them)',
      'row 1 read as group headers over row 2; check where each merged group ends',
    ]);
  });

  it('leaves a column without a header inside a group unnamed', () => {
    const table = detected(rows([null, 'Energy', null, null], ['Site', 'Electricity (kWh)', null, 'Gas (m3)'], ['Leeds', 100, null, 20], ['York', 110, null, 22]));
    expect(table.headers).toEqual(['Site', 'Energy / Electricity (kWh)', '', 'Energy / Gas (m3)']);
  });

  it('reads groups only from the row directly above the header, not from a title further up', () => {
    const table = detected(rows([null, 'Energy report'], [], ['Site', 'Electricity (kWh)'], ['Leeds', 100], ['York', 200]));
    expect(table.headers).toEqual(['Site', 'Electricity (kWh)']);
    expect(table.confidence).toBe('high');
  });

  it('ignores text above the header past the table’s last column', () => {
    const table = detected(rows([null, null, null, 'Prepared by Finance'], ['Site', 'Month', 'Electricity (kWh)'], ['Leeds', '2023-01', 100], ['York', '2023-02', 90]));
    expect(table.headers).toEqual(['Site', 'Month', 'Electricity (kWh)']);
    expect(table.confidence).toBe('high');
  });

  it('does not take a row with numbers above the header for groups', () => {
    const table = detected(rows([null, null, 'Energy', 2023], ['Site', 'Month', 'Electricity (kWh)', 'Gas (m3)'], ['Leeds', '2023-01', 100, 20], ['York', '2023-02', 90, 18]));
    expect(table.headers).toEqual(['Site', 'Month', 'Electricity (kWh)', 'Gas (m3)']);
  });
});

describe('what a cell is when the layout is judged', () => {
  it.each<[string, Cell | undefined, string]>([
    ['a missing cell', undefined, 'blank'],
    ['an empty cell', null, 'blank'],
    ['spaces', '  ', 'blank'],
    ['a number', 12.5, 'number'],
    ['a percentage', { t: 'percent', value: 0.25, format: '0%' }, 'number'],
    ['a date', { t: 'date', iso: '2023-04-01T00:00:00.000Z' }, 'date'],
    ['true/false', true, 'other'],
    ['an error', { t: 'error', code: '#N/A' }, 'other'],
    ['a number as text with a decimal point', '1,234.5', 'number'],
    ['a number as text with a decimal comma', '1.234,5', 'number'],
    ['a month as text', 'Jan 2023', 'date'],
    ['a name', 'Leeds', 'text'],
    ['a formula showing a number', { t: 'formula', formula: 'B2*2', result: 4 }, 'number'],
    ['a formula showing text', { t: 'formula', formula: 'A2', result: 'Leeds' }, 'text'],
    ['a formula without a cached value', { t: 'formula', formula: 'B2*2' }, 'other'],
  ])('counts %s as %s', (_, cell, kind) => {
    expect(cellKind(cell)).toBe(kind);
  });
});

describe('the bounds a detection proposes', () => {
  it('are its header and first data row, ending at three blank rows', () => {
    const table = detected(rows(['Energy data'], ['Site', 'Electricity (kWh)'], ['Leeds', 100], ['York', 200]));
    expect(boundsFromGuess(table)).toEqual({ headerRowNumber: 2, firstDataRowNumber: 3, stopAtBlankRun: 3 });
  });

  it('may end at the first data row, and start right under the header', () => {
    expect(tableBoundsSchema.safeParse({ headerRowNumber: 1, firstDataRowNumber: 2, lastDataRowNumber: 2, stopAtBlankRun: 0 }).success).toBe(true);
  });
});
