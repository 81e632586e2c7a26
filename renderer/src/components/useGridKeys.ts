import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** What a virtualised table's keyboard needs from its virtualiser. */
export interface GridScroller {
  scrollToIndex(index: number, options?: { align?: 'auto' | 'start' | 'end' | 'center' }): void;
}

/**
 * Arrow keys, Page Up/Down and Home/End across the rows of a virtualised table, with one row in
 * the tab order at a time (a roving tabindex): the row moved to is scrolled into view and focused
 * once it is rendered. Enter opens the row, if the table opens rows.
 */
export function useGridKeys(count: number, pageRows: number, scroller: GridScroller, onOpen?: (index: number) => void) {
  const [active, setActive] = useState(0);
  const body = useRef<HTMLElement | null>(null);
  const moved = useRef(false);
  // A narrowed table keeps the active row within it.
  useEffect(() => setActive((index) => Math.max(0, Math.min(index, count - 1))), [count]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(index, count - 1));
    moved.current = true;
    setActive(next);
    scroller.scrollToIndex(next, { align: 'auto' });
  };

  /** Focuses the active row when keys moved it and it is rendered (a far row renders after the scroll). */
  const focusActive = () => {
    if (!moved.current) return;
    const row = body.current?.querySelector<HTMLElement>(`[data-row-index="${active}"]`);
    if (row && row.getAttribute('data-loaded') === 'true') {
      moved.current = false;
      row.focus({ preventScroll: true });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys on a control inside a row (a link, a button) are the control's own.
    if (!(event.target as HTMLElement).hasAttribute('data-row-index')) return;
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    if (event.key in step) moveTo(active + step[event.key]!);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(count - 1);
    else if (event.key === 'Enter' && onOpen) onOpen(active);
    else return;
    event.preventDefault();
  };

  return {
    active,
    setActive,
    focusActive,
    bodyProps: { ref: (element: HTMLElement | null) => { body.current = element; }, onKeyDown },
    rowProps: (index: number) => ({ tabIndex: index === active ? 0 : -1, 'data-row-index': index, onFocus: () => setActive(index) }),
  };
}
