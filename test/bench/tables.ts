/**
 * Table benchmark phases (each in its own process, run by run.ts) on the engagement of N generated
 * records the calculation benchmark builds:
 * - table-first: the first page of the records table as the UI opens it (the count included);
 * - table-page-<sort>: the records table sorted by that column, largest first, as the UI asks for
 *   it: the first page with the count (a header clicked), pages of 200 rows spread over the whole
 *   table (a scrollbar dragged anywhere; the mean per page), and the last page (scrolled to the end);
 * - table-csv: every record written as CSV, walked page by page in quantity order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engagement } from '../../electron/engine/engagement/handle';
import { exportQueryCsv } from '../../electron/engine/export/service';
import { tablePage } from '../../electron/engine/tables/service';
import { TABLE_COLUMNS, tableQuerySchema } from '../../shared/tables';
import { generatedEngagement, type Timed } from './calculation';

/** The page the UI asks for. */
const PAGE = 200;
const PAGES_MEASURED = 20;

const records = (count: number) => generatedEngagement(`calculate-${count}`, count);

export async function prepareTables(countText: string): Promise<number> {
  records(Number(countText));
  return Number(countText);
}

function withEngagement<T>(countText: string, body: (engagement: Engagement) => T): T {
  const engagement = Engagement.open(records(Number(countText)), { actor: 'bench' });
  try {
    return body(engagement);
  } finally {
    engagement.close();
  }
}

const timed = <T>(body: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = body();
  return { value, ms: performance.now() - started };
};

export async function firstRecordsPage(countText: string): Promise<Timed> {
  return withEngagement(countText, (engagement) => {
    const { value: page, ms } = timed(() => tablePage(engagement, tableQuerySchema.parse({ table: 'records' }), 0, PAGE));
    if (page.rows.length !== PAGE) throw new Error(`the first page has ${page.rows.length} rows`);
    return { rows: page.total ?? 0, ms };
  });
}

/**
 * The records table sorted by `sort`, descending: the mean time per page of PAGE rows at
 * PAGES_MEASURED offsets from the start to the last page; beside it the first page with the count
 * (`sort`) and the last page alone (`end`).
 */
function spreadPages(sort: 'id' | 'site' | 'quantity') {
  return async (countText: string): Promise<Timed> =>
    withEngagement(countText, (engagement) => {
      const query = tableQuerySchema.parse({ table: 'records', sort, descending: true });
      const total = Number(countText);
      const page = (offset: number, count: boolean) => {
        const rows = tablePage(engagement, query, offset, PAGE, count).rows;
        if (rows.length !== PAGE) throw new Error(`page at ${offset} has ${rows.length} rows`);
        return rows;
      };
      const sorted = timed(() => page(0, true));
      const end = timed(() => page(total - PAGE, false));
      if (sort === 'id' && end.value.at(-1)!.key !== 1) throw new Error('the last page by record, largest first, does not end at record 1');
      const spread = timed(() => {
        for (let step = 0; step < PAGES_MEASURED; step++) page(Math.floor(((total - PAGE) * step) / (PAGES_MEASURED - 1)), false);
      });
      return { rows: PAGES_MEASURED, ms: spread.ms / PAGES_MEASURED, also: { sort: sorted.ms, end: end.ms } };
    });
}

export const pagesById = spreadPages('id');
export const pagesBySite = spreadPages('site');
export const pagesByQuantity = spreadPages('quantity');

export async function recordsCsv(countText: string): Promise<Timed> {
  const engagement = Engagement.open(records(Number(countText)), { actor: 'bench' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-csv-'));
  try {
    const started = performance.now();
    const rows = await exportQueryCsv(engagement, tableQuerySchema.parse({ table: 'records', sort: 'quantity' }), TABLE_COLUMNS.records.map((column) => column.id), path.join(dir, 'records.csv'));
    return { rows, ms: performance.now() - started };
  } finally {
    engagement.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
