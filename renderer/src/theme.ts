/**
 * The light or dark theme, following the system. The colours live in styles.css as custom
 * properties; what draws on a canvas (the charts) reads them here, and redraws when the system
 * switches.
 */
import { useMemo, useSyncExternalStore } from 'react';

export type ColourScheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const currentScheme = (): ColourScheme => (window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light');

export function useColourScheme(): ColourScheme {
  return useSyncExternalStore(subscribe, currentScheme);
}

/** The theme's colours by role, resolved to what a canvas can draw with. */
export interface Palette {
  readonly ink: string;
  readonly muted: string;
  readonly line: string;
  readonly panel: string;
  readonly accent: string;
  readonly danger: string;
  readonly warn: string;
  /** Series colours, in order. */
  readonly series: readonly string[];
}

const SERIES_COUNT = 6;

function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const colour = (name: string) => style.getPropertyValue(`--${name}`).trim();
  return {
    ink: colour('ink'),
    muted: colour('muted'),
    line: colour('line'),
    panel: colour('panel'),
    accent: colour('accent'),
    danger: colour('danger'),
    warn: colour('warn'),
    series: Array.from({ length: SERIES_COUNT }, (_, index) => colour(`series-${index + 1}`)),
  };
}

/** The palette of the theme in force, renewed when the system switches theme. */
export function usePalette(): Palette {
  const scheme = useColourScheme();
  // The scheme is the dependency: the custom properties change with it.
  return useMemo(readPalette, [scheme]);
}
