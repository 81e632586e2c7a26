/**
 * The figure catalogue: the one vocabulary of the figures an inventory reports. Each figure has
 * an id ('scope2_market'), a label, a kind (tCO2e, a ratio, a fraction of 0–1, an intensity), how
 * it is computed (the result-line bases it sums, or the metric inputs it divides), whether it can
 * be traced to result lines, and which sites it covers.
 *
 * The calculation computes figures from these definitions; the trace, `calculate --json`,
 * recalculation's diff, the contract's validation of figure references and the UI's lead
 * schedule all read them, and a reported claim names the figure it is about by the same id.
 * A reference to one fiscal year's figure is written `FY2023.scope2_market` or `FY2023.scope3.6`
 * (parseFigureReference / formatFigureReference).
 */
import { SCOPE3_CATEGORIES } from './activities';
import type { IntensityMetric } from './calc/intensity';
import type { EmissionTotals, InventoryMetrics, LineBasis, MetricInputKind } from './calc/inventory-types';

/** tCO2e; a ratio such as PUE; a fraction of 0–1 (a share); tCO2e per unit of a denominator. */
export type FigureKind = 'tco2e' | 'ratio' | 'fraction' | 'intensity';
/** The inventory itself, what is reported apart from it, and physical metrics. */
export type FigureGroup = 'inventory' | 'apart' | 'metrics';
/** The sites whose inputs a figure takes (within the reporting boundary). */
export type FigureSites = 'all' | 'data-centres';

interface FigureCommon {
  readonly id: string;
  /** In the audited workbook's and the CLI's words (English, as the workbook is); the UI names figures from its own catalogue by id. */
  readonly label: string;
  readonly group: FigureGroup;
  readonly sites: FigureSites;
  /** True when the figure is a sum of result lines, each traceable to its record and source row. */
  readonly traceable: boolean;
}

/** Emissions: the exact sum of the result lines on these bases (and of one Scope 3 category). */
export interface EmissionFigure extends FigureCommon {
  readonly kind: 'tco2e';
  readonly sums: {
    readonly bases: readonly LineBasis[];
    /** A Scope 3 category's number, null for the lines that name none; absent: every line. */
    readonly category?: number | null;
  };
}

/**
 * A metric: Σ numerator ÷ Σ denominator of the covered sites' metric inputs (kWh). A ratio takes
 * only sites that have both inputs and is null without them; a fraction is part of a whole, 0
 * when nothing counts towards the part, null without a whole.
 */
export interface MetricFigure extends FigureCommon {
  readonly kind: 'ratio' | 'fraction';
  readonly divides: { readonly numerator: MetricInputKind; readonly denominator: MetricInputKind };
}

/** A figure per unit of a denominator the company reports (revenue, floor area, orders). */
export interface IntensityFigure extends FigureCommon {
  readonly kind: 'intensity';
  readonly divides: { readonly numerator: 'net'; readonly denominator: { readonly activity: string; readonly unit: string } };
}

export type Figure = EmissionFigure | MetricFigure | IntensityFigure;

const emission = (id: string, label: string, bases: readonly LineBasis[], group: FigureGroup = 'inventory'): EmissionFigure =>
  ({ id, label, kind: 'tco2e', group, sites: 'all', traceable: true, sums: { bases } });

