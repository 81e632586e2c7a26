import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ColumnControlTotal, ImportOutcome, RowIssue, SheetControlTotal } from '../../../shared/contract';
import { MAX_ISSUES_IN_OUTCOME } from '../../../shared/contract';
import type { FiscalSettings } from '../../../shared/calc/fiscal';
import { fiscalYearByLabel } from '../../../shared/calc/fiscal';
import { ExactSum } from '../../../shared/calc/sum';
import { DESNZ_DATA_SHEET, parseDesnzFlatFile } from '../../../shared/factors/desnz';
import { EPA_HUB_SHEET, parseEpaHub } from '../../../shared/factors/epa-hub';
import { FactorFileFormatError, type ParsedFactorSet } from '../../../shared/factors/types';
import { columnLetter, type RawRow } from '../../../shared/import/cell';
import { sameHeader } from '../../../shared/import/headers';
import type { Mapping } from '../../../shared/import/mapping';
import { createActivityRowMapper, type Rejection } from '../../../shared/import/records';
import { mapClaimRow, mapFactorRow, mapTargetRow, type RowResult } from '../../../shared/import/reference-rows';
import { createRowScanner } from '../../../shared/import/table';
import { cellText } from '../../../shared/import/values';
import type { EngagementSettings } from '../../../shared/settings';
import { appendAudit } from '../db/audit-log';
import type { Db } from '../db/connection';
import { EngineError } from '../errors';
import { BatchInsert } from '../db/batch-insert';
import { storeFactorSet } from '../factors/store';
import { openSourceInWorker } from './parallel-reader';
import { openSource, SourceRefusedError, type ReadLimits } from './readers';

/** From this size on, a file is parsed on its own thread (see openSourceInWorker). */
export const PARALLEL_READ_MIN_BYTES = 4 * 1024 * 1024;

export interface ImportRequest {
  readonly filePath: string;
  readonly mapping: Mapping;
  readonly actor: string;
  readonly settings: EngagementSettings;
  readonly dryRun?: boolean;
  readonly allowDuplicate?: boolean;
  readonly limits?: Partial<ReadLimits>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { rowsRead: number; bytesRead: number; totalBytes: number }) => void;
}

export interface FileIdentity {
  readonly sizeBytes: number;
  readonly sha256: string;
}

export async function identifyFile(filePath: string): Promise<FileIdentity> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sizeBytes, sha256: hash.digest('hex') };
}

/** An earlier import of the same bytes and the same sheet (a workbook's other sheets are separate imports). */
export function findImportedCopy(db: Db, sha256: string, sheet: string | undefined): { sourceFileId: number; fileName: string; importedAt: string } | null {
  const row = db.prepare('SELECT id, file_name, imported_at FROM source_file WHERE sha256 = ? AND sheet IS ? ORDER BY id LIMIT 1').get(sha256, sheet ?? null) as
    | { id: number; file_name: string; imported_at: string }
    | undefined;
  return row ? { sourceFileId: row.id, fileName: row.file_name, importedAt: row.imported_at } : null;
}

/** Column-level running totals, so an auditor can tie them to the source's own totals. */
class ColumnTotals {
  private readonly totals = new Map<string, { sheet: string; column: number; header: string; count: number; blanks: number; sum: ExactSum; min: number | null; max: number | null }>();

  add(sheet: string, column: number, header: string, value: number | null): void {
    const key = `${sheet}\u0000${column}`;
    let total = this.totals.get(key);
    if (!total) {
      total = { sheet, column, header, count: 0, blanks: 0, sum: new ExactSum(), min: null, max: null };
      this.totals.set(key, total);
    }
    if (value === null) {
      total.blanks++;
      return;
    }
    total.count++;
    total.sum.add(value);
    total.min = total.min === null ? value : Math.min(total.min, value);
    total.max = total.max === null ? value : Math.max(total.max, value);
  }

  list(): ColumnControlTotal[] {
    return [...this.totals.values()].map(({ sum, ...rest }) => ({ ...rest, sum: sum.value() }));
  }
}

function emptySheetTotal(sheet: string): { -readonly [K in keyof SheetControlTotal]: SheetControlTotal[K] } & { skipped: Record<'total' | 'note' | 'blank' | 'outside-table', number> } {
  return { sheet, rowsRead: 0, dataRows: 0, imported: 0, rejected: 0, skipped: { total: 0, note: 0, blank: 0, 'outside-table': 0 } };
}

