import type { ActivityKey } from '../../shared/activities';
import type { InputPart } from '../../shared/calc/results-status';
import type { MatchingWindow } from '../../shared/calc/scope2-market';
import { figureById, isFigureId, type Figure } from '../../shared/figures';
import type { ConsolidationApproach } from '../../shared/settings';
import { t } from '../../shared/messages';

export const CONSOLIDATION_LABELS: Readonly<Record<ConsolidationApproach, string>> = {
  'operational-control': t.labels.operationalControl,
  'financial-control': t.labels.financialControl,
  'equity-share': t.labels.equityShare,
};

export const MATCHING_LABELS: Readonly<Record<MatchingWindow, string>> = {
  'fiscal-year': t.labels.overTheFiscalYearGhg,
  'fiscal-month': t.labels.monthByMonthStricter,
};

const INPUT_PART_LABELS: Readonly<Record<InputPart, string>> = {
  boundary: t.resultsStatus.boundary,
  factors: t.resultsStatus.factors,
  method: t.resultsStatus.method,
  records: t.resultsStatus.records,
  settings: t.resultsStatus.settings,
};

/** The inputs that changed since a calculation, as a list: 'the reporting boundary, the activity records'. */
export function changedInputs(changed: readonly InputPart[]): string {
  return changed.map((part) => INPUT_PART_LABELS[part]).join(', ');
}

// The names of shared's fixed vocabularies (activities, figures, Scope 3 categories) as the UI shows them,
// from the catalogue by key; shared/ keeps its own English labels for the audited workbook and the CLI.

function isActivityKey(key: string): key is ActivityKey {
  return Object.prototype.hasOwnProperty.call(t.activityNames, key);
}

/** An activity's name; a key outside the vocabulary reads as itself. */
export function activityName(key: string): string {
  return isActivityKey(key) ? t.activityNames[key] : key;
}

/** 'Category 6: Business travel', or what the Scope 3 lines that name no category are called. */
export function scope3CategoryName(category: number | null): string {
  if (category === null) return t.figures.noCategoryGiven;
  const names: Readonly<Record<number, string>> = t.scope3Categories;
  return t.figures.scope3Category(category, names[category] ?? t.figures.unknownCategory);
}

/** 'revenue' of 'Revenue (intensity denominator)': a denominator as the noun an intensity is per. */
export function denominatorNoun(activity: string): string {
  return activityName(activity).replace(/\s*\(.*\)$/, '').toLowerCase();
}

/** A figure's name: a catalogue figure by id, a Scope 3 category by number, an intensity by its denominator and unit. */
export function figureName(figure: Figure): string {
  if (isFigureId(figure.id)) return t.figureNames[figure.id];
  if (figure.kind === 'intensity') return t.figures.netTco2e(t.figures.perOf(figure.divides.denominator.unit, denominatorNoun(figure.divides.denominator.activity)));
  return figure.kind === 'tco2e' && figure.sums.category !== undefined ? scope3CategoryName(figure.sums.category) : figure.id;
}

/** The name of the figure an id names ('scope2_market', 'scope3.6', an intensity); null for none or an id no figure has. */
export function figureNameOf(id: string | null): string | null {
  const figure = id === null ? undefined : figureById(id);
  return figure ? figureName(figure) : null;
}
