import type { SourceWithdrawal, WithdrawnSource } from '../../../shared/withdrawal';
import type { ReadableDb } from './handles';

/**
 * The records of the source files in use, as the table to read them from: the records table
 * itself while no file is withdrawn, so counts, spans and groupings keep walking its indexes
 * (through the view they read every row, ten times slower at a million records), the view
 * `live_activity_record` once one is.
 */
export function recordsInUse(db: ReadableDb): 'activity_record' | 'live_activity_record' {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM withdrawn_source)').pluck().get() === 1 ? 'live_activity_record' : 'activity_record';
}

/**
 * A registered source file's (alias `s`) latest withdrawal, with the import that replaced it and
 * its reinstatement, and the file it replaces: what every register (the screens, the CLI, the
 * workbook) shows beside the file. Joins, then the columns they give.
 */
export const SOURCE_WITHDRAWAL_JOINS = `
  LEFT JOIN source_withdrawal sw ON sw.id = (SELECT max(l.id) FROM source_withdrawal l WHERE l.source_file_id = s.id)
  LEFT JOIN source_reinstatement sr ON sr.withdrawal_id = sw.id
  LEFT JOIN source_replacement sb ON sb.withdrawal_id = sw.id
  LEFT JOIN source_replacement sp ON sp.replacement_id = s.id
  LEFT JOIN source_withdrawal spw ON spw.id = sp.withdrawal_id`;

export const SOURCE_WITHDRAWAL_COLUMNS = `
  sw.withdrawn_at, sw.withdrawn_by, sw.reason AS withdrawn_reason, sb.replacement_id AS replaced_by,
  sr.reinstated_at, sr.reinstated_by, sr.reason AS reinstated_reason, spw.source_file_id AS replaces`;

export interface SourceWithdrawalColumns {
  readonly withdrawn_at: string | null;
  readonly withdrawn_by: string | null;
  readonly withdrawn_reason: string | null;
  readonly replaced_by: number | null;
  readonly reinstated_at: string | null;
  readonly reinstated_by: string | null;
  readonly reinstated_reason: string | null;
  readonly replaces: number | null;
}

export function sourceWithdrawalOf(row: SourceWithdrawalColumns): SourceWithdrawal | null {
  if (row.withdrawn_at === null) return null;
  return {
    at: row.withdrawn_at,
    by: row.withdrawn_by!,
    reason: row.withdrawn_reason!,
    replacedBy: row.replaced_by,
    reinstated: row.reinstated_at === null ? null : { at: row.reinstated_at, by: row.reinstated_by!, reason: row.reinstated_reason! },
  };
}

/**
 * Joins the withdrawal in force (not reinstated; a file has at most one) of the source file that
 * `fileId` names, as `alias`: null columns while the file is in use.
 */
export function withdrawalInForceJoin(fileId: string, alias: string): string {
  return `LEFT JOIN source_withdrawal ${alias} ON ${alias}.source_file_id = ${fileId} AND NOT EXISTS (SELECT 1 FROM source_reinstatement ${alias}_r WHERE ${alias}_r.withdrawal_id = ${alias}.id)`;
}

/** The columns a record's withdrawn source file is read from, over `withdrawalInForceJoin`'s alias and the source file's. */
export function withdrawnSourceColumns(alias: string, file: string): string {
  return `${alias}.withdrawn_at AS withdrawnAt, ${alias}.withdrawn_by AS withdrawnBy, ${alias}.reason AS withdrawnReason, ${file}.id AS withdrawnFileId, ${file}.file_name AS withdrawnFileName`;
}

export interface WithdrawnSourceColumns {
  readonly withdrawnAt: string | null;
  readonly withdrawnBy: string | null;
  readonly withdrawnReason: string | null;
  readonly withdrawnFileId: number;
  readonly withdrawnFileName: string;
}

export function withdrawnSourceOf(row: WithdrawnSourceColumns): WithdrawnSource | null {
  if (row.withdrawnAt === null) return null;
  return { sourceFileId: row.withdrawnFileId, fileName: row.withdrawnFileName, at: row.withdrawnAt, by: row.withdrawnBy!, reason: row.withdrawnReason! };
}