/**
 * Imports one file into the engagement in ONE transaction: the source file, its evidence bytes,
 * every raw row as read, the records (or factors, targets, claims) mapped from them, every
 * rejected row with its reason, the control totals and the audit entry. Any error, a cancel,
 * or a dry run rolls all of it back; a killed process leaves nothing, as SQLite never saw a commit.
 */
export async function runImport(db: Db, request: ImportRequest): Promise<ImportOutcome> {
  const started = performance.now();
  const { mapping } = request;
  const identity = await identifyFile(request.filePath);
  const duplicate = findImportedCopy(db, identity.sha256, mapping.sheet);
  if (duplicate && !request.allowDuplicate) {
    throw new EngineError(
      'conflict',
      `${path.basename(request.filePath)} is identical (SHA-256) to ${duplicate.fileName}, imported at ${duplicate.importedAt}. Confirm to import it again.`,
      { duplicateOf: duplicate },
    );
  }
  let reader;
  try {
    // Large files are parsed on a second thread while this one writes; small ones are not worth a thread.
    reader = identity.sizeBytes >= PARALLEL_READ_MIN_BYTES
      ? await openSourceInWorker(request.filePath, request.limits)
      : await openSource(request.filePath, { limits: request.limits });
  } catch (error) {
    if (error instanceof SourceRefusedError) throw new EngineError('refused', error.message, { code: error.code });
    throw error;
  }
  const fiscal: FiscalSettings = { startMonth: request.settings.fiscalYearStartMonth, labelRule: request.settings.fiscalYearLabelRule };
  const baseYear = request.settings.baseYear ? fiscalYearByLabel(request.settings.baseYear, fiscal) : null;
  const earliestPeriodStart = baseYear?.ok ? baseYear.value.start : null;

  db.exec('BEGIN IMMEDIATE');
  try {
    const sourceFileId = Number(
      db.prepare(
        `INSERT INTO source_file (file_name, original_path, size_bytes, sha256, format, has_macros, kind, sheet, imported_at, imported_by, mapping_json, control_totals_json, rows_read, rows_imported, rows_rejected)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 0, 0, 0)`,
      ).run(
        path.basename(request.filePath), path.resolve(request.filePath), identity.sizeBytes, identity.sha256, reader.format,
        reader.hasMacros ? 1 : 0, mapping.kind, mapping.sheet ?? null, new Date().toISOString(), request.actor, JSON.stringify(mapping),
      ).lastInsertRowid,
    );
    // Raw-row ids are assigned here, so rows and the records pointing at them can be written in batches.
    let nextRawRowId = (db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM raw_row').get() as { id: number }).id;
    const rawRows = new BatchInsert(db, 'raw_row', ['id', 'source_file_id', 'sheet', 'row_number', 'cells_json']);
    const insertRejected = db.prepare('INSERT INTO rejected_row (source_file_id, sheet, row_number, column_index, reason) VALUES (?, ?, ?, ?, ?)');
    const records = new BatchInsert(
      db,
      'activity_record',
      ['source_file_id', 'raw_row_id', 'column_index', 'site', 'entity', 'region', 'period_start', 'period_end', 'activity', 'meaning', 'quantity', 'unit', 'unit_basis', 'unit_text', 'scope3_category', 'instrument', 'notes'],
      64,
      () => rawRows.flush(),
    );
    const insertTarget = db.prepare('INSERT INTO target (source_file_id, raw_row_id, metric, target_type, target_value, unit, base_period, target_period, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insertClaim = db.prepare('INSERT INTO claim (source_file_id, raw_row_id, metric, period, value, unit, site, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');

    const sheets = new Map<string, ReturnType<typeof emptySheetTotal>>();
    const columnTotals = new ColumnTotals();
    const rejected: RowIssue[] = [];
    const skipped: RowIssue[] = [];
    let rejectedTotal = 0;
    let recordsCreated = 0;
    const mapActivityRow = mapping.kind === 'activity' ? createActivityRowMapper(mapping, { fiscal, earliestPeriodStart }) : null;
    const numericColumns = mapping.columns.filter((column) => ['quantity', 'value', 'factor_value', 'target_value', 'claim_value'].includes(column.role));
    const columnCount = Math.max(0, ...mapping.columns.map((column) => column.column + 1));
    // Factor files are parsed as whole sheets (their layouts span rows); they are small.
    const factorSheetRows = new Map<string, { rows: RawRow[]; rawRowIds: Map<number, number> }>();

    let scanSheet = '';
    let scan = createRowScanner(mapping.table, columnCount);
    let sheetMatchesMapping = true;
    let rowsRead = 0;
    let lastProgress = 0;

    const recordRejection = (sheet: string, rowNumber: number, rejection: Rejection) => {
      insertRejected.run(sourceFileId, sheet, rowNumber, rejection.column, rejection.reason);
      rejectedTotal++;
      if (rejected.length < MAX_ISSUES_IN_OUTCOME) rejected.push({ sheet, rowNumber, column: rejection.column, reason: rejection.reason });
    };

    for await (const { sheet, row } of reader.rows({
      sheet: mapping.sheet,
      signal: request.signal,
      onProgress: (progress) => {
        const now = performance.now();
        if (request.onProgress && now - lastProgress > 100) {
          lastProgress = now;
          request.onProgress({ rowsRead: progress.rows, bytesRead: progress.bytesRead, totalBytes: progress.totalBytes });
        }
      },
    })) {
      rowsRead++;
      let totals = sheets.get(sheet);
      if (!totals) {
        totals = emptySheetTotal(sheet);
        sheets.set(sheet, totals);
      }
      if (sheet !== scanSheet) {
        scanSheet = sheet;
        scan = createRowScanner(mapping.table, columnCount);
        sheetMatchesMapping = true;
      }
      totals.rowsRead++;
      const rawRowId = nextRawRowId++;
      rawRows.add(rawRowId, sourceFileId, sheet, row.rowNumber, JSON.stringify(row.cells));

      if (mapping.kind === 'factors') {
        let collected = factorSheetRows.get(sheet);
        if (!collected) {
          collected = { rows: [], rawRowIds: new Map() };
          factorSheetRows.set(sheet, collected);
        }
        collected.rows.push(row);
        collected.rawRowIds.set(row.rowNumber, rawRowId);
        continue;
      }

      if (row.rowNumber === mapping.table.headerRowNumber && !mapping.sheet) {
        // Without a named sheet the mapping applies to every sheet laid out the same way.
        const mismatched = mapping.columns.filter((column) => column.role !== 'ignore' && !sameHeader(cellText(row.cells[column.column]), column.header));
        if (mismatched.length > 0) {
          sheetMatchesMapping = false;
          recordRejection(sheet, row.rowNumber, {
            column: mismatched[0]!.column,
            reason: `sheet not imported: its header row does not match the mapping (column ${columnLetter(mismatched[0]!.column)} is '${cellText(row.cells[mismatched[0]!.column])}', expected '${mismatched[0]!.header}')`,
          });
        }
      }
      const verdict = scan(row);
      if (!verdict.inTable || !sheetMatchesMapping) {
        totals.skipped['outside-table']++;
        continue;
      }
      if (verdict.kind === 'blank') {
        totals.skipped.blank++;
        continue;
      }
      if (verdict.kind === 'total' || verdict.kind === 'note') {
        totals.skipped[verdict.kind]++;
        if (skipped.length < MAX_ISSUES_IN_OUTCOME) {
          skipped.push({ sheet, rowNumber: row.rowNumber, column: null, reason: verdict.kind === 'total' ? 'totals row: not imported as data' : `note row: '${cellText(row.cells.find((cell) => cell !== null))}'` });
        }
        continue;
      }
      totals.dataRows++;
      for (const column of numericColumns) {
        const cell = row.cells[column.column];
        const value = typeof cell === 'number' ? cell : null;
        if (mapping.kind !== 'activity') columnTotals.add(sheet, column.column, column.header, value);
      }

      if (mapActivityRow) {
        const mapped = mapActivityRow(row);
        for (const [column, value] of mapped.quantities) {
          columnTotals.add(sheet, column, mapping.columns.find((c) => c.column === column)?.header ?? '', value);
        }
        if (mapped.rejections.length > 0) {
          totals.rejected++;
          for (const rejection of mapped.rejections) recordRejection(sheet, row.rowNumber, rejection);
          continue;
        }
        for (const record of mapped.records) {
          records.add(
            sourceFileId, rawRowId, record.column, record.site, record.entity, record.region, record.periodStart, record.periodEnd,
            record.activity, record.meaning, record.quantity, record.unit, record.unitBasis, record.unitText, record.scope3Category,
            record.instrument, record.notes,
          );
        }
        recordsCreated += mapped.records.length;
        totals.imported++;
        continue;
      }
      rawRows.flush();
      const stored = mapping.kind === 'targets'
        ? storeDraft(mapTargetRow(mapping, row), (t) => insertTarget.run(sourceFileId, rawRowId, t.metric, t.targetType, t.targetValue, t.unit, t.basePeriod, t.targetPeriod, t.notes))
        : storeDraft(mapClaimRow(mapping, row, fiscal), (c) => insertClaim.run(sourceFileId, rawRowId, c.metric, c.period, c.value, c.unit, c.site, c.notes));
      if (!stored.ok) {
        totals.rejected++;
        for (const rejection of stored.rejections) recordRejection(sheet, row.rowNumber, rejection);
        continue;
      }
      recordsCreated++;
      totals.imported++;
    }

    rawRows.flush();
    records.flush();
    for (const [sheet, collected] of factorSheetRows) {
      const totals = sheets.get(sheet)!;
      const parsed = parseFactorSheet(sheet, collected.rows);
      if (parsed) {
        const stored = storeFactorSet(db, parsed.meta, parsed.factors, { kind: 'import', sourceFileId, rawRowIdOf: (rowNumber) => collected.rawRowIds.get(rowNumber) });
        recordsCreated += stored.factors;
        const used = new Set(parsed.factors.flatMap((factor) => factor.source.rowNumbers));
        totals.dataRows = parsed.rowsRead;
        totals.imported = used.size;
        totals.skipped['outside-table'] = totals.rowsRead - parsed.rowsRead;
        for (const skip of parsed.skipped) {
          totals.rejected++;
          recordRejection(sheet, skip.rowNumber, { column: null, reason: skip.reason });
        }
        continue;
      }
      const storedGeneric = importGenericFactors(db, mapping, sheet, collected.rows, collected.rawRowIds, sourceFileId, totals, recordRejection);
      recordsCreated += storedGeneric;
    }

    if (request.signal?.aborted) throw request.signal.reason;
    const evidenceStored = storeEvidence(db, sourceFileId, request.filePath, identity.sizeBytes, Math.floor(request.settings.evidenceCapMiB * 1024 * 1024));
    const sheetTotals = [...sheets.values()];
    const outcome: ImportOutcome = {
      dryRun: request.dryRun ?? false,
      sourceFileId: request.dryRun ? null : sourceFileId,
      fileName: path.basename(request.filePath),
      sha256: identity.sha256,
      kind: mapping.kind,
      recordsCreated,
      sheets: sheetTotals,
      columns: columnTotals.list(),
      rejected,
      rejectedTotal,
      skipped,
      evidenceStored,
      elapsedMs: 0,
    };
    const imported = sheetTotals.reduce((sum, sheet) => sum + sheet.imported, 0);
    const rejectedRows = sheetTotals.reduce((sum, sheet) => sum + sheet.rejected, 0);
    const controlTotals = { sheets: outcome.sheets, columns: outcome.columns, recordsCreated, rejectedTotal };
    db.prepare('UPDATE source_file SET control_totals_json = ?, rows_read = ?, rows_imported = ?, rows_rejected = ? WHERE id = ?').run(
      JSON.stringify(controlTotals), rowsRead, imported, rejectedRows, sourceFileId,
    );
    appendAudit(db, {
      actor: request.actor,
      operation: 'import',
      params: {
        file: outcome.fileName,
        sha256: identity.sha256,
        sizeBytes: identity.sizeBytes,
        kind: mapping.kind,
        sourceFileId,
        duplicateOf: duplicate?.sourceFileId ?? null,
        mapping,
        controlTotals,
      },
    });
    if (request.dryRun) db.exec('ROLLBACK');
    else db.exec('COMMIT');
    return { ...outcome, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (request.signal?.aborted) throw new EngineError('cancelled', 'Import cancelled: nothing was changed');
    if (error instanceof SourceRefusedError) throw new EngineError('refused', error.message, { code: error.code });
    throw error;
  }
}

function storeDraft<T>(result: RowResult<T>, insert: (draft: T) => unknown): { ok: true } | { ok: false; rejections: Rejection[] } {
  if (!result.ok) return result;
  insert(result.draft);
  return { ok: true };
}

function parseFactorSheet(sheet: string, rows: readonly RawRow[]): ParsedFactorSet | null {
  const parser = sheet === EPA_HUB_SHEET ? parseEpaHub : sheet === DESNZ_DATA_SHEET ? parseDesnzFlatFile : null;
  if (!parser) {
    // Other editions name the sheet differently: try the DESNZ layout by content.
    try {
      return parseDesnzFlatFile(rows);
    } catch (error) {
      if (error instanceof FactorFileFormatError) return null;
      throw error;
    }
  }
  return parser(rows);
}

function importGenericFactors(
  db: Db,
  mapping: Mapping,
  sheet: string,
  rows: readonly RawRow[],
  rawRowIds: ReadonlyMap<number, number>,
  sourceFileId: number,
  totals: ReturnType<typeof emptySheetTotal>,
  recordRejection: (sheet: string, rowNumber: number, rejection: Rejection) => void,
): number {
  const columnCount = Math.max(0, ...mapping.columns.map((column) => column.column + 1));
  const scan = createRowScanner(mapping.table, columnCount);
  const factors = [];
  for (const row of rows) {
    const verdict = scan(row);
    if (!verdict.inTable) { totals.skipped['outside-table']++; continue; }
    if (verdict.kind !== 'data') { totals.skipped[verdict.kind === 'end' ? 'outside-table' : verdict.kind]++; continue; }
    totals.dataRows++;
    const result = mapFactorRow(mapping, row);
    if (!result.ok) {
      totals.rejected++;
      for (const rejection of result.rejections) recordRejection(sheet, row.rowNumber, rejection);
      continue;
    }
    totals.imported++;
    const draft = result.draft;
    factors.push({
      activityKey: draft.activityKey ?? undefined,
      residualMix: draft.residualMix || undefined,
      path: [draft.label],
      label: draft.label,
      unitText: draft.unitText,
      region: draft.region ?? undefined,
      gases: [{ gas: draft.gas, value: draft.value, valueUnit: draft.valueUnit, alreadyCo2e: draft.gas === 'CO2e' }],
      source: { publisher: draft.source ?? 'User factor table', title: sheet, edition: String(draft.year ?? ''), year: draft.year ?? 0, licence: 'Provided by the engagement', sheet, rowNumbers: [row.rowNumber] },
    });
  }
  if (factors.length === 0) return 0;
  const years = factors.map((factor) => factor.source.year).filter((year) => year > 0);
  const year = years.length > 0 ? Math.max(...years) : null;
  storeFactorSet(
    db,
    {
      id: `user-${sheet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      publisher: factors[0]!.source.publisher,
      title: `${sheet} (imported)`,
      edition: year === null ? 'undated' : String(year),
      year: year ?? 0,
      region: '',
      gwpBasis: 'AR5',
      validFrom: year === null ? '0001-01-01' : `${year}-01-01`,
      validTo: year === null ? '9999-12-31' : `${year}-12-31`,
      licence: 'Provided by the engagement',
      attribution: 'Factor table supplied to the engagement',
    },
    factors,
    { kind: 'import', sourceFileId, rawRowIdOf: (rowNumber) => rawRowIds.get(rowNumber) },
  );
  return factors.length;
}

export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;

/** Copies the file into the engagement chunk by chunk (bounded memory), or records why it was not kept. */
function storeEvidence(db: Db, sourceFileId: number, filePath: string, sizeBytes: number, capBytes: number): boolean {
  if (sizeBytes > capBytes) {
    db.prepare('INSERT INTO source_evidence (source_file_id, stored, omitted_reason) VALUES (?, 0, ?)').run(
      sourceFileId,
      `file is ${sizeBytes} bytes, over the evidence cap of ${capBytes} bytes: its SHA-256 is recorded instead`,
    );
    return false;
  }
  db.prepare('INSERT INTO source_evidence (source_file_id, stored, omitted_reason) VALUES (?, 1, NULL)').run(sourceFileId);
  const insertChunk = db.prepare('INSERT INTO source_evidence_chunk (source_file_id, chunk_index, bytes) VALUES (?, ?, ?)');
  const buffer = Buffer.alloc(EVIDENCE_CHUNK_BYTES);
  const fd = fs.openSync(filePath, 'r');
  try {
    for (let index = 0; ; index++) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      insertChunk.run(sourceFileId, index, buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The evidence bytes of an imported file, reassembled; null when the file was over the cap. */
export function evidenceBytes(db: Db, sourceFileId: number): Buffer | null {
  const evidence = db.prepare('SELECT stored FROM source_evidence WHERE source_file_id = ?').get(sourceFileId) as { stored: number } | undefined;
  if (!evidence?.stored) return null;
  const chunks = db.prepare('SELECT bytes FROM source_evidence_chunk WHERE source_file_id = ? ORDER BY chunk_index').all(sourceFileId) as { bytes: Buffer }[];
  return Buffer.concat(chunks.map((chunk) => chunk.bytes));
}
