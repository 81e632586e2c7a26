/** How reconciliation's numbers read in reasons, the CLI and the UI: one place, so they agree. */
import { figureById, type FigureKind } from '../figures';
import type { ClaimMeasure } from './reconcile';

/** Shown wherever there is no value: never 0. */
export const NO_VALUE = '—';

export interface FigureFormats {
  /** A number in a sentence: grouped, up to three decimals ('60.3', '2.663'). */
  amount(value: number): string;
  /** A figure's value: tCO2e and ratios to three decimals, shares as percentages to two, intensities to six significant digits. */
  value(kind: FigureKind, value: number | null): string;
  /** A difference between two values of a figure: signed; shares in percentage points. */
  difference(kind: FigureKind, value: number | null): string;
}

/** The formats in one locale: the engine's reasons and the CLI use en-GB, the UI the system's. */
export function figureFormats(locale: string | undefined): FigureFormats {
  const format = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options);
  const three = format({ minimumFractionDigits: 3, maximumFractionDigits: 3 });
  // Two decimals always: a column of shares lines up on its decimal point (15.40%, not 15.4% over 37.98%).
  const percent = format({ style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const significant = format({ maximumSignificantDigits: 6 });
  const signedThree = format({ minimumFractionDigits: 3, maximumFractionDigits: 3, signDisplay: 'exceptZero' });
  const signedPoints = format({ minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  // 'negative': a difference that rounds to zero reads 0, never -0.
  const upToThree = format({ maximumFractionDigits: 3, signDisplay: 'negative' });
  return {
    amount: (value) => upToThree.format(value),
    value: (kind, value) => {
      if (value === null) return NO_VALUE;
      switch (kind) {
        case 'tco2e':
        case 'ratio':
          return three.format(value);
        case 'fraction':
          return percent.format(value);
        case 'intensity':
          return significant.format(value);
      }
    },
    difference: (kind, value) => {
      if (value === null) return NO_VALUE;
      if (kind === 'fraction') return `${signedPoints.format(value * 100)} pp`;
      if (kind === 'intensity') return `${value > 0 ? '+' : ''}${significant.format(value)}`;
      return signedThree.format(value);
    },
  };
}

const EN_GB = figureFormats('en-GB');

export const formatAmount = EN_GB.amount;
export const formatFigureValue = EN_GB.value;
export const formatFigureDifference = EN_GB.difference;

/** The kind a figure's values read as; tCO2e when the figure is unknown. */
export function figureKindOf(figure: string | null): FigureKind {
  return (figure === null ? undefined : figureById(figure)?.kind) ?? 'tco2e';
}

/** A claim's values: a change on the prior year reads as a share does (percent, points), a level as its figure. */
export function claimValueKind(claim: { readonly figure: string | null; readonly measure: ClaimMeasure }): FigureKind {
  return claim.measure === 'change-on-prior-year' ? 'fraction' : figureKindOf(claim.figure);
}
