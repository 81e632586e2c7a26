/**
 * The reconciliation at a glance, for the Overview: how many reported figures agree, fall within
 * tolerance, are exceptions or match no figure, and where each target stands, on the stored
 * figures as imported. The full report (with the proposed adjustments) is the Reconciliation
 * screen's; this is what opening the Overview can afford: no calculation, nothing written.
 */
import type { ResultsStatus } from '../calc/results-status';
import { FLAGGED_CLAIM_STATUSES, type ClaimStatus } from './claims';
import type { ReconciliationReport } from './report';
import type { TargetStatus } from './targets';

export const CLAIM_STATUSES: readonly ClaimStatus[] = ['agreed', 'within-tolerance', 'exception', 'incomplete', 'unmatched'];
export const TARGET_STATUSES: readonly TargetStatus[] = ['met', 'on-track', 'off-track', 'missed', 'not-assessable'];

/** Claims and targets a glance names one by one; the counts cover them all. */
export const GLANCE_ITEMS = 10;

export interface GlanceItem {
  readonly id: number;
  /** The claim's metric and period, or the target's name. */
  readonly name: string;
  readonly status: ClaimStatus | TargetStatus;
  readonly reason: string;
}

export interface ReconciliationGlance {
  /** The stored figures compared with: current, out of date, or none yet. */
  readonly resultsStatus: ResultsStatus;
  readonly claims: number;
  readonly claimsByStatus: Readonly<Record<ClaimStatus, number>>;
  /** Exceptions first, then claims matched to no figure. */
  readonly flaggedClaims: readonly GlanceItem[];
  readonly targets: number;
  readonly targetsByStatus: Readonly<Record<TargetStatus, number>>;
  /** Off-track and missed targets first. */
  readonly listedTargets: readonly GlanceItem[];
  /** Adjustments proposed and not withdrawn: the Reconciliation screen shows the figures after them. */
  readonly activeAdjustments: number;
}

function countBy<S extends string>(statuses: readonly S[], values: readonly S[]): Record<S, number> {
  const counts = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<S, number>;
  for (const value of values) counts[value]++;
  return counts;
}

const TARGET_CONCERN: Readonly<Record<TargetStatus, number>> = { missed: 0, 'off-track': 1, 'not-assessable': 2, 'on-track': 3, met: 4 };

/** The glance of a report made on the stored figures as imported (its statuses are the uncorrected ones). */
export function reconciliationGlance(report: ReconciliationReport, resultsStatus: ResultsStatus, activeAdjustments: number): ReconciliationGlance {
  const flagged = report.claims
    .filter((claim) => FLAGGED_CLAIM_STATUSES.includes(claim.statusUncorrected))
    .sort((a, b) => FLAGGED_CLAIM_STATUSES.indexOf(a.statusUncorrected) - FLAGGED_CLAIM_STATUSES.indexOf(b.statusUncorrected) || a.id - b.id);
  const targets = [...report.targets].sort((a, b) => TARGET_CONCERN[a.status] - TARGET_CONCERN[b.status] || a.id - b.id);
  return {
    resultsStatus,
    claims: report.claims.length,
    claimsByStatus: countBy(CLAIM_STATUSES, report.claims.map((claim) => claim.statusUncorrected)),
    flaggedClaims: flagged.slice(0, GLANCE_ITEMS).map((claim) => ({ id: claim.id, name: `${claim.metric}, ${claim.period}`, status: claim.statusUncorrected, reason: claim.reasonUncorrected })),
    targets: report.targets.length,
    targetsByStatus: countBy(TARGET_STATUSES, report.targets.map((target) => target.status)),
    listedTargets: targets.slice(0, GLANCE_ITEMS).map((target) => ({ id: target.id, name: target.name, status: target.status, reason: target.reason })),
    activeAdjustments,
  };
}
