import { describe, expect, it } from 'vitest';
import type { Cell, RawRow } from '../../../../shared/import/cell';
import type { TableBounds, TableGuess } from '../../../../shared/import/table';
import { classifyDataRow, createRowScanner, detectTable, tableBoundsSchema } from '../../../../shared/import/table';

function rows(...cells: ReadonlyArray<readonly Cell[]>): RawRow[] {
  return cells.map((row, index) => ({ rowNumber: index + 1, cells: row }));
}

function month(iso: string): Cell {
  return { t: 'date', iso: `${iso}T00:00:00.000Z` };
}

function detected(sample: readonly RawRow[]): TableGuess {
  const result = detectTable(sample);
  if (!result.ok) throw new Error(result.reason);
  return result.table;
}

/** A workbook as people send it: titles, a merged title, a blank row, then the table from row 4. */
const WORKBOOK = rows(
  ['Acme Ltd: energy and fuel data'],
  ['FY2023, all UK sites', null, null, null, null, null],
  [],
  ['Site', 'Month', 'Electricity (kWh)', 'Natural gas (m3)', 'Diesel (L)', 'Notes'],
  ['London', month('2022-04-01'), 12000, 800, '1,234.5', null],
  ['London', month('2022-05-01'), 11800, null, '1,100', 'meter swapped'],
  [],
  ['London', month('2022-07-01'), 12500, 650, '1,050', null],
  ['Total', null, { t: 'formula', formula: 'SUM(C5:C8)', result: 36300 }, 1450, null, null],
  ['END'],
);

describe('detectTable', () => {
  it('finds the header below titles, a merged title and a blank row', () => {
    const table = detected(WORKBOOK);
    expect(table.headerRowNumber).toBe(4);
    expect(table.firstDataRowNumber).toBe(5);
    expect(table.headers).toEqual(['Site', 'Month', 'Electricity (kWh)', 'Natural gas (m3)', 'Diesel (L)', 'Notes']);
    expect(table.confidence).toBe('high');
    expect(table.reasons[0]).toContain('row 4 taken as the header');
    expect(table.reasons[1]).toContain('row 1 (a single text cell: a title or note), row 2 (a single text cell');
  });

  it('skips a row of text cells that has no numbers below it', () => {
    const table = detected(
      rows(
        ['Prepared by', 'Finance team'],
        [],
        ['Site', 'Period', 'Consumption'],
        ['Leeds', '2023-01', 100],
        ['Leeds', '2023-02', 110],
      ),
    );
    expect(table.headerRowNumber).toBe(3);
    expect(table.reasons.join(' ')).toContain('row 1 (text cells, but no numbers or dates below them)');
  });

  it('finds the header when readers skip empty rows and numbers are text', () => {
    const table = detected([
      { rowNumber: 2, cells: ['Energy report'] },
      { rowNumber: 6, cells: ['Site', 'Quantity', 'Unit'] },
      { rowNumber: 8, cells: ['Paris', '1.234,5', 'kWh'] },
      { rowNumber: 9, cells: ['Lyon', '2 000,0', 'kWh'] },
    ]);
    expect(table).toMatchObject({ headerRowNumber: 6, firstDataRowNumber: 8, confidence: 'high' });
  });

  it('combines merged group headers from the row above', () => {
    const table = detected(
      rows(
        [null, null, 'Energy', null, 'Fuel', null],
        ['Site', 'Month', 'Electricity (kWh)', 'Gas (m3)', 'Diesel (L)', 'Petrol (L)'],
        ['Leeds', '2023-01', 100, 20, 5, 3],
        ['Leeds', '2023-02', 110, 22, 4, 2],
      ),
    );
    expect(table.headers).toEqual(['Site', 'Month', 'Energy / Electricity (kWh)', 'Energy / Gas (m3)', 'Fuel / Diesel (L)', 'Fuel / Petrol (L)']);
    expect(table.confidence).toBe('medium');
    expect(table.reasons.join(' ')).toContain('group headers');
  });

  it('takes headers merged downwards and a units row under the headers', () => {
    const table = detected(
      rows(
        ['Site', 'Month', 'Consumption', null],
        [null, null, 'kWh', 'm3'],
        ['Leeds', 'Jan 2023', 100, 20],
        ['Leeds', 'Feb 2023', 110, 22],
      ),
    );
    expect(table.headerRowNumber).toBe(2);
    expect(table.headers).toEqual(['Site', 'Month', 'Consumption / kWh', 'Consumption / m3']);
  });

  it.each([[['Energy data 2023']], [['Prepared by', 'Finance team']]])('does not take %j directly above the header for groups', (above) => {
    const table = detected(rows(above, ['Site', 'Month', 'Electricity (kWh)'], ['Leeds', '2023-01', 100], ['Leeds', '2023-02', 90]));
    expect(table.headers).toEqual(['Site', 'Month', 'Electricity (kWh)']);
    expect(table.confidence).toBe('high');
  });

  it('lowers confidence for unnamed value columns and a single data row', () => {
    const table = detected(rows(['Site', 'Month'], ['Leeds', '2023-01', 100]));
    expect(table.confidence).toBe('low');
    expect(table.reasons.join(' ')).toContain('column C hold');
    expect(table.reasons.join(' ')).toContain('at most one row follows the header');
  });

  it('proposes the first text row at low confidence when no numbers follow', () => {
    const table = detected(rows(['Note'], ['Site', 'Owner'], ['Leeds', 'Ann'], ['York', 'Bob']));
    expect(table).toMatchObject({ headerRowNumber: 2, confidence: 'low' });
    expect(table.reasons[0]).toContain('no row of text headers is followed by numbers or dates');
  });

  it('refuses a sample with no possible header', () => {
    expect(detectTable(rows([1, 2, 3], [], ['only one text']))).toMatchObject({ ok: false });
    expect(detectTable([])).toMatchObject({ ok: false });
  });

  it('looks only at the sample size it is given', () => {
    const late = [...rows(...Array.from({ length: 5 }, () => ['title'])), { rowNumber: 6, cells: ['Site', 'Value'] }, { rowNumber: 7, cells: ['A', 1] }];
    expect(detectTable(late, { sampleRows: 5 }).ok).toBe(false);
    expect(detectTable(late).ok).toBe(true);
  });
});

