/**
 * The calculation's findings as review findings: one per record (or per message, for a finding
 * about no record), with the severity its kind deserves. A record left out of the inventory (no
 * factor, a unit or period it cannot use) is high: emissions are missing; a caveat is lower.
 */
import type { Finding, FindingKind } from '../calc/inventory-types';
import type { FindingDraft, FindingSeverity } from './findings';
import type { ReviewRecord } from './rules';

export const CALCULATION_SEVERITY: Readonly<Record<FindingKind, FindingSeverity>> = {
  activity: 'high',
  unit: 'high',
  period: 'high',
  quantity: 'high',
  boundary: 'high',
  'no-factor': 'high',
  'double-count': 'high',
  'ambiguous-factor': 'medium',
  'calorific-basis-ambiguous': 'medium',
  'factor-value': 'medium',
  'instrument-exceeds-consumption': 'medium',
  'scope3-category': 'low',
};

export function calculationFindingDraft(finding: Finding, record: ReviewRecord | undefined): FindingDraft {
  return {
    source: 'calculation',
    rule: finding.kind,
    subject: finding.recordId === null ? finding.message : `record ${finding.recordId}`,
    cause: finding.message,
    severity: CALCULATION_SEVERITY[finding.kind],
    message: record ? `Record ${record.id} (${record.site ?? 'no site'}, ${record.activity}, ${record.periodStart}): ${finding.message}` : finding.message,
    site: record?.site ?? null,
    activity: record?.activity ?? null,
    period: record ? record.periodStart.slice(0, 7) : null,
    figures: record ? { quantity: record.quantity, unit: record.unit } : {},
    tco2eAtStake: record?.tco2e ?? null,
    atStakeEstimated: false,
    recordIds: record ? [record.id] : [],
    rawRowIds: record ? [record.rawRowId] : [],
  };
}
