import { useCallback, useEffect, useRef, useState } from 'react';
import type { TraceLine, TracePage, TraceQuery } from '../../../../shared/contract';
import { api } from '../../api';
import { errorMessage } from '../../format';

/** Lines fetched at once, and pages kept: a figure of half a million lines is read as it is scrolled. */
export const TRACE_PAGE_SIZE = 200;
const PAGES_KEPT = 24;

export type TraceRequest = Omit<TraceQuery, 'page' | 'pageSize'>;

/**
 * A figure's stored lines, fetched a page at a time as the table asks for them: the first page
 * brings the total, the line count and the subtotals. Pages far from the one in view are dropped.
 * Everything is fetched again when the request or the stored calculation (`calculation`) changes.
 */
export function usePagedTrace(request: TraceRequest, calculation: string) {
  const [first, setFirst] = useState<TracePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pagesArrived, setVersion] = useState(0);
  const pages = useRef(new Map<number, readonly TraceLine[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify({ request, calculation });

  useEffect(() => {
    const current = ++generation.current;
    pages.current = new Map();
    loading.current = new Set();
    setFirst(null);
    setError(null);
    const parsed = (JSON.parse(key) as { request: TraceRequest }).request;
    api.call('inventory.trace', { ...parsed, page: 0, pageSize: TRACE_PAGE_SIZE }).then(
      (page) => {
        if (current !== generation.current) return;
        pages.current.set(0, page.lines);
        setFirst(page);
      },
      (caught: unknown) => current === generation.current && setError(errorMessage(caught)),
    );
  }, [key]);

  /** Makes sure the pages holding lines from..to are there or on their way. */
  const ensure = useCallback(
    (from: number, to: number) => {
      const current = generation.current;
      const parsed = (JSON.parse(key) as { request: TraceRequest }).request;
      for (let page = Math.floor(from / TRACE_PAGE_SIZE); page <= Math.floor(to / TRACE_PAGE_SIZE); page++) {
        if (pages.current.has(page) || loading.current.has(page)) continue;
        loading.current.add(page);
        api.call('inventory.trace', { ...parsed, page, pageSize: TRACE_PAGE_SIZE }).then(
          (result) => {
            if (current !== generation.current) return;
            loading.current.delete(page);
            pages.current.set(page, result.lines);
            for (const kept of [...pages.current.keys()]) if (pages.current.size > PAGES_KEPT && Math.abs(kept - page) > PAGES_KEPT / 2) pages.current.delete(kept);
            setVersion((version) => version + 1);
          },
          (caught: unknown) => current === generation.current && setError(errorMessage(caught)),
        );
      }
    },
    [key],
  );

  const lineAt = useCallback((index: number): TraceLine | undefined => pages.current.get(Math.floor(index / TRACE_PAGE_SIZE))?.[index % TRACE_PAGE_SIZE], []);

  return { first, error, ensure, lineAt, pagesArrived };
}
