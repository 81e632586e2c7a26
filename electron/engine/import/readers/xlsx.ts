import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import excelUtils from 'exceljs/lib/utils/utils';
import type { Cell, DateCell, FormulaCell, RawRow } from '../../../../shared/import/cell';
import { columnLetter } from '../../../../shared/import/cell';
import { SourceRefusedError } from './refusal';
import type { ScannedCell } from './xlsx-cell-scanner';
import { SheetCellScanner } from './xlsx-cell-scanner';
import type { WorkbookLayout, WorksheetPart } from './xlsx-workbook';
import type { GuardedWorkbook } from './zip-guard';

/**
 * exceljs's streaming options. Styles are cached because only then do date cells arrive as dates
 * (design §9). The benchmark's bare read uses the same options, so the comparison is like for like.
 */
export const EXCELJS_READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'emit',
} as const satisfies Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>;

export interface XlsxRowsOptions {
  /** Read only this sheet; all worksheets in workbook order otherwise. */
  readonly sheet?: string;
  readonly signal?: AbortSignal;
  /** Called with the size of each chunk of sheet XML handed to the parser. */
  readonly onSheetBytes?: (bytes: number) => void;
}

/** Total uncompressed size of the sheet XML that `readXlsxRows` will parse, for progress. */
export function sheetBytesToRead(layout: WorkbookLayout, guarded: GuardedWorkbook, sheet?: string): number {
  return selectSheets(layout, sheet).reduce((total, part) => total + (guarded.xmlPartBytes.get(part.partName) ?? 0), 0);
}

/** Rows of one sheet, as parsed from one chunk of its XML. */
export interface SheetRowBatch {
  readonly sheet: string;
  readonly rows: readonly RawRow[];
}

/**
 * Streams the rows of a guarded workbook's worksheets in batches. Row numbers are the file's, so
 * gaps are possible: rows with no value are skipped. Trailing empty cells are trimmed; '' is null.
 */
export async function* readXlsxRows(
  path: string,
  layout: WorkbookLayout,
  guarded: GuardedWorkbook,
  options: XlsxRowsOptions = {},
): AsyncGenerator<SheetRowBatch> {
  const unread = new Set(selectSheets(layout, options.sheet));
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, EXCELJS_READER_OPTIONS);
  const sheetStreams = watchPartStreams(reader, layout, guarded, options);
  const worksheets = reader[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Before the first sheet, exceljs may spend seconds copying sheets to temporary files.
      const next = await untilAborted(worksheets.next(), options.signal);
      if (next.done === true) break;
      const stream = sheetStreams.get(next.value);
      if (stream === undefined) throw new Error('exceljs emitted a worksheet that was not seen being opened');
      if (!unread.delete(stream.part)) {
        await stream.skip();
        continue;
      }
      // parse() hands over the rows of each XML chunk together: one await per chunk, not per row.
      const chunks = next.value.parse() as unknown as AsyncIterable<Array<{ eventType: string; value: unknown }>>;
      for await (const events of chunks) {
        const rows: RawRow[] = [];
        for (const { eventType, value } of events) {
          if (eventType !== 'row') continue;
          const row = value as ExcelJS.Row;
          const cells = rowCells(row, stream.scanner.takeRow(row.number), layout.date1904);
          if (cells.length > 0) rows.push({ rowNumber: row.number, cells });
        }
        if (rows.length > 0) yield { sheet: stream.part.name, rows };
      }
    }
    const [missing] = unread;
    if (missing !== undefined) {
      throw new SourceRefusedError(
        'corrupt',
        `The sheet "${missing.name}" could not be read: it is stored as ${missing.partName}, where Excel never ` +
          'puts sheets. Open the workbook in Excel and save it again as .xlsx.',
      );
    }
  } catch (error) {
    options.signal?.throwIfAborted();
    throw asReadError(error);
  } finally {
    input.destroy();
  }
}

function selectSheets(layout: WorkbookLayout, sheet: string | undefined): WorksheetPart[] {
  if (sheet === undefined) return [...layout.worksheets];
  const part = layout.worksheets.find((candidate) => candidate.name === sheet);
  if (part === undefined) {
    const names = layout.worksheets.map((candidate) => `"${candidate.name}"`).join(', ');
    throw new Error(`The workbook has no sheet named "${sheet}"; its sheets are ${names}.`);
  }
  return [part];
}

