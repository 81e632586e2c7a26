/**
 * A sheet that is one table: a title, a few lines saying what it is, a frozen header row with an
 * autofilter, and the rows streamed in. Column widths are fitted to the header and to the first
 * rows (a million rows cannot be measured before they are written, and need not be).
 */
import type { Book, Cell, SheetWriter } from './book';
import { col } from './refs';
import type { StyleName } from './styles';

export interface TableColumn {
  readonly header: string;
  readonly style: StyleName;
  /** Fixed width in characters; fitted to the content when absent. */
  readonly width?: number;
}

export interface TableSpec {
  readonly name: string;
  readonly title: string;
  /** Lines under the title: what the sheet shows and how to read it. */
  readonly notes: readonly string[];
  readonly columns: readonly TableColumn[];
}

export interface WrittenTable {
  readonly sheet: string;
  readonly headerRow: number;
  readonly firstDataRow: number;
  /** The last data row (headerRow when the table is empty). */
  readonly lastRow: number;
  readonly rows: number;
}

const SAMPLE_ROWS = 500;
const NUMERIC_STYLES: ReadonlySet<StyleName> = new Set(['tco2e', 'quantity', 'factor', 'general', 'ratio', 'percent', 'integer', 'count', 'date', 'dateTime']);
const HEADER_LINE_HEIGHT = 13;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

const DATA_ROW_HEIGHT = 12.75;

/** Rows of a table with long, clipped text keep one line's height; others size to their content. */
export function dataRowHeight(spec: TableSpec): number | undefined {
  return spec.columns.some((column) => column.style === 'clipped') ? DATA_ROW_HEIGHT : undefined;
}

/** The header row of a table with these notes: after the title and the notes. */
export function tableHeaderRow(notes: readonly string[]): number {
  return notes.length + 2;
}

const TEXT_LENGTH: Partial<Record<StyleName, (value: number) => number>> = {
  tco2e: (value) => groupedLength(value, 3),
  totalTco2e: (value) => groupedLength(value, 3),
  quantity: (value) => groupedLength(value, Math.min(6, Math.max(2, decimals(value)))),
  totalQuantity: (value) => groupedLength(value, Math.min(6, Math.max(2, decimals(value)))),
  percent: () => 8,
  totalPercent: () => 8,
  ratio: (value) => groupedLength(value, 3),
  date: () => 10,
  dateTime: () => 19,
  inputDate: () => 10,
};

function decimals(value: number): number {
  const text = String(value);
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

function groupedLength(value: number, places: number): number {
  const integerDigits = Math.max(1, Math.floor(Math.log10(Math.abs(value) || 1)) + 1);
  return integerDigits + Math.floor((integerDigits - 1) / 3) + (places > 0 ? places + 1 : 0) + (value < 0 ? 1 : 0);
}

/** Roughly how many characters a cell shows. */
export function displayLength(cell: Cell): number {
  const value = cell.value !== null && typeof cell.value === 'object' && !(cell.value instanceof Date) ? cell.value.result : cell.value;
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return cell.style === 'dateTime' ? 19 : 10;
  if (typeof value === 'number') return (cell.style && TEXT_LENGTH[cell.style]?.(value)) ?? String(value).length;
  const text = String(value);
  const lineEnd = text.indexOf('\n');
  return lineEnd < 0 ? text.length : lineEnd;
}

/** Widths that fit the header's longest word and the sampled cells. */
export function fitWidths(columns: readonly TableColumn[], sample: readonly (readonly Cell[])[]): number[] {
  return columns.map((column, index) => {
    if (column.width !== undefined) return column.width;
    const headerWord = Math.max(...column.header.split(/\s+/).map((word) => word.length));
    const content = Math.max(0, ...sample.map((cells) => (cells[index] ? displayLength(cells[index]) : 0)));
    // Numbers sit flush right against the next column's text: give them room.
    const padding = NUMERIC_STYLES.has(column.style) ? 4 : 2;
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, headerWord + 2, content + padding));
  });
}

/** Opens a table sheet and writes its title, notes and header. */
export async function openTable(book: Book, spec: TableSpec, widths: readonly number[]): Promise<{ sheet: SheetWriter; headerRow: number }> {
  const headerRow = tableHeaderRow(spec.notes);
  const sheet = await book.sheet(spec.name, { frozenRows: headerRow, widths, headerRow });
  await sheet.row([{ value: spec.title, style: 'title' }]);
  for (const note of spec.notes) await sheet.row([{ value: note, style: 'subtitle' }]);
  // Tall enough for the headers that wrap in their column.
  const lines = Math.max(1, ...spec.columns.map((column, index) => Math.ceil(column.header.length / Math.max(1, (widths[index] ?? MIN_WIDTH) - 2))));
  await sheet.row(spec.columns.map((column) => ({ value: column.header, style: 'header' })), HEADER_LINE_HEIGHT * lines + 4);
  return { sheet, headerRow };
}

/** Ends a table: the autofilter spans the header and every data row. */
export function closeTable(sheet: SheetWriter, spec: TableSpec, headerRow: number): WrittenTable {
  const lastRow = Math.max(sheet.lastRow, headerRow);
  sheet.setAutoFilter('A', headerRow, col(spec.columns.length), lastRow);
  sheet.setPrintArea(col(spec.columns.length), lastRow);
  return { sheet: spec.name, headerRow, firstDataRow: headerRow + 1, lastRow, rows: lastRow - headerRow };
}

/** Takes up to `count` items from an iterator. */
export async function take<T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> {
  const items: T[] = [];
  while (items.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

/** A whole table sheet from rows streamed in: widths fitted to the first rows. */
export async function writeTable(book: Book, spec: TableSpec, rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>, signal?: AbortSignal): Promise<WrittenTable> {
  const iterator = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : toAsync(rows[Symbol.iterator]());
  try {
    const sample = await take(iterator, SAMPLE_ROWS);
    const { sheet, headerRow } = await openTable(book, spec, fitWidths(spec.columns, sample));
    const height = dataRowHeight(spec);
    for (const cells of sample) await sheet.row(cells, height);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (sheet.lastRow % 1000 === 0) signal?.throwIfAborted();
      await sheet.row(next.value, height);
    }
    return closeTable(sheet, spec, headerRow);
  } finally {
    // Rows may come from a database cursor: close it whatever happens.
    await iterator.return?.();
  }
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return { next: async () => iterator.next(), return: async () => iterator.return?.() ?? { done: true, value: undefined } };
}
