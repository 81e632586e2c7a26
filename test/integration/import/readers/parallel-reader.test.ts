import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openSourceInWorker } from '../../../../electron/engine/import/parallel-reader';
import { CELLS_PER_BATCH, ROWS_PER_BATCH } from '../../../../electron/engine/import/read-protocol';
import { openSource, type RowBatch, type SheetRow } from '../../../../electron/engine/import/readers';
import { useTempDir } from '../../../helpers/temp';
import { writeFile } from './files';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = [];
  for await (const item of items) read.push(item);
  return read;
}

/**
 * The batches a reader thread hands over against the same file read row by row on this thread:
 * the same rows in the same order, in batches of one sheet of at most ROWS_PER_BATCH rows and, unless
 * a batch is one row, CELLS_PER_BATCH cells.
 */
async function compareWithInThreadRead(file: string): Promise<{ rows: SheetRow[]; batches: RowBatch[] }> {
  const inThread = await collect((await openSource(file)).rows());
  const batches = await collect((await openSourceInWorker(file)).batches());
  const rows = batches.flatMap(({ sheet, rows }) => rows.map((row) => ({ sheet, row })));
  expect(rows).toEqual(inThread);
  for (const batch of batches) {
    expect(batch.rows.length).toBeLessThanOrEqual(ROWS_PER_BATCH);
    if (batch.rows.length > 1) expect(batch.rows.reduce((cells, row) => cells + row.cells.length, 0)).toBeLessThanOrEqual(CELLS_PER_BATCH);
  }
  return { rows, batches };
}

describe('reading on a reader thread', () => {
  const tempDir = useTempDir();
  const rowCount = ROWS_PER_BATCH * 2 + 7;

  it('hands over every row of a CSV file in batches, with the cells its raw rows store', async () => {
    const lines = ['Site,Month,kWh,Notes', ...Array.from({ length: rowCount }, (_, i) => `Site ${i},2023-${String((i % 12) + 1).padStart(2, '0')},${i}.5,${i % 3 === 0 ? '"a, quoted ""note"""' : ''}`)];
    const { rows, batches } = await compareWithInThreadRead(writeFile(tempDir(), 'meters.csv', `${lines.join('\r\n')}\r\n`));
    expect(rows).toHaveLength(rowCount + 1);
    expect(rows.at(-1)!.row.rowNumber).toBe(rowCount + 1);
    expect(batches.length).toBeGreaterThan(2);
    // A CSV reader thread serialises each row's cells for its raw row (the writing thread is the busier one).
    for (const batch of batches) expect(batch.cellsJson).toEqual(batch.rows.map((row) => JSON.stringify(row.cells)));
  });

  it('hands over every sheet of a workbook in order, dates, formulas and gaps as read', async () => {
    const file = path.join(tempDir(), 'meters.xlsx');
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('Meters');
    first.addRow(['Site', 'Month', 'kWh', 'Doubled']);
    for (let i = 0; i < rowCount; i++) {
      first.addRow([`Site ${i}`, new Date(Date.UTC(2023, i % 12, 1)), i + 0.25, i % 5 === 0 ? null : { formula: `C${i + 2}*2`, result: (i + 0.25) * 2 }]);
    }
    const second = workbook.addWorksheet('Fuel');
    second.addRow(['Site', 'Litres']);
    second.getCell('A4').value = 'after a gap';
    second.getCell('B4').value = 12;
    await workbook.xlsx.writeFile(file);

    const { rows, batches } = await compareWithInThreadRead(file);
    expect(rows.filter((row) => row.sheet === 'Meters')).toHaveLength(rowCount + 1);
    expect(rows.filter((row) => row.sheet === 'Fuel').map(({ row }) => row.rowNumber)).toEqual([1, 4]);
    expect(batches.map((batch) => batch.sheet).at(-1)).toBe('Fuel');
    // A workbook's reader thread is the busier one (exceljs parses XML): the writing thread serialises.
    for (const batch of batches) expect(batch.cellsJson).toBeUndefined();
  });

  it('hands over wide rows in batches of at most CELLS_PER_BATCH cells, a row wider than that alone and whole', async () => {
    // Rows of a few hundred thousand cells: one batch of them as one packed array would approach
    // V8's largest array, which kills the process rather than throwing.
    const wide = Math.floor(CELLS_PER_BATCH * 0.4);
    const widths = [3, wide, wide, wide, wide, CELLS_PER_BATCH + 1, 2, 2];
    const lines = widths.map((width, index) => Array.from({ length: width }, (_, column) => (column === 0 ? `row ${index + 1}` : column % 10)).join(','));
    const { rows, batches } = await compareWithInThreadRead(writeFile(tempDir(), 'wide.csv', `${lines.join('\n')}\n`));
    expect(rows.map(({ row }) => row.cells.length)).toEqual(widths);
    expect(rows.map(({ row }) => row.cells[0])).toEqual(widths.map((_, index) => `row ${index + 1}`));
    expect(batches.map((batch) => batch.rows.map((row) => row.rowNumber))).toEqual([[1, 2, 3], [4, 5], [6], [7, 8]]);
    for (const batch of batches) expect(batch.cellsJson).toEqual(batch.rows.map((row) => JSON.stringify(row.cells)));
  });
});
