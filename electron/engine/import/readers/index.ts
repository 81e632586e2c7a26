import { stat } from 'node:fs/promises';
import type { RawRow } from '../../../../shared/import/cell';
import type { CsvDelimiter, CsvEncoding } from './csv';
import { csvSheetName, detectCsvDialect, readCsvRows } from './csv';
import type { SniffedSource, SourceFormat } from './sniff';
import { sniffSource } from './sniff';
import type { SheetRowBatch } from './xlsx';
import { readXlsxRows, sheetBytesToRead } from './xlsx';
import { readWorkbookLayout } from './xlsx-workbook';
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
 * Progress of one `rows()` pass. For a workbook the bytes are those of the sheet XML parsed
 * (uncompressed, as measured by the guard): Excel stores sheets before their shared strings, so
 * exceljs copies them to temporary files first and compressed bytes would reach the end before
 * the first row. For a CSV file they are the file's bytes.
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
  const guarded = await guardWorkbookArchive(path, limits);
  const layout = await readWorkbookLayout(path, limits.maxZipEntries);
  return {
    format: sniffed.format,
    hasMacros: sniffed.hasMacros,
    sheetNames: async () => layout.worksheets.map((sheet) => sheet.name),
    rows: (options = {}) =>
      trackProgress(options, () => sheetBytesToRead(layout, guarded, options.sheet), (onBytes) =>
        readXlsxRows(path, layout, guarded, { sheet: options.sheet, signal: options.signal, onSheetBytes: onBytes }),
      ),
  };
}

async function openCsv(path: string): Promise<SourceReader> {
  const dialect = await detectCsvDialect(path);
  const { size } = await stat(path);
  const sheet = csvSheetName(path);
  return {
    format: 'csv',
    hasMacros: false,
    encoding: dialect.encoding,
    delimiter: dialect.delimiter,
    sheetNames: async () => [sheet],
    rows: (options = {}) =>
      trackProgress(options, () => size, async function* (onBytes) {
        if (options.sheet !== undefined && options.sheet !== sheet) {
          throw new Error(`The CSV file has one sheet, "${sheet}", not "${options.sheet}".`);
        }
        for await (const rows of readCsvRows(path, dialect, { signal: options.signal, onFileBytes: onBytes })) {
          yield { sheet, rows };
        }
      }),
  };
}

/**
 * Turns a reader's batches (one per chunk of the file) into rows, counting rows and bytes and
 * reporting progress once per batch. Readers batch because each await costs: one per row is all
 * the million-row budget allows.
 */
async function* trackProgress(
  options: ReadRowsOptions,
  totalBytes: () => number,
  read: (onBytes: (bytes: number) => void) => AsyncGenerator<SheetRowBatch>,
): AsyncGenerator<SheetRow> {
  const { signal, onProgress } = options;
  const total = totalBytes();
  let bytesRead = 0;
  let rowCount = 0;
  for await (const { sheet, rows } of read((bytes) => (bytesRead += bytes))) {
    for (const row of rows) {
      signal?.throwIfAborted();
      rowCount++;
      yield { sheet, row };
    }
    onProgress?.({ bytesRead, totalBytes: total, rows: rowCount });
  }
  onProgress?.({ bytesRead, totalBytes: total, rows: rowCount });
}