describe('classifyDataRow', () => {
  const classify = (cells: readonly Cell[], rowNumber = 10): string => classifyDataRow({ rowNumber, cells }, 4).kind;

  it('classifies data, blank and notes', () => {
    expect(classify(['Leeds', '2023-01', 100, null])).toBe('data');
    expect(classify(['Leeds', '2023-01', null, null])).toBe('data');
    expect(classify([null, ' ', null, null])).toBe('blank');
    expect(classify([{ t: 'formula', formula: 'IF(A1="","",A1)', result: '' }])).toBe('blank');
    expect(classify(['Figures for March are estimates'])).toBe('note');
    expect(classify([null, null, null, null, 'side comment'])).toBe('note');
  });

  it('does not take a formula without a cached value for blank', () => {
    expect(classify([null, null, { t: 'formula', formula: 'C9/D9' }])).toBe('data');
  });

  it('recognises an END marker in the first non-blank cell', () => {
    expect(classify(['END'])).toBe('end');
    expect(classify([null, ' end '])).toBe('end');
    expect(classify(['Leeds', 'End of lease', 3])).toBe('data');
  });

  it('recognises a sum of its own column above it, whatever the label, and says which', () => {
    const sumCell = (formula: string): Cell => ({ t: 'formula', formula, result: 36300 });
    expect(classifyDataRow({ rowNumber: 10, cells: [null, null, sumCell('SUM(C5:C9)')] }, 4)).toEqual({ kind: 'total', reason: 'column C sums the rows above (SUM(C5:C9))' });
    expect(classify(['Total Energies depot', null, sumCell('SUM(C5:C9)')])).toBe('total');
    expect(classify([null, null, sumCell('=SUBTOTAL(9,$C$5:$C$9)')])).toBe('total');
    expect(classify([null, null, sumCell('AGGREGATE(9, 4, C2:C10)')])).toBe('total');
    expect(classify([null, null, sumCell('SUM(D5:D9)')])).toBe('data');
    expect(classify([null, null, sumCell('SUM(C11:C20)')])).toBe('data');
    expect(classify([null, null, sumCell('SUM(Other!C5:C9)')])).toBe('data');
    expect(classify([null, null, sumCell('C9*2')])).toBe('data');
  });

  it('keeps a lone totals word with no numbers a note, and activity names that start with Total data', () => {
    expect(classify(['Total'])).toBe('note');
    expect(classify(['Total facility energy', '2023-01', 900])).toBe('data');
  });
});

