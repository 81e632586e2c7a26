import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openSourceInWorker } from '../../../../electron/engine/import/parallel-reader';
import { ROWS_PER_BATCH } from '../../../../electron/engine/import/read-protocol';
import { openSource, type SheetRow } from '../../../../electron/engine/import/readers';
import { useTempDir } from '../../../helpers/temp';
import { writeFile } from './files';

async function collect(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const read: SheetRow[] = [];
  for await (const row of rows) read.push(row);
  return read;
}

/** The rows a reader thread hands over, and each one's cells as serialised there, against the same file read on this thread. */
async function compareWithInThreadRead(file: string): Promise<SheetRow[]> {
  const inThread = await collect((await openSource(file)).rows());
  const fromWorker = await collect((await openSourceInWorker(file)).rows());
  expect(fromWorker.map(({ sheet, row }) => ({ sheet, row }))).toEqual(inThread);
  for (const { row, cellsJson } of fromWorker) expect(cellsJson).toBe(JSON.stringify(row.cells));
  return fromWorker;
}

describe('reading on a reader thread', () => {
  const tempDir = useTempDir();
  const rowCount = ROWS_PER_BATCH * 2 + 7;

  it('hands over every row of a CSV file across its batches, with the cells the raw row stores', async () => {
    const lines = ['Site,Month,kWh,Notes', ...Array.from({ length: rowCount }, (_, i) => `Site ${i},2023-${String((i % 12) + 1).padStart(2, '0')},${i}.5,${i % 3 === 0 ? '"a, quoted ""note"""' : ''}`)];
    const rows = await compareWithInThreadRead(writeFile(tempDir(), 'meters.csv', `${lines.join('\r\n')}\r\n`));
    expect(rows).toHaveLength(rowCount + 1);
    expect(rows.at(-1)!.row.rowNumber).toBe(rowCount + 1);
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

    const rows = await compareWithInThreadRead(file);
    expect(rows.filter((row) => row.sheet === 'Meters')).toHaveLength(rowCount + 1);
    expect(rows.filter((row) => row.sheet === 'Fuel').map(({ row }) => row.rowNumber)).toEqual([1, 4]);
  });
});
