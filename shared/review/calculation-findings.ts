/**
 * The calculation's findings as review findings: one per record (or per message, for a finding
 * about no record), with the severity its kind deserves. A record left out of the inventory (no
 * factor, a unit or period it cannot use) is high: emissions are missing; a caveat is lower.
 */
import { findingMessage, type Finding, type FindingKind } from '../calc/inventory-types';
import type { FindingDraft, FindingSeverity } from './findings';
import type { ReviewRecord } from './rules';
import type { ReviewData } from './rules/types';
import { fiscalYearOfMonth, groupBy, idsOf, inUnitOf, monthOf, monthsTouched, round } from './rules/series';

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
  // Facility energy beside the site's electricity is left out so as not to count it twice: a note
  // to confirm when the electricity covers it; what it does not cover is at stake, and materiality
  // raises the finding (causeDraft).
  'double-count': 'low',
};

/** Kinds the review lists once per cause (one site's facility energy, month after month) and fiscal year, not once per record. */
const ONE_PER_CAUSE: ReadonlySet<FindingKind> = new Set(['double-count']);

const KWH = { unit: 'kWh', unitBasis: null } as const;

/**
 * The calculation's findings as review findings: one per record, or one per cause and fiscal year
 * for the kinds above (materiality is per fiscal year).
 */
export function calculationFindingDrafts(findings: readonly Finding[], data: Pick<ReviewData, 'records' | 'fiscal'>): FindingDraft[] {
  const byId = new Map(data.records.map((record) => [record.id, record]));
  const recordOf = (finding: Finding) => (finding.recordId === null ? undefined : byId.get(finding.recordId));
  const drafts = findings.filter((finding) => !ONE_PER_CAUSE.has(finding.kind)).map((finding) => calculationFindingDraft(finding, recordOf(finding)));
  const yearOf = (finding: Finding) => {
    const record = recordOf(finding);
    return record ? (fiscalYearOfMonth(monthOf(record.periodStart), data.fiscal)?.label ?? null) : null;
  };
  const byCause = groupBy(findings.filter((finding) => ONE_PER_CAUSE.has(finding.kind)), (finding) => `${finding.kind}\u0000${finding.cause}\u0000${yearOf(finding) ?? ''}`);
  const causeDrafts = [...byCause.values()].map((group) => {
    const records = group.flatMap((finding) => recordOf(finding) ?? []);
    return causeDraft(group, records, yearOf(group[0]!), siteElectricity(data.records, records[0]?.site ?? null));
  });
  return [...drafts, ...causeDrafts];
}

/** The site's electricity consumed, in kWh per month (a record spread evenly over its months); null when some cannot be put in kWh. */
function siteElectricity(records: readonly ReviewRecord[], site: string | null): Map<number, number> | null {
  return kwhByMonth(records.filter((record) => record.site === site && record.activity === 'electricity' && record.meaning === 'consumption'));
}

function kwhByMonth(records: readonly ReviewRecord[]): Map<number, number> | null {
  const byMonth = new Map<number, number>();
  for (const record of records) {
    const kwh = inUnitOf(record, KWH);
    if (kwh === null) return null;
    const months = monthsTouched(record.periodStart, record.periodEnd);
    for (const month of months) byMonth.set(month, (byMonth.get(month) ?? 0) + kwh / months.length);
  }
  return byMonth;
}

/**
 * One finding for a cause's records in one fiscal year. The calculation left the facility energy
 * out so as not to count it twice; what the site's electricity in the same months does not cover
 * is counted nowhere, so it is at stake, priced as the calculation priced the facility energy
 * (the site's grid electricity). Covered in full, nothing is at stake: a note to confirm.
 */
function causeDraft(group: readonly Finding[], records: readonly ReviewRecord[], fiscalYear: string | null, electricity: Map<number, number> | null): FindingDraft {
  const [first] = group;
  const details = group.flatMap((finding) => (finding.detail === null ? [] : [finding.detail.replace(/^in /, '')]));
  const leftOut = group.every((finding) => finding.atStake !== null) ? group.reduce((sum, finding) => sum + finding.atStake!.high, 0) : null;
  const facility = kwhByMonth(records);
  const facilityKwh = facility === null ? null : [...facility.values()].reduce((sum, kwh) => sum + kwh, 0);
  const electricityKwh = facility === null || electricity === null ? null : [...facility.keys()].reduce((sum, month) => sum + (electricity.get(month) ?? 0), 0);
  const uncoveredKwh = facilityKwh === null || electricityKwh === null ? null : Math.max(0, facilityKwh - electricityKwh);
  const atStake = leftOut === null || uncoveredKwh === null || facilityKwh === null ? null : facilityKwh === 0 ? 0 : (leftOut * uncoveredKwh) / facilityKwh;
  const count = records.length === 1 ? '1 record' : `${records.length} records`;
  const site = records[0]?.site ?? null;
  const coverage = uncoveredKwh === null || electricityKwh === null
    ? ''
    : uncoveredKwh > 0
      ? `; the site's electricity in those months (${round(electricityKwh)} kWh) covers ${round(facilityKwh! - uncoveredKwh)} of ${round(facilityKwh!)} kWh of facility energy, so ${round(uncoveredKwh)} kWh${atStake === null ? '' : ` (${round(atStake)} tCO2e)`} is counted nowhere`
      : `; the site's electricity in those months (${round(electricityKwh)} kWh) covers the ${round(facilityKwh!)} kWh of facility energy`;
  return {
    source: 'calculation',
    rule: first!.kind,
    subject: `site ${site ?? '(no site)'}${fiscalYear === null ? '' : `|${fiscalYear}`}`,
    cause: first!.cause,
    severity: CALCULATION_SEVERITY[first!.kind],
    message: `${first!.cause}; ${count}${details.length === 0 ? '' : ` (${details.join(', ')})`}${leftOut === null ? '' : `, ${round(leftOut)} tCO2e left out`}${coverage}`,
    site,
    activity: records[0]?.activity ?? null,
    period: fiscalYear,
    figures: {
      records: records.length,
      tco2eLeftOut: leftOut === null ? null : round(leftOut),
      facilityKwh: facilityKwh === null ? null : round(facilityKwh),
      electricityKwh: electricityKwh === null ? null : round(electricityKwh),
      uncoveredKwh: uncoveredKwh === null ? null : round(uncoveredKwh),
    },
    tco2eAtStake: atStake === null ? null : round(atStake),
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