/** One worksheet's XML on its way into exceljs. */
interface SheetStream {
  readonly part: WorksheetPart;
  readonly scanner: SheetCellScanner;
  /** Consumes the sheet without parsing it, so exceljs moves on and closes its temporary file. */
  skip(): Promise<void>;
}

/**
 * The WorkbookReader methods (exceljs 4.4) that receive each part's inflated bytes. Wrapping them is
 * the one place to see a sheet's raw XML, and it fixes exceljs decoding each chunk on its own, which
 * turns a multi-byte character split between chunks into U+FFFD.
 */
interface WorkbookReaderPartParsers {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';

function watchPartStreams(
  reader: ExcelJS.stream.xlsx.WorkbookReader,
  layout: WorkbookLayout,
  guarded: GuardedWorkbook,
  options: XlsxRowsOptions,
): Map<unknown, SheetStream> {
  const parsers = reader as unknown as WorkbookReaderPartParsers;
  const parseSharedStrings = parsers._parseSharedStrings.bind(reader);
  const parseWorksheet = parsers._parseWorksheet.bind(reader);
  const streams = new Map<unknown, SheetStream>();

  parsers._parseSharedStrings = (entry) =>
    parseSharedStrings(Readable.from(decodeXmlPart(entry, SHARED_STRINGS_PART, guarded, options.signal)));

  parsers._parseWorksheet = function* (chunks: AsyncIterable<Buffer>, sheetNo: string) {
    // exceljs only reads sheets stored under this name pattern, numbering them by it.
    const partName = `xl/worksheets/sheet${sheetNo}.xml`;
    const part = layout.worksheets.find((candidate) => candidate.partName === partName);
    if (part === undefined) {
      throw new SourceRefusedError(
        'corrupt',
        `The workbook is damaged: it holds ${partName}, which its sheet list does not name. ` +
          'Open it in Excel to repair it and save it as .xlsx.',
      );
    }
    const scanner = new SheetCellScanner();
    const xml = decodeXmlPart(chunks, partName, guarded, options.signal, (text, bytes) => {
      scanner.scan(text);
      options.onSheetBytes?.(bytes);
    });
    const skip = async () => {
      for await (const _chunk of chunks) {
        // drained unparsed
      }
    };
    for (const event of parseWorksheet(xml, sheetNo)) {
      streams.set(event.value, { part, scanner, skip });
      yield event;
    }
  };
  return streams;
}

/**
 * Decodes a part's UTF-8 across chunk boundaries, holding it to the size the guard measured:
 * exceljs unzips from the local headers while the guard read the central directory, and a file
 * whose two views disagree must not slip a bigger part past the guard.
 */
async function* decodeXmlPart(
  chunks: AsyncIterable<Buffer>,
  partName: string,
  guarded: GuardedWorkbook,
  signal: AbortSignal | undefined,
  onText?: (text: string, bytes: number) => void,
): AsyncGenerator<string> {
  const measuredBytes = guarded.xmlPartBytes.get(partName);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    bytes += chunk.length;
    if (measuredBytes === undefined || bytes > measuredBytes) {
      throw new SourceRefusedError(
        'corrupt',
        `The workbook is damaged: its part ${partName} differs from the copy listed in its ZIP directory. ` +
          'Open it in Excel to repair it and save it as .xlsx.',
      );
    }
    const text = decodeUtf8(decoder, chunk, partName);
    onText?.(text, chunk.length);
    yield text;
  }
  const rest = decodeUtf8(decoder, undefined, partName);
  if (rest !== '') {
    onText?.(rest, 0);
    yield rest;
  }
}

function decodeUtf8(decoder: TextDecoder, chunk: Buffer | undefined, partName: string): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch (cause) {
    throw new SourceRefusedError(
      'corrupt',
      `The workbook is damaged: its part ${partName} is not valid UTF-8 text. Open it in Excel to repair it and save it as .xlsx.`,
      { cause },
    );
  }
}

