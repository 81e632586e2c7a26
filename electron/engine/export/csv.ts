/**
 * CSV copies of the workbook's tables (recalculation detail, rejected rows, calculation findings):
 * the same rows as the sheets, formulas replaced by their values, every text cell made safe by
 * the shared OWASP rule. Streamed to a temporary file and renamed into place when complete.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { CSV_BOM, csvLine, type CsvValue } from '../../../shared/export/csv';
import type { Engagement } from '../engagement/handle';
import { calculateHere, storedFindings } from '../inventory/service';
import { AtomicFile } from './atomic-file';
import type { Cell } from './book/book';
import type { TableColumn } from './book/table';
import { fullDetailRows } from './detail-rows';
import { storedDetailSource } from './detail-source';
import { findingRows, FINDING_COLUMNS } from './sheets/calculation-findings';
import { detailCells, detailColumns } from './sheets/detail';
import { rejectedRows, REJECTED_COLUMNS } from './sheets/rejected-rows';

export const CSV_TABLES = ['detail', 'rejected-rows', 'findings'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

function csvValue(cell: Cell): CsvValue {
  const value = cell.value !== null && typeof cell.value === 'object' && !(cell.value instanceof Date) ? cell.value.result : cell.value;
  if (value instanceof Date) return cell.style === 'dateTime' ? value.toISOString() : value.toISOString().slice(0, 10);
  return value;
}

async function* tableOf(engagement: Engagement, table: CsvTable): AsyncGenerator<{ columns: readonly TableColumn[] } | readonly Cell[]> {
  if (table !== 'rejected-rows') await calculateHere(engagement);
  switch (table) {
    case 'detail': {
      const detail = fullDetailRows(storedDetailSource(engagement));
      const gasIndex = new Map(detail.gases.map((gas, index) => [gas, index]));
      yield { columns: detailColumns('full', detail.gases) };
      for await (const row of detail.rows()) yield detailCells(row, 0, gasIndex, detail.gases.length);
      return;
    }
    case 'rejected-rows':
      yield { columns: REJECTED_COLUMNS };
      yield* rejectedRows(engagement.reader);
      return;
    case 'findings':
      yield { columns: FINDING_COLUMNS };
      yield* findingRows({ findings: storedFindings(engagement) });
      return;
  }
}

/** Writes one table as CSV (UTF-8 with a BOM, CRLF); returns the number of data rows. */
export async function exportTableCsv(engagement: Engagement, table: CsvTable, targetPath: string, signal?: AbortSignal): Promise<number> {
  const file = new AtomicFile(targetPath);
  const output = fs.createWriteStream(file.tempPath, { flags: 'wx' });
  let rows = 0;
  try {
    const write = async (text: string) => {
      if (!output.write(text)) await once(output, 'drain');
    };
    await write(CSV_BOM);
    for await (const item of tableOf(engagement, table)) {
      if ('columns' in item) {
        await write(csvLine(item.columns.map((column) => column.header)));
        continue;
      }
      if (++rows % 1000 === 0) signal?.throwIfAborted();
      await write(csvLine(item.map(csvValue)));
    }
    output.end();
    await once(output, 'close');
    file.commit();
    return rows;
  } catch (error) {
    output.destroy();
    file.discard();
    throw error;
  }
}
