/**
 * The calculation's findings as review findings: one per record (or per message, for a finding
 * about no record), with the severity its kind deserves. A record left out of the inventory (no
 * factor, a unit or period it cannot use) is high: emissions are missing; a caveat is lower.
 */
import { findingMessage, type Finding, type FindingKind } from '../calc/inventory-types';
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
  const message = findingMessage(finding);
  // The record's own tCO2e when it was priced; else what the calculation puts at stake (the highest of a range).
  const atStake = record?.tco2e ?? finding.atStake?.high ?? null;
  return {
    source: 'calculation',
    rule: finding.kind,
    subject: finding.recordId === null ? finding.cause : `record ${finding.recordId}`,
    cause: message,
    severity: CALCULATION_SEVERITY[finding.kind],
    message: record ? `Record ${record.id} (${record.site ?? 'no site'}, ${record.activity}, ${record.periodStart}): ${message}` : message,
    site: record?.site ?? null,
    activity: record?.activity ?? null,
    period: record ? record.periodStart.slice(0, 7) : null,
    figures: record ? { quantity: record.quantity, unit: record.unit } : {},
    tco2eAtStake: atStake,
    atStakeEstimated: (record?.tco2e ?? null) === null && finding.atStake !== null && finding.atStake.low !== finding.atStake.high,
    recordIds: record ? [record.id] : [],
    rawRowIds: record ? [record.rawRowId] : [],
  };
}
