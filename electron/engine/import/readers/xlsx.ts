import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import excelUtils from 'exceljs/lib/utils/utils';
import type { Cell, DateCell, FormulaCell, PercentCell, RawRow } from '../../../../shared/import/cell';
import { columnLetter } from '../../../../shared/import/cell';
import { percentFormatScale } from '../../../../shared/import/values';
import { MAX_CELL_CHARACTERS, SourceRefusedError } from './refusal';
import type { ScannedCell } from './xlsx-cell-scanner';
import { SheetCellScanner } from './xlsx-cell-scanner';
import type { StreamedPart } from './xlsx-package-stream';
import { rebuildPackage } from './xlsx-package-stream';
import type { WorkbookLayout, WorksheetPart } from './xlsx-workbook';
import { SHARED_STRINGS_PART, STYLES_PART, WORKBOOK_PART, WORKBOOK_RELATIONSHIPS_PART } from './xlsx-workbook';
import { partLabel, XmlPartChecker } from './xml-part-checker';
import { decodeXmlPart } from './xml-part-decoder';
import type { GuardedWorkbook } from './zip-guard';
import { InflatedPartCheck } from './zip-guard';

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
  /** The uncompressed size of each part streamed, as its ZIP header declares it, by its name in the file. */
  readonly declaredBytes: ReadonlyMap<string, number>;
  readonly parts: readonly StreamedPart[];
  /** Compressed size of the parts taken from the file. */
  readonly sourceBytes: number;
  readonly date1904: boolean;
}

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
  const declaredBytes = new Map(
    parts.map(({ name, source }): [string, number] =>
      'entryName' in source ? [source.entryName, guarded.declaredBytes.get(source.entryName) ?? 0] : [name, source.content.length],
    ),
  );
  return { sheets, declaredBytes, parts, sourceBytes, date1904: layout.date1904 };
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
  // Loaded on first use: a thread that never parses a workbook (a CSV import, or the import's
  // writing thread while a reader thread parses) is spared exceljs's ~0.4 s and ~30 MB of loading.
  const { default: exceljs } = await import('exceljs');
  const reader = new exceljs.stream.xlsx.WorkbookReader(input, EXCELJS_READER_OPTIONS);
  const { scanners, styles } = hookPartParsers(reader, plan);
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
        const batch = await stopper.race(chunks.next()).catch((error: unknown) => {
          throw partReadError(error, part.partName, part.name);
        });
        if (batch.done === true) break;
        if (styles.danglingSeen) refuseDanglingStyles(batch.value, part.name);
        const rows = rowsOfEvents(batch.value, scanner, plan.date1904, part.name);
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

function rowsOfEvents(events: readonly ExceljsEvent[], scanner: SheetCellScanner, date1904: boolean, sheet: string): RawRow[] {
  const rows: RawRow[] = [];
  for (const { eventType, value } of events) {
    if (eventType !== 'row') continue;
    const row = value as ExcelJS.Row;
    const cells = rowCells(row, scanner.takeRow(row.number), date1904, sheet);
    if (cells.length > 0) rows.push({ rowNumber: row.number, cells });
  }
  return rows;
}

/**
 * The WorkbookReader methods and state (exceljs 4.4) that receive each part's inflated bytes and
 * hold what the parts define. Wrapping the methods is the one place to see a sheet's raw XML and
 * to tell which part an XML error is in; it also fixes exceljs decoding every chunk on its own,
 * which turns a character split between chunks into U+FFFD.
 */
interface WorkbookReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  /** The shared-strings table, as `sharedStrings: 'cache'` keeps it. */
  sharedStrings?: unknown[];
  styles: StyleManager;
}

interface StyleManager {
  /** The cell formats (`cellXfs`) of styles.xml. */
  model: { styles: unknown[] };
  /** The format for a cell's or row's `s` index; null when there is none. */
  getStyleModel(id: number): unknown;
}

/**
 * Hooks UTF-8 decoding, the checks of each part's bytes (the archive guard's, which it leaves to
 * this pass for the sheets; the other parts are held to them again, since this pass reads the file
 * anew), and a cell scanner per sheet in front of exceljs's XML parser, names the part in any
 * error it meets, and makes dangling references to shared strings and cell formats visible. The
 * plan's sheets are in the order exceljs numbers them.
 */
