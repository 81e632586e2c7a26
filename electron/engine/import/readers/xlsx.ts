import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import excelUtils from 'exceljs/lib/utils/utils';
import type { Cell, DateCell, FormulaCell, PercentCell, RawRow } from '../../../../shared/import/cell';
import { columnLetter } from '../../../../shared/import/cell';
import { percentFormatScale } from '../../../../shared/import/values';
import { SourceRefusedError } from './refusal';
import type { ScannedCell } from './xlsx-cell-scanner';
import { SheetCellScanner } from './xlsx-cell-scanner';
import type { StreamedPart } from './xlsx-package-stream';
import { rebuildPackage } from './xlsx-package-stream';
import type { WorkbookLayout, WorksheetPart } from './xlsx-workbook';
import { WORKBOOK_PART, WORKBOOK_RELATIONSHIPS_PART } from './xlsx-workbook';
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
  readonly signal?: AbortSignal;
  /** Compressed bytes of the workbook consumed so far, of the total this pass reads. */
  readonly onBytes?: (bytesRead: number, totalBytes: number) => void;
}

/** Rows of one sheet, as parsed from one chunk of its XML. */
export interface SheetRowBatch {
  readonly sheet: string;
  readonly rows: readonly RawRow[];
}

/** What one pass reads: the sheets asked for and the parts exceljs needs to read them. */
export interface XlsxReadPlan {
  readonly sheets: readonly WorksheetPart[];
  readonly parts: readonly StreamedPart[];
  /** Compressed size of the parts taken from the file. */
  readonly sourceBytes: number;
  readonly date1904: boolean;
}

const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
const STYLES_PART = 'xl/styles.xml';
/** Stands in for a missing shared-strings part, so that exceljs parses sheets as they stream. */
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/**
 * Plans a pass over one sheet, or over all worksheets in workbook order. exceljs gets the
 * workbook parts, shared strings and styles first, then each sheet under the name `sheetN.xml`,
 * the only name pattern it reads, N counting the sheets of this pass.
 */
export function planXlsxRead(layout: WorkbookLayout, guarded: GuardedWorkbook, sheet?: string): XlsxReadPlan {
  const sheets = selectSheets(layout, sheet);
  const fromFile = (entryName: string, name = entryName): StreamedPart => ({ name, source: { entryName } });
  const parts: StreamedPart[] = [
    fromFile(WORKBOOK_RELATIONSHIPS_PART),
    fromFile(WORKBOOK_PART),
    guarded.compressedBytes.has(SHARED_STRINGS_PART)
      ? fromFile(SHARED_STRINGS_PART)
      : { name: SHARED_STRINGS_PART, source: { content: EMPTY_SHARED_STRINGS } },
    ...(guarded.compressedBytes.has(STYLES_PART) ? [fromFile(STYLES_PART)] : []),
    ...sheets.map((part, index) => fromFile(part.partName, exceljsSheetPartName(index + 1))),
  ];
  const sourceBytes = parts.reduce(
    (total, part) => total + ('entryName' in part.source ? (guarded.compressedBytes.get(part.source.entryName) ?? 0) : 0),
    0,
  );
  return { sheets, parts, sourceBytes, date1904: layout.date1904 };
}

/**
 * Streams the rows of a guarded workbook in batches, one per chunk of sheet XML. Row numbers are
 * the file's, so gaps are possible: rows with no value are skipped. Trailing empty cells are
 * trimmed; '' is null.
 */
