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
