import type { RawRow } from '../../../../shared/import/cell';
import type { CsvDelimiter, CsvEncoding } from './csv';
import { csvSheetName, detectCsvDialect, readCsvRows } from './csv';
import type { SniffedSource, SourceFormat } from './sniff';
import { SourceRefusedError } from './refusal';
import { sniffSource } from './sniff';
import type { SheetRowBatch } from './xlsx';
import { planXlsxRead, readXlsxRows } from './xlsx';
import { readWorkbookLayout } from './xlsx-workbook';
import { partLabel } from './xml-part-checker';
import type { ReadLimits } from './zip-guard';
import { DEFAULT_READ_LIMITS, guardWorkbookArchive } from './zip-guard';

export type { CsvDelimiter, CsvEncoding } from './csv';
export { SourceRefusedError } from './refusal';
export type { RefusalCode } from './refusal';
export type { SourceFormat } from './sniff';
export { DEFAULT_READ_LIMITS } from './zip-guard';
export type { ReadLimits } from './zip-guard';

export interface OpenSourceOptions {
  readonly limits?: Partial<ReadLimits>;
}

/**
 * Progress of one `rows()` pass: for a workbook, the compressed bytes of the parts this pass reads
 * (only the sheets asked for); for a CSV file, the file's bytes.
 */
export interface ReadProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Rows yielded so far. */
  readonly rows: number;
}

export interface ReadRowsOptions {
  /** Read only this sheet; every sheet in workbook order otherwise. */
  readonly sheet?: string;
  /** Stops reading promptly; the pass then throws the signal's reason (an AbortError by default). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export interface SheetRow {
  readonly sheet: string;
  readonly row: RawRow;
}

/** Rows of one sheet read together (a chunk of the file, or what a reader thread hands over). */
export interface RowBatch extends SheetRowBatch {
  /** Each row's cells as its raw row stores them (JSON), when a reader thread serialised them already. */
  readonly cellsJson?: readonly string[];
}

export interface SourceReader {
  readonly format: SourceFormat;
  /** The workbook carries a macro project; it is never run, only the cell values are read. */
  readonly hasMacros: boolean;
  /** CSV only: the text encoding detected. */
  readonly encoding?: CsvEncoding;
  /** CSV only: the field delimiter detected. */
  readonly delimiter?: CsvDelimiter;
  sheetNames(): Promise<string[]>;
  /** Each call is a fresh pass over the file. */
  rows(options?: ReadRowsOptions): AsyncGenerator<SheetRow>;
  /** The same pass, many rows at a time: a consumer of every row saves an await per row. */
  batches(options?: ReadRowsOptions): AsyncGenerator<RowBatch>;
}

/**
 * Opens a source file for import: decides its format from its content, refuses what cannot be
 * read safely (SourceRefusedError), and for workbooks checks the whole archive before any parsing.
 */
export async function openSource(path: string, options: OpenSourceOptions = {}): Promise<SourceReader> {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const sniffed = await sniffSource(path, limits);
  return sniffed.format === 'csv' ? openCsv(path) : openWorkbook(path, sniffed, limits);
}

async function openWorkbook(path: string, sniffed: SniffedSource, limits: ReadLimits): Promise<SourceReader> {
  const guarded = await guardWorkbookArchive(path, limits).catch(async (error: unknown) => {
    throw await namingItsSheet(error, path, limits.maxZipEntries);
  });
  const layout = await readWorkbookLayout(path, limits.maxZipEntries);
  const batches = (options: ReadRowsOptions = {}) =>
    trackProgress(options, async function* (onBytes) {
      const plan = planXlsxRead(layout, guarded, options.sheet);
      yield* readXlsxRows(path, plan, limits.maxZipEntries, { signal: options.signal, onBytes });
    });
  return {
    format: sniffed.format,
    hasMacros: sniffed.hasMacros,
    sheetNames: async () => layout.worksheets.map((sheet) => sheet.name),
    rows: (options) => rowsOf(batches(options), options?.signal),
    batches,
  };
}

/**
 * A refusal about a worksheet part, reworded to name the sheet as the auditor knows it, when the
 * sheet list can still be read. Bounded and linear like every read here; a bomb is not read further.
 */
async function namingItsSheet(error: unknown, path: string, maxZipEntries: number): Promise<unknown> {
  if (!(error instanceof SourceRefusedError) || error.part === undefined || (error.code !== 'corrupt' && error.code !== 'too-large')) {
    return error;
  }
  const { part } = error;
  const layout = await readWorkbookLayout(path, maxZipEntries).catch(() => undefined);
  const sheet = layout?.worksheets.find((candidate) => candidate.partName === part);
  if (sheet === undefined) return error;
  const message = error.message.replace(partLabel(part), partLabel(part, sheet.name));
  return new SourceRefusedError(error.code, message, { cause: error.cause, part });
}

async function openCsv(path: string): Promise<SourceReader> {
  const dialect = await detectCsvDialect(path);
  const sheet = csvSheetName(path);
  const batches = (options: ReadRowsOptions = {}) =>
    trackProgress(options, async function* (onBytes) {
      if (options.sheet !== undefined && options.sheet !== sheet) {
        throw new Error(`The CSV file has one sheet, "${sheet}", not "${options.sheet}".`);
      }
      for await (const rows of readCsvRows(path, dialect, { signal: options.signal, onBytes })) {
        yield { sheet, rows };
      }
    });
  return {
    format: 'csv',
    hasMacros: false,
    encoding: dialect.encoding,
    delimiter: dialect.delimiter,
    sheetNames: async () => [sheet],
    rows: (options) => rowsOf(batches(options), options?.signal),
    batches,
  };
}

/**
 * Passes on a reader's batches (one per chunk of the file), counting their rows and reporting
 * progress once per batch. Readers batch because each await costs: one per row is more than the
 * million-row budget allows.
 */
async function* trackProgress(
  options: ReadRowsOptions,
  read: (onBytes: (bytesRead: number, totalBytes: number) => void) => AsyncGenerator<SheetRowBatch>,
): AsyncGenerator<RowBatch> {
  const { signal, onProgress } = options;
  const progress = { bytesRead: 0, totalBytes: 0, rows: 0 };
  const batches = read((bytesRead, totalBytes) => {
    progress.bytesRead = bytesRead;
    progress.totalBytes = totalBytes;
  });
  for await (const batch of batches) {
    signal?.throwIfAborted();
    progress.rows += batch.rows.length;
    yield batch;
    onProgress?.({ ...progress });
  }
  onProgress?.({ ...progress });
}

/** One row at a time, for a consumer that stops early (a preview) or wants them one by one. */
async function* rowsOf(batches: AsyncIterable<RowBatch>, signal: AbortSignal | undefined): AsyncGenerator<SheetRow> {
  for await (const { sheet, rows } of batches) {
    for (const row of rows) {
      signal?.throwIfAborted();
      yield { sheet, row };
    }
  }
}
