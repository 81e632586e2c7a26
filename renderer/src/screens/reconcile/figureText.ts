/** How a claim's or target's values read here, in its figure's kind. */
import { FIGURE_IDS, FIGURES, scope3CategoryFigure } from '../../../../shared/figures';
import { claimValueKind, figureFormats, figureKindOf } from '../../../../shared/reconcile/format';
import { SYSTEM_LOCALE } from '../../format';
import type { ClaimResult } from '../../../../shared/reconcile/reconcile';
import { t } from '../../../../shared/messages';
import { figureName } from '../../labels';

// The UI's figures in the system's locale, with the precision the engine's reasons use.
const { value: formatFigureValue, difference: formatFigureDifference } = figureFormats(SYSTEM_LOCALE);

export function valueText(figure: string | null, value: number | null): string {
  return formatFigureValue(figureKindOf(figure), value);
}

export function differenceText(figure: string | null, value: number | null): string {
  return formatFigureDifference(figureKindOf(figure), value);
}

/** A claim's reported, recomputed or variance value: a change on the prior year in percent and points. */
export function claimValueText(claim: ClaimResult, value: number | null): string {
  return formatFigureValue(claimValueKind(claim), value);
}

export function claimDifferenceText(claim: ClaimResult, value: number | null): string {
  return formatFigureDifference(claimValueKind(claim), value);
}

/** The figures a claim can be matched to: the catalogue, and Scope 3 by category. */
export const FIGURE_CHOICES: readonly { readonly id: string; readonly label: string }[] = [
  ...FIGURE_IDS.map((id) => ({ id: id as string, label: figureName(FIGURES[id]) })),
  ...Array.from({ length: 15 }, (_, index) => {
    const figure = scope3CategoryFigure(index + 1);
    return { id: figure.id, label: t.figureText.scope3(figureName(figure)) };
  }),
];

export const STATUS_LABELS = {
  agreed: t.figureText.agreed,
  'within-tolerance': t.figureText.withinTolerance,
  exception: t.figureText.exception,
  incomplete: t.figureText.incomplete,
  unmatched: t.figureText.unmatched,
} as const;
