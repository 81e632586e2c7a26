/**
 * Our small adapter over exceljs's streaming WorkbookWriter: sheets are written one after the
 * other, row by row, straight into a temporary file beside the target (see AtomicFile), so memory
 * does not grow with the workbook and nothing appears under the final name until it is complete.
 *
 * Safety lives here: text is always written as a text cell, and the only formulas are the ones
 * the app builds (`Formula`). exceljs never turns a string into a formula, and this adapter gives
 * imported text no other way in. No hyperlink relationships, media or macros are ever written.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { AtomicFile } from '../atomic-file';
import { EXCEL_MAX_CELL_TEXT } from './refs';
import { STYLES, type StyleName } from './styles';
import { nextTurn } from '../../next-turn';

/** A formula the app built, with the value the engine computed for it as its cached result. */
export interface Formula {
  readonly formula: string;
  readonly result: number | string | null;
}

export type CellValue = string | number | boolean | Date | Formula | null | undefined;

export interface Cell {
  readonly value: CellValue;
  readonly style?: StyleName;
}

export function formula(text: string, result: number | string | null): Formula {
  if (typeof result === 'number' && !Number.isFinite(result)) throw new RangeError(`formula ${text} has a non-finite result`);
  return { formula: text, result };
}

/** Marks text cut at Excel's per-cell limit; the engagement keeps the whole text. */
export const TRUNCATED_MARK = ' […truncated at Excel’s cell limit]';

/** Text as Excel can hold it: at most 32,767 characters, the cut said so. */
export function cellText(text: string): string {
  return text.length <= EXCEL_MAX_CELL_TEXT ? text : `${text.slice(0, EXCEL_MAX_CELL_TEXT - TRUNCATED_MARK.length)}${TRUNCATED_MARK}`;
}

export interface SheetOptions {
  /** Rows above the data that stay in view (title, notes and the header). */
  readonly frozenRows: number;
  /** Column widths in characters. */
  readonly widths: readonly number[];
  /** The header row, repeated on every printed page. */
  readonly headerRow?: number;
}

export interface BookOptions {
  readonly entityName: string;
  readonly createdAt: Date;
  readonly creator: string;
}

/** Text for a print header: `&` is a control character there. */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** Pauses writing while this much of a sheet's XML waits for the zip stream, so memory stays flat. */
const BUFFERED_BYTES_HIGH = 16 * 1024 * 1024;
const ROWS_BETWEEN_CHECKS = 2000;
const DEFAULT_ROW_HEIGHT = 15;
/** Checks in a row without the file growing before writing goes on regardless. */
const DRAIN_PATIENCE = 1000;

interface BufferedStream {
  readonly _writableState?: { readonly length: number };
  readonly _readableState?: { readonly length: number };
}

/**
 * exceljs's sheet writer keeps every formula cell it has written, by address, so that a later
 * shared formula can find its master: three per detail row, a million rows, never freed. The
 * app writes no shared formulas, so the written ones are dropped as the sheet goes.
 */
function forgetWrittenFormulas(worksheet: ExcelJS.Worksheet): void {
  const writer = worksheet as unknown as { _formulae?: Record<string, unknown> };
  if (writer._formulae) writer._formulae = {};
}

/**
 * The bytes of a sheet's XML not yet taken by the compressor: in exceljs's sheet stream, and in
 * the pass-through archiver reads it from (both internals; without them, 0 and no waiting).
 */
function pendingSheetBytes(worksheet: ExcelJS.Worksheet): number {
  const stream = (worksheet as unknown as { stream?: { buffers?: readonly { length: number }[]; pipes?: readonly BufferedStream[] } }).stream;
  let pending = 0;
  for (const buffer of stream?.buffers ?? []) pending += buffer.length;
  for (const pipe of stream?.pipes ?? []) pending += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
  return pending;
}

export class Book {
  private readonly file: AtomicFile;
  private readonly output: fs.WriteStream;
  private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheetNames: string[] = [];
  private current: SheetWriter | null = null;
  private outputError: Error | null = null;

