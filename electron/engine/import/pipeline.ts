import path from 'node:path';
import type { ImportOutcome } from '../../../shared/contract';
import { columnsNotImported, type ColumnNotImported } from '../../../shared/import/column-checks';
import { fiscalYearByLabel, type FiscalSettings } from '../../../shared/calc/fiscal';
import type { Mapping, MappingKind } from '../../../shared/import/mapping';
import type { Rejection } from '../../../shared/import/records';
import type { EngagementSettings } from '../../../shared/settings';
import { appendAudit } from '../db/audit-log';
import { DeferredIndexes } from '../db/deferred-indexes';
import type { WritableDb } from '../db/handles';
import { EngineError } from '../errors';
import { ControlTotals } from './control-totals';
import { storeEvidence } from './evidence';
import { openSourceInWorker } from './parallel-reader';
import { openSource, SourceRefusedError, type ReadLimits, type ReadProgress } from './readers';
import { activityRows } from './rows/activity';
import { factorRows } from './rows/factors';
import type { RowContext, RowHandler } from './rows/handler';
import { claimRows, targetRows } from './rows/targets-and-claims';
import { checkReplaceable, withdrawReplacedSource, type Replacement } from '../sources/service';
import { checkDuplicate, identifyFile, registerSourceFile, type FileIdentity } from './source-register';
import { finishSourceFile, rawRowWriter, rejectedRowWriter } from './store';
import { countOf } from '../../../shared/count-text';
import { rowCounts } from '../../../shared/import/row-counts';

/** From this size on, a file is parsed on its own thread (see openSourceInWorker). */
export const PARALLEL_READ_MIN_BYTES = 4 * 1024 * 1024;

/** Below this many rows, adding to the indexes as rows come costs too little to be worth building them again. */
const DEFERRED_INDEX_MIN_ROWS = 50_000;

/** One row handler per kind of import. */
const ROW_HANDLERS: Readonly<Record<MappingKind, (context: RowContext) => RowHandler>> = {
  activity: activityRows,
  factors: factorRows,
  targets: targetRows,
  claims: claimRows,
};

export interface ImportRequest {
  readonly filePath: string;
  readonly mapping: Mapping;
  readonly actor: string;
  readonly settings: EngagementSettings;
  readonly dryRun?: boolean;
  readonly allowDuplicate?: boolean;
  /** Save an import that creates nothing or rejects more than half its rows (not saved otherwise). */
  readonly allowEmpty?: boolean;
  /** The source file this import replaces: withdrawn in the import's transaction, so both land or neither. */
  readonly replaces?: Replacement;
  readonly limits?: Partial<ReadLimits>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { rowsRead: number; bytesRead: number; totalBytes: number }) => void;
}

/**
 * Imports one file into the engagement in ONE transaction: the source file, its evidence bytes,
 * every raw row as read, the records (or factors, targets, claims) its kind's row handler maps
 * from them, every rejected row with its reason, the findings in the data, the control totals
 * and the audit entry. Any error, a cancel, or a dry run rolls all of it back; a killed process
 * leaves nothing, as SQLite never saw a commit. An import that creates nothing, or rejects more
 * than half of its data rows, is not a success: it is rolled back too, with the reason in
 * `shortfall`, unless the request allows it.
 */
