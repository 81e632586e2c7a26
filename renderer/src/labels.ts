import type { MatchingWindow } from '../../shared/calc/scope2-market';
import type { ConsolidationApproach } from '../../shared/settings';

export const CONSOLIDATION_LABELS: Readonly<Record<ConsolidationApproach, string>> = {
  'operational-control': 'Operational control',
  'financial-control': 'Financial control',
  'equity-share': 'Equity share',
};

export const MATCHING_LABELS: Readonly<Record<MatchingWindow, string>> = {
  'fiscal-year': 'Over the fiscal year (GHG Protocol default)',
  'fiscal-month': 'Month by month (stricter)',
};
