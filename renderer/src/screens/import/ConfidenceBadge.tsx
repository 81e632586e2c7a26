import type { Confidence } from '../../../../shared/import/table';
import { t } from '../../../../shared/messages';

export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  return <span className={`badge confidence-${confidence}`}>{t.confidenceBadge.confidence(confidence)}</span>;
}
