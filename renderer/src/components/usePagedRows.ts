import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../format';

/** Pages kept around the one in view: a table of a million rows holds a few thousand at most. */
const PAGES_KEPT = 24;

/**
 * Rows of a long answer fetched a page at a time as a virtualised table asks for them. The first
 * page brings the totals (whatever `P` carries besides its rows); pages far from the one asked for
 * are dropped. Everything is fetched again when `key` (the query, serialised) changes.
 */
export function usePagedRows<P, R>(key: string, pageSize: number, fetchPage: (key: string, page: number) => Promise<P>, rowsOf: (page: P) => readonly R[]) {
  const [first, setFirst] = useState<P | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pagesArrived, setVersion] = useState(0);
  const pages = useRef(new Map<number, readonly R[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  // The fetcher and the row reader are the caller's; only `key` decides what is asked.
  const fetchRef = useRef({ fetchPage, rowsOf });
  fetchRef.current = { fetchPage, rowsOf };

  useEffect(() => {
    const current = ++generation.current;
    pages.current = new Map();
    loading.current = new Set();
    setFirst(null);
    setError(null);
    fetchRef.current.fetchPage(key, 0).then(
      (page) => {
        if (current !== generation.current) return;
        pages.current.set(0, fetchRef.current.rowsOf(page));
        setFirst(page);
        setVersion((version) => version + 1);
      },
      (caught: unknown) => current === generation.current && setError(errorMessage(caught)),
    );
  }, [key]);

  /** Makes sure the pages holding rows from..to are there or on their way. */
  const ensure = useCallback(
    (from: number, to: number) => {
      const current = generation.current;
      for (let page = Math.floor(from / pageSize); page <= Math.floor(to / pageSize); page++) {
        if (pages.current.has(page) || loading.current.has(page)) continue;
        loading.current.add(page);
        fetchRef.current.fetchPage(key, page).then(
          (result) => {
            if (current !== generation.current) return;
            loading.current.delete(page);
            pages.current.set(page, fetchRef.current.rowsOf(result));
            for (const kept of [...pages.current.keys()]) if (pages.current.size > PAGES_KEPT && Math.abs(kept - page) > PAGES_KEPT / 2) pages.current.delete(kept);
            setVersion((version) => version + 1);
          },
          (caught: unknown) => current === generation.current && setError(errorMessage(caught)),
        );
      }
    },
    [key, pageSize],
  );

  const rowAt = useCallback((index: number): R | undefined => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize], [pageSize]);

  return { first, error, ensure, rowAt, pagesArrived };
}
