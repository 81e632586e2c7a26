/**
 * The import feature: previewing a file and suggesting its mapping, importing it (off the
 * caller's thread, with progress and cancel), the source-file register and the mapping
 * templates. The only entry the API handlers and the CLI use for them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportOutcome, ImportPreview, Mapping, MappingKind, SourceFileSummary } from '../../../shared/contract';
import { DESNZ_DATA_SHEET } from '../../../shared/factors/desnz';
import { EPA_HUB_SHEET } from '../../../shared/factors/epa-hub';
import { mappingSchema } from '../../../shared/import/mapping';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { WorkerPool } from '../workers/pool';
import type { WorkerJob } from '../workers/spawn';
import { startImportJob, type ImportWorkerProgress } from './import-job';
import { withDuplicateCheck, type FilePreview } from './preview';
import type { PreviewWorkerData } from './preview-worker';
import { selectSourceFiles } from './store';

export { findMappingTemplate, listMappingTemplates, saveMappingTemplate } from './templates';
export type { ImportWorkerProgress } from './import-job';

/**
 * Previews parse untrusted files: each gets this much heap and time on a worker of the pool, and
 * is stopped beyond them. The pool keeps a worker warm, so changing the sheet in the wizard does
 * not wait for a new thread to load the readers.
 */
const previews = new WorkerPool<PreviewWorkerData, FilePreview>('preview-worker', { heapMb: 256, timeLimitMs: 60_000 });

/** The name and size of a file the host located; only regular files are accepted. */
export function inspectChosenFile(filePath: string): { readonly fileName: string; readonly sizeBytes: number } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new EngineError('not-found', `${path.basename(filePath)} cannot be read`);
  }
  if (!stat.isFile()) throw new EngineError('refused', `${path.basename(filePath)} is not a file: drop or choose a spreadsheet`);
  return { fileName: path.basename(filePath), sizeBytes: stat.size };
}

/**
 * The first rows of one sheet, the table found in them and the suggested mapping, read on a worker
 * with memory and time limits; with an engagement, whether it has imported this file and sheet.
 */
export async function previewFile(engagement: Engagement | null, filePath: string, kind: MappingKind, sheet?: string): Promise<ImportPreview> {
  try {
    return withDuplicateCheck(engagement?.reader ?? null, await previews.run({ filePath, kind, sheet }));
  } catch (error) {
    if (engagement) logRefusedFile(engagement, { filePath, kind, sheet }, error);
    throw error;
  }
}

/**
 * The mappings to import a file with when none is given: a published factor file (DESNZ, EPA
 * Hub) by its data sheet's layout; anything else with each sheet's suggested mapping (or the one
 * sheet named). A sheet without a table is passed over, unless it was named.
 */
export async function suggestedMappings(engagement: Engagement | null, filePath: string, kind: MappingKind, sheet?: string): Promise<Mapping[]> {
  const first = await previewFile(engagement, filePath, kind, sheet);
  const sheets = sheet ? [sheet] : first.sheets;
  if (kind === 'factors' && !sheet) {
    const published = sheets.find((name) => name === DESNZ_DATA_SHEET || name === EPA_HUB_SHEET);
    if (published) {
      return [{ version: 1, kind, sheet: published, table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 0 }, layout: 'long', columns: [], decimalSeparator: '.' }];
    }
  }
  const mappings: Mapping[] = [];
  for (const name of sheets) {
    const preview = name === first.sheet ? first : await previewFile(engagement, filePath, kind, name);
    if (!preview.mapping) {
      if (sheet) throw new EngineError('refused', `No table found in sheet '${name}': ${preview.tableProblem}`);
      continue;
    }
    const valid = mappingSchema.safeParse(preview.mapping);
    if (!valid.success) {
      throw new EngineError('refused', `The suggested mapping for sheet '${name}' is incomplete (${valid.error.issues.map((issue) => issue.message).join('; ')}): run \`carbon-audit mapping suggest\`, edit it and pass --mapping`);
    }
    mappings.push(valid.data);
  }
  if (mappings.length === 0) throw new EngineError('refused', `No table found in any sheet of ${filePath}`);
  return mappings;
}

export interface ImportOptions {
  readonly filePath: string;
  readonly mapping: Mapping;
  readonly dryRun?: boolean;
  readonly allowDuplicate?: boolean;
}

/** Starts an import (or a dry run) on its own worker thread and connection; cancel rolls it back. */
export function startImport(engagement: Engagement, options: ImportOptions, onProgress: (progress: ImportWorkerProgress) => void): WorkerJob<ImportOutcome> {
  const job = startImportJob(
    {
      engagementPath: engagement.filePath,
      nativeBinding: engagement.context.nativeBinding,
      request: { ...options, actor: engagement.actor, settings: engagement.settings() },
    },
    onProgress,
  );
  if (options.dryRun) return job;
  return {
    cancel: () => job.cancel(),
    result: job.result.catch((error: unknown) => {
      if ((error as { code?: unknown } | null)?.code === 'cancelled') logImportAttempt(engagement, 'import.cancelled', options.filePath, options.mapping, error);
      else logRefusedFile(engagement, { filePath: options.filePath, kind: options.mapping.kind, sheet: options.mapping.sheet }, error);
      throw error;
    }),
  };
}

/**
 * A refused file or a cancelled import changes no data, but the auditor's attempt is part of the
 * record: it is logged on its own, after the import's transaction was rolled back.
 */
function logRefusedFile(engagement: Engagement, file: { readonly filePath: string; readonly kind: MappingKind; readonly sheet?: string }, error: unknown): void {
  if ((error as { code?: unknown } | null)?.code === 'refused') logImportAttempt(engagement, 'import.refused', file.filePath, file, error);
}

function logImportAttempt(engagement: Engagement, operation: string, filePath: string, file: { readonly kind: MappingKind; readonly sheet?: string }, error: unknown): void {
  engagement.change(operation, { file: path.basename(filePath), kind: file.kind, sheet: file.sheet ?? null, reason: (error as Error).message }, () => undefined);
}

/** The source-file register: every imported file with its SHA-256 and row counts. */
export function listSourceFiles(engagement: Engagement): SourceFileSummary[] {
  return selectSourceFiles(engagement.reader);
}
