/**
 * Where the table is in a sheet: detection over a sample of the first rows, and a row
 * classifier that works one row at a time so the import can stream.
 *
 * Readers may skip empty rows entirely, so row numbers can jump: a gap counts as blank rows.
 */
import { z } from 'zod';
import { ACTIVITIES } from '../activities';
import { inNumber } from '../count-text';
import type { Cell, RawRow } from './cell';
import { columnLetter, columnsText, isBlank, isDateCell, isFormulaCell, isPercentCell } from './cell';
import { memoByText, TEXT_CACHE_LIMIT, textBudget } from './text-cache';
import { cellText, looksLikePeriodText, mayReadAsNumber, normalizeSpaces, parseQuantity, quantityFromText, readsAsNumber, type DecimalSeparator } from './values';

export type Confidence = 'high' | 'medium' | 'low';

export const DEFAULT_SAMPLE_ROWS = 200;
export const DEFAULT_BLANK_RUN_TO_END = 3;

/** The user's final word on where the table is (the detection only proposes it). */
export const tableBoundsSchema = z
  .object({
    headerRowNumber: z.number().int().min(1),
    firstDataRowNumber: z.number().int().min(2),
    /** Inclusive. When set, it ends the table even without an END marker or blank run. */
    lastDataRowNumber: z.number().int().min(2).optional(),
    /** This many blank rows in a row end the table; 0 never ends it on blanks. */
    stopAtBlankRun: z.number().int().min(0),
  })
  .refine((bounds) => bounds.firstDataRowNumber > bounds.headerRowNumber, {
    message: 'the first data row must come after the header row',
    path: ['firstDataRowNumber'],
  })
  .refine((bounds) => bounds.lastDataRowNumber === undefined || bounds.lastDataRowNumber >= bounds.firstDataRowNumber, {
    message: 'the last data row must not come before the first',
    path: ['lastDataRowNumber'],
  });
export type TableBounds = z.infer<typeof tableBoundsSchema>;

export interface TableGuess {
  readonly headerRowNumber: number;
  readonly firstDataRowNumber: number;
  /** One per column from A, '' where a column has no header; group headers are combined as 'Group / Header'. */
  readonly headers: readonly string[];
  readonly confidence: Confidence;
  readonly reasons: readonly string[];
}

export type TableDetection = { readonly ok: true; readonly table: TableGuess } | { readonly ok: false; readonly reason: string };

export function boundsFromGuess(table: TableGuess): TableBounds {
  return { headerRowNumber: table.headerRowNumber, firstDataRowNumber: table.firstDataRowNumber, stopAtBlankRun: DEFAULT_BLANK_RUN_TO_END };
}

// ---------------------------------------------------------------------------------------------
// Cell shapes

export type CellKind = 'blank' | 'number' | 'date' | 'text' | 'other';

/** What a cell holds, judged leniently (either decimal separator, any day order) for layout detection only. */
export function cellKind(cell: Cell | undefined): CellKind {
  if (isFormulaCell(cell)) return cell.result === undefined ? 'other' : cellKind(cell.result);
  if (isBlank(cell)) return 'blank';
  if (typeof cell === 'number' || isPercentCell(cell)) return 'number';
  if (isDateCell(cell)) return 'date';
  if (typeof cell !== 'string') return 'other'; // booleans and error values
  if (readsAsNumber(cell)) return 'number';
  return looksLikePeriodText(cell) ? 'date' : 'text';
}

function isValueKind(kind: CellKind): boolean {
  return kind === 'number' || kind === 'date';
}

interface RowProfile {
  readonly row: RawRow;
  readonly kinds: readonly CellKind[];
  readonly textCount: number;
  readonly valueCount: number;
}

function profileRow(row: RawRow): RowProfile {
  const kinds = row.cells.map(cellKind);
  return {
    row,
    kinds,
    textCount: kinds.filter((kind) => kind === 'text').length,
    valueCount: kinds.filter(isValueKind).length,
  };
}

function isBlankProfile(profile: RowProfile): boolean {
  return profile.kinds.every((kind) => kind === 'blank');
}

/** Several text cells and no numbers or dates (years as column headers are not recognised). */
function isHeaderLike(profile: RowProfile): boolean {
  return profile.textCount >= 2 && profile.valueCount === 0;
}

/** A number or date under one of the header's named columns. */
function isDataUnder(header: RowProfile, profile: RowProfile | undefined): boolean {
  return profile !== undefined && profile.kinds.some((kind, column) => isValueKind(kind) && header.kinds[column] !== undefined && header.kinds[column] !== 'blank');
}

