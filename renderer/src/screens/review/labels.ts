import type { FindingSeverity, FindingSource } from '../../../../shared/review/findings';
import { t } from '../../messages';

export const SEVERITY_LABELS: Readonly<Record<FindingSeverity, string>> = { high: t.labels.high, medium: t.labels.medium, low: t.labels.low };

export const SOURCE_LABELS: Readonly<Record<FindingSource, string>> = {
  rule: t.labels.dataQualityRule,
  calculation: t.labels.calculation,
  reconciliation: t.labels.reconciliation,
  import: t.labels.import,
  'audit-log': t.labels.auditLog,
  sampling: t.labels.sampling,
};

/** A finding's figure as the auditor reads it: numbers grouped, words as they are. */
export function figureText(value: number | string | null, format: (value: number) => string): string {
  if (value === null) return '—';
  return typeof value === 'number' ? format(value) : value;
}

/** A figure's name as stored ('monthsWithReadings') as a heading ('Months with readings'). */
export function figureName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
