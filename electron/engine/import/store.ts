/**
 * The import feature's SQL: the source-file register, evidence bytes, raw rows, rejected rows,
 * the records, targets and claims mapped from them, and the saved mapping templates.
 */
import { SOURCE_ROW_COUNTS_SQL } from '../db/source-row-counts';
import { SOURCE_WITHDRAWAL_COLUMNS, SOURCE_WITHDRAWAL_JOINS, sourceWithdrawalOf, type SourceWithdrawalColumns } from '../db/source-withdrawal-sql';
import type { ImportFinding, ImportFindingView, MappingTemplate, RejectedRowPage, SourceFileSummary } from '../../../shared/contract';
import type { Cell } from '../../../shared/import/cell';
import type { RawRow } from '../../../shared/import/cell';
import { mappingSchema, type MappingKind } from '../../../shared/import/mapping';
import type { ActivityRecordDraft } from '../../../shared/import/records';
import type { ClaimDraft, TargetDraft } from '../../../shared/import/reference-rows';
import { BatchInsert } from '../db/batch-insert';
import type { DeferredIndexes } from '../db/deferred-indexes';
import type { ReadableDb, WritableDb } from '../db/handles';
import { attributesToJson } from '../../../shared/calc/attributes';

// ---------------------------------------------------------------------------------------------
// The source-file register

export interface ImportedCopy {
  readonly sourceFileId: number;
  readonly fileName: string;
  readonly importedAt: string;
}

/** An earlier import of the same bytes and the same sheet (a workbook's other sheets are separate imports). */
export function selectImportedCopy(db: ReadableDb, sha256: string, sheet: string | undefined, except: number | null = null): ImportedCopy | null {
  const row = db.prepare('SELECT id, file_name, imported_at FROM source_file WHERE sha256 = ? AND sheet IS ? AND id IS NOT ? ORDER BY id LIMIT 1').get(sha256, sheet ?? null, except) as
    | { id: number; file_name: string; imported_at: string }
    | undefined;
  return row ? { sourceFileId: row.id, fileName: row.file_name, importedAt: row.imported_at } : null;
}

export interface SourceFileRow {
  readonly fileName: string;
  readonly originalPath: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly format: string;
  readonly hasMacros: boolean;
  readonly kind: MappingKind;
  readonly sheet: string | null;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly mappingJson: string;
}

/** Registers a file being imported; its totals are filled in by finishSourceFile. Returns its id. */
export function insertSourceFile(db: WritableDb, file: SourceFileRow): number {
  return Number(
    db.prepare(
      `INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, sheet, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 0, 0, 0)`,
    ).run(
      file.fileName, file.originalPath, file.sizeBytes, file.sha256, file.format, file.hasMacros ? 1 : 0, file.kind, file.sheet,
      file.importedAt, file.importedBy, file.mappingJson,
    ).lastInsertRowid,
  );
}

export function finishSourceFile(db: WritableDb, sourceFileId: number, counts: { readonly controlTotalsJson: string; readonly rowsRead: number; readonly rowsImported: number; readonly rowsRejected: number }): void {
  db.prepare('UPDATE source_file SET control_totals_json = ?, rows_read = ?, rows_imported = ?, rows_rejected = ? WHERE id = ?').run(
    counts.controlTotalsJson, counts.rowsRead, counts.rowsImported, counts.rowsRejected, sourceFileId,
  );
}

export function selectSourceFiles(db: ReadableDb): SourceFileSummary[] {
  const rows = db.prepare(
    `SELECT s.id, s.file_name AS fileName, s.sheet, s.kind, s.format, s.size_bytes AS sizeBytes, s.sha256, s.imported_at AS importedAt, s.imported_by AS importedBy,
            s.rows_read AS rowsRead, s.rows_imported AS rowsImported, coalesce(b.stored, 0) AS evidenceStored, ${SOURCE_ROW_COUNTS_SQL},
            ${SOURCE_WITHDRAWAL_COLUMNS}
       FROM source_file s LEFT JOIN source_evidence b ON b.source_file_id = s.id ${SOURCE_WITHDRAWAL_JOINS} ORDER BY s.id`,
  ).all() as (Omit<SourceFileSummary, 'evidenceStored' | 'rowsRejected' | 'rejectionReasons' | 'rowsPartlyRejected' | 'withdrawal' | 'replaces'> & SourceWithdrawalColumns & { evidenceStored: number; rows_rejected: number; rejection_reasons: number; rows_partly_rejected: number })[];
  return rows.map(({ rows_rejected, rejection_reasons, rows_partly_rejected, withdrawn_at, withdrawn_by, withdrawn_reason, replaced_by, reinstated_at, reinstated_by, reinstated_reason, replaces, ...row }) => ({
    ...row,
    evidenceStored: row.evidenceStored === 1,
    rowsRejected: rows_rejected,
    rejectionReasons: rejection_reasons,
    rowsPartlyRejected: rows_partly_rejected,
    withdrawal: sourceWithdrawalOf({ withdrawn_at, withdrawn_by, withdrawn_reason, replaced_by, reinstated_at, reinstated_by, reinstated_reason, replaces }),
    replaces,
  }));
}

