/** How a claim's or target's values read here, in its figure's kind. */
import { FIGURE_IDS, FIGURES, figureById, scope3CategoryFigure, type FigureKind } from '../../../../shared/figures';
import { formatFigureDifference, formatFigureValue } from '../../../../shared/reconcile/format';

export function kindOf(figure: string | null): FigureKind {
  return (figure === null ? undefined : figureById(figure)?.kind) ?? 'tco2e';
}

export function valueText(figure: string | null, value: number | null): string {
  return formatFigureValue(kindOf(figure), value);
}

export function differenceText(figure: string | null, value: number | null): string {
  return formatFigureDifference(kindOf(figure), value);
}

/** The figures a claim can be matched to: the catalogue, and Scope 3 by category. */
export const FIGURE_CHOICES: readonly { readonly id: string; readonly label: string }[] = [
  ...FIGURE_IDS.map((id) => ({ id: id as string, label: FIGURES[id].label })),
  ...Array.from({ length: 15 }, (_, index) => {
    const figure = scope3CategoryFigure(index + 1);
    return { id: figure.id, label: `Scope 3 ${figure.label}` };
  }),
];

export const STATUS_LABELS = {
  agreed: 'Agreed',
  'within-tolerance': 'Within tolerance',
  exception: 'Exception',
  unmatched: 'Unmatched',
} as const;
