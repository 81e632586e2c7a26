import path from 'node:path';
import type { ImportOutcome } from '../../../shared/contract';
import { fiscalYearByLabel, type FiscalSettings } from '../../../shared/calc/fiscal';
import type { Mapping, MappingKind } from '../../../shared/import/mapping';
import type { EngagementSettings } from '../../../shared/settings';
import { appendAudit } from '../db/audit-log';
import type { WritableDb } from '../db/handles';
import { EngineError } from '../errors';
import { ControlTotals } from './control-totals';
import { storeEvidence } from './evidence';
import { openSourceInWorker } from './parallel-reader';
import { openSource, SourceRefusedError, type ReadLimits } from './readers';
import { activityRows } from './rows/activity';
import { factorRows } from './rows/factors';
import type { RowContext, RowHandler } from './rows/handler';
import { claimRows, targetRows } from './rows/targets-and-claims';
import { checkDuplicate, identifyFile, registerSourceFile, type FileIdentity } from './source-register';
import { finishSourceFile, rawRowWriter, rejectedRowWriter } from './store';

/** From this size on, a file is parsed on its own thread (see openSourceInWorker). */
export const PARALLEL_READ_MIN_BYTES = 4 * 1024 * 1024;

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
  readonly limits?: Partial<ReadLimits>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { rowsRead: number; bytesRead: number; totalBytes: number }) => void;
}

/**
 * Imports one file into the engagement in ONE transaction: the source file, its evidence bytes,
 * every raw row as read, the records (or factors, targets, claims) its kind's row handler maps
 * from them, every rejected row with its reason, the control totals and the audit entry. Any
 * error, a cancel, or a dry run rolls all of it back; a killed process leaves nothing, as SQLite
 * never saw a commit.
 */
export async function runImport(db: WritableDb, request: ImportRequest): Promise<ImportOutcome> {
  const started = performance.now();
  const { mapping } = request;
  const identity = await identifyFile(request.filePath);
  const duplicate = checkDuplicate(db, request.filePath, identity, mapping.sheet, request.allowDuplicate ?? false);
  const reader = await openReader(request, identity);
  const fiscal: FiscalSettings = { startMonth: request.settings.fiscalYearStartMonth, labelRule: request.settings.fiscalYearLabelRule };
  const baseYear = request.settings.baseYear ? fiscalYearByLabel(request.settings.baseYear, fiscal) : null;

  db.exec('BEGIN IMMEDIATE');
  try {
    const sourceFileId = registerSourceFile(db, { filePath: request.filePath, identity, reader, mapping, actor: request.actor });
    const totals = new ControlTotals();
    const rawRows = rawRowWriter(db, sourceFileId);
    const insertRejected = rejectedRowWriter(db, sourceFileId);
    const handler = ROW_HANDLERS[mapping.kind]({
      db,
      mapping,
      sourceFileId,
      fiscal,
      earliestPeriodStart: baseYear?.ok ? baseYear.value.start : null,
      totals,
      reject: (sheet, rowNumber, rejection) => {
        insertRejected(sheet, rowNumber, rejection.column, rejection.reason);
        totals.rejection(sheet, rowNumber, rejection);
      },
      flushRawRows: () => rawRows.flush(),
    });

    for await (const { sheet, row } of reader.rows({ sheet: mapping.sheet, signal: request.signal, onProgress: throttled(request.onProgress) })) {
      handler.row(sheet, row, rawRows.add(sheet, row), totals.rowRead(sheet));
    }
    rawRows.flush();
    handler.finish();
    if (request.signal?.aborted) throw request.signal.reason;
    if (!request.dryRun && totals.recordsCreated === 0) throw nothingToImport(request.filePath, totals);

    const evidenceStored = storeEvidence(db, sourceFileId, request.filePath, identity.sizeBytes, Math.floor(request.settings.evidenceCapMiB * 1024 * 1024));
    const outcome = recordOutcome(db, { request, identity, sourceFileId, duplicateOf: duplicate?.sourceFileId ?? null, totals, evidenceStored });
    db.exec(request.dryRun ? 'ROLLBACK' : 'COMMIT');
    return { ...outcome, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (request.signal?.aborted) throw new EngineError('cancelled', 'Import cancelled: nothing was changed');
    if (error instanceof SourceRefusedError) throw new EngineError('refused', error.message, { code: error.code });
    throw error;
  }
}

/**
 * A file that yields no records is refused rather than registered: registering it would make the
 * corrected file meet the duplicate warning, and "imported 0 records" reads as success.
 */
function nothingToImport(filePath: string, totals: ControlTotals): EngineError {
  return new EngineError(
    'refused',
    `${path.basename(filePath)} gave no records to import (${totals.rowsRead} rows read, ${totals.rejectedTotal} rejected): nothing was registered. Check the sheet and the column mapping.`,
    { code: 'no-records', rowsRead: totals.rowsRead, rejected: totals.rejectedTotal },
  );
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

/** The outcome and its control totals, written to the register and the audit log. */
function recordOutcome(
  db: WritableDb,
  { request, identity, sourceFileId, duplicateOf, totals, evidenceStored }: {
    readonly request: ImportRequest;
    readonly identity: FileIdentity;
    readonly sourceFileId: number;
    readonly duplicateOf: number | null;
    readonly totals: ControlTotals;
    readonly evidenceStored: boolean;
  },
): ImportOutcome {
  const { mapping } = request;
  const sheets = totals.sheetTotals();
  const outcome: ImportOutcome = {
    dryRun: request.dryRun ?? false,
    sourceFileId: request.dryRun ? null : sourceFileId,
    fileName: path.basename(request.filePath),
    sha256: identity.sha256,
    kind: mapping.kind,
    recordsCreated: totals.recordsCreated,
    sheets,
    columns: totals.columnTotals(),
    rejected: totals.rejected,
    rejectedTotal: totals.rejectedTotal,
    skipped: totals.skipped,
    evidenceStored,
    elapsedMs: 0,
  };
  const controlTotals = { sheets: outcome.sheets, columns: outcome.columns, recordsCreated: outcome.recordsCreated, rejectedTotal: outcome.rejectedTotal };
  finishSourceFile(db, sourceFileId, {
    controlTotalsJson: JSON.stringify(controlTotals),
    rowsRead: totals.rowsRead,
    rowsImported: sheets.reduce((sum, sheet) => sum + sheet.imported, 0),
    rowsRejected: sheets.reduce((sum, sheet) => sum + sheet.rejected, 0),
  });
  appendAudit(db, {
    actor: request.actor,
    operation: 'import',
    params: { file: outcome.fileName, sha256: identity.sha256, sizeBytes: identity.sizeBytes, kind: mapping.kind, sourceFileId, duplicateOf, mapping, controlTotals },
  });
  return outcome;
}
