/**
 * The calculation's findings as review findings: one per record (or per message, for a finding
 * about no record), with the severity its kind deserves. A record left out of the inventory (no
 * factor, a unit or period it cannot use) is high: emissions are missing; a caveat is lower.
 */
import { findingMessage, type Finding, type FindingKind } from '../calc/inventory-types';
import type { FindingDraft, FindingSeverity } from './findings';
import type { ReviewRecord } from './rules';
import { groupBy, idsOf, round } from './rules/series';

export const CALCULATION_SEVERITY: Readonly<Record<FindingKind, FindingSeverity>> = {
  activity: 'high',
  unit: 'high',
  period: 'high',
  quantity: 'high',
  boundary: 'high',
  'no-factor': 'high',
  'ambiguous-factor': 'medium',
  'calorific-basis-ambiguous': 'medium',
  'factor-value': 'medium',
  'instrument-exceeds-consumption': 'medium',
  'scope3-category': 'low',
  // Facility energy beside the site's electricity is left out so as not to count it twice: a
  // note to confirm (the electricity covers the facility), not emissions missing or doubled.
  'double-count': 'low',
};

/** Kinds the review lists once per cause (one site's facility energy, month after month), not once per record. */
const ONE_PER_CAUSE: ReadonlySet<FindingKind> = new Set(['double-count']);

/** The calculation's findings as review findings: one per record, or one per cause for the kinds above. */
export function calculationFindingDrafts(findings: readonly Finding[], recordOf: (recordId: number) => ReviewRecord | undefined): FindingDraft[] {
  const drafts = findings.filter((finding) => !ONE_PER_CAUSE.has(finding.kind)).map((finding) => calculationFindingDraft(finding, finding.recordId === null ? undefined : recordOf(finding.recordId)));
  const byCause = groupBy(findings.filter((finding) => ONE_PER_CAUSE.has(finding.kind)), (finding) => `${finding.kind}\u0000${finding.cause}`);
  return [...drafts, ...[...byCause.values()].map((group) => causeDraft(group, group.flatMap((finding) => (finding.recordId === null ? [] : (recordOf(finding.recordId) ?? [])))))];
}

/**
 * One finding for every record sharing a cause: what the records leave out is in its figures and
 * words, not at stake, since the calculation did not lose it (it declined to count it twice).
 */
function causeDraft(group: readonly Finding[], records: readonly ReviewRecord[]): FindingDraft {
  const [first] = group;
  const details = group.flatMap((finding) => (finding.detail === null ? [] : [finding.detail.replace(/^in /, '')]));
  const leftOut = group.every((finding) => finding.atStake !== null) ? group.reduce((sum, finding) => sum + finding.atStake!.high, 0) : null;
  const count = records.length === 1 ? '1 record' : `${records.length} records`;
  const site = records[0]?.site ?? null;
  return {
    source: 'calculation',
    rule: first!.kind,
    subject: `site ${site ?? '(no site)'}`,
    cause: first!.cause,
    severity: CALCULATION_SEVERITY[first!.kind],
    message: `${first!.cause}; ${count}${details.length === 0 ? '' : ` (${details.join(', ')})`}${leftOut === null ? '' : `, ${round(leftOut)} tCO2e left out`}`,
    site,
    activity: records[0]?.activity ?? null,
    period: null,
    figures: { records: records.length, tco2eLeftOut: leftOut === null ? null : round(leftOut) },
    tco2eAtStake: null,
    atStakeEstimated: false,
    ...idsOf(records),
  };
}

function calculationFindingDraft(finding: Finding, record: ReviewRecord | undefined): FindingDraft {
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
