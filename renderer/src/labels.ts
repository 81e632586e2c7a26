import type { ConsolidationApproach } from '../../shared/settings';

export const CONSOLIDATION_LABELS: Readonly<Record<ConsolidationApproach, string>> = {
  'operational-control': 'Operational control',
  'financial-control': 'Financial control',
  'equity-share': 'Equity share',
};