function rowCells(row: ExcelJS.Row, scanned: Map<number, ScannedCell> | undefined, date1904: boolean): Cell[] {
  if (!Number.isInteger(row.number) || row.number < 1) {
    throw new SourceRefusedError(
      'corrupt',
      'The workbook is damaged: a sheet holds a row without a valid row number. Open it in Excel and save it again as .xlsx.',
    );
  }
  const values = row.values as unknown[];
  const width = Math.max(0, values.length - 1, ...(scanned === undefined ? [] : scanned.keys()));
  const cells: Cell[] = new Array<Cell>(width);
  let filled = 0;
  for (let column = 1; column <= width; column++) {
    const scannedCell = scanned?.get(column);
    const cell =
      scannedCell === undefined
        ? plainCell(values[column], row.number, column)
        : scannedCellValue(scannedCell, row.findCell(column)?.numFmt, date1904, cellAddress(row.number, column));
    cells[column - 1] = cell;
    if (cell !== null) filled = column;
  }
  cells.length = filled;
  return cells;
}

/** A value as exceljs's streaming reader hands it over, for every cell but formulas and ISO dates. */
function plainCell(value: unknown, rowNumber: number, column: number): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value instanceof Date) return toDateCell(value) ?? refuseCell(cellAddress(rowNumber, column), 'an invalid date');
  if (typeof value === 'object') {
    if ('richText' in value) return richTextValue(value.richText);
    if ('error' in value && typeof value.error === 'string') return { t: 'error', code: value.error };
    if ('hyperlink' in value && 'text' in value) {
      return typeof value.text === 'object' && value.text !== null && 'richText' in value.text
        ? richTextValue(value.text.richText)
        : String(value.text);
    }
  }
  return refuseCell(cellAddress(rowNumber, column), JSON.stringify(value) ?? String(value));
}

function richTextValue(runs: unknown): string | null {
  if (!Array.isArray(runs)) return null;
  const text = runs.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
  return text === '' ? null : text;
}

function scannedCellValue(cell: ScannedCell, numFmt: string | undefined, date1904: boolean, address: string): Cell {
  const value = cachedValue(cell, numFmt, date1904, address);
  if (cell.formula === undefined) return value ?? null;
  const formula: FormulaCell =
    value === undefined ? { t: 'formula', formula: cell.formula } : { t: 'formula', formula: cell.formula, result: value };
  return formula;
}

/** What the cell shows, from its `<v>` and type; undefined when the file stored no value. */
function cachedValue(
  { type, valueText }: ScannedCell,
  numFmt: string | undefined,
  date1904: boolean,
  address: string,
): FormulaCell['result'] | undefined {
  if (valueText === undefined || (valueText === '' && type !== 'str')) return undefined;
  switch (type) {
    case 'e':
      return { t: 'error', code: valueText };
    case 'b':
      if (valueText === '1' || valueText === 'true') return true;
      if (valueText === '0' || valueText === 'false') return false;
      break;
    case 'str':
      return valueText;
    case 'd':
      return isoDateCell(valueText, address);
    case undefined:
    case 'n': {
      const number = Number(valueText);
      if (!Number.isFinite(number)) break;
      if (!excelUtils.isDateFmt(numFmt)) return number;
      return toDateCell(excelUtils.excelToDate(number, date1904)) ?? refuseCell(address, valueText);
    }
  }
  throw new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: cell ${address} holds "${valueText}" as a value of type "${type ?? 'n'}". ` +
      'Open it in Excel to repair it and save it as .xlsx.',
  );
}

const HAS_TIME_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;

// Spreadsheet dates have no time zone: an ISO date-time without one is taken as UTC, like serial dates.
function isoDateCell(text: string, address: string): DateCell {
  const date = new Date(text.includes('T') && !HAS_TIME_ZONE.test(text) ? `${text}Z` : text);
  return toDateCell(date) ?? refuseCell(address, text);
}

function toDateCell(date: Date): DateCell | undefined {
  return Number.isNaN(date.getTime()) ? undefined : { t: 'date', iso: date.toISOString() };
}

function cellAddress(rowNumber: number, column: number): string {
  return `${columnLetter(column - 1)}${rowNumber}`;
}

function refuseCell(address: string, stored: string): never {
  throw new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: cell ${address} holds a value that cannot be read (${stored.slice(0, 80)}). ` +
      'Open it in Excel to repair it and save it as .xlsx.',
  );
}

async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  signal.throwIfAborted();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Failures of exceljs or its XML parser mean a damaged file; refusals pass through. */
function asReadError(error: unknown): SourceRefusedError {
  if (error instanceof SourceRefusedError) return error;
  return new SourceRefusedError(
    'corrupt',
    `The workbook could not be read (${error instanceof Error ? error.message : String(error)}). ` +
      'Open it in Excel to repair it and save it as .xlsx.',
    { cause: error },
  );
}