describe('totals rows: a totals word standing alone, and numbers that add up to the rows above', () => {
  /** Verdicts on rows from row 2 (the header is row 1), in a table of three columns. */
  const scanned = (...cells: ReadonlyArray<readonly Cell[]>) => {
    const scan = createRowScanner({ headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, 3);
    return cells.map((row, index) => scan({ rowNumber: index + 2, cells: row }));
  };
  const kinds = (...cells: ReadonlyArray<readonly Cell[]>) => scanned(...cells).map((verdict) => (verdict.inTable ? verdict.kind : verdict.why));

  it.each(['Total', 'TOTALS', 'Subtotal', 'Sub-total', 'Sub total', 'Grand total', 'Sum', 'Total:', 'Total FY2023', 'Subtotal – London'])('takes %j over rows it adds up to as a totals row', (label) => {
    expect(kinds(['Leeds', 100, 12.5], ['York', 200, 7.5], [label, 300, 20])).toEqual(['data', 'data', 'total']);
  });

  it('says why a row is a totals row: its label, its columns and the rows they add up to', () => {
    const [, , total] = scanned([2023, 'Leeds', '1,000'], [2023, 'York', '2,500'], [null, 'Total', 3500]);
    expect(total).toEqual({ inTable: true, kind: 'total', reason: "'Total' (column B) and column C add up to the 2 rows above (rows 2–3)" });
  });

  it('keeps sites whose names start with Total as data: Total Energies depot, Totally Local', () => {
    expect(kinds(['Shell depot', 120, 1], ['Total Energies depot', 80, 2], ['Totally Local', 200, 3], ['Total', 400, 6])).toEqual(['data', 'data', 'data', 'total']);
    // A name after the word needs more than one row to add up to: one row's value repeated is as likely a reading.
    expect(kinds(['BP depot', 80, 2], ['Total Energies depot', 80, 2])).toEqual(['data', 'data']);
    // Adding up to two rows, a name after the word is a group's total.
    expect(kinds(['Leeds', 100, 1], ['York', 200, 1], ['Total Yorkshire', 300, 2])).toEqual(['data', 'data', 'total']);
  });

  it('finds the label in the first text cell, and looks past the label column for numbers', () => {
    expect(kinds([2023, 'Leeds', 100], [2023, 'York', 200], [null, 'Totally estimated', 300])).toEqual(['data', 'data', 'data']);
    expect(kinds([null, 'Leeds', 100], [null, 'York', 200], [null, 'Grand total', 300])).toEqual(['data', 'data', 'total']);
  });

  it('closes a block at each subtotal, and takes a grand total over the whole table', () => {
    expect(kinds(['A', 1, 10], ['B', 2, 20], ['Subtotal', 3, 30], ['C', 4, 40], ['Subtotal', 4, 40], ['Grand total', 7, 70])).toEqual(['data', 'data', 'total', 'data', 'total', 'total']);
  });

  it('allows a total rounded to the decimals it is written with, and floating-point noise, but nothing more', () => {
    expect(kinds(['A', 100.4, 0.1], ['B', 200.4, 0.2], ['Total', 301, 0.30000000000000004])).toEqual(['data', 'data', 'total']);
    expect(kinds(['A', 100.4, 1], ['B', 200.4, 1], ['Total', 300.9, 2])).toEqual(['data', 'data', 'unbalanced-total']);
  });

  it('rejects a bare totals label whose numbers do not add up, naming the column', () => {
    const [, , total] = scanned(['Leeds', 100, 5], ['York', 200, 5], ['Total', 310, 10]);
    expect(total).toEqual({ inTable: true, kind: 'unbalanced-total', reason: "'Total' (column A) is a totals label, but column B holds 310 where the rows above add up to 300" });
    const [first] = scanned(['Total', 310, 10]);
    expect(first).toEqual({ inTable: true, kind: 'unbalanced-total', reason: "'Total' (column A) is a totals label, but column B holds 310 where no rows above have a number there" });
  });

  it('reads numbers written as text with the mapping’s decimal separator', () => {
    const scan = createRowScanner({ headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, 3, { decimalSeparator: ',' });
    const verdicts = [['A', '1.000,5'], ['B', '2.000,5'], ['Total', '3.001']].map((cells, index) => scan({ rowNumber: index + 2, cells }));
    expect(verdicts.map((verdict) => verdict.inTable && verdict.kind)).toEqual(['data', 'data', 'total']);
  });
});

describe('createRowScanner', () => {
  const bounds: TableBounds = { headerRowNumber: 4, firstDataRowNumber: 5, stopAtBlankRun: 3 };
  const verdicts = (sample: readonly RawRow[], tableBounds: TableBounds = bounds) => {
    const scan = createRowScanner(tableBounds, 6);
    return sample.map((row) => scan(row));
  };

  it('reads the workbook to its END marker, keeping a blank month and the totals row', () => {
    expect(verdicts(WORKBOOK).map((verdict) => (verdict.inTable ? verdict.kind : verdict.why))).toEqual([
      'before-first-data-row',
      'before-first-data-row',
      'before-first-data-row',
      'before-first-data-row',
      'data',
      'data',
      'blank',
      'data',
      'total',
      'end-marker',
    ]);
  });

  it('ends the table at a run of blank rows and stays ended', () => {
    const sample = rows([], [], [], ['Site'], [1], [], [], [], ['More', 2]);
    expect(verdicts(sample).slice(4).map((verdict) => (verdict.inTable ? verdict.kind : verdict.why))).toEqual(['data', 'blank', 'blank', 'blank-run', 'blank-run']);
  });

  it('counts skipped row numbers as blank rows', () => {
    const sample: RawRow[] = [
      { rowNumber: 5, cells: ['Leeds', 1] },
      { rowNumber: 7, cells: ['Leeds', 2] },
      { rowNumber: 11, cells: ['Other block', 3] },
    ];
    expect(verdicts(sample)).toEqual([
      { inTable: true, kind: 'data' },
      { inTable: true, kind: 'data' },
      { inTable: false, why: 'blank-run' },
    ]);
  });

  it('keeps reading after a totals row: the caller decides about later blocks', () => {
    const sample = rows([], [], [], [], ['A', 1], ['Subtotal', 1], ['B', 2], ['Grand total', 3]);
    expect(verdicts(sample).slice(4)).toEqual([
      { inTable: true, kind: 'data' },
      { inTable: true, kind: 'total', reason: "'Subtotal' (column A) and column B add up to the row above (row 5)" },
      { inTable: true, kind: 'data' },
      { inTable: true, kind: 'total', reason: "'Grand total' (column A) and column B add up to the 2 data rows of the table (rows 5–7)" },
    ]);
  });

  it('honours the user bounds: a last data row, and no end on blanks', () => {
    const sample = rows([], [], [], [], ['A', 1], [], [], [], ['B', 2], ['C', 3]);
    const noBlankEnd = verdicts(sample, { ...bounds, stopAtBlankRun: 0, lastDataRowNumber: 9 }).slice(4);
    expect(noBlankEnd.map((verdict) => (verdict.inTable ? verdict.kind : verdict.why))).toEqual(['data', 'blank', 'blank', 'blank', 'data', 'after-last-data-row']);
  });
});

describe('tableBoundsSchema', () => {
  it('accepts consistent bounds and refuses inverted ones', () => {
    expect(tableBoundsSchema.safeParse({ headerRowNumber: 4, firstDataRowNumber: 5, stopAtBlankRun: 3 }).success).toBe(true);
    expect(tableBoundsSchema.safeParse({ headerRowNumber: 4, firstDataRowNumber: 4, stopAtBlankRun: 3 }).success).toBe(false);
    expect(tableBoundsSchema.safeParse({ headerRowNumber: 4, firstDataRowNumber: 6, lastDataRowNumber: 5, stopAtBlankRun: 3 }).success).toBe(false);
  });
});
