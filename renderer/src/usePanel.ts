import { useEffect, useRef, type KeyboardEvent } from 'react';

/**
 * What every panel that opens on demand (a trace, a set's factors) does for the keyboard: focus
 * moves to its heading when it opens, and Escape anywhere inside it closes it.
 */
export function usePanel(onClose: () => void) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return {
    headingProps: { ref: heading, tabIndex: -1 },
    panelProps: {
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      },
    },
  };
}