export async function* readXlsxRows(
  path: string,
  plan: XlsxReadPlan,
  maxZipEntries: number,
  options: XlsxRowsOptions = {},
): AsyncGenerator<SheetRowBatch> {
  let bytesRead = 0;
  options.onBytes?.(bytesRead, plan.sourceBytes);
  const input = Readable.from(
    rebuildPackage(path, plan.parts, maxZipEntries, (bytes) => options.onBytes?.((bytesRead += bytes), plan.sourceBytes)),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, EXCELJS_READER_OPTIONS);
  const scanners = decodePartsForExceljs(reader);
  const stopper = new ReadStopper(input, options.signal);
  try {
    const worksheets = reader[Symbol.asyncIterator]();
    for (const part of plan.sheets) {
      const next = await stopper.race(worksheets.next());
      if (next.done === true) throw new Error(`exceljs did not read the sheet "${part.name}"`);
      const scanner = scanners.get(next.value);
      if (scanner === undefined) throw new Error('exceljs emitted a worksheet it was not seen opening');
      // parse() hands over the rows of each XML chunk together: one await per chunk, not per row.
      const chunks = (next.value.parse() as unknown as AsyncIterable<ExceljsEvent[]>)[Symbol.asyncIterator]();
      for (;;) {
        const batch = await stopper.race(chunks.next());
        if (batch.done === true) break;
        const rows = rowsOfEvents(batch.value, scanner, plan.date1904);
        if (rows.length > 0) yield { sheet: part.name, rows };
      }
    }
  } catch (error) {
    options.signal?.throwIfAborted();
    throw asReadError(error);
  } finally {
    stopper.dispose();
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

function exceljsSheetPartName(sheetNo: number | string): string {
  return `xl/worksheets/sheet${sheetNo}.xml`;
}

interface ExceljsEvent {
  readonly eventType: string;
  readonly value: unknown;
}

function rowsOfEvents(events: readonly ExceljsEvent[], scanner: SheetCellScanner, date1904: boolean): RawRow[] {
  const rows: RawRow[] = [];
  for (const { eventType, value } of events) {
    if (eventType !== 'row') continue;
    const row = value as ExcelJS.Row;
    const cells = rowCells(row, scanner.takeRow(row.number), date1904);
    if (cells.length > 0) rows.push({ rowNumber: row.number, cells });
  }
  return rows;
}

/**
 * The WorkbookReader methods (exceljs 4.4) that receive the shared strings' and each sheet's
 * inflated bytes. Wrapping them is the one place to see a sheet's raw XML, and it fixes exceljs
 * decoding every chunk on its own, which turns a character split between chunks into U+FFFD.
 */
interface WorkbookReaderPartParsers {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/** Hooks UTF-8 decoding, and a cell scanner per sheet, in front of exceljs's XML parser. */
function decodePartsForExceljs(reader: ExcelJS.stream.xlsx.WorkbookReader): Map<unknown, SheetCellScanner> {
  const parsers = reader as unknown as WorkbookReaderPartParsers;
  const parseSharedStrings = parsers._parseSharedStrings.bind(reader);
  const parseWorksheet = parsers._parseWorksheet.bind(reader);
  const scanners = new Map<unknown, SheetCellScanner>();

  parsers._parseSharedStrings = (entry) => parseSharedStrings(Readable.from(decodeXmlPart(entry)));
  parsers._parseWorksheet = function* (chunks: AsyncIterable<Buffer>, sheetNo: string) {
    const scanner = new SheetCellScanner();
    const xml = decodeXmlPart(chunks, (text) => scanner.scan(text));
    for (const event of parseWorksheet(xml, sheetNo)) {
      scanners.set(event.value, scanner);
      yield event;
    }
  };
  return scanners;
}

/** The guard has checked that every part is valid UTF-8, so decoding here needs no checks. */
async function* decodeXmlPart(chunks: AsyncIterable<Buffer>, onText?: (text: string) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    onText?.(text);
    yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') {
    onText?.(rest);
    yield rest;
  }
}

/**
 * Lets the reader stop waiting on exceljs when the input fails or the signal aborts: exceljs pipes
 * the input into its unzipper, which never hears of either and would wait forever.
 */
class ReadStopper {
  private stopped: { reason: unknown } | undefined;
  // One short-lived rejecter per race: racing a single long-lived promise would keep every result alive.
  private readonly waiters = new Set<(reason: unknown) => void>();
  private readonly onAbort = () => this.stop(this.signal?.reason);

  constructor(
    input: Readable,
    private readonly signal: AbortSignal | undefined,
  ) {
    input.once('error', (error) => this.stop(error));
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (signal?.aborted === true) this.onAbort();
  }

  async race<T>(promise: Promise<T>): Promise<T> {
    if (this.stopped !== undefined) throw this.stopped.reason;
    let reject = (_reason: unknown): void => undefined;
    const stop = new Promise<never>((_resolve, rejectStop) => (reject = rejectStop));
    this.waiters.add(reject);
    try {
      return await Promise.race([promise, stop]);
    } finally {
      this.waiters.delete(reject);
    }
  }

  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
  }

  private stop(reason: unknown): void {
    this.stopped ??= { reason };
    for (const reject of this.waiters) reject(reason);
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
    const value = values[column];
    const cell =
      scannedCell === undefined
        ? typeof value === 'number' && Number.isFinite(value) ? numberCell(value, row.findCell(column)?.numFmt) : plainCell(value, row.number, column)
        : scannedCellValue(scannedCell, row.findCell(column)?.numFmt, date1904, cellAddress(row.number, column));
    cells[column - 1] = cell;
    if (cell !== null) filled = column;
  }
  cells.length = filled;
  return cells;
}

/**
 * A number cell, tagged with its format when that shows a percentage: whether 0.539 means 53.9 %
 * or 0.539 % is in the format, not the value. The last format seen is remembered, since a column
 * repeats one format down a sheet.
 */
function numberCell(value: number, numFmt: string | undefined): number | PercentCell {
  if (numFmt === undefined) return value;
  if (numFmt !== lastFormat.text) lastFormat = { text: numFmt, percent: percentFormatScale(numFmt) !== null };
  return lastFormat.percent ? { t: 'percent', value, format: numFmt } : value;
}

let lastFormat = { text: '', percent: false };

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
  return value === undefined ? { t: 'formula', formula: cell.formula } : { t: 'formula', formula: cell.formula, result: value };
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
      if (!excelUtils.isDateFmt(numFmt)) return numberCell(number, numFmt);
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
