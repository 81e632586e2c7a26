/**
 * Export: the audited workbook, its evidence pack, and CSV copies of its tables. The CLI and the
 * API handlers call only this module: `startExportJob` runs an export on a worker thread with
 * progress and cancel; `exportWorkbook` is the export itself (the worker's body, and tests').
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportOutcome, ExportProgress } from '../../../shared/contract';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { calculateHere, storedFindings } from '../inventory/service';
import { reconcileWithInventory } from '../reconcile/service';
import { reviewForExport } from '../review/service';
import { startWorker, type WorkerJob } from '../workers/spawn';
import { AtomicFile } from './atomic-file';
import { Book } from './book/book';
import { EXCEL_MAX_ROWS } from './book/refs';
import { fileSha256, gatherFacts, type DetailMode, type ExportContext } from './context';
import { fullDetailRows, summaryDetailRows, type DetailRows } from './detail-rows';
import { storedDetailSource } from './detail-source';
import { writeEvidencePack } from './evidence-pack';
import { SHEETS } from './sheets';

export type { DetailMode } from './context';

export interface ExportRequest {
  readonly workbookPath: string;
  readonly detail: DetailMode;
  /** Also write an evidence pack (.zip) here. */
  readonly evidencePackPath?: string;
  /** Data rows per recalculation sheet; Excel's limit unless a test wants the spill sooner. */
  readonly rowsPerDetailSheet?: number;
}

export interface ExportRun {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
}

function checkTargets(engagement: Engagement, request: ExportRequest): void {
  const resolved = (file: string) => path.resolve(file);
  if (path.extname(request.workbookPath).toLowerCase() !== '.xlsx') throw new EngineError('invalid-input', `The workbook must be an .xlsx file: ${request.workbookPath}`);
  if (request.evidencePackPath !== undefined && path.extname(request.evidencePackPath).toLowerCase() !== '.zip') {
    throw new EngineError('invalid-input', `The evidence pack must be a .zip file: ${request.evidencePackPath}`);
  }
  const targets = [request.workbookPath, request.evidencePackPath].filter((file): file is string => file !== undefined).map(resolved);
  if (targets.includes(resolved(engagement.filePath)) || new Set(targets).size !== targets.length) {
    throw new EngineError('invalid-input', 'The workbook, the evidence pack and the engagement file must be three different files');
  }
  for (const target of targets) {
    if (!fs.existsSync(path.dirname(target))) throw new EngineError('not-found', `The folder ${path.dirname(target)} does not exist`);
  }
}

/**
 * Calculates the engagement and exports it: the workbook (and the evidence pack) under temporary
 * names beside the targets, renamed into place only when both are complete, then the export is
 * logged in the audit log. A cancel, an error or a killed process leaves nothing under the final names.
 */
export async function exportWorkbook(engagement: Engagement, request: ExportRequest, run: ExportRun = {}): Promise<ExportOutcome> {
  const started = performance.now();
  checkTargets(engagement, request);
  report(run, 'calculating', 0, 0, 0);
  const calculated = await calculateHere(engagement);
  // The reconciliation's figures as imported are the stored calculation's, the workbook's.
  const { report: reconciliation } = await reconcileWithInventory(engagement);
  run.signal?.throwIfAborted();
  const source = storedDetailSource(engagement);
  const detail = request.detail === 'summary' ? await summaryDetailRows(source, run.signal) : fullDetailRows(source);
  return writeExport(engagement, request, { periods: reconciliation.periods, findings: storedFindings(engagement), reconciliation, detail, calculationLines: calculated.lineCount }, run, started);
}

/** What a workbook shows: the inventory's figures and findings, and the detail rows to stream. */
export interface ExportInputs {
  readonly periods: ExportContext['periods'];
  readonly findings: ExportContext['findings'];
  readonly reconciliation: ExportContext['reconciliation'];
  readonly detail: DetailRows;
  readonly calculationLines: number;
}

function report(run: ExportRun, phase: ExportProgress['phase'], rowsWritten: number, totalRows: number, fraction: number): void {
  run.onProgress?.({ phase, rowsWritten, totalRows, percent: Math.round(fraction * 1000) / 10 });
}

