/**
 * The figures the workbook reports and the words it uses for them. Keys are the engine's figure
 * names (as `calculate --json`, `trace` and `recalculate` use them); detail lines carry the
 * label of their basis, and the lead schedule's SUMIFS select lines by that label.
 */
import { SCOPE3_CATEGORIES } from '../../../shared/activities';
import type { LineBasis, PeriodResult } from '../../../shared/calc/inventory';

/** What a detail line's basis reads as; none holds a SUMIFS wildcard (`*`, `?`, `~`). */
export const BASIS_LABELS: Readonly<Record<LineBasis, string>> = {
  scope1: 'Scope 1',
  location: 'Scope 2 location-based',
  market: 'Scope 2 market-based',
  scope3: 'Scope 3',
  biogenic: 'Biogenic CO2 (outside scopes)',
  avoided: 'Avoided emissions (reported apart)',
};

export const UNCATEGORISED = 'uncategorised';

export type FigureFormat = 'tco2e' | 'ratio' | 'share';

export type FigureDefinition =
  | { readonly key: string; readonly label: string; readonly kind: 'lines'; readonly basis: LineBasis; readonly category?: string; readonly value: (period: PeriodResult) => number | null }
  | { readonly key: 'net'; readonly label: string; readonly kind: 'net'; readonly value: (period: PeriodResult) => number | null }
  | { readonly key: string; readonly label: string; readonly kind: 'metric'; readonly format: 'ratio' | 'share'; readonly metric: MetricFigure; readonly value: (period: PeriodResult) => number | null };

export type MetricFigure = 'pue' | 'cleanShare' | 'dataCentreCleanShare';

export function categoryLabel(category: string): string {
  return category === UNCATEGORISED ? 'Scope 3: no category given' : `Scope 3 category ${category}: ${SCOPE3_CATEGORIES[Number(category)] ?? 'unknown'}`;
}

/** The schedule's figures, with one row per Scope 3 category reported in any year. */
export function figureDefinitions(periods: readonly PeriodResult[]): FigureDefinition[] {
  const categories = [...new Set(periods.flatMap((period) => Object.keys(period.scope3ByCategory)))].sort(
    (a, b) => (a === UNCATEGORISED ? Infinity : Number(a)) - (b === UNCATEGORISED ? Infinity : Number(b)),
  );
  return [
    { key: 'scope1', label: 'Scope 1', kind: 'lines', basis: 'scope1', value: (p) => p.scope1 },
    { key: 'scope2_location', label: 'Scope 2 location-based', kind: 'lines', basis: 'location', value: (p) => p.scope2Location },
    { key: 'scope2_market', label: 'Scope 2 market-based', kind: 'lines', basis: 'market', value: (p) => p.scope2Market },
    { key: 'scope3', label: 'Scope 3', kind: 'lines', basis: 'scope3', value: (p) => p.scope3 },
    ...categories.map((category): FigureDefinition => ({
      key: `scope3_${category}`,
      label: `  ${categoryLabel(category)}`,
      kind: 'lines',
      basis: 'scope3',
      category,
      value: (p) => p.scope3ByCategory[category] ?? null,
    })),
    { key: 'net', label: 'Net (Scope 1 + Scope 2 market-based)', kind: 'net', value: (p) => p.net },
    { key: 'biogenic', label: BASIS_LABELS.biogenic, kind: 'lines', basis: 'biogenic', value: (p) => p.biogenic },
    { key: 'avoided', label: BASIS_LABELS.avoided, kind: 'lines', basis: 'avoided', value: (p) => p.avoided },
    { key: 'pue', label: 'PUE (data centres, energy-weighted)', kind: 'metric', format: 'ratio', metric: 'pue', value: (p) => p.metrics.pue },
    { key: 'clean_share', label: 'Clean-electricity share', kind: 'metric', format: 'share', metric: 'cleanShare', value: (p) => p.metrics.cleanShare },
    { key: 'data_centre_clean_share', label: 'Data-centre clean-electricity share', kind: 'metric', format: 'share', metric: 'dataCentreCleanShare', value: (p) => p.metrics.dataCentreCleanShare },
  ];
}

export function figureFormat(figure: FigureDefinition): FigureFormat {
  return figure.kind === 'metric' ? figure.format : 'tco2e';
}
