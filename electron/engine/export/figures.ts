/**
 * The figures the workbook reports, from the shared figure catalogue: the lead schedule's rows
 * (each fiscal year's figures, with one row per Scope 3 category reported), and the words the
 * detail uses for each line's basis, which the lead schedule's SUMIFS select lines by.
 */
import { LINE_BASES, type LineBasis, type PeriodResult } from '../../../shared/calc/inventory';
import { EMISSION_FIGURE_IDS, FIGURE_IDS, FIGURES, figureValue, scope3CategoryFigure, UNCATEGORISED, type EmissionFigure, type Figure } from '../../../shared/figures';

export { UNCATEGORISED };

/** A basis reads as the catalogue's figure that sums that basis alone; none holds a SUMIFS wildcard. */
export const BASIS_LABELS = Object.fromEntries(
  LINE_BASES.map((basis) => {
    const figure = EMISSION_FIGURE_IDS.map((id) => FIGURES[id] as EmissionFigure).find((candidate) => candidate.sums.bases.length === 1 && candidate.sums.bases[0] === basis);
    if (!figure) throw new Error(`no figure in the catalogue sums the ${basis} lines alone`);
    return [basis, figure.label];
  }),
) as Readonly<Record<LineBasis, string>>;

export interface ScheduleFigure {
  readonly figure: Figure;
  /** The schedule's words for it. */
  readonly label: string;
  readonly value: (period: PeriodResult) => number | null;
}

function categoryOrder(key: string): number {
  return key === UNCATEGORISED ? Infinity : Number(key);
}

/** The catalogue's figures, intensities aside (their denominators are not in the detail), with Scope 3's categories after Scope 3. */
export function scheduleFigures(periods: readonly PeriodResult[]): ScheduleFigure[] {
  const categories = [...new Set(periods.flatMap((period) => Object.keys(period.scope3ByCategory)))].sort((a, b) => categoryOrder(a) - categoryOrder(b));
  const entry = (figure: Figure, label = figure.group === 'apart' ? `${figure.label} (reported apart)` : figure.label): ScheduleFigure =>
    ({ figure, label, value: (period) => figureValue(figure, period) });
  return FIGURE_IDS.flatMap((id) => {
    const figure = FIGURES[id];
    if (id !== 'scope3') return [entry(figure)];
    return [entry(figure), ...categories.map((key) => {
      const category = scope3CategoryFigure(key === UNCATEGORISED ? null : Number(key));
      return entry(category, `Scope 3 — ${category.label}`);
    })];
  });
}

/** The defined name of a year's figure on the lead schedule: `Lead_FY2024_scope2_market`, `Lead_FY2024_scope3_6`. */
export function leadName(fiscalYear: string, figureId: string): string {
  return `Lead_${fiscalYear}_${figureId.replace(/\./g, '_')}`;
}
