import path from 'node:path';
import type { ImportPreview } from '../../../shared/contract';
import { checkUnits } from '../../../shared/import/column-checks';
import { PREVIEW_ROWS } from '../../../shared/contract';
import type { RawRow } from '../../../shared/import/cell';
import type { Mapping, MappingKind } from '../../../shared/import/mapping';
import { suggestMapping } from '../../../shared/import/suggest';
import { detectTable } from '../../../shared/import/table';
import type { ReadableDb } from '../db/handles';
import { EngineError } from '../errors';
import { findImportedCopy, identifyFile } from './source-register';
import { openSource, SourceRefusedError, type ReadLimits } from './readers';

/** A preview as read from the file alone; previewImport adds what the engagement knows of it. */
export type FilePreview = Omit<ImportPreview, 'duplicateOf'>;

/**
 * Reads the first rows of one sheet and suggests how to import it. Reading stops after
 * PREVIEW_ROWS rows, so previewing a huge file is as quick as a small one. It needs no
 * engagement: the engine runs it on a worker of its own, with memory and time limits, as it
 * parses an untrusted file.
 */
export async function readPreview(
  filePath: string,
  kind: MappingKind,
  options: { readonly sheet?: string; readonly limits?: Partial<ReadLimits> } = {},
): Promise<FilePreview> {
  const identity = await identifyFile(filePath);
  let reader;
  try {
    reader = await openSource(filePath, { limits: options.limits });
  } catch (error) {
    throw refusedAsEngineError(error);
  }
  const sheets = await reader.sheetNames();
  const sheet = options.sheet ?? sheets[0];
  if (sheet === undefined) throw new EngineError('refused', `${path.basename(filePath)} has no sheets`);
  if (!sheets.includes(sheet)) throw new EngineError('not-found', `${path.basename(filePath)} has no sheet named '${sheet}' (it has: ${sheets.join(', ')})`);

  const rows: RawRow[] = [];
  const stop = new AbortController();
  try {
    for await (const { row } of reader.rows({ sheet, signal: stop.signal })) {
      rows.push(row);
      if (rows.length >= PREVIEW_ROWS) stop.abort();
    }
  } catch (error) {
    // A file damaged in its first rows is refused here as at import.
    if (!stop.signal.aborted) throw refusedAsEngineError(error);
  }

  const detection = detectTable(rows);
  const suggestion = detection.ok ? suggestMapping(detection.table, rows, kind) : null;
  const mapping: Mapping | null = suggestion ? { ...suggestion.mapping, sheet } : null;
  return {
    fileName: path.basename(filePath),
    format: reader.format,
    sizeBytes: identity.sizeBytes,
    sha256: identity.sha256,
    hasMacros: reader.hasMacros,
    encoding: reader.encoding,
    delimiter: reader.delimiter,
    sheets,
    sheet,
    rows,
    table: detection.ok ? detection.table : null,
    tableProblem: detection.ok ? null : detection.reason,
    mapping,
    columns: suggestion?.columns ?? [],
    unitChecks: mapping ? checkUnits(mapping) : [],
  };
}

/** The file's preview, and whether the engagement (when one is open) has imported the same file and sheet before. */
export function withDuplicateCheck(db: ReadableDb | null, preview: FilePreview): ImportPreview {
  return { ...preview, duplicateOf: db ? findImportedCopy(db, preview.sha256, preview.sheet) : null };
}

/** readPreview and the duplicate check, in this thread. */
export async function previewImport(
  db: ReadableDb | null,
  filePath: string,
  kind: MappingKind,
  options: { readonly sheet?: string; readonly limits?: Partial<ReadLimits> } = {},
): Promise<ImportPreview> {
  return withDuplicateCheck(db, await readPreview(filePath, kind, options));
}

function refusedAsEngineError(error: unknown): unknown {
  return error instanceof SourceRefusedError ? new EngineError('refused', error.message, { code: error.code }) : error;
}
