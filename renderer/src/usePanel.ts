import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * What every panel that opens on demand (a trace, a set's factors, a finding) does for the
 * keyboard: focus moves to its heading when it shows (again when it shows something else, given
 * as `shown`), Escape closes it while focus is inside it or nowhere (rows of a virtual table come
 * and go, taking focus with them), and on closing focus returns to what opened it.
 */
export function usePanel<Panel extends HTMLElement = HTMLElement>(onClose: () => void, shown: unknown = true) {
  const panel = useRef<Panel>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !panel.current?.contains(active)) opener.current = active;
    heading.current?.focus();
  }, [shown]);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const active = document.activeElement;
      if (event.key === 'Escape' && (active === null || active === document.body || panel.current?.contains(active))) close.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      // Only when focus went down with the panel: a click elsewhere keeps its own focus.
      const active = document.activeElement;
      if (opener.current?.isConnected && (active === null || active === document.body)) opener.current.focus();
    };
  }, []);

  return {
    headingProps: { ref: heading, tabIndex: -1 },
    panelProps: { ref: panel },
  };
}

/**
 * An inline form opened by a button (name a template, withdraw an adjustment): Escape inside it
 * closes it, and when it closes, however it closes, focus returns to the button.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) toggle.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return {
    open,
    setOpen,
    toggleProps: { ref: toggle, 'aria-expanded': open },
    regionProps: {
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setOpen(false);
        }
      },
    },
  };
}
