/**
 * A1 references and formula text. Sheet names are the app's own (never imported text), but they
 * hold spaces, so every cross-sheet reference quotes them; string literals in formulas double
 * their quotes.
 */
import { columnLetter } from '../../../../shared/import/cell';

/** Excel's last row: a sheet holds at most this many rows. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's limit on the text in one cell. */
export const EXCEL_MAX_CELL_TEXT = 32_767;
/** Excel's limit on a sheet name. */
export const EXCEL_MAX_SHEET_NAME = 31;

/** Column letter of a 1-based column number. */
export function col(column: number): string {
  return columnLetter(column - 1);
}

export function cellRef(column: number, row: number): string {
  return `${col(column)}${row}`;
}

export function absoluteRef(column: number, row: number): string {
  return `$${col(column)}$${row}`;
}

export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** `'Sheet name'!$B$7`. */
export function sheetCell(sheet: string, column: number, row: number): string {
  return `${quoteSheet(sheet)}!${absoluteRef(column, row)}`;
}

/** `'Sheet name'!$B$5:$B$900`. */
export function sheetColumnRange(sheet: string, column: number, firstRow: number, lastRow: number): string {
  return `${quoteSheet(sheet)}!${absoluteRef(column, firstRow)}:${absoluteRef(column, lastRow)}`;
}

/** A string literal inside a formula. */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
