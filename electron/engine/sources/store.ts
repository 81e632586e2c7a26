/**
 * The sources feature's SQL: withdrawals of imported source files, their reinstatements and
 * replacements (append-only rows, see the migration), and what a withdrawal takes out of the
 * calculation and reconciliation.
 */
import type { MappingKind } from '../../../shared/import/mapping';
import type { SourceWithdrawal, Withdrawal } from '../../../shared/withdrawal';
import type { ReadableDb, WritableDb } from '../db/handles';
import { SOURCE_WITHDRAWAL_COLUMNS, SOURCE_WITHDRAWAL_JOINS, sourceWithdrawalOf, type SourceWithdrawalColumns } from '../db/source-withdrawal-sql';

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
       LEFT JOIN source_withdrawal w ON w.source_file_id = s.id AND NOT EXISTS (SELECT 1 FROM source_reinstatement r WHERE r.withdrawal_id = w.id)
       LEFT JOIN source_replacement p ON p.withdrawal_id = w.id
      WHERE s.id = ?`,
  ).get(sourceFileId) as SourceState | undefined;
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

/** What a source file holds that the calculation and reconciliation read. */
export function countSourceContents(db: ReadableDb, sourceFileId: number): { records: number; claims: number; targets: number } {
  return db.prepare(
    `SELECT (SELECT count(*) FROM activity_record WHERE source_file_id = @id) AS records,
            (SELECT count(*) FROM claim WHERE source_file_id = @id) AS claims,
            (SELECT count(*) FROM target WHERE source_file_id = @id) AS targets`,
  ).get({ id: sourceFileId }) as { records: number; claims: number; targets: number };
}

/** A source file's latest withdrawal as the registers show it. */
export function selectLatestWithdrawal(db: ReadableDb, sourceFileId: number): SourceWithdrawal | null {
  const row = db.prepare(`SELECT ${SOURCE_WITHDRAWAL_COLUMNS} FROM source_file s ${SOURCE_WITHDRAWAL_JOINS} WHERE s.id = ?`).get(sourceFileId) as SourceWithdrawalColumns | undefined;
  return row ? sourceWithdrawalOf(row) : null;
}
