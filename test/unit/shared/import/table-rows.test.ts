// Rows below the header at their edges. A totals row is labelled by a totals word standing alone
// with numbers that add up to the rows above, or sums its own column with a formula: a total
// below the sum, a sum within half a unit of how the total is written (the half included), tiny
// totals written with an exponent, which column a message names, numbers in formulas, true/false
// and blank results, and labels after a text cell or a month. Then the scanner's ends.
import { describe, expect, it } from 'vitest';
import type { Cell, FormulaCell, RawRow } from '../../../../shared/import/cell';
import type { RowScanOptions, TableBounds } from '../../../../shared/import/table';
import { classifyDataRow, createRowScanner, RowsAbove } from '../../../../shared/import/table';

/** Verdicts on rows from row 2 (the header is row 1). */
function scanned(columnCount: number, cells: ReadonlyArray<readonly Cell[]>, options: RowScanOptions = {}) {
  const scan = createRowScanner({ headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, columnCount, options);
  return cells.map((row, index) => scan({ rowNumber: index + 2, cells: row }));
}

function kinds(columnCount: number, ...cells: ReadonlyArray<readonly Cell[]>): string[] {
  return scanned(columnCount, cells).map((verdict) => (verdict.inTable ? verdict.kind : verdict.why));
}

/** The verdict on the last of the rows. */
function last(columnCount: number, ...cells: ReadonlyArray<readonly Cell[]>) {
  return scanned(columnCount, cells).at(-1);
}

const formula = (text: string, result: FormulaCell['result']): FormulaCell => ({ t: 'formula', formula: text, result });

describe('a totals label whose numbers must add up', () => {
  it('is no total when a number is below the sum of the rows above', () => {
    expect(last(2, ['Leeds', 100], ['York', 200], ['Total', 290])).toEqual({
      inTable: true,
      kind: 'unbalanced-total',
      reason: "'Total' (column A) is a totals label, but column B holds 290 where the rows above add up to 300",
    });
  });

  it('adds up to a sum within half a unit of the last decimal the total is written with, the half included', () => {
    expect(kinds(2, ['A', 100.25], ['B', 200.25], ['Total', 301])).toEqual(['data', 'data', 'total']);
    expect(kinds(2, ['A', 100.04], ['B', 200.04], ['Total', 300.1])).toEqual(['data', 'data', 'total']);
    expect(kinds(2, ['A', 100.04], ['B', 200.04], ['Total', 300.13])).toEqual(['data', 'data', 'unbalanced-total']);
  });

  it('reads a total written with an exponent as exact, up to floating-point noise', () => {
    expect(kinds(2, ['A', 1e-7], ['B', 2e-7], ['Total', 3e-7])).toEqual(['data', 'data', 'total']);
    expect(kinds(2, ['A', 1e-7], ['B', 1e-7], ['Total', 5e-7])).toEqual(['data', 'data', 'unbalanced-total']);
  });

  it('allows a billionth of the larger of the total and the sum, negative figures too, and no more', () => {
    // Each pair differs by more than a billionth of the smaller of the two.
    expect(kinds(2, ['A', 531.669116077772], ['Total', 531.6691155461028])).toEqual(['data', 'total']);
    expect(kinds(2, ['A', -168.25444496998372], ['Total', -168.25444513823817])).toEqual(['data', 'total']);
    expect(kinds(2, ['A', -555.2624317972108], ['Total', -555.2624312419483])).toEqual(['data', 'total']);
    expect(kinds(2, ['A', 100], ['Total', 100.0000002345678])).toEqual(['data', 'unbalanced-total']);
  });

  it('names the first column that does not add up', () => {
    expect(last(3, ['Leeds', 100, 5], ['York', 200, 5], ['Total', 300, 11])).toMatchObject({
      kind: 'unbalanced-total',
      reason: "'Total' (column A) is a totals label, but column C holds 11 where the rows above add up to 10",
    });
  });

  it('names every column that adds up, and the rows of the block since the last subtotal', () => {
    const verdicts = scanned(3, [['A', 1, 10], ['Subtotal', 1, 10], ['B', 2, 20], ['C', 3, 30], ['Subtotal', 5, 50], ['Grand total', 6, 60]]);
    expect(verdicts.slice(4)).toEqual([
      { inTable: true, kind: 'total', reason: "'Subtotal' (column A) and columns B, C add up to the 2 rows above (rows 4–5)" },
      { inTable: true, kind: 'total', reason: "'Grand total' (column A) and columns B, C add up to the 3 data rows of the table (rows 2–5)" },
    ]);
  });

  it('reads a formula’s cached number, and a number written as text, in the totals row', () => {
    expect(kinds(2, ['A', 1000], ['B', 2500], ['Total', formula('B2+B3', 3500)])).toEqual(['data', 'data', 'total']);
    expect(kinds(2, ['A', 1000], ['B', 2500], ['Total', '3,500'])).toEqual(['data', 'data', 'total']);
  });

  it('leaves true/false, a percentage and a date out of the numbers that must add up', () => {
    expect(kinds(3, ['A', 100, null], ['B', 200, null], ['Total', 300, true])).toEqual(['data', 'data', 'total']);
    expect(kinds(3, ['A', 100, null], ['B', 200, null], ['Total', 300, { t: 'percent', value: 0.5, format: '0%' }])).toEqual(['data', 'data', 'total']);
    expect(kinds(3, ['A', 100, null], ['B', 200, null], ['Total', 300, { t: 'date', iso: '2023-04-01T00:00:00.000Z' }])).toEqual(['data', 'data', 'total']);
  });

  it('counts no number in a data row for a formula showing blank', () => {
    expect(last(3, ['A', 100, formula('IF(B2>0,"",1)', '')], ['Total', 100, 5])).toMatchObject({
      kind: 'unbalanced-total',
      reason: "'Total' (column A) is a totals label, but column C holds 5 where no rows above have a number there",
    });
  });

  it('keeps a data-centre metric that starts with Total as data, even where it adds up', () => {
    expect(kinds(2, ['Hall A', 100], ['Hall B', 200], ['Total facility energy', 300])).toEqual(['data', 'data', 'data']);
  });

  it('takes the label only in the first text cell, whatever numbers come before it', () => {
    expect(kinds(4, ['A', 2023, 'Leeds', 100], ['B', 2023, 'York', 200], ['C', 2023, 'Total', 300])).toEqual(['data', 'data', 'data']);
    // A month before the label is not text, even one starting like a totals word.
    expect(kinds(3, ['Sep 2023', 'Leeds', 100], ['Sep 2023', 'York', 200], ['Sep 2023', 'Total', 300])).toEqual(['data', 'data', 'total']);
  });

  it('is data when totals are data (reported figures and targets)', () => {
    const options = { totalsAreData: true };
    expect(scanned(2, [['Leeds', 100], ['York', 200], ['Total', 300]], options).map((verdict) => verdict.inTable && verdict.kind)).toEqual(['data', 'data', 'data']);
    expect(classifyDataRow({ rowNumber: 10, cells: ['Total Scope 1', formula('SUM(B2:B9)', 300)] }, 2, new RowsAbove(), options)).toEqual({ kind: 'data' });
  });
});

describe('a formula summing its own column', () => {
  const total = (text: string, column = 2) => {
    const cells: Cell[] = [null, null, null, null];
    cells[column] = formula(text, 36300);
    return classifyDataRow({ rowNumber: 10, cells }, 4);
  };

  it('may end on its own row, be written in lower case, and be one call of several', () => {
    expect(total('SUM(C5:C10)')).toEqual({ kind: 'total', reason: 'column C sums the rows above (SUM(C5:C10))' });
    expect(total('sum(c5:c9)')).toEqual({ kind: 'total', reason: 'column C sums the rows above (sum(c5:c9))' });
    expect(total('SUM(D1:D2)+SUM(C5:C9)')).toEqual({ kind: 'total', reason: 'column C sums the rows above (SUM(C5:C9))' });
    expect(total('SUM(D5:D9, C5:C9)')).toEqual({ kind: 'total', reason: 'column C sums the rows above (SUM(D5:D9, C5:C9))' });
  });

  it('does not sum its column from a range starting or ending in another, or ending below it', () => {
    expect(total('SUM(B5:C9)')).toEqual({ kind: 'data' });
    expect(total('SUM(C5:D9)')).toEqual({ kind: 'data' });
    expect(total('SUM(C5:C11)')).toEqual({ kind: 'data' });
  });
});

describe('cells right of the table', () => {
  it('are side notes: they neither make a row data nor end the table', () => {
    expect(classifyDataRow({ rowNumber: 10, cells: ['Leeds', null, 'side comment'] }, 2)).toEqual({ kind: 'note' });
    expect(classifyDataRow({ rowNumber: 10, cells: [null, null, 'END'] }, 2)).toEqual({ kind: 'note' });
  });
});

describe('the scanner’s ends', () => {
  const bounds: TableBounds = { headerRowNumber: 4, firstDataRowNumber: 5, stopAtBlankRun: 3 };
  const verdicts = (sample: readonly RawRow[]) => {
    const scan = createRowScanner(bounds, 2);
    return sample.map((row) => scan(row)).map((verdict) => (verdict.inTable ? verdict.kind : verdict.why));
  };

  it('stays ended after an END marker', () => {
    expect(verdicts([{ rowNumber: 5, cells: ['A', 1] }, { rowNumber: 6, cells: ['END'] }, { rowNumber: 7, cells: ['B', 2] }])).toEqual(['data', 'end-marker', 'end-marker']);
  });

  it('counts rows skipped before the first row read, from the first data row', () => {
    expect(verdicts([{ rowNumber: 8, cells: ['A', 1] }])).toEqual(['blank-run']);
    expect(verdicts([{ rowNumber: 7, cells: ['A', 1] }])).toEqual(['data']);
    expect(verdicts([{ rowNumber: 5, cells: [] }, { rowNumber: 6, cells: [] }, { rowNumber: 7, cells: [] }])).toEqual(['blank', 'blank', 'blank-run']);
  });

  it('starts the blank run again at a note', () => {
    const sample = [[], [], ['meter replaced'], [], [], ['A', 1]].map((cells, index) => ({ rowNumber: index + 5, cells }));
    expect(verdicts(sample)).toEqual(['blank', 'blank', 'note', 'blank', 'blank', 'data']);
  });
});