export async function runImport(db: WritableDb, request: ImportRequest): Promise<ImportOutcome> {
  const started = performance.now();
  const { mapping } = request;
  const identity = await identifyFile(request.filePath);
  if (request.replaces) checkReplaceable(db, request.replaces, mapping.kind);
  const duplicate = checkDuplicate(db, request.filePath, identity, mapping.sheet, request.allowDuplicate ?? false, request.replaces?.sourceFileId ?? null);
  const reader = await openReader(request, identity);
  const fiscal: FiscalSettings = { startMonth: request.settings.fiscalYearStartMonth, labelRule: request.settings.fiscalYearLabelRule };
  const baseYear = request.settings.baseYear ? fiscalYearByLabel(request.settings.baseYear, fiscal) : null;

  // The import's connection keeps the engagement's WAL journal, though the import is one big
  // transaction: leaving WAL needs the file to itself, while the engine host's connection stays open
  // to serve reads during the import. A larger page cache measured no faster (the tables grow at
  // their right edge). The import worker's connection syncs the WAL at COMMIT and leaves the
  // checkpoint until the outcome is sent (see import-worker.ts); never synchronous = OFF, with
  // which a power cut during a checkpoint could corrupt the engagement.
  db.exec('BEGIN IMMEDIATE');
  try {
    const sourceFileId = registerSourceFile(db, { filePath: request.filePath, identity, reader, mapping, actor: request.actor });
    const totals = new ControlTotals();
    // Built again below, before anything is committed: see DeferredIndexes. The writers assign
    // ids in ascending order and store rows in the order read, one sheet after another.
    const deferredIndexes = [
      new DeferredIndexes(db, 'raw_row', DEFERRED_INDEX_MIN_ROWS, ['id', 'source_file_id', 'sheet', 'row_number']),
      new DeferredIndexes(db, 'activity_record', DEFERRED_INDEX_MIN_ROWS, ['id', 'source_file_id', 'raw_row_id']),
    ] as const;
    const rawRows = rawRowWriter(db, sourceFileId, deferredIndexes[0]);
    const insertRejected = rejectedRowWriter(db, sourceFileId);
    const reject = (sheet: string, rowNumber: number, rejection: Rejection) => {
      insertRejected(sheet, rowNumber, rejection.column, rejection.reason);
      totals.rejection(sheet, rowNumber, rejection);
    };
    const handler = ROW_HANDLERS[mapping.kind]({
      db,
      mapping,
      sourceFileId,
      fiscal,
      earliestPeriodStart: baseYear?.ok ? baseYear.value.start : null,
      totals,
      reject,
      rejectRow: (sheet, rowNumber, rejections) => {
        totals.sheet(sheet).rejected++;
        for (const rejection of rejections) reject(sheet, rowNumber, rejection);
      },
      flushRawRows: () => rawRows.flush(),
      recordIndexes: deferredIndexes[1],
    });

    // Only an activity import writes records: another kind leaves their indexes alone.
    const onProgress = estimatingRows(throttled(request.onProgress), mapping.kind === 'activity' ? deferredIndexes : [deferredIndexes[0]]);
    for await (const { sheet, rows, cellsJson } of reader.batches({ sheet: mapping.sheet, signal: request.signal, onProgress })) {
      for (let index = 0; index < rows.length; index++) {
        const row = rows[index]!;
        handler.row(sheet, row, rawRows.add(sheet, row, cellsJson?.[index]), totals.rowRead(sheet));
      }
    }
    rawRows.flush();
    handler.finish();
    for (const indexes of deferredIndexes) indexes.restore();
    if (request.signal?.aborted) throw request.signal.reason;

    const evidenceStored = storeEvidence(db, sourceFileId, request.filePath, identity.sizeBytes, Math.floor(request.settings.evidenceCapMiB * 1024 * 1024));
    const shortfall = shortfallOf(totals);
    const commit = !request.dryRun && (shortfall === null || request.allowEmpty === true);
    const outcome = recordOutcome(db, { request, identity, sourceFileId, duplicateOf: duplicate?.sourceFileId ?? null, totals, evidenceStored, shortfall, commit });
    if (request.replaces) withdrawReplacedSource(db, request.replaces, sourceFileId, request.actor, mapping.kind);
    db.exec(commit ? 'COMMIT' : 'ROLLBACK');
    return { ...outcome, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (request.signal?.aborted) throw new EngineError('cancelled', 'Import cancelled: nothing was changed');
    if (error instanceof SourceRefusedError) throw new EngineError('refused', error.message, { code: error.code });
    throw error;
  }
}

/** Large files are parsed on a second thread while this one writes; small ones are not worth a thread. */
async function openReader(request: ImportRequest, identity: FileIdentity) {
  try {
    return identity.sizeBytes >= PARALLEL_READ_MIN_BYTES
      ? await openSourceInWorker(request.filePath, request.limits)
      : await openSource(request.filePath, { limits: request.limits });
  } catch (error) {
    if (error instanceof SourceRefusedError) throw new EngineError('refused', error.message, { code: error.code });
    throw error;
  }
}

/** Progress at most every 100 ms: a million rows must not mean a million messages. */
function throttled(onProgress: ImportRequest['onProgress']) {
  let last = 0;
  return (progress: { rows: number; bytesRead: number; totalBytes: number }) => {
    const now = performance.now();
    if (onProgress && now - last > 100) {
      last = now;
      onProgress({ rowsRead: progress.rows, bytesRead: progress.bytesRead, totalBytes: progress.totalBytes });
    }
  };
}

/**
 * Passes progress on, and estimates once how many rows the import will write: the file's size over
 * the bytes its first rows took. The tables written row by row then drop their indexes from the
 * start, if that many rows would drop them anyway (see DeferredIndexes.expect).
 */
function estimatingRows(onProgress: (progress: ReadProgress) => void, tables: readonly DeferredIndexes[]) {
  let estimated = false;
  return (progress: ReadProgress) => {
    onProgress(progress);
    if (estimated || progress.rows === 0 || progress.bytesRead === 0) return;
    estimated = true;
    const expectedRows = Math.round((progress.totalBytes * progress.rows) / progress.bytesRead);
    for (const indexes of tables) indexes.expect(expectedRows);
  };
}

/**
 * Why the import is not a success, or null: it created nothing (no record, factor, target or
 * claim), or more than half of its data rows were rejected.
 */
export function shortfallOf(totals: ControlTotals): string | null {
  const created = totals.recordsCreated + totals.claimsCreated;
  const dataRows = totals.sheetTotals().reduce((sum, sheet) => sum + sheet.dataRows, 0);
  const { rejected } = rowCounts({ sheets: totals.sheetTotals(), rejectedTotal: totals.rejectedTotal });
  if (created === 0) return `nothing would be imported: no record was created from ${countOf(dataRows, 'data row')}${rejected > 0 ? `, of which ${rejected} were rejected` : ''}`;
  if (rejected * 2 > dataRows) return `more than half of the data rows would be rejected (${rejected} of ${dataRows})`;
  return null;
}

/** Numeric columns the mapping does not import, each twin with what its checks found. */
function notImported(mapping: Mapping, totals: ControlTotals): ColumnNotImported[] {
  return columnsNotImported(mapping, (column) => {
    const tally = totals.twinTally(column);
    if (tally === undefined) return 'checked (no row has both values)';
    const unreadable = tally['twin-unreadable'] > 0 ? `, ${tally['twin-unreadable']} unreadable` : '';
    return `checked (${tally.agrees} agree, ${tally['twin-disagrees']} differ beyond rounding, ${tally['twin-only']} given only here${unreadable})`;
  });
}

/** The outcome and its control totals, written to the register and the audit log. */
function recordOutcome(
  db: WritableDb,
  { request, identity, sourceFileId, duplicateOf, totals, evidenceStored, shortfall, commit }: {
    readonly request: ImportRequest;
    readonly identity: FileIdentity;
    readonly sourceFileId: number;
    readonly duplicateOf: number | null;
    readonly totals: ControlTotals;
    readonly evidenceStored: boolean;
    readonly shortfall: string | null;
    readonly commit: boolean;
  },
): ImportOutcome {
  const { mapping } = request;
  const sheets = totals.sheetTotals();
  const rows = rowCounts({ sheets, rejectedTotal: totals.rejectedTotal });
  const outcome: ImportOutcome = {
    dryRun: request.dryRun ?? false,
    committed: commit,
    sourceFileId: commit ? sourceFileId : null,
    fileName: path.basename(request.filePath),
    sha256: identity.sha256,
    kind: mapping.kind,
    recordsCreated: totals.recordsCreated,
    claimsCreated: totals.claimsCreated,
    shortfall,
    columnsNotImported: notImported(mapping, totals),
    findings: totals.findings,
    findingsTotal: totals.findingsTotal,
    sheets,
    columns: totals.columnTotals(),
    rejected: totals.rejected,
    rejectedTotal: totals.rejectedTotal,
    skipped: totals.skipped,
    evidenceStored,
    replaces: request.replaces?.sourceFileId ?? null,
    elapsedMs: 0,
  };
  const controlTotals = {
    sheets: outcome.sheets,
    columns: outcome.columns,
    recordsCreated: outcome.recordsCreated,
    claimsCreated: outcome.claimsCreated,
    rejectedTotal: outcome.rejectedTotal,
    findingsTotal: outcome.findingsTotal,
    columnsNotImported: outcome.columnsNotImported,
  };
  finishSourceFile(db, sourceFileId, {
    controlTotalsJson: JSON.stringify(controlTotals),
    rowsRead: totals.rowsRead,
    rowsImported: rows.imported,
    rowsRejected: rows.rejected,
  });
  appendAudit(db, {
    actor: request.actor,
    operation: 'import',
    params: { file: outcome.fileName, sha256: identity.sha256, sizeBytes: identity.sizeBytes, kind: mapping.kind, sourceFileId, duplicateOf, ...(outcome.replaces === null ? {} : { replaces: outcome.replaces }), mapping, controlTotals, ...(shortfall === null ? {} : { allowedShortfall: shortfall }) },
  });
  return outcome;
}