/** The figures every fiscal year and site has, in the order they are reported. */
export const FIGURES = {
  scope1: emission('scope1', 'Scope 1', ['scope1']),
  scope2_location: emission('scope2_location', 'Scope 2 location-based', ['location']),
  scope2_market: emission('scope2_market', 'Scope 2 market-based', ['market']),
  scope3: emission('scope3', 'Scope 3', ['scope3']),
  net: emission('net', 'Net (Scope 1 + market-based Scope 2)', ['scope1', 'market']),
  scope1_2_location: emission('scope1_2_location', 'Scope 1 + location-based Scope 2', ['scope1', 'location']),
  biogenic: emission('biogenic', 'Biogenic CO2 (outside scopes)', ['biogenic']),
  avoided: emission('avoided', 'Avoided emissions', ['avoided'], 'apart'),
  pue: {
    id: 'pue', label: 'PUE (data centres)', kind: 'ratio', group: 'metrics', sites: 'data-centres', traceable: false,
    divides: { numerator: 'facility', denominator: 'it' },
  },
  clean_share: {
    id: 'clean_share', label: 'Clean-electricity share', kind: 'fraction', group: 'metrics', sites: 'all', traceable: false,
    divides: { numerator: 'clean', denominator: 'electricity' },
  },
  data_centre_clean_share: {
    id: 'data_centre_clean_share', label: 'Data-centre clean share', kind: 'fraction', group: 'metrics', sites: 'data-centres', traceable: false,
    divides: { numerator: 'clean', denominator: 'electricity' },
  },
} as const satisfies Record<string, Figure>;

export type FigureId = keyof typeof FIGURES;
export type EmissionFigureId = { [K in FigureId]: (typeof FIGURES)[K] extends EmissionFigure ? K : never }[FigureId];
export type MetricFigureId = Exclude<FigureId, EmissionFigureId>;

export const FIGURE_IDS = Object.keys(FIGURES) as FigureId[];
export const EMISSION_FIGURE_IDS = FIGURE_IDS.filter((id): id is EmissionFigureId => FIGURES[id].kind === 'tco2e');
export const METRIC_FIGURE_IDS = FIGURE_IDS.filter((id): id is MetricFigureId => FIGURES[id].kind !== 'tco2e');

/** Where each figure is held in the calculation's totals. */
export const TOTALS_FIELD = {
  scope1: 'scope1',
  scope2_location: 'scope2Location',
  scope2_market: 'scope2Market',
  scope3: 'scope3',
  net: 'net',
  scope1_2_location: 'scope12Location',
  biogenic: 'biogenic',
  avoided: 'avoided',
} as const satisfies Record<EmissionFigureId, keyof EmissionTotals>;
export const METRICS_FIELD = {
  pue: 'pue',
  clean_share: 'cleanShare',
  data_centre_clean_share: 'dataCentreCleanShare',
} as const satisfies Record<MetricFigureId, keyof InventoryMetrics>;

export function isFigureId(text: string): text is FigureId {
  return Object.prototype.hasOwnProperty.call(FIGURES, text);
}

/** The key of the Scope 3 lines that name no category, in totals and figure ids. */
export const UNCATEGORISED = 'uncategorised';

/** 'scope3.6', or 'scope3.uncategorised' for the Scope 3 lines that name no category. */
export function scope3CategoryFigure(category: number | null): EmissionFigure {
  const key = category === null ? UNCATEGORISED : String(category);
  const label = category === null ? 'No category given' : `Category ${category}: ${SCOPE3_CATEGORIES[category] ?? 'unknown'}`;
  return { ...emission(`scope3.${key}`, label, ['scope3']), sums: { bases: ['scope3'], category } };
}

/** Net tCO2e per unit of a reported denominator, e.g. 'intensity.revenue.currency:GBP'. */
export function intensityFigure(activity: string, unit: string): IntensityFigure {
  return {
    id: `intensity.${activity}.${unit}`,
    label: `Net tCO2e per ${unit} of ${activity}`,
    kind: 'intensity',
    group: 'metrics',
    sites: 'all',
    traceable: false,
    divides: { numerator: 'net', denominator: { activity, unit } },
  };
}

/** The key of a Scope 3 category in scope3ByCategory: its number, or 'uncategorised'. */
export function categoryKey(category: number | null): string {
  return category === null ? UNCATEGORISED : String(category);
}

const CATEGORY_ID = /^scope3\.(?:(\d{1,2})|uncategorised)$/;

