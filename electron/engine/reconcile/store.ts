/**
 * The reconciliation feature's SQL: claims and targets as imported (with the rows they came from),
 * the auditor's matches and readings, adjustments and their withdrawals, and claim rows import rejected.
 */
import type { PercentEvidence } from '../../../shared/import/values';
import { adjustmentDetailsSchema, type Adjustment, type AdjustmentDetails } from '../../../shared/reconcile/adjustments';
import type { ClaimInput, MatchDecision } from '../../../shared/reconcile/claims';
import type { RejectedClaimRow } from '../../../shared/reconcile/report';
import { RETIREMENT_ACTIVITIES, type TargetDecision, type TargetInput, type TargetKind } from '../../../shared/reconcile/targets';
import type { CalcRecord } from '../../../shared/calc/inventory-types';
import type { ReadableDb, WritableDb } from '../db/handles';
import { recordsInUse } from '../db/source-withdrawal-sql';

interface SourceColumns {
  readonly file_name: string;
  readonly sheet: string;
  readonly row_number: number;
}

const source = (row: SourceColumns) => ({ fileName: row.file_name, sheet: row.sheet, rowNumber: row.row_number });

export interface StoredClaim extends ClaimInput {
  readonly sourceFileId: number;
}

export function selectClaims(db: ReadableDb): StoredClaim[] {
  const rows = db.prepare(
    `SELECT c.id, c.source_file_id, c.metric, c.period, c.value, c.unit, c.percent_evidence, c.reported_decimals, c.site, c.notes, s.file_name, w.sheet, w.row_number
       FROM claim c JOIN raw_row w ON w.id = c.raw_row_id JOIN source_file s ON s.id = c.source_file_id
      WHERE c.source_file_id NOT IN (SELECT source_file_id FROM withdrawn_source) ORDER BY c.id`,
  ).all() as (SourceColumns & { id: number; source_file_id: number; metric: string; period: string; value: number; unit: string | null; percent_evidence: PercentEvidence | null; reported_decimals: number | null; site: string | null; notes: string | null })[];
  return rows.map((row) => ({
    id: row.id, sourceFileId: row.source_file_id, metric: row.metric, period: row.period, value: row.value, unit: row.unit, percent: row.percent_evidence,
    decimals: row.reported_decimals, site: row.site, notes: row.notes, source: source(row),
  }));
}

/** The mapping each claims file was imported with, by source file id (its figure matches come from a template). */
export function selectClaimMappings(db: ReadableDb): Map<number, string> {
  const rows = db.prepare("SELECT id, mapping_json FROM source_file WHERE kind = 'claims'").all() as { id: number; mapping_json: string }[];
  return new Map(rows.map((row) => [row.id, row.mapping_json]));
}

export function selectRejectedClaimRows(db: ReadableDb): RejectedClaimRow[] {
  const rows = db.prepare(
    `SELECT s.file_name, r.sheet, r.row_number, r.reason FROM rejected_row r JOIN source_file s ON s.id = r.source_file_id
      WHERE s.kind = 'claims' AND s.id NOT IN (SELECT source_file_id FROM withdrawn_source) ORDER BY r.source_file_id, r.sheet, r.row_number, r.id`,
  ).all() as (SourceColumns & { reason: string })[];
  return rows.map((row) => ({ ...source(row), reason: row.reason }));
}

export function selectClaimDecisions(db: ReadableDb): Map<number, MatchDecision> {
  const rows = db.prepare('SELECT claim_id, figure, note, decided_at, decided_by FROM claim_match').all() as { claim_id: number; figure: string | null; note: string | null; decided_at: string; decided_by: string }[];
  return new Map(rows.map((row) => [row.claim_id, { figure: row.figure, note: row.note, decidedAt: row.decided_at, decidedBy: row.decided_by }]));
}

