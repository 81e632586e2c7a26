/** How reconciliation's numbers read in reasons, the CLI and the UI: one place, so they agree. */
import { figureById, type FigureKind } from '../figures';
import type { ClaimMeasure } from './reconcile';

const THREE = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const PERCENT = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
const SIGNIFICANT = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 });
const SIGNED_THREE = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3, signDisplay: 'exceptZero' });
const SIGNED_POINTS = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

// 'negative': a difference that rounds to zero reads 0, never -0.
const UP_TO_THREE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3, signDisplay: 'negative' });

/** A number in a sentence: grouped, up to three decimals ('60.3', '2.663'). */
export function formatAmount(value: number): string {
  return UP_TO_THREE.format(value);
}

/** Shown wherever there is no value: never 0. */
export const NO_VALUE = '—';

/** A figure's value: tCO2e and ratios to three decimals, shares as percentages, intensities to six significant digits. */
export function formatFigureValue(kind: FigureKind, value: number | null): string {
  if (value === null) return NO_VALUE;
  switch (kind) {
    case 'tco2e':
    case 'ratio':
      return THREE.format(value);
    case 'fraction':
      return PERCENT.format(value);
    case 'intensity':
      return SIGNIFICANT.format(value);
  }
}

/** A difference between two values of a figure: signed; shares in percentage points. */
export function formatFigureDifference(kind: FigureKind, value: number | null): string {
  if (value === null) return NO_VALUE;
  if (kind === 'fraction') return `${SIGNED_POINTS.format(value * 100)} pp`;
  if (kind === 'intensity') return `${value > 0 ? '+' : ''}${SIGNIFICANT.format(value)}`;
  return SIGNED_THREE.format(value);
}

/** The kind a figure's values read as; tCO2e when the figure is unknown. */
export function figureKindOf(figure: string | null): FigureKind {
  return (figure === null ? undefined : figureById(figure)?.kind) ?? 'tco2e';
}

/** A claim's values: a change on the prior year reads as a share does (percent, points), a level as its figure. */
export function claimValueKind(claim: { readonly figure: string | null; readonly measure: ClaimMeasure }): FigureKind {
  return claim.measure === 'change-on-prior-year' ? 'fraction' : figureKindOf(claim.figure);
}
