/**
 * The engagement's browsable tables: a page at a time for the UI, and every row of a query a page
 * at a time for CSV exports; a raw row with its sheet's headers and neighbours. API handlers and
 * the export feature call only this module.
 */
import type { SourceRowContext } from '../../../shared/contract';
import { MAX_PAGE_SIZE } from '../../../shared/paging';
import type { TablePage, TableQuery, TableRow } from '../../../shared/tables';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { selectRecordRawRowId, selectSourceRowContext, selectTablePage, selectTableRowsAfter, type TableCursor } from './store';
import { nextTurn } from '../next-turn';

/** `limit` rows of a query from `offset`, with the number of rows it matches when `count`. */
export function tablePage(engagement: Engagement, query: TableQuery, offset: number, limit: number, count = true): TablePage {
  return selectTablePage(engagement.reader, query, offset, limit, count);
}

/**
 * Every row of a query, a page at a time (keyset paging, so each page costs the same), yielding to
 * the event loop between pages so other calls are answered while a long table is written.
 */
export async function* allTableRows(engagement: Engagement, query: TableQuery): AsyncGenerator<readonly TableRow[]> {
  let cursor: TableCursor | null = null;
  for (;;) {
    const page = selectTableRowsAfter(engagement.reader, query, cursor, MAX_PAGE_SIZE);
    if (page.rows.length > 0) yield page.rows;
    if (page.cursor === null) return;
    cursor = page.cursor;
    await nextTurn();
  }
}

/** The raw row, or the one a record was read from, with its sheet's headers and `around` rows either side. */
export function sourceRowContext(engagement: Engagement, row: { readonly rawRowId: number } | { readonly recordId: number }, around: number): SourceRowContext {
  const rawRowId = 'rawRowId' in row ? row.rawRowId : selectRecordRawRowId(engagement.reader, row.recordId);
  const context = rawRowId === undefined ? undefined : selectSourceRowContext(engagement.reader, rawRowId, around);
  if (!context) throw new EngineError('not-found', 'rawRowId' in row ? `No row ${row.rawRowId} is stored in this engagement` : `No record ${row.recordId} is in this engagement`);
  return context;
}
