/**
 * The export feature's SQL: what the workbook's sheets and the evidence pack read. Everything here
 * only reads; cursors (`iterate`) stream rows so a sheet of any length is read in bounded memory.
 */
import type { ReadableDb } from '../db/handles';
import { SOURCE_ROW_COUNTS_SQL } from '../db/source-row-counts';
import { SOURCE_WITHDRAWAL_COLUMNS, SOURCE_WITHDRAWAL_JOINS, type SourceWithdrawalColumns } from '../db/source-withdrawal-sql';

export interface FactorAppendixRow {
  id: number; set_key: string; edition: string; publisher: string; title: string; licence: string; gwp_basis: string; valid_from: string | null; valid_to: string | null;
  label: string; activity_key: string | null; unit_text: string; region: string | null; scope: string | null; biogenic: number; co2e_per_unit_kg: number | null;
  gases_json: string; source_rows_json: string; content_sha256: string;
}

const IDS_PER_QUERY = 500;

/** The factors with these ids, with their sets, in id order. */
export function selectFactorsByIds(db: ReadableDb, ids: readonly number[]): FactorAppendixRow[] {
  const sorted = [...ids].sort((a, b) => a - b);
  const rows: FactorAppendixRow[] = [];
  for (let start = 0; start < sorted.length; start += IDS_PER_QUERY) {
    const batch = sorted.slice(start, start + IDS_PER_QUERY);
    rows.push(...(db.prepare(
      `SELECT f.id, s.set_key, s.edition, s.publisher, s.title, s.licence, s.gwp_basis, s.valid_from, s.valid_to, f.label, f.activity_key, f.unit_text, f.region, f.scope,
              f.biogenic, f.co2e_per_unit_kg, f.gases_json, f.source_rows_json, s.content_sha256
         FROM emission_factor f JOIN factor_set s ON s.id = f.factor_set_id WHERE f.id IN (${batch.map(() => '?').join(',')}) ORDER BY f.id`,
    ).all(...batch) as FactorAppendixRow[]));
  }
  return rows;
}

export interface SourceFileRow extends SourceWithdrawalColumns {
  id: number; file_name: string; kind: string; format: string; sheet: string | null; size_bytes: number; sha256: string;
  imported_at: string; imported_by: string; rows_read: number; rows_imported: number; rows_rejected: number; rows_partly_rejected: number; rejection_reasons: number; stored: number | null; omitted_reason: string | null;
}

/** The source-file register with whether each file's bytes are kept and whether it is withdrawn. */
export function selectSourceFiles(db: ReadableDb): SourceFileRow[] {
  return db.prepare(
    `SELECT s.id, s.file_name, s.kind, s.format, s.sheet, s.size_bytes, s.sha256, s.imported_at, s.imported_by, s.rows_read, s.rows_imported, e.stored, e.omitted_reason, ${SOURCE_ROW_COUNTS_SQL},
            ${SOURCE_WITHDRAWAL_COLUMNS}
       FROM source_file s LEFT JOIN source_evidence e ON e.source_file_id = s.id ${SOURCE_WITHDRAWAL_JOINS} ORDER BY s.id`,
  ).all() as SourceFileRow[];
}

/** The reasons stored at import, the distinct rows they name, and how many of those rows were imported with values refused. */
export function countRejections(db: ReadableDb): { reasons: number; rows: number; partlyRejectedRows: number } {
  return db.prepare(
    `SELECT (SELECT count(*) FROM rejected_row) AS reasons,
            (SELECT count(*) FROM (SELECT DISTINCT source_file_id, sheet, row_number FROM rejected_row)) AS rows,
            (SELECT coalesce(sum(rows_partly_rejected), 0) FROM (SELECT ${SOURCE_ROW_COUNTS_SQL} FROM source_file s)) AS partlyRejectedRows`,
  ).get() as { reasons: number; rows: number; partlyRejectedRows: number };
}

export type RejectedRow = [fileName: string, sourceFileId: number, sheet: string, rowNumber: number, column: number | null, reason: string, cellsJson: string | null];

/** Every rejected row by file, sheet and row, with the row's cells as read (null when the row was not kept). */
export function iterateRejectedRows(db: ReadableDb): IterableIterator<RejectedRow> {
  return db.prepare(
    `SELECT s.file_name, r.source_file_id, r.sheet, r.row_number, r.column_index, r.reason, w.cells_json
       FROM rejected_row r JOIN source_file s ON s.id = r.source_file_id
       LEFT JOIN raw_row w ON w.source_file_id = r.source_file_id AND w.sheet = r.sheet AND w.row_number = r.row_number
      ORDER BY r.source_file_id, r.sheet, r.row_number, r.id`,
  ).raw().iterate() as IterableIterator<RejectedRow>;
}

export type AuditRow = [seq: number, at: string, actor: string, operation: string, hash: string, prevHash: string, paramsJson: string];

/** The audit log up to and including `lastSeq`. */
export function iterateAuditLog(db: ReadableDb, lastSeq: number): IterableIterator<AuditRow> {
  return db.prepare('SELECT seq, at, actor, operation, hash, prev_hash, params_json FROM audit_log WHERE seq <= ? ORDER BY seq').raw().iterate(lastSeq) as IterableIterator<AuditRow>;
}

/** One chunk of a source file's evidence bytes; undefined past the last. */
export function evidenceChunkLookup(db: ReadableDb): (sourceFileId: number, index: number) => Buffer | undefined {
  const statement = db.prepare('SELECT bytes FROM source_evidence_chunk WHERE source_file_id = ? AND chunk_index = ?').pluck();
  return (sourceFileId, index) => statement.get(sourceFileId, index) as Buffer | undefined;
}
