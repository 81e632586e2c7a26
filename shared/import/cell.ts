/**
 * A cell as read from a source file, before any interpretation.
 *
 * Plain values stay primitives so that a million-row sheet does not allocate an
 * object per cell; only the rare cases that carry more than a value are tagged.
 * Raw rows are stored as JSON arrays of these, so every shape must survive JSON.
 */
import { inNumber } from '../count-text';

export type Cell = null | number | string | boolean | DateCell | ErrorCell | PercentCell | FormulaCell;

/** A cell the workbook typed as a date. `iso` is UTC, e.g. `2021-04-01T00:00:00.000Z`. */
export interface DateCell {
  readonly t: 'date';
  readonly iso: string;
}

/** An error value such as `#DIV/0!` or `#N/A`. Never imported as data. */
export interface ErrorCell {
  readonly t: 'error';
  readonly code: string;
}

/**
 * A number the workbook shows through a percentage number format, with that format: under '0.0%'
 * the stored 0.539 shows as 53.9% (a fraction); under a literal percent sign such as '0.0"%"' the
 * stored 53.9 shows as 53.9% (percent points). percentFormatScale (values.ts) tells which.
 */
export interface PercentCell {
  readonly t: 'percent';
  readonly value: number;
  readonly format: string;
}

/**
 * A formula with its cached result. `result` is absent when the file stored none
 * (a workbook saved by a program that does not calculate): that is an error, not zero.
 */
export interface FormulaCell {
  readonly t: 'formula';
  readonly formula: string;
  readonly result?: null | number | string | boolean | DateCell | ErrorCell | PercentCell;
}

/** One row as read: 1-based row number in its sheet, cells from column A. */
export interface RawRow {
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

export function isDateCell(cell: Cell | undefined): cell is DateCell {
  return typeof cell === 'object' && cell !== null && cell.t === 'date';
}

export function isErrorCell(cell: Cell | undefined): cell is ErrorCell {
  return typeof cell === 'object' && cell !== null && cell.t === 'error';
}

export function isPercentCell(cell: Cell | undefined): cell is PercentCell {
  return typeof cell === 'object' && cell !== null && cell.t === 'percent';
}

export function isFormulaCell(cell: Cell | undefined): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && cell.t === 'formula';
}

/** The value a cell shows: a formula's cached result, otherwise the cell itself. */
export function shownValue(cell: Cell | undefined): Exclude<Cell, FormulaCell> | undefined {
  if (isFormulaCell(cell)) return cell.result;
  return cell;
}

/** True when the cell holds nothing (absent, null, or only whitespace). */
export function isBlank(cell: Cell | undefined): boolean {
  if (cell === undefined || cell === null) return true;
  return typeof cell === 'string' && cell.trim() === '';
}

/** 'column C' or 'columns C, E', for 0-based indexes. */
export function columnsText(indexes: readonly number[]): string {
  return `${inNumber(indexes.length, 'column', 'columns')} ${indexes.map(columnLetter).join(', ')}`;
}

/** Column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
