/**
 * The import feature: previewing a file and suggesting its mapping, importing it (off the
 * caller's thread, with progress and cancel), the source-file register and the mapping
 * templates. The only entry the API handlers and the CLI use for them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFindingView, ImportOutcome, ImportPreview, Mapping, MappingKind, RejectedRowPage, SourceFileSummary } from '../../../shared/contract';
import { DESNZ_DATA_SHEET } from '../../../shared/factors/desnz';
import { EPA_HUB_SHEET } from '../../../shared/factors/epa-hub';
import { mappingSchema } from '../../../shared/import/mapping';
import type { Engagement } from '../engagement/handle';
import { EngineError } from '../errors';
import { checkEngagement } from '../review/service';
import type { Replacement } from '../sources/service';
import { WorkerPool } from '../workers/pool';
import type { WorkerJob } from '../workers/spawn';
import { startImportJob, type ImportWorkerProgress } from './import-job';
import { withDuplicateCheck, type FilePreview } from './preview';
import type { PreviewWorkerData } from './preview-worker';
import { selectImportFindings, selectRejectedRows, selectSourceFiles } from './store';

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

/**
 * A saved mapping (a template, a mapping file) fitted to the file at hand. Its sheet name is a
 * hint: next year's file renames 'FY2022' to 'FY2023' and 'factors.csv' to 'factors-2024.csv'.
 * The sheet is the one asked for, else the mapping's own if the file has it, else the file's only
 * sheet; a file with several sheets and none of that name must say which. Whether the headers
 * match is checked when the sheet is read, and a mismatch refuses the import with every
 * difference listed.
 */
export async function fitMappingToFile(filePath: string, mapping: Mapping, sheet?: string): Promise<{ readonly mapping: Mapping; readonly note: string | null }> {
  if (sheet !== undefined) return { mapping: { ...mapping, sheet }, note: mapping.sheet === undefined || mapping.sheet === sheet ? null : `the mapping made on sheet '${mapping.sheet}' is applied to sheet '${sheet}'` };
  if (mapping.sheet === undefined) return { mapping, note: null };
  const { sheets } = await previews.run({ filePath, kind: mapping.kind, sheet: undefined });
  if (sheets.includes(mapping.sheet)) return { mapping, note: null };
  const [only, ...others] = sheets;
  if (only !== undefined && others.length === 0) {
    return { mapping: { ...mapping, sheet: only }, note: `the mapping made on sheet '${mapping.sheet}' is applied to this file's only sheet, '${only}'` };
  }
  throw new EngineError('refused', `The mapping was made on sheet '${mapping.sheet}', which ${path.basename(filePath)} does not have; it has ${sheets.map((name) => `'${name}'`).join(', ')}: name the sheet to apply it to (--sheet)`);
}

export interface ImportOptions {
  readonly filePath: string;
  readonly mapping: Mapping;
  readonly dryRun?: boolean;
  readonly allowDuplicate?: boolean;
  /** Save it even if it creates nothing or rejects more than half its rows. */
  readonly allowEmpty?: boolean;
  /** The source file it replaces (withdrawn with this reason in the import's transaction). */
  readonly replaces?: Replacement;
}

/**
 * Starts an import (or a dry run) on its own worker thread and connection; cancel rolls it back.
 * A committed import is followed by a check of the engagement (the review's data-quality rules),
 * whose summary the outcome carries; a check that fails does not undo the import, it is reported.
 */
export function startImport(engagement: Engagement, options: ImportOptions, onProgress: (progress: ImportWorkerProgress) => void): WorkerJob<ImportOutcome> {
  // A dry run changes nothing, so a finalised engagement still validates a file.
  if (!options.dryRun) engagement.refuseIfFinalised('import');
  const job = startImportJob(
    {
      engagementPath: engagement.filePath,
      nativeBinding: engagement.context.nativeBinding,
      request: { ...options, actor: engagement.actor, settings: engagement.settings() },
    },
    onProgress,
  );
  if (options.dryRun) return job;
  const result = job.result.then(
    async (outcome): Promise<ImportOutcome> => {
      // An import that falls short is rolled back unless allowed; the attempt is still on record.
      if (!outcome.committed) {
        if (outcome.shortfall !== null) logImportAttempt(engagement, 'import.refused', options.filePath, options.mapping, outcome.shortfall);
        return outcome;
      }
      try {
        return { ...outcome, check: await checkEngagement(engagement, { trigger: options.replaces ? 'source-replacement' : 'import' }) };
      } catch (error) {
        return { ...outcome, checkError: error instanceof Error ? error.message : String(error) };
      }
    },
    (error: unknown) => {
      if ((error as { code?: unknown } | null)?.code === 'cancelled') logImportAttempt(engagement, 'import.cancelled', options.filePath, options.mapping, (error as Error).message);
      else logRefusedFile(engagement, { filePath: options.filePath, kind: options.mapping.kind, sheet: options.mapping.sheet }, error);
      throw error;
    },
  );
  return { result, cancel: job.cancel };
}

/**
 * A refused file or a cancelled import changes no data, but the auditor's attempt is part of the
 * record: it is logged on its own, after the import's transaction was rolled back.
 */
function logRefusedFile(engagement: Engagement, file: { readonly filePath: string; readonly kind: MappingKind; readonly sheet?: string }, error: unknown): void {
  if ((error as { code?: unknown } | null)?.code === 'refused') logImportAttempt(engagement, 'import.refused', file.filePath, file, (error as Error).message);
}

function logImportAttempt(engagement: Engagement, operation: string, filePath: string, file: { readonly kind: MappingKind; readonly sheet?: string }, reason: string): void {
  engagement.change(operation, { file: path.basename(filePath), kind: file.kind, sheet: file.sheet ?? null, reason }, () => undefined);
}

/** The source-file register: every imported file with its SHA-256 and row counts. */
export function listSourceFiles(engagement: Engagement): SourceFileSummary[] {
  return selectSourceFiles(engagement.reader);
}

/** A page of the rows one import refused, each with its reason and its cells as read. */
export function listRejectedRows(engagement: Engagement, sourceFileId: number, offset = 0, limit = 100): RejectedRowPage {
  return selectRejectedRows(engagement.reader, sourceFileId, offset, limit);
}

/**
 * What imports found in the data (a twin column disagreeing with the column imported, or holding a
 * value it lacks), each with its file, sheet, row, columns, both values and their difference; all
 * of them, or one source file's.
 */
export function listImportFindings(engagement: Engagement, sourceFileId?: number): ImportFindingView[] {
  return selectImportFindings(engagement.reader, sourceFileId);
}