function hookPartParsers(
  reader: ExcelJS.stream.xlsx.WorkbookReader,
  { sheets, declaredBytes }: XlsxReadPlan,
): { scanners: Map<unknown, SheetCellScanner>; styles: { danglingSeen: boolean } } {
  const internals = reader as unknown as WorkbookReaderInternals;
  const checked = (chunks: AsyncIterable<Buffer>, part: string, sheet?: string, onText?: (text: string) => void) =>
    decodeXmlPart(chunks, onText, [new InflatedPartCheck(part, declaredBytes.get(part) ?? 0, sheet), new XmlPartChecker(part, sheet)], {
      // exceljs misreads CDATA, phonetic readings and indentation in shared strings; in sheets the cell scanner reads values.
      sharedStrings: part === SHARED_STRINGS_PART,
    });
  for (const [method, part] of [
    ['_parseRels', WORKBOOK_RELATIONSHIPS_PART],
    ['_parseWorkbook', WORKBOOK_PART],
    ['_parseStyles', STYLES_PART],
  ] as const) {
    const parse = internals[method].bind(reader);
    internals[method] = (entry) =>
      parse(Readable.from(checked(entry, part))).catch((error: unknown) => {
        throw partReadError(error, part);
      });
  }
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseSharedStrings = async function* (entry) {
    try {
      yield* parseSharedStrings(Readable.from(checked(entry, SHARED_STRINGS_PART)));
    } catch (error) {
      throw partReadError(error, SHARED_STRINGS_PART);
    }
  };

  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const scanners = new Map<unknown, SheetCellScanner>();
  const styles = { danglingSeen: false };
  let referencesExposed = false;
  internals._parseWorksheet = function* (chunks: AsyncIterable<Buffer>, sheetNo: string) {
    // Shared strings and styles are read by now: exceljs streams them before the sheets of this pass.
    if (!referencesExposed) {
      exposeDanglingSharedStrings(internals.sharedStrings ?? []);
      exposeDanglingStyles(internals.styles, styles);
      referencesExposed = true;
    }
    const sheet = sheets[Number(sheetNo) - 1];
    if (sheet === undefined) throw new Error(`exceljs opened sheet ${sheetNo}, which this pass does not read`);
    const scanner = new SheetCellScanner(sheet.name);
    const xml = checked(chunks, sheet.partName, sheet.name, (text) => scanner.scan(text));
    for (const event of parseWorksheet(xml, sheetNo)) {
      scanners.set(event.value, scanner);
      yield event;
    }
  };
  return { scanners, styles };
}

/** What exceljs reads for a `t="s"` cell whose index is not in the shared-strings table. */
class DanglingSharedString {
  constructor(
    readonly index: string,
    readonly tableSize: number,
  ) {}
}

/**
 * exceljs looks up `sharedStrings[index]` for each shared-string cell and stores what it finds,
 * so an index past the table (or not a number) would become an empty cell. The table's own
 * elements are found as before, at full speed; only a missing index falls through to the
 * prototype, which answers with a marker that the cell conversion refuses.
 */
function exposeDanglingSharedStrings(table: unknown[]): void {
  const tableSize = table.length;
  const lookups: ProxyHandler<unknown[]> = {
    get: (target, key, receiver) =>
      typeof key === 'string' && String(Number(key)) === key ? new DanglingSharedString(key, tableSize) : Reflect.get(target, key, receiver),
  };
  Object.setPrototypeOf(table, new Proxy(Array.prototype, lookups));
}

/** The style exceljs is given for a cell format index (`s`) that styles.xml does not define. */
class DanglingStyle {
  constructor(
    readonly index: number,
    readonly formats: number,
  ) {}
}

/**
 * exceljs ignores a cell format index that styles.xml does not define, and with it the number
 * format: a date would be read as its serial number. Such an index gets a marker style instead,
 * which the rows are searched for (only once one was handed out).
 */