/** Writes an export from inputs already calculated (the benchmark feeds the writer alone through here). */
export async function writeExport(engagement: Engagement, request: ExportRequest, inputs: ExportInputs, run: ExportRun = {}, started = performance.now()): Promise<ExportOutcome> {
  checkTargets(engagement, request);
  const facts = await gatherFacts(engagement, request.detail, new Date());
  const { detail } = inputs;
  const totalRows = detail.count;
  let rowsWritten = 0;
  const writingShare = request.evidencePackPath ? 0.8 : 0.95;
  const base = {
    db: engagement.reader,
    facts,
    periods: inputs.periods,
    findings: inputs.findings,
    reconciliation: inputs.reconciliation,
    review: reviewForExport(engagement),
    detail,
    rowsPerDetailSheet: request.rowsPerDetailSheet ?? EXCEL_MAX_ROWS,
    usedFactorIds: new Set<number>(),
    signal: run.signal,
    progress: {
      add(rows: number) {
        rowsWritten += rows;
        report(run, 'writing', rowsWritten, totalRows, 0.05 + writingShare * (totalRows === 0 ? 1 : rowsWritten / totalRows));
      },
    },
    contents: [],
  } satisfies ExportContext;
  const context: ExportContext = { ...base, contents: SHEETS.flatMap((sheet) => sheet.tabs(base)) };

  const book = new Book(request.workbookPath, { entityName: facts.settings.entityName, createdAt: facts.exportedAt, creator: `Carbon Audit ${facts.appVersion}` });
  const pack = request.evidencePackPath ? new AtomicFile(request.evidencePackPath) : null;
  try {
    for (const sheet of SHEETS) {
      run.signal?.throwIfAborted();
      await sheet.write(book, context);
    }
    await book.finish();
    run.signal?.throwIfAborted();
    const workbookSha256 = await fileSha256(book.tempPath);
    let packSha256: string | null = null;
    let evidenceFiles = 0;
    if (pack) {
      report(run, 'packing', rowsWritten, totalRows, 0.85);
      const manifest = await writeEvidencePack(engagement.reader, pack.tempPath, { path: book.tempPath, name: path.basename(request.workbookPath), sha256: workbookSha256 }, facts, run.signal);
      evidenceFiles = manifest.files.length - 1;
      packSha256 = await fileSha256(pack.tempPath);
    }
    run.signal?.throwIfAborted();
    book.publish();
    pack?.commit();
    const outcome: ExportOutcome = {
      workbookPath: path.resolve(request.workbookPath),
      workbookSha256,
      detail: request.detail,
      detailRows: detail.count,
      calculationLines: inputs.calculationLines,
      sheets: book.names,
      evidencePackPath: pack ? path.resolve(pack.targetPath) : null,
      evidencePackSha256: packSha256,
      evidenceFiles,
      auditEntries: facts.auditEntries,
      auditHeadHash: facts.auditHeadHash,
      elapsedMs: Math.round(performance.now() - started),
    };
    engagement.change('export', {
      workbook: path.basename(outcome.workbookPath),
      workbookSha256,
      detail: request.detail,
      detailRows: outcome.detailRows,
      evidencePack: pack ? path.basename(pack.targetPath) : null,
      evidencePackSha256: packSha256,
      engagementSha256: facts.engagementSha256,
      auditHeadHash: facts.auditHeadHash,
      auditEntries: facts.auditEntries,
    }, () => undefined);
    report(run, 'done', rowsWritten, totalRows, 1);
    return outcome;
  } catch (error) {
    await book.discard();
    pack?.discard();
    if (run.signal?.aborted) throw new EngineError('cancelled', 'Export cancelled: nothing was written');
    throw error;
  }
}

/** What the export worker is given: its own connection to the engagement, and the request. */
export interface ExportWorkerData {
  readonly engagementPath: string;
  readonly nativeBinding?: string;
  readonly actor: string;
  readonly request: ExportRequest;
}

/** The evidence pack sits beside the workbook under the same name. */
export function evidencePackPathFor(workbookPath: string): string {
  return path.join(path.dirname(workbookPath), `${path.basename(workbookPath, path.extname(workbookPath))}-evidence.zip`);
}

/** The name a save dialog suggests: the engagement's, marked as the audited workbook. */
export function suggestedWorkbookName(engagementPath: string): string {
  return `${path.basename(engagementPath, path.extname(engagementPath))}-audited.xlsx`;
}

/** Exports on a worker thread of its own (the calculation it starts from can take minutes), with progress and cancel. */
export function startExport(engagement: Engagement, request: ExportRequest, onProgress: (progress: ExportProgress) => void): WorkerJob<ExportOutcome> {
  checkTargets(engagement, request);
  const data: ExportWorkerData = { engagementPath: engagement.filePath, nativeBinding: engagement.context.nativeBinding, actor: engagement.actor, request };
  return startWorker<ExportOutcome, ExportProgress>('export-worker', data, { onProgress });
}

export { CSV_TABLES, exportQueryCsv, exportTableCsv, suggestedCsvName, type CsvTable } from './csv';
