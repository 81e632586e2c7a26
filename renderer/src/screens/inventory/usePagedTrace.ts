import type { TracePage, TraceQuery } from '../../../../shared/contract';
import { api } from '../../api';
import { usePagedRows } from '../../components/usePagedRows';

/** Lines fetched at once: a figure of half a million lines is read as it is scrolled. */
export const TRACE_PAGE_SIZE = 200;

export type TraceRequest = Omit<TraceQuery, 'page' | 'pageSize'>;

const fetchTracePage = (key: string, page: number) =>
  api.call('inventory.trace', { ...(JSON.parse(key) as { request: TraceRequest }).request, page, pageSize: TRACE_PAGE_SIZE });

/**
 * A figure's stored lines, fetched a page at a time as the table asks for them: the first page
 * brings the total, the line count and the subtotals. Everything is fetched again when the
 * request or the stored calculation (`calculation`) changes.
 */
export function usePagedTrace(request: TraceRequest, calculation: string) {
  const { first, error, ensure, rowAt, pagesArrived } = usePagedRows(JSON.stringify({ request, calculation }), TRACE_PAGE_SIZE, fetchTracePage, (page: TracePage) => page.lines);
  return { first, error, ensure, lineAt: rowAt, pagesArrived };
}
