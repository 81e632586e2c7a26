import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { EXCELJS_READER_OPTIONS } from './xlsx';

/**
 * Baselines for the import benchmark: the same libraries and options as the readers, doing nothing
 * with the rows. The import must stay within 1.3x of these.
 */

/** Streams every worksheet with exceljs and returns the number of rows it emitted. */
export async function bareExceljsRead(path: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, EXCELJS_READER_OPTIONS);
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const _row of worksheet) rows++;
  }
  return rows;
}

/** Streams a UTF-8 CSV file through papaparse and returns the number of records. */
export function bareCsvParse(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(path, { encoding: 'utf8' }), {
      chunk: (results) => {
        rows += results.data.length;
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}