export function upsertClaimMatch(db: WritableDb, claimId: number, decision: MatchDecision): void {
  db.prepare(
    `INSERT INTO claim_match (claim_id, figure, note, decided_at, decided_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (claim_id) DO UPDATE SET figure = excluded.figure, note = excluded.note, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
  ).run(claimId, decision.figure, decision.note, decision.decidedAt, decision.decidedBy);
}

export function selectTargets(db: ReadableDb): TargetInput[] {
  const rows = db.prepare(
    `SELECT t.id, t.metric, t.target_value, t.unit, t.percent_evidence, t.base_period, t.target_period, t.notes, s.file_name, w.sheet, w.row_number
       FROM target t JOIN raw_row w ON w.id = t.raw_row_id JOIN source_file s ON s.id = t.source_file_id
      WHERE t.source_file_id NOT IN (SELECT source_file_id FROM withdrawn_source) ORDER BY t.id`,
  ).all() as (SourceColumns & { id: number; metric: string; target_value: number; unit: string | null; percent_evidence: PercentEvidence | null; base_period: string | null; target_period: string; notes: string | null })[];
  return rows.map((row) => ({
    id: row.id, metric: row.metric, value: row.target_value, unit: row.unit, percent: row.percent_evidence, basePeriod: row.base_period,
    targetPeriod: row.target_period, notes: row.notes, source: source(row),
  }));
}

export function selectTargetDecisions(db: ReadableDb): Map<number, TargetDecision> {
  const rows = db.prepare('SELECT target_id, figure, kind, decided_at, decided_by FROM target_reading').all() as { target_id: number; figure: string; kind: TargetKind; decided_at: string; decided_by: string }[];
  return new Map(rows.map((row) => [row.target_id, { figure: row.figure, kind: row.kind, decidedAt: row.decided_at, decidedBy: row.decided_by }]));
}

export function upsertTargetReading(db: WritableDb, targetId: number, decision: TargetDecision): void {
  db.prepare(
    `INSERT INTO target_reading (target_id, figure, kind, decided_at, decided_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (target_id) DO UPDATE SET figure = excluded.figure, kind = excluded.kind, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
  ).run(targetId, decision.figure, decision.kind, decision.decidedAt, decision.decidedBy);
}

export function claimExists(db: ReadableDb, claimId: number): { metric: string } | undefined {
  return db.prepare('SELECT metric FROM claim WHERE id = ?').get(claimId) as { metric: string } | undefined;
}

export function targetExists(db: ReadableDb, targetId: number): { metric: string } | undefined {
  return db.prepare('SELECT metric FROM target WHERE id = ?').get(targetId) as { metric: string } | undefined;
}

/** A record's activity and, when its source file is withdrawn, that file; undefined when there is no such record. */
export function recordActivity(db: ReadableDb, recordId: number): { activity: string; withdrawnSource: string | null } | undefined {
  return db.prepare(
    `SELECT r.activity, CASE WHEN r.source_file_id IN (SELECT source_file_id FROM withdrawn_source) THEN 'source file ' || s.id || ' (' || s.file_name || ')' END AS withdrawnSource
       FROM activity_record r JOIN source_file s ON s.id = r.source_file_id WHERE r.id = ?`,
  ).get(recordId) as { activity: string; withdrawnSource: string | null } | undefined;
}

export function factorExists(db: ReadableDb, factorId: number): { label: string } | undefined {
  return db.prepare('SELECT label FROM emission_factor WHERE id = ?').get(factorId) as { label: string } | undefined;
}

export interface NewAdjustment {
  readonly details: AdjustmentDetails;
  readonly reason: string;
  readonly proposedAt: string;
  readonly proposedBy: string;
  readonly claimIds: readonly number[];
}

export function insertAdjustment(db: WritableDb, adjustment: NewAdjustment): number {
  const { details } = adjustment;
  const recordId = details.kind === 'exclude-record' || details.kind === 'correct-record' ? details.recordId : null;
  const factorId = details.kind === 'replace-factor' ? details.factorId : null;
  const id = Number(
    db.prepare('INSERT INTO adjustment (kind, record_id, factor_id, details_json, reason, proposed_at, proposed_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      details.kind, recordId, factorId, JSON.stringify(details), adjustment.reason, adjustment.proposedAt, adjustment.proposedBy,
    ).lastInsertRowid,
  );
  const link = db.prepare('INSERT INTO adjustment_claim (adjustment_id, claim_id) VALUES (?, ?)');
  for (const claimId of adjustment.claimIds) link.run(id, claimId);
  return id;
}

export function insertWithdrawal(db: WritableDb, adjustmentId: number, withdrawal: { readonly at: string; readonly by: string; readonly reason: string }): void {
  db.prepare('INSERT INTO adjustment_withdrawal (adjustment_id, withdrawn_at, withdrawn_by, reason) VALUES (?, ?, ?, ?)').run(adjustmentId, withdrawal.at, withdrawal.by, withdrawal.reason);
}

export function selectAdjustments(db: ReadableDb): Adjustment[] {
  const rows = db.prepare(
    `SELECT a.id, a.details_json, a.reason, a.proposed_at, a.proposed_by, w.withdrawn_at, w.withdrawn_by, w.reason AS withdrawn_reason
       FROM adjustment a LEFT JOIN adjustment_withdrawal w ON w.adjustment_id = a.id ORDER BY a.id`,
  ).all() as { id: number; details_json: string; reason: string; proposed_at: string; proposed_by: string; withdrawn_at: string | null; withdrawn_by: string | null; withdrawn_reason: string | null }[];
  const claims = db.prepare('SELECT adjustment_id, claim_id FROM adjustment_claim ORDER BY adjustment_id, claim_id').all() as { adjustment_id: number; claim_id: number }[];
  return rows.map((row) => ({
    id: row.id,
    details: adjustmentDetailsSchema.parse(JSON.parse(row.details_json)),
    reason: row.reason,
    proposedAt: row.proposed_at,
    proposedBy: row.proposed_by,
    claimIds: claims.filter((link) => link.adjustment_id === row.id).map((link) => link.claim_id),
    withdrawn: row.withdrawn_at === null ? null : { at: row.withdrawn_at, by: row.withdrawn_by!, reason: row.withdrawn_reason! },
  }));
}

/** Retired removals and credits as recorded (what net-zero and carbon-neutral targets net off): a handful of rows. */
export function selectRetirementRecords(db: ReadableDb): Pick<CalcRecord, 'activity' | 'unit' | 'quantity' | 'periodStart' | 'periodEnd'>[] {
  const activities = [...RETIREMENT_ACTIVITIES];
  return db.prepare(
    `SELECT activity, unit, quantity, period_start AS periodStart, period_end AS periodEnd FROM ${recordsInUse(db)}
      WHERE activity IN (${activities.map(() => '?').join(', ')}) ORDER BY id`,
  ).all(...activities) as Pick<CalcRecord, 'activity' | 'unit' | 'quantity' | 'periodStart' | 'periodEnd'>[];
}

/** Of these records, those whose source file is withdrawn now, each with that file in words. */
export function selectWithdrawnRecordSources(db: ReadableDb, recordIds: readonly number[]): Map<number, string> {
  const lookup = db.prepare(
    `SELECT 'source file ' || s.id || ' (' || s.file_name || ')' FROM activity_record r JOIN source_file s ON s.id = r.source_file_id
      WHERE r.id = ? AND r.source_file_id IN (SELECT source_file_id FROM withdrawn_source)`,
  ).pluck();
  return new Map([...new Set(recordIds)].flatMap((recordId) => {
    const source = lookup.get(recordId) as string | undefined;
    return source === undefined ? [] : [[recordId, source] as const];
  }));
}