// ---------------------------------------------------------------------------------------------
// Evidence

export function insertEvidenceOmitted(db: WritableDb, sourceFileId: number, reason: string): void {
  db.prepare('INSERT INTO source_evidence (source_file_id, stored, omitted_reason) VALUES (?, 0, ?)').run(sourceFileId, reason);
}

/** Marks the evidence as stored and returns a writer for its chunks, in order. */
export function evidenceChunkWriter(db: WritableDb, sourceFileId: number): (index: number, bytes: Buffer) => void {
  db.prepare('INSERT INTO source_evidence (source_file_id, stored, omitted_reason) VALUES (?, 1, NULL)').run(sourceFileId);
  const insertChunk = db.prepare('INSERT INTO source_evidence_chunk (source_file_id, chunk_index, bytes) VALUES (?, ?, ?)');
  return (index, bytes) => insertChunk.run(sourceFileId, index, bytes);
}

/** The evidence chunks of a file in order; null when its bytes were not kept. */
export function selectEvidenceChunks(db: ReadableDb, sourceFileId: number): Buffer[] | null {
  const evidence = db.prepare('SELECT stored FROM source_evidence WHERE source_file_id = ?').get(sourceFileId) as { stored: number } | undefined;
  if (!evidence?.stored) return null;
  return (db.prepare('SELECT bytes FROM source_evidence_chunk WHERE source_file_id = ? ORDER BY chunk_index').all(sourceFileId) as { bytes: Buffer }[]).map((chunk) => chunk.bytes);
}

// ---------------------------------------------------------------------------------------------
// Rows read, rejected and mapped

export interface RawRowWriter {
  /** Stores the row as read (in batches) and returns the id it is stored under; `cellsJson` when already serialised. */
  add(sheet: string, row: RawRow, cellsJson?: string): number;
  flush(): void;
}