  constructor(targetPath: string, private readonly options: BookOptions) {
    this.file = new AtomicFile(targetPath);
    this.output = fs.createWriteStream(this.file.tempPath, { flags: 'wx' });
    // A write error (disk full) fails `finish`; after `discard`, late writes of the zip stream are moot.
    this.output.on('error', (error) => {
      this.outputError ??= error;
    });
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.output, useStyles: true, useSharedStrings: false });
    this.writer.creator = options.creator;
    this.writer.lastModifiedBy = options.creator;
    this.writer.created = options.createdAt;
    this.writer.modified = options.createdAt;
  }

  get tempPath(): string {
    return this.file.tempPath;
  }

  get names(): readonly string[] {
    return this.sheetNames;
  }

  /**
   * Starts the next sheet; the previous one is committed first. Sheets must be written in tab
   * order: exceljs zips them in the order they are added, and a later sheet written while an
   * earlier one is open would wait in memory.
   */
  async sheet(name: string, options: SheetOptions): Promise<SheetWriter> {
    await this.current?.commit();
    if (this.sheetNames.includes(name)) throw new Error(`sheet ${name} written twice`);
    this.sheetNames.push(name);
    const worksheet = this.writer.addWorksheet(name, {
      views: options.frozenRows > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: options.frozenRows, topLeftCell: `A${options.frozenRows + 1}`, activeCell: `A${options.frozenRows + 1}` }] : [],
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        ...(options.headerRow ? { printTitlesRow: `${options.headerRow}:${options.headerRow}` } : {}),
      },
      headerFooter: {
        oddHeader: `&L${headerText(this.options.entityName)}&C&A&R${headerText('Carbon Audit')}`,
        oddFooter: '&LPrinted &D&RPage &P of &N',
      },
    });
    worksheet.columns = options.widths.map((width) => ({ width }));
    this.current = new SheetWriter(worksheet, name, () => this.drain(worksheet));
    return this.current;
  }

  /** A workbook-level name for a cell or range, e.g. `Lead_FY2024_scope1`. */
  defineName(name: string, reference: string): void {
    this.writer.definedNames.add(reference, name);
  }

  /**
   * exceljs does not push back when the zip stream falls behind the rows it is given: a sheet's
   * XML would pile up in memory. Wait while more than BUFFERED_BYTES_HIGH of the current sheet's
   * XML waits to be compressed, for as long as the file keeps growing.
   */
  private async drain(worksheet: ExcelJS.Worksheet): Promise<void> {
    forgetWrittenFormulas(worksheet);
    await nextTurn();
    let written = this.output.bytesWritten;
    let idle = 0;
    while (pendingSheetBytes(worksheet) > BUFFERED_BYTES_HIGH && idle < DRAIN_PATIENCE) {
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
      idle = this.output.bytesWritten === written ? idle + 1 : 0;
      written = this.output.bytesWritten;
    }
  }

  /** Finishes the workbook in its temporary file; `publish` then renames it into place. */
  async finish(): Promise<void> {
    await this.current?.commit();
    this.current = null;
    await this.writer.commit();
    if (this.outputError) throw this.outputError;
  }

  publish(): void {
    this.file.commit();
  }

  /** Stops writing and removes the temporary file; nothing appears under the target name. */
  async discard(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      if (this.output.closed) resolve();
      else this.output.once('close', () => resolve());
    });
    (this.writer as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
    this.output.destroy();
    await closed;
    this.file.discard();
  }
}

export class SheetWriter {
  private rowNumber = 0;
  private committed = false;
  private autoFilter: string | null = null;

  constructor(
    private readonly worksheet: ExcelJS.Worksheet,
    readonly name: string,
    private readonly drain: () => Promise<void>,
  ) {}

  /** The number of the last row written (0 before any). */
  get lastRow(): number {
    return this.rowNumber;
  }

  /** Writes one row and hands it to the zip stream; cells are in column order from A. */
  async row(cells: readonly Cell[], height?: number): Promise<number> {
    const values = cells.map((cell) => toExcel(cell.value));
    const row = this.worksheet.addRow(values);
    cells.forEach((cell, index) => {
      // An empty cell keeps its style only where it shows (a fill or a border): fewer bytes per row.
      if (cell.style && (isFilled(cell.value) || VISIBLE_WHEN_EMPTY.has(cell.style))) row.getCell(index + 1).style = STYLES[cell.style];
    });
    if (height !== undefined) row.height = height;
    // exceljs drops a row without values; one of empty input cells must still be written.
    else if (!row.hasValues && cells.some((cell) => cell.style)) row.height = DEFAULT_ROW_HEIGHT;
    row.commit();
    this.rowNumber = row.number;
    if (this.rowNumber % ROWS_BETWEEN_CHECKS === 0) await this.drain();
    return this.rowNumber;
  }

  /** A blank row. */
  async gap(): Promise<number> {
    return this.row([{ value: null }]);
  }

  setAutoFilter(firstColumn: string, headerRow: number, lastColumn: string, lastRow: number): void {
    this.autoFilter = `${firstColumn}${headerRow}:${lastColumn}${Math.max(lastRow, headerRow)}`;
  }

  /** Prints only these columns: long text overflowing the last one would otherwise shrink every page. */
  setPrintArea(lastColumn: string, lastRow: number): void {
    this.worksheet.pageSetup.printArea = `A1:${lastColumn}${lastRow}`;
  }

  async commit(): Promise<void> {
    if (this.committed) return;
    this.committed = true;
    if (this.autoFilter) this.worksheet.autoFilter = this.autoFilter;
    this.worksheet.commit();
    await this.drain();
  }
}

const VISIBLE_WHEN_EMPTY: ReadonlySet<StyleName> = new Set(['input', 'inputDate', 'header', 'totalLabel']);

const isFilled = (value: CellValue) => value !== null && value !== undefined;

/** An empty cell is left out of the row (undefined): exceljs would otherwise build a style for it. */
function toExcel(value: CellValue): ExcelJS.CellValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return cellText(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a cell`);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return { formula: value.formula, result: typeof value.result === 'string' ? cellText(value.result) : (value.result ?? undefined) } as ExcelJS.CellFormulaValue;
  }
  return value;
}
