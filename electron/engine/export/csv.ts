/**
 * CSV copies of the workbook's tables (recalculation detail, rejected rows, calculation findings)
 * and of the tables the UI browses (records, findings, audit log, factors, a figure's trace), every
 * row a query matches, read a page at a time: the same rows as the sheets, formulas replaced by
 * their values, every text cell made safe by the shared OWASP rule. Streamed to a temporary file
 * and renamed into place when complete.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { CsvQuery, TraceLine } from '../../../shared/contract';
import { CSV_BOM, csvLine, type CsvValue } from '../../../shared/export/csv';
import { MAX_PAGE_SIZE } from '../../../shared/paging';
import type { Engagement } from '../engagement/handle';
import { calculateHere, storedFindings, traceFigure } from '../inventory/service';
import { allTableRows } from '../tables/service';
import { AtomicFile } from './atomic-file';
import type { Cell } from './book/book';
import type { TableColumn } from './book/table';
import { fullDetailRows } from './detail-rows';
import { storedDetailSource } from './detail-source';
import { findingRows, FINDING_COLUMNS } from './sheets/calculation-findings';
import { detailCells, detailColumns } from './sheets/detail';
import { rejectedRows, REJECTED_COLUMNS } from './sheets/rejected-rows';
import { nextTurn } from '../next-turn';

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

/** A header line, then rows: what every CSV export writes. */
type CsvItems = AsyncIterable<{ readonly header: readonly string[] } | readonly CsvValue[]>;

/** Writes rows as CSV (UTF-8 with a BOM, CRLF) under a temporary name, renamed into place when complete; returns the number of data rows. */
async function writeCsv(targetPath: string, items: CsvItems, signal?: AbortSignal): Promise<number> {
  const file = new AtomicFile(targetPath);
  const output = fs.createWriteStream(file.tempPath, { flags: 'wx' });
  let rows = 0;
  try {
    const write = async (text: string) => {
      if (!output.write(text)) await once(output, 'drain');
    };
    await write(CSV_BOM);
    for await (const item of items) {
      if ('header' in item) {
        await write(csvLine(item.header));
        continue;
      }
      if (++rows % 1000 === 0) signal?.throwIfAborted();
      await write(csvLine(item));
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

async function* workbookTable(engagement: Engagement, table: CsvTable): CsvItems {
  for await (const item of tableOf(engagement, table)) yield 'columns' in item ? { header: item.columns.map((column) => column.header) } : item.map(csvValue);
}

/** Writes one of the workbook's tables as CSV; returns the number of data rows. */
export function exportTableCsv(engagement: Engagement, table: CsvTable, targetPath: string, signal?: AbortSignal): Promise<number> {
  return writeCsv(targetPath, workbookTable(engagement, table), signal);
}

function traceCells(line: TraceLine): CsvValue[] {
  return [
    line.recordId, line.site, line.activity, line.periodStart, line.periodEnd, line.quantity, line.unit, line.conversionFactor, line.convertedQuantity, line.factorUnit,
    line.chargedQuantity, line.co2ePerUnitKg, line.factor?.setKey, line.factor?.edition, line.factor?.label, line.tco2e, line.source.fileName, line.source.sheet, line.source.rowNumber, line.note,
  ];
}

async function* queryRows(engagement: Engagement, query: CsvQuery, headers: readonly string[]): CsvItems {
  yield { header: headers };
  if (query.table === 'trace') {
    const { table: _trace, ...trace } = query;
    for (let page = 0; ; page++) {
      const lines = traceFigure(engagement, { ...trace, page, pageSize: MAX_PAGE_SIZE }).lines;
      yield* lines.map(traceCells);
      if (lines.length < MAX_PAGE_SIZE) return;
      await nextTurn();
    }
  }
  for await (const rows of allTableRows(engagement, query)) yield* rows.map((row) => row.cells);
}

/**
 * Writes every row of a browsable table's query (or a figure's trace) as CSV under `headers`, the
 * headings the UI shows, one per column (TABLE_COLUMNS, TRACE_CSV_COLUMNS), as the contract
 * checks; returns the number of data rows.
 */
export function exportQueryCsv(engagement: Engagement, query: CsvQuery, headers: readonly string[], targetPath: string, signal?: AbortSignal): Promise<number> {
  return writeCsv(targetPath, queryRows(engagement, query, headers), signal);
}

/** 'records.csv', 'trace FY2023.scope2_market.csv'. */
export function suggestedCsvName(query: CsvQuery): string {
  return query.table === 'trace' ? `trace ${query.figure}.csv` : `${query.table}.csv`;
}
