import type { CheckTrigger, FindingSeverity, FindingSource, FindingStatus } from '../../../../shared/review/findings';
import type { SignOffArea } from '../../../../shared/review/sign-off';
import type { VouchingResult } from '../../../../shared/review/vouching';
import { NO_VALUE } from '../../format';
import { t } from '../../../../shared/messages';

export const SEVERITY_LABELS: Readonly<Record<FindingSeverity, string>> = { high: t.labels.high, medium: t.labels.medium, low: t.labels.low };

export const SOURCE_LABELS: Readonly<Record<FindingSource, string>> = {
  rule: t.labels.dataQualityRule,
  calculation: t.labels.calculation,
  reconciliation: t.labels.reconciliation,
  import: t.labels.import,
  'audit-log': t.labels.auditLog,
  sampling: t.labels.sampling,
};

/** What started a check run, as the Findings view says 'Check #3 (after an import)'. */
export const CHECK_TRIGGER_LABELS: Readonly<Record<CheckTrigger, string>> = {
  'on-demand': t.findingsView.onDemand,
  import: t.findingsView.afterAnImport,
  'source-withdrawal': t.findingsView.afterASourceWithdrawal,
  'source-reinstatement': t.findingsView.afterASourceReinstatement,
  'source-replacement': t.findingsView.afterASourceReplacement,
};

export const FINDING_STATUS_LABELS: Readonly<Record<FindingStatus, string>> = {
  open: t.labels.statusOpen,
  explained: t.labels.statusExplained,
  adjusted: t.labels.statusAdjusted,
  accepted: t.labels.statusAccepted,
  'false-positive': t.labels.statusFalsePositive,
};

export const SIGN_OFF_AREA_LABELS: Readonly<Record<SignOffArea, string>> = {
  import: t.labels.areaImport,
  inventory: t.labels.areaInventory,
  reconciliation: t.labels.areaReconciliation,
  export: t.labels.areaExport,
};

export const VOUCHING_RESULT_LABELS: Readonly<Record<VouchingResult, string>> = {
  agreed: t.labels.vouchAgreed,
  difference: t.labels.vouchDifference,
  'not-vouched': t.labels.vouchNotVouched,
};

/** A finding's figure as the auditor reads it: numbers grouped, words as they are. */
export function figureText(value: number | string | null, format: (value: number) => string): string {
  if (value === null) return NO_VALUE;
  return typeof value === 'number' ? format(value) : value;
}

/** A finding's stored fact name ('monthsWithReadings') as a heading ('Months with readings'); not a figure of the inventory (those are labels.ts's figureName). */
export function factHeading(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
