import type { Confidence } from '../../../../shared/import/table';

export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  return <span className={`badge confidence-${confidence}`}>{confidence} confidence</span>;
}
