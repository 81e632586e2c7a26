/**
 * The sources feature's SQL: withdrawals of imported source files, their reinstatements and
 * replacements (append-only rows, see the migration), and what a withdrawal takes out of the
 * calculation and reconciliation.
 */
import type { MappingKind } from '../../../shared/import/mapping';
import type { SourceWithdrawal, Withdrawal } from '../../../shared/withdrawal';
import type { ReadableDb, WritableDb } from '../db/handles';
import { SOURCE_WITHDRAWAL_COLUMNS, SOURCE_WITHDRAWAL_JOINS, sourceWithdrawalOf, withdrawalInForceJoin, type SourceWithdrawalColumns } from '../db/source-withdrawal-sql';

export interface SourceState {
  readonly id: number;
  readonly fileName: string;
  readonly kind: MappingKind;
  /** Its withdrawal in force (not reinstated), if any. */
  readonly withdrawalId: number | null;
  /** The import that replaced it under that withdrawal. */
  readonly replacedBy: number | null;
}

export function selectSourceState(db: ReadableDb, sourceFileId: number): SourceState | undefined {
  return db.prepare(
    `SELECT s.id, s.file_name AS fileName, s.kind, w.id AS withdrawalId, p.replacement_id AS replacedBy
       FROM source_file s
       ${withdrawalInForceJoin('s.id', 'w')}
       LEFT JOIN source_replacement p ON p.withdrawal_id = w.id
      WHERE s.id = ?`,
  ).get(sourceFileId) as SourceState | undefined;
}

/**
 * The other versions of a source file that count now: the files linked to it through replacements
 * (the ones it replaced and the ones that replaced it, however far), not withdrawn. At most one
 * version of a chain may count, or its data would count twice.
 */
export function selectOtherVersionsInUse(db: ReadableDb, sourceFileId: number): number[] {
  return db.prepare(
    `WITH RECURSIVE link (a, b) AS (
       SELECT w.source_file_id, p.replacement_id FROM source_replacement p JOIN source_withdrawal w ON w.id = p.withdrawal_id
     ), version (id) AS (
       SELECT @id UNION SELECT CASE WHEN link.a = version.id THEN link.b ELSE link.a END FROM link JOIN version ON version.id IN (link.a, link.b)
     )
     SELECT id FROM version WHERE id <> @id AND id NOT IN (SELECT source_file_id FROM withdrawn_source) ORDER BY id`,
  ).pluck().all({ id: sourceFileId }) as number[];
}

export function insertSourceWithdrawal(db: WritableDb, sourceFileId: number, withdrawal: Withdrawal): number {
  return Number(
    db.prepare('INSERT INTO source_withdrawal (source_file_id, withdrawn_at, withdrawn_by, reason) VALUES (?, ?, ?, ?)').run(sourceFileId, withdrawal.at, withdrawal.by, withdrawal.reason).lastInsertRowid,
  );
}

export function insertSourceReinstatement(db: WritableDb, withdrawalId: number, reinstatement: Withdrawal): void {
  db.prepare('INSERT INTO source_reinstatement (withdrawal_id, reinstated_at, reinstated_by, reason) VALUES (?, ?, ?, ?)').run(withdrawalId, reinstatement.at, reinstatement.by, reinstatement.reason);
}

export function insertSourceReplacement(db: WritableDb, replacementId: number, withdrawalId: number): void {
  db.prepare('INSERT INTO source_replacement (replacement_id, withdrawal_id) VALUES (?, ?)').run(replacementId, withdrawalId);
}

/**
 * What a source file holds that the calculation and reconciliation read, and the adjustments in
 * force on its records (a withdrawal makes them correct nothing): what its withdrawal changes.
 */
export function countSourceContents(db: ReadableDb, sourceFileId: number): { records: number; claims: number; targets: number; adjustments: number } {
  return db.prepare(
    `SELECT (SELECT count(*) FROM activity_record WHERE source_file_id = @id) AS records,
            (SELECT count(*) FROM claim WHERE source_file_id = @id) AS claims,
            (SELECT count(*) FROM target WHERE source_file_id = @id) AS targets,
            (SELECT count(*) FROM adjustment a JOIN activity_record r ON r.id = a.record_id
              WHERE r.source_file_id = @id AND NOT EXISTS (SELECT 1 FROM adjustment_withdrawal x WHERE x.adjustment_id = a.id)) AS adjustments`,
  ).get({ id: sourceFileId }) as { records: number; claims: number; targets: number; adjustments: number };
}

/** A source file's latest withdrawal as the registers show it. */
export function selectLatestWithdrawal(db: ReadableDb, sourceFileId: number): SourceWithdrawal | null {
  const row = db.prepare(`SELECT ${SOURCE_WITHDRAWAL_COLUMNS} FROM source_file s ${SOURCE_WITHDRAWAL_JOINS} WHERE s.id = ?`).get(sourceFileId) as SourceWithdrawalColumns | undefined;
  return row ? sourceWithdrawalOf(row) : null;
}