/** The figure an id names: a catalogue figure, or a Scope 3 category ('scope3.6'); intensities by their id. */
export function figureById(id: string): Figure | undefined {
  if (isFigureId(id)) return FIGURES[id];
  const category = CATEGORY_ID.exec(id);
  if (category) {
    const number = category[1] === undefined ? null : Number(category[1]);
    return number === null || (number >= 1 && number <= 15) ? scope3CategoryFigure(number) : undefined;
  }
  const intensity = /^intensity\.([a-z0-9_]+)\.(.+)$/.exec(id);
  return intensity ? intensityFigure(intensity[1]!, intensity[2]!) : undefined;
}

/** A figure's value in one fiscal year's (or one site's) totals; null when it has no inputs. */
export function figureValue(figure: Figure, totals: EmissionTotals & { readonly intensities?: readonly IntensityMetric[] }): number | null {
  switch (figure.kind) {
    case 'tco2e':
      if (figure.sums.category !== undefined) return totals.scope3ByCategory[categoryKey(figure.sums.category)] ?? null;
      return totals[TOTALS_FIELD[figure.id as EmissionFigureId]];
    case 'ratio':
    case 'fraction':
      return totals.metrics[METRICS_FIELD[figure.id as MetricFigureId]];
    case 'intensity': {
      const { activity, unit } = figure.divides.denominator;
      return totals.intensities?.find((metric) => metric.denominator === activity && metric.unit === unit)?.netTco2ePerUnit ?? null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// References: one fiscal year's figure

export interface FigureReference {
  /** 'FY2023'. */
  readonly fiscalYear: string;
  readonly figure: Figure;
}

export type ReferenceResult = { readonly ok: true; readonly value: FigureReference } | { readonly ok: false; readonly reason: string };

const REFERENCE = /^(FY\d{4})\.(.+)$/;

/**
 * Reads 'FY2023.scope2_market', 'FY2023.scope3.6' or 'FY2023.intensity.revenue.currency:GBP';
 * with `traceable`, only figures that are sums of result lines.
 */
export function parseFigureReference(text: string, options: { readonly traceable?: boolean } = {}): ReferenceResult {
  const match = REFERENCE.exec(text.trim());
  const figure = match ? figureById(match[2]!) : undefined;
  if (!match || !figure) {
    return { ok: false, reason: `Unknown figure '${text}': use FY<year>.<${FIGURE_IDS.join('|')}>, or FY<year>.scope3.<category>` };
  }
  if (options.traceable && !figure.traceable) return { ok: false, reason: `${figure.label} is a ratio, not a sum of result lines: it cannot be traced; ${whereInputsAre(figure, match[1]!)}` };
  return { ok: true, value: { fiscalYear: match[1]!, figure } };
}

/** A metric input in the workbook's and the CLI's words. */
export const METRIC_INPUT_WORDS: Readonly<Record<MetricInputKind, string>> = {
  facility: 'total facility energy', it: 'IT energy', electricity: 'electricity consumed', clean: 'clean electricity (instruments)',
};

/** Where a ratio's inputs are to be checked, since the ratio itself has no lines to trace. */
function whereInputsAre(figure: Figure, fiscalYear: string): string {
  if (figure.kind === 'intensity') return `it divides ${formatFigureReference(fiscalYear, FIGURES.net)} (trace that) by the ${figure.divides.denominator.activity} records in ${figure.divides.denominator.unit}`;
  if (figure.kind === 'tco2e') return '';
  const { numerator, denominator } = figure.divides;
  const sites = figure.sites === 'data-centres' ? (figure.kind === 'ratio' ? ', over the data centres with both' : ', over the data centres') : '';
  return `it divides ${METRIC_INPUT_WORDS[numerator]} by ${METRIC_INPUT_WORDS[denominator]} (kWh${sites}): the workbook's Metrics sheet shows both per site and fiscal year, and the Records table lists the records they sum`;
}

export function formatFigureReference(fiscalYear: string, figure: Pick<Figure, 'id'>): string {
  return `${fiscalYear}.${figure.id}`;
}