function lastNonBlankColumn(profile: RowProfile): number {
  for (let column = profile.kinds.length - 1; column >= 0; column -= 1) {
    if (profile.kinds[column] !== 'blank') return column;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Detection

const ROWS_CHECKED_BELOW_HEADER = 3;

function describeSkipped(profile: RowProfile): string {
  const row = `row ${profile.row.rowNumber}`;
  if (profile.textCount === 1 && profile.valueCount === 0) return `${row} (a single text cell: a title or note)`;
  if (isHeaderLike(profile)) return `${row} (text cells, but no numbers or dates below them)`;
  return `${row} (not a header: it holds numbers or dates)`;
}

/**
 * Proposes the header row, column headers and first data row from the first rows of a sheet.
 * The header is the first row with several text cells and no numbers, followed by a row with
 * numbers or dates under it. Without one, the first row with several text cells is proposed at
 * low confidence; a sample without such a row is refused.
 */
export function detectTable(rows: readonly RawRow[], options: { readonly sampleRows?: number } = {}): TableDetection {
  const sample = rows.slice(0, options.sampleRows ?? DEFAULT_SAMPLE_ROWS);
  const profiles = sample.map(profileRow).filter((profile) => !isBlankProfile(profile));
  const rowsBelow = (index: number): RowProfile[] => profiles.slice(index + 1, index + 1 + ROWS_CHECKED_BELOW_HEADER);
  const headerIndex = profiles.findIndex((profile, index) => isHeaderLike(profile) && isDataUnder(profile, profiles[index + 1]));
  const header = profiles[headerIndex];
  if (header) {
    const skipped = profiles.slice(0, headerIndex).map(describeSkipped);
    const reasons = [
      `row ${header.row.rowNumber} taken as the header: ${header.textCount} text cells, with numbers or dates below them`,
      ...(skipped.length > 0 ? [`skipped above it: ${skipped.join(', ')}`] : []),
    ];
    return { ok: true, table: guessFrom(header, rowsBelow(headerIndex), sample, reasons) };
  }
  const fallbackIndex = profiles.findIndex(isHeaderLike);
  const fallback = profiles[fallbackIndex];
  if (!fallback) return { ok: false, reason: 'no row in the sample has several text cells that could be column headers' };
  const guess = guessFrom(fallback, rowsBelow(fallbackIndex), sample, [
    `no row of text headers is followed by numbers or dates; row ${fallback.row.rowNumber} is only the first row with several text cells`,
  ]);
  return { ok: true, table: { ...guess, confidence: 'low' } };
}

/** The guess for a chosen header row; every doubt found lowers the confidence one step. */
function guessFrom(header: RowProfile, below: readonly RowProfile[], sample: readonly RawRow[], reasons: readonly string[]): TableGuess {
  const headerRowNumber = header.row.rowNumber;
  const columnCount = Math.max(lastNonBlankColumn(header), ...below.map(lastNonBlankColumn)) + 1;
  const ownHeaders = Array.from({ length: columnCount }, (_, column) => normalizeSpaces(cellText(header.row.cells[column])));
  const groupRow = sample.find((row) => row.rowNumber === headerRowNumber - 1);
  const grouped = groupRow ? combineGroupHeaders(profileRow(groupRow), ownHeaders) : undefined;
  const headers = grouped?.headers ?? ownHeaders;

  const doubts: string[] = [];
  if (grouped) doubts.push(grouped.reason);
  const dataRowCount = below.filter((profile) => isDataUnder(header, profile)).length;
  if (below.length < 2) doubts.push('at most one row follows the header in the sample');
  else if (dataRowCount < below.length) doubts.push(`only ${dataRowCount} of the ${below.length} rows below the header ${inNumber(dataRowCount, 'holds', 'hold')} numbers or dates under it`);
  const unnamed = headers.flatMap((text, column) => (text === '' && below.some((profile) => (profile.kinds[column] ?? 'blank') !== 'blank') ? [column] : []));
  if (unnamed.length > 0) doubts.push(`${columnsText(unnamed)} ${inNumber(unnamed.length, 'holds values but has', 'hold values but have')} no header`);

  return {
    headerRowNumber,
    firstDataRowNumber: below[0]?.row.rowNumber ?? headerRowNumber + 1,
    headers,
    confidence: doubts.length === 0 ? 'high' : doubts.length === 1 ? 'medium' : 'low',
    reasons: [...reasons, ...doubts],
  };
}

/**
 * Merged group headers in the row just above the header. A group cell over a named column
 * spans right until the next group cell (merges are not in the data, so the span is inferred);
 * a group cell over an unnamed column is a header merged downwards and names that column alone.
 * A row whose leftmost text sits over the first named column is a title or a note ('Prepared
 * by', …), not groups: group headers sit over the measures, right of the identifying columns.
 */
function combineGroupHeaders(groupRow: RowProfile, ownHeaders: readonly string[]): { headers: string[]; reason: string } | undefined {
  const firstNamedColumn = ownHeaders.findIndex((text) => text !== '');
  const groupColumns = groupRow.kinds.flatMap((kind, column) => (kind === 'text' && column < ownHeaders.length ? [column] : []));
  if (groupColumns.length === 0 || groupColumns[0] === firstNamedColumn || groupRow.valueCount > 0) return undefined;

  const headers = [...ownHeaders];
  let group = '';
  for (const [column, own] of ownHeaders.entries()) {
    const groupText = groupColumns.includes(column) ? normalizeSpaces(cellText(groupRow.row.cells[column])) : undefined;
    if (groupText !== undefined && own === '') {
      headers[column] = groupText;
      group = '';
      continue;
    }
    if (groupText !== undefined) group = groupText;
    if (group !== '' && own !== '') headers[column] = `${group} / ${own}`;
  }
  return { headers, reason: `row ${groupRow.row.rowNumber} read as group headers over row ${groupRow.row.rowNumber + 1}; check where each merged group ends` };
}

// ---------------------------------------------------------------------------------------------
// Data rows

/** A row of the table read as it is. */
type PlainRow = { readonly kind: 'data' | 'blank' | 'note' };
/**
 * A totals row, with why; or an unbalanced total, labelled by a totals word alone ('Total',
 * 'Grand total:') whose numbers are not the sum of the rows above: neither data nor a total.
 */
type ExplainedRow = { readonly kind: 'total' | 'unbalanced-total'; readonly reason: string };
export type RowClass = PlainRow | ExplainedRow | { readonly kind: 'end' };

const END_MARKER = /^\s*end\s*$/i;
/**
 * A totals word standing alone at the start of the label, optionally followed by a period or
 * group name: 'Total', 'Totals', 'Subtotal', 'Sub-total', 'Grand total', 'Sum', 'Total FY2023',
 * 'Subtotal: London'. 'Totally Local' is not one (the word must end). Group 2 is what follows.
 */
const TOTALS_LABEL = /^\s*((?:grand\s+)?(?:sub[- ]?)?totals?|sum)\b\s*[:.\-–]?\s*(.*)$/i;
/** 'Total energy' and the like name data-centre metrics, not totals rows. */
const ACTIVITY_NAMES = new Set(ACTIVITIES.flatMap((activity) => activity.synonyms));
const SUMMING_CALL = /\b(?:SUM|SUBTOTAL|AGGREGATE)\s*\(([^)]*)\)/gi;
const RANGE_REFERENCE = /(?<![!\w$])\$?([A-Z]{1,3})\$?(\d+)\s*:\s*\$?([A-Z]{1,3})\$?(\d+)/gi;
/** A label naming a group after the totals word must add up over more than one row: one row's value repeated is as likely data. */
const MIN_ROWS_UNDER_A_NAMED_TOTAL = 2;
/** How far a total may be from the sum of the rows above and still add up, relative to either (the spreadsheet's own rounding). */
const RELATIVE_TOLERANCE = 1e-9;

/** Blank as shown, cheaply (this runs on every cell of a streamed sheet). A formula without a cached value is not blank: it may hide an error. */
function isBlankCell(cell: Cell | undefined): boolean {
  // Text starting with a printable ASCII character other than a space is not blank, without trimming a copy.
  if (typeof cell === 'string' && cell.length > 0) {
    const first = cell.charCodeAt(0);
    if (first > 0x20 && first < 0x7f) return false;
  }
  if (isFormulaCell(cell)) return cell.result !== undefined && isBlank(cell.result);
  return isBlank(cell);
}

/** The formula of a cell summing a range of its own column that ends at or above its row (a subtotal), else undefined. */
function sumOfOwnColumn(cell: Cell | undefined, column: number, rowNumber: number): string | undefined {
  if (!isFormulaCell(cell)) return undefined;
  const letter = columnLetter(column);
  for (const call of cell.formula.matchAll(SUMMING_CALL)) {
    for (const [, startColumn = '', , endColumn = '', endRow] of (call[1] ?? '').matchAll(RANGE_REFERENCE)) {
      if (startColumn.toUpperCase() === letter && endColumn.toUpperCase() === letter && Number(endRow) <= rowNumber) return call[0];
    }
  }
  return undefined;
}

export interface RowScanOptions {
  /** How numbers written as text are read when summing rows (the mapping's separator; '.' by default). */
  readonly decimalSeparator?: DecimalSeparator;
  /**
   * Rows labelled Total or summing their column are data, not totals: in a sheet of reported
   * figures or targets, 'Total Scope 1' is a figure the company reported.
   */
  readonly totalsAreData?: boolean;
}

/** The numbers of a row's table columns, by column. */
type RowNumbers = ReadonlyMap<number, number>;
/** A data row's number in each table column, from column A (undefined where it has none): an array, not a map per row. */
type ColumnNumbers = readonly (number | undefined)[];

/** The number a column's text reads as (undefined: none), as quantityFromText reads it. */
type NumberOfText = (column: number, text: string) => number | undefined;

const numberOfTextUncached = (decimalSeparator: DecimalSeparator): NumberOfText => (_column, text) => quantityFromText(text, decimalSeparator);

/**
 * numberOfText with a cache per column, for the text that is not ruled out by its first
 * character: a column of months repeats a few texts on every row. The columns share one budget,
 * so a wide table of distinct texts holds no more than a few columns' worth.
 */
function numberOfTextCached(decimalSeparator: DecimalSeparator): NumberOfText {
  const byColumn: ((text: string) => number | undefined)[] = [];
  const budget = textBudget();
  return (column, text) => (mayReadAsNumber(text) ? (byColumn[column] ??= memoByText((cellText) => quantityFromText(cellText, decimalSeparator), TEXT_CACHE_LIMIT, budget))(text) : undefined);
}

/** The number in a cell of a column, or undefined. */
function numberIn(cell: Cell | undefined, column: number, decimalSeparator: DecimalSeparator, numberOfText: NumberOfText): number | undefined {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string') return numberOfText(column, cell);
  if (cell === null || cell === undefined) return undefined;
  // A formula's cached number; true/false, dates, errors and percentage cells are refused.
  const parsed = parseQuantity(cell, { decimalSeparator });
  return parsed.ok && parsed.value !== null ? parsed.value : undefined;
}

/** The numbers of some of a row's columns, by column. */
function numbersOf(row: RawRow, columns: readonly number[], decimalSeparator: DecimalSeparator): Map<number, number> {
  const numbers = new Map<number, number>();
  const numberOfText = numberOfTextUncached(decimalSeparator);
  for (const column of columns) {
    const value = numberIn(row.cells[column], column, decimalSeparator, numberOfText);
    if (value !== undefined) numbers.set(column, value);
  }
  return numbers;
}

/** Half a unit in the last decimal a number is written with: 36300 may round a sum of 36300.4. */
function roundingOf(value: number): number {
  const text = String(Math.abs(value));
  if (text.includes('e')) return 0;
  const point = text.indexOf('.');
  return 0.5 * 10 ** -(point < 0 ? 0 : text.length - point - 1);
}

function addsUp(total: number, sum: number): boolean {
  const difference = Math.abs(total - sum);
  return difference <= roundingOf(total) || difference <= RELATIVE_TOLERANCE * Math.max(Math.abs(total), Math.abs(sum));
}

/** The data rows of a stretch of the table and the sum of each column's numbers in them. */
interface RowSpan {
  rows: number;
  first: number;
  last: number;
  readonly sums: Map<number, number>;
}

const emptySpan = (): RowSpan => ({ rows: 0, first: 0, last: 0, sums: new Map() });

function addToSpan(span: RowSpan, rowNumber: number, numbers: ColumnNumbers): void {
  if (span.rows === 0) span.first = rowNumber;
  span.rows += 1;
  span.last = rowNumber;
  for (let column = 0; column < numbers.length; column++) {
    const value = numbers[column];
    if (value !== undefined) span.sums.set(column, (span.sums.get(column) ?? 0) + value);
  }
}

/**
 * The data rows above the row being read: those since the last totals row (a subtotal's block)
 * and all of the table's (a grand total's).
 */
export class RowsAbove {
  private block = emptySpan();
  private readonly table = emptySpan();

  /** A data row, after it is read. */
  addData(rowNumber: number, numbers: ColumnNumbers): void {
    addToSpan(this.block, rowNumber, numbers);
    addToSpan(this.table, rowNumber, numbers);
  }

  /** A totals row closes its block. */
  closeBlock(): void {
    this.block = emptySpan();
  }

  /** Where these numbers are the sums of the rows above, or the first that is not (against the block). */
  match(numbers: RowNumbers, minRows: number): { readonly ok: true; readonly span: 'block' | 'table'; readonly rows: number; readonly first: number; readonly last: number } | { readonly ok: false; readonly column: number; readonly value: number; readonly sum: number | null } {
    for (const [name, span] of [['block', this.block], ['table', this.table]] as const) {
      if (span.rows >= minRows && [...numbers].every(([column, value]) => addsUp(value, span.sums.get(column) ?? Number.NaN))) {
        return { ok: true, span: name, rows: span.rows, first: span.first, last: span.last };
      }
    }
    const [column, value] = [...numbers].find(([candidate, total]) => !addsUp(total, this.block.sums.get(candidate) ?? Number.NaN)) ?? [...numbers][0]!;
    return { ok: false, column, value, sum: this.block.sums.get(column) ?? null };
  }
}

/**
 * What one row below the header is, looking only at the table's columns (cells to the right are
 * side notes). An END marker is the first non-blank cell reading END. A totals row has a
 * SUM/SUBTOTAL/AGGREGATE formula over its own column, or is labelled by a totals word standing
 * alone in its first text cell ('Total', 'Grand total', 'Subtotal', 'Sum', optionally followed by
 * a period or group name) with every number in it the sum of the data rows above: of its block
 * since the last totals row, or of the whole table. A label with a name after the word ('Total
 * Energies depot') whose numbers do not add up is data; a bare totals word whose numbers do not
 * add up is an unbalanced total (unless totals are data). A note is a lone text cell. Neither totals nor notes end the
 * table: sheets can hold several blocks, so the caller decides what follows.
 */
export function classifyDataRow(row: RawRow, columnCount: number, above: RowsAbove = new RowsAbove(), options: RowScanOptions = {}): RowClass {
  // A plain loop: this runs on every row of a streamed sheet.
  const filled: number[] = [];
  for (let column = 0; column < Math.min(columnCount, row.cells.length); column += 1) {
    if (!isBlankCell(row.cells[column])) filled.push(column);
  }
  const [firstFilled] = filled;
  if (firstFilled === undefined) return { kind: row.cells.some((cell) => !isBlankCell(cell)) ? 'note' : 'blank' };
  if (END_MARKER.test(cellText(row.cells[firstFilled]))) return { kind: 'end' };
  if (!options.totalsAreData) {
    for (const column of filled) {
      const formula = sumOfOwnColumn(row.cells[column], column, row.rowNumber);
      if (formula !== undefined) return { kind: 'total', reason: `column ${columnLetter(column)} sums the rows above (${formula})` };
    }
    const labelColumn = firstTextReadingAsTotalsLabel(row, filled);
    const totals = labelColumn === undefined ? undefined : totalsLabel(row, labelColumn, filled, above, options);
    if (totals) return totals;
  }
  if (filled.length === 1 && cellKind(row.cells[firstFilled]) === 'text') return { kind: 'note' };
  return DATA;
}

/** Only text can start like a totals label (g, s or t after spaces): a cheap test before the full one. */
const MAY_BE_TOTALS_LABEL = /^\s*[gst]/i;

function mayBeTotalsLabel(text: string): boolean {
  const first = text.charCodeAt(0);
  // Printable ASCII other than a space decides at once (g, s or t, either case); white space first goes to the pattern.
  if (first > 0x20 && first < 0x7f) {
    const lower = first | 0x20;
    return lower === 0x67 || lower === 0x73 || lower === 0x74;
  }
  return MAY_BE_TOTALS_LABEL.test(text);
}

/**
 * The row's first text cell, when it reads as a totals label. Only text reads as one (no number or
 * period does), so the cells are first tested for the label, and the kinds (costly: number and
 * period patterns) judged only of the cells before one that reads as a label: a data row pays for none.
 */
function firstTextReadingAsTotalsLabel(row: RawRow, filled: readonly number[]): number | undefined {
  const labelled = filled.findIndex((column) => {
    const text = cellText(row.cells[column]);
    return mayBeTotalsLabel(text) && TOTALS_LABEL.test(normalizeSpaces(text));
  });
  if (labelled < 0 || filled.slice(0, labelled).some((column) => cellKind(row.cells[column]) === 'text')) return undefined;
  return filled[labelled];
}

/** The verdict on a row labelled by a totals word, or undefined when the label is not one (or the row is data after all). */
function totalsLabel(row: RawRow, labelColumn: number, filled: readonly number[], above: RowsAbove, options: RowScanOptions): RowClass | undefined {
  const label = normalizeSpaces(cellText(row.cells[labelColumn]));
  const match = TOTALS_LABEL.exec(label);
  if (!match || ACTIVITY_NAMES.has(label.toLowerCase())) return undefined;
  const numbers = numbersOf(row, filled.filter((column) => column !== labelColumn), options.decimalSeparator ?? '.');
  if (numbers.size === 0) return undefined;
  const bare = match[2] === '';
  const where = `'${label}' (column ${columnLetter(labelColumn)})`;
  const result = above.match(numbers, bare ? 1 : MIN_ROWS_UNDER_A_NAMED_TOTAL);
  if (result.ok) {
    const rows = result.rows === 1 ? `the row above (row ${result.first})` : `the ${result.rows} ${result.span === 'table' ? 'data rows of the table' : 'rows above'} (rows ${result.first}–${result.last})`;
    return { kind: 'total', reason: `${where} and ${columnsText([...numbers.keys()])} add up to ${rows}` };
  }
  if (!bare) return undefined;
  const sum = result.sum === null ? 'no rows above have a number there' : `the rows above add up to ${result.sum}`;
  return { kind: 'unbalanced-total', reason: `${where} is a totals label, but column ${columnLetter(result.column)} holds ${result.value} where ${sum}` };
}

// Shared verdicts: almost every row is data.
const DATA: RowClass = { kind: 'data' };
const DATA_ROW: RowVerdict = { inTable: true, kind: 'data' };

export type RowVerdict =
  | ({ readonly inTable: true } & (PlainRow | ExplainedRow))
  | { readonly inTable: false; readonly why: 'before-first-data-row' | 'after-last-data-row' | 'end-marker' | 'blank-run' };

/**
 * A stateful reader of rows in sheet order. The table ends at an END marker, after the last
 * data row the user set, or at a run of `stopAtBlankRun` blank rows (skipped row numbers count);
 * a single blank row, like a month without data, does not end it. It keeps the sums of the data
 * rows read, to tell a totals row from a site whose name starts with 'Total'.
 */
export function createRowScanner(bounds: TableBounds, columnCount: number, options: RowScanOptions = {}): (row: RawRow) => RowVerdict {
  let ended: RowVerdict | undefined;
  let previousRowNumber = bounds.firstDataRowNumber - 1;
  let blankRun = 0;
  const above = new RowsAbove();
  const decimalSeparator = options.decimalSeparator ?? '.';
  const numberOfText = numberOfTextCached(decimalSeparator);
  // One array for every data row's numbers: addData reads it and keeps none of it.
  const numbers = new Array<number | undefined>(columnCount).fill(undefined);
  const endsOnBlanks = (run: number): boolean => bounds.stopAtBlankRun > 0 && run >= bounds.stopAtBlankRun;

  return (row) => {
    if (row.rowNumber < bounds.firstDataRowNumber) return { inTable: false, why: 'before-first-data-row' };
    if (ended) return ended;
    const skippedRows = row.rowNumber - previousRowNumber - 1;
    previousRowNumber = row.rowNumber;
    if (bounds.lastDataRowNumber !== undefined && row.rowNumber > bounds.lastDataRowNumber) {
      ended = { inTable: false, why: 'after-last-data-row' };
      return ended;
    }
    blankRun += skippedRows;
    if (endsOnBlanks(blankRun)) {
      ended = { inTable: false, why: 'blank-run' };
      return ended;
    }
    const rowClass = classifyDataRow(row, columnCount, above, options);
    const { kind } = rowClass;
    if (rowClass.kind === 'end') {
      ended = { inTable: false, why: 'end-marker' };
      return ended;
    }
    blankRun = kind === 'blank' ? blankRun + 1 : 0;
    if (endsOnBlanks(blankRun)) {
      ended = { inTable: false, why: 'blank-run' };
      return ended;
    }
    if (kind === 'data') {
      for (let column = 0; column < columnCount; column++) numbers[column] = numberIn(row.cells[column], column, decimalSeparator, numberOfText);
      above.addData(row.rowNumber, numbers);
      return DATA_ROW;
    }
    if (kind === 'total') above.closeBlock();
    return { inTable: true, ...rowClass };
  };
}
