import type { InputPart } from '../../shared/calc/results-status';
import type { MatchingWindow } from '../../shared/calc/scope2-market';
import type { ConsolidationApproach } from '../../shared/settings';
import { t } from './messages';

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