export function rawRowWriter(db: WritableDb, sourceFileId: number, indexes?: DeferredIndexes): RawRowWriter {
  // Ids are assigned here, so rows and the records pointing at them can be written in batches.
  let nextId = (db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM raw_row').get() as { id: number }).id;
  const rows = new BatchInsert(db, 'raw_row', ['id', 'source_file_id', 'sheet', 'row_number', 'cells_json'], { indexes });
  return {
    add(sheet, row, cellsJson = JSON.stringify(row.cells)) {
      const id = nextId++;
      rows.add(id, sourceFileId, sheet, row.rowNumber, cellsJson);
      return id;
    },
    flush: () => rows.flush(),
  };
}

export function rejectedRowWriter(db: WritableDb, sourceFileId: number): (sheet: string, rowNumber: number, column: number | null, reason: string) => void {
  const insert = db.prepare('INSERT INTO rejected_row (source_file_id, sheet, row_number, column_index, reason) VALUES (?, ?, ?, ?, ?)');
  return (sheet, rowNumber, column, reason) => insert.run(sourceFileId, sheet, rowNumber, column, reason);
}

/** A page of a file's rejected rows, each with its reason and the row as read. */
export function selectRejectedRows(db: ReadableDb, sourceFileId: number, offset: number, limit: number): RejectedRowPage {
  const total = db.prepare('SELECT count(*) FROM rejected_row WHERE source_file_id = ?').pluck().get(sourceFileId) as number;
  const rows = db.prepare(
    `SELECT r.id, r.column_index, r.reason, w.id AS raw_row_id, s.file_name, r.sheet, r.row_number, w.cells_json
       FROM rejected_row r JOIN source_file s ON s.id = r.source_file_id
       LEFT JOIN raw_row w ON w.source_file_id = r.source_file_id AND w.sheet = r.sheet AND w.row_number = r.row_number
      WHERE r.source_file_id = ? ORDER BY r.id LIMIT ? OFFSET ?`,
  ).raw().all(sourceFileId, limit, offset) as [number, number | null, string, number, string, string, number, string | null][];
  return {
    total,
    offset,
    rows: rows.map(([id, column, reason, rawRowId, fileName, sheet, rowNumber, cellsJson]) => ({
      id, column, reason, row: { rawRowId, fileName, sheet, rowNumber, cells: cellsJson === null ? [] : (JSON.parse(cellsJson) as Cell[]) },
    })),
  };
}

export interface RecordWriter {
  add(rawRowId: number, record: ActivityRecordDraft): void;
  flush(): void;
}

/** Activity records in batches; `beforeFlush` writes the raw rows they point to first. */
export function activityRecordWriter(db: WritableDb, sourceFileId: number, beforeFlush: () => void, indexes?: DeferredIndexes): RecordWriter {
  const records = new BatchInsert(
    db,
    'activity_record',
    ['source_file_id', 'raw_row_id', 'column_index', 'site', 'entity', 'region', 'period_start', 'period_end', 'activity', 'meaning', 'quantity', 'unit', 'unit_basis', 'unit_text', 'scope3_category', 'instrument', 'notes', 'attributes_json'],
    { before: beforeFlush, indexes },
  );
  return {
    add(rawRowId, record) {
      records.add(
        sourceFileId, rawRowId, record.column, record.site, record.entity, record.region, record.periodStart, record.periodEnd,
        record.activity, record.meaning, record.quantity, record.unit, record.unitBasis, record.unitText, record.scope3Category,
        record.instrument, record.notes, attributesToJson(record.attributes),
      );
    },
    flush: () => records.flush(),
  };
}

export function targetWriter(db: WritableDb, sourceFileId: number): (rawRowId: number, target: TargetDraft) => void {
  const insert = db.prepare('INSERT INTO target (source_file_id, raw_row_id, metric, target_type, target_value, unit, percent_evidence, base_period, target_period, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return (rawRowId, t) => insert.run(sourceFileId, rawRowId, t.metric, t.targetType, t.targetValue, t.unit, t.percent, t.basePeriod, t.targetPeriod, t.notes);
}

export function claimWriter(db: WritableDb, sourceFileId: number): (rawRowId: number, claim: ClaimDraft) => void {
  const insert = db.prepare('INSERT INTO claim (source_file_id, raw_row_id, metric, period, value, unit, percent_evidence, reported_decimals, site, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return (rawRowId, c) => insert.run(sourceFileId, rawRowId, c.metric, c.period, c.value, c.unit, c.percent, c.decimals, c.site, c.notes);
}

// ---------------------------------------------------------------------------------------------
// Import findings

export function importFindingWriter(db: WritableDb, sourceFileId: number): (rawRowId: number, finding: ImportFinding) => void {
  const insert = db.prepare(
    `INSERT INTO import_finding (source_file_id, raw_row_id, sheet, row_number, column_index, compared_column_index, kind, imported_value, imported_unit,
                                 checked_value, checked_unit, checked_converted, difference, tolerance, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (rawRowId, f) =>
    insert.run(sourceFileId, rawRowId, f.sheet, f.rowNumber, f.column, f.comparedColumn, f.kind, f.importedValue, f.importedUnit, f.checkedValue, f.checkedUnit, f.checkedConverted, f.difference, f.tolerance, f.message);
}

/** Every import finding, or one file's, in file, sheet and row order. */
export function selectImportFindings(db: ReadableDb, sourceFileId?: number): ImportFindingView[] {
  return db.prepare(
    `SELECT f.id, f.source_file_id AS sourceFileId, s.file_name AS fileName, f.sheet, f.row_number AS rowNumber, f.column_index AS "column",
            f.compared_column_index AS comparedColumn, f.kind, f.imported_value AS importedValue, f.imported_unit AS importedUnit, f.checked_value AS checkedValue,
            f.checked_unit AS checkedUnit, f.checked_converted AS checkedConverted, f.difference, f.tolerance, f.message
       FROM import_finding f JOIN source_file s ON s.id = f.source_file_id
      WHERE ? IS NULL OR f.source_file_id = ?
      ORDER BY f.source_file_id, f.id`,
  ).all(sourceFileId ?? null, sourceFileId ?? null) as ImportFindingView[];
}

// ---------------------------------------------------------------------------------------------
// Mapping templates

export function selectMappingTemplates(db: ReadableDb): MappingTemplate[] {
  const rows = db.prepare('SELECT name, kind, mapping_json, saved_at, saved_by FROM mapping_template ORDER BY name').all() as Record<string, string>[];
  return rows.map((row) => ({
    name: row.name!,
    kind: row.kind as MappingTemplate['kind'],
    mapping: mappingSchema.parse(JSON.parse(row.mapping_json!)),
    savedAt: row.saved_at!,
    savedBy: row.saved_by!,
  }));
}

export function upsertMappingTemplate(db: WritableDb, template: MappingTemplate): void {
  db.prepare(
    `INSERT INTO mapping_template (name, kind, mapping_json, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, mapping_json = excluded.mapping_json, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
  ).run(template.name, template.kind, JSON.stringify(template.mapping), template.savedAt, template.savedBy);
}