function exposeDanglingStyles(styles: StyleManager, seen: { danglingSeen: boolean }): void {
  const getStyleModel = styles.getStyleModel.bind(styles);
  const formats = styles.model.styles.length;
  styles.getStyleModel = (id) => {
    const model = getStyleModel(id);
    if (model !== null && model !== undefined) return model;
    seen.danglingSeen = true;
    return new DanglingStyle(id, formats);
  };
}

/** Refuses the first row, or cell, of these events that uses an undefined cell format. */
function refuseDanglingStyles(events: readonly ExceljsEvent[], sheet: string): void {
  for (const { eventType, value } of events) {
    if (eventType !== 'row') continue;
    const row = value as ExcelJS.Row;
    const rowStyle: unknown = (row as unknown as { style: unknown }).style;
    if (rowStyle instanceof DanglingStyle) throw danglingStyleError(rowStyle, `row ${row.number} of sheet "${sheet}"`);
    for (let column = 1; column <= row.cellCount; column++) {
      const style: unknown = row.findCell(column)?.style;
      if (style instanceof DanglingStyle) throw danglingStyleError(style, cellLabel({ sheet, row: row.number, column }));
    }
  }
}

function danglingStyleError({ index, formats }: DanglingStyle, where: string): SourceRefusedError {
  return new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: ${where} uses cell format ${index}, but ${STYLES_PART} defines ` +
      `${formats === 1 ? 'only format 0' : `formats 0 to ${formats - 1}`}, so whether it shows a date cannot be known. ` +
      'Open it in Excel to repair it and save it as .xlsx.',
  );
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

function rowCells(row: ExcelJS.Row, scanned: Map<number, ScannedCell> | undefined, date1904: boolean, sheet: string): Cell[] {
  if (!Number.isInteger(row.number) || row.number < 1) {
    throw new SourceRefusedError(
      'corrupt',
      `The workbook is damaged: its sheet "${sheet}" holds a row without a valid row number. ` +
        'Open it in Excel and save it again as .xlsx.',
    );
  }
  const values = row.values as unknown[];
  const width = Math.max(0, values.length - 1, ...(scanned === undefined ? [] : scanned.keys()));
  const cells: Cell[] = new Array<Cell>(width);
  let filled = 0;
  for (let column = 1; column <= width; column++) {
    const scannedCell = scanned?.get(column);
    const value = values[column];
    const place = { sheet, row: row.number, column };
    const cell =
      scannedCell === undefined
        ? typeof value === 'number' && Number.isFinite(value) ? numberCell(value, row.findCell(column)?.numFmt) : plainCell(value, place)
        : scannedCellValue(scannedCell, row.findCell(column)?.numFmt, date1904, place);
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

/** Where a cell is, for messages. */
interface CellPlace {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
}

/** A value as exceljs's streaming reader hands it over, for every cell but formulas and ISO dates. */
function plainCell(value: unknown, place: CellPlace): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return cellText(value, place);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value instanceof Date) return toDateCell(value) ?? refuseCell(place, 'an invalid date');
  if (value instanceof DanglingSharedString) throw danglingSharedStringError(value, place);
  if (typeof value === 'object') {
    if ('richText' in value) return richTextValue(value.richText, place);
    if ('error' in value && typeof value.error === 'string') return { t: 'error', code: value.error };
    if ('hyperlink' in value && 'text' in value) {
      return typeof value.text === 'object' && value.text !== null && 'richText' in value.text
        ? richTextValue(value.text.richText, place)
        : cellText(String(value.text), place);
    }
  }
  return refuseCell(place, JSON.stringify(value) ?? String(value));
}

function danglingSharedStringError({ index, tableSize }: DanglingSharedString, place: CellPlace): SourceRefusedError {
  const number = Number(index);
  const which = Number.isSafeInteger(number) ? number.toLocaleString('en') : `"${index}"`;
  const table =
    tableSize === 0
      ? 'the workbook holds no shared strings'
      : `its shared-string table (${SHARED_STRINGS_PART}) holds only ${tableSize.toLocaleString('en')}, numbered from 0`;
  return new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: ${cellLabel(place)} refers to shared string ${which}, but ${table}. ` +
      'Open it in Excel to repair it and save it as .xlsx.',
  );
}

function richTextValue(runs: unknown, place: CellPlace): string | null {
  if (!Array.isArray(runs)) return null;
  const text = runs.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
  return text === '' ? null : cellText(text, place);
}

function cellText(text: string, place: CellPlace): string {
  if (text.length <= MAX_CELL_CHARACTERS) return text;
  throw new SourceRefusedError(
    'too-large',
    `The workbook's ${cellLabel(place)} holds ${text.length.toLocaleString('en')} characters; a cell holds at most ` +
      `Excel's ${MAX_CELL_CHARACTERS.toLocaleString('en')}. The file was not written by Excel as it is: ` +
      'check it with its sender.',
  );
}

function scannedCellValue(cell: ScannedCell, numFmt: string | undefined, date1904: boolean, place: CellPlace): Cell {
  const value = cachedValue(cell, numFmt, date1904, place);
  if (cell.formula === undefined) return value ?? null;
  return value === undefined ? { t: 'formula', formula: cell.formula } : { t: 'formula', formula: cell.formula, result: value };
}

/** What the cell shows, from its `<v>` and type; undefined when the file stored no value. */
function cachedValue(
  { type, valueText }: ScannedCell,
  numFmt: string | undefined,
  date1904: boolean,
  place: CellPlace,
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
    case 'inlineStr':
      return cellText(valueText, place);
    case 'd':
      return isoDateCell(valueText, place);
    case undefined:
    case 'n': {
      const number = Number(valueText);
      if (!Number.isFinite(number)) break;
      if (!excelUtils.isDateFmt(numFmt)) return numberCell(number, numFmt);
      return toDateCell(excelUtils.excelToDate(number, date1904)) ?? refuseCell(place, valueText);
    }
  }
  throw new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: ${cellLabel(place)} holds "${valueText.slice(0, 80)}" as a value of type "${type ?? 'n'}". ` +
      'Open it in Excel to repair it and save it as .xlsx.',
  );
}

const HAS_TIME_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;

// Spreadsheet dates have no time zone: an ISO date-time without one is taken as UTC, like serial dates.
function isoDateCell(text: string, place: CellPlace): DateCell {
  const date = new Date(text.includes('T') && !HAS_TIME_ZONE.test(text) ? `${text}Z` : text);
  return toDateCell(date) ?? refuseCell(place, text);
}

function toDateCell(date: Date): DateCell | undefined {
  return Number.isNaN(date.getTime()) ? undefined : { t: 'date', iso: date.toISOString() };
}

/** `cell B7 of sheet "Data"` */
function cellLabel({ sheet, row, column }: CellPlace): string {
  return `cell ${columnLetter(column - 1)}${row} of sheet "${sheet}"`;
}

function refuseCell(place: CellPlace, stored: string): never {
  throw new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: ${cellLabel(place)} holds a value that cannot be read (${stored.slice(0, 80)}). ` +
      'Open it in Excel to repair it and save it as .xlsx.',
  );
}

/** The line and column saxes, exceljs's XML parser, puts before its messages. */
const XML_ERROR_POSITION = /^(\d+):(\d+): (.*)$/s;

/** Failures of exceljs or its XML parser in a part mean a damaged file; refusals pass through. */
function partReadError(error: unknown, part: string, sheet?: string): SourceRefusedError {
  if (error instanceof SourceRefusedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const position = XML_ERROR_POSITION.exec(message);
  const problem =
    position === null
      ? `cannot be read (${message})`
      : `is not well-formed XML at line ${position[1]}, column ${position[2]} (${position[3]?.replace(/\.$/, '')})`;
  return new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: its ${partLabel(part, sheet)} ${problem}. Open it in Excel to repair it and save it as .xlsx.`,
    { cause: error, part },
  );
}

/** Failures outside any one part (the ZIP stream, exceljs itself) mean a damaged file; refusals pass through. */
function asReadError(error: unknown): SourceRefusedError {
  if (error instanceof SourceRefusedError) return error;
  return new SourceRefusedError(
    'corrupt',
    `The workbook could not be read (${error instanceof Error ? error.message : String(error)}). ` +
      'Open it in Excel to repair it and save it as .xlsx.',
    { cause: error },
  );
}
