import { slideFormula } from 'exceljs/lib/utils/shared-formula';
import { SourceRefusedError } from './refusal';
import { decodeXmlText, parseXmlAttributes } from './xml-text';

/** A cell whose value exceljs's streaming reader would misread, as the sheet XML stores it. */
export interface ScannedCell {
  /** The formula text, shared formulas moved to this cell; absent for a plain ISO-date cell. */
  readonly formula?: string;
  /** The cell's `t` attribute: `e` error, `b` boolean, `str` text, `d` ISO date, `n` or absent number. */
  readonly type: string | undefined;
  /** The text of `<v>`: a formula's cached result, absent when the file stored none. */
  readonly valueText: string | undefined;
}

/**
 * Reads formula cells and ISO-date cells straight from a worksheet's XML while it streams to exceljs.
 *
 * Why: exceljs's streaming reader turns every cached formula result into `parseFloat(<v>)`, so an error
 * result such as `#DIV/0!` becomes NaN and is then dropped with the result 0, TRUE/FALSE become 1/0,
 * cells of a shared formula lose their formula text, and `t="d"` cells become numbers. Fed each chunk
 * before the XML parser sees it, the scanner knows a row's cells by the time exceljs emits the row.
 */
export class SheetCellScanner {
  private pending = '';
  private readonly rows = new Map<number, Map<number, ScannedCell>>();
  private readonly sharedFormulas = new Map<string, { formula: string; address: string }>();

  scan(chunk: string): void {
    const text = this.pending + chunk;
    // Cells do not nest, so only a cell opened after the last `</c>` can still be unfinished.
    const lastClose = text.lastIndexOf('</c>');
    const lastOpen = text.lastIndexOf('<c');
    const complete = lastOpen > lastClose ? lastOpen : text.length;
    for (const marker of CELL_MARKERS) {
      for (let at = text.indexOf(marker, 0); at !== -1 && at < complete; at = text.indexOf(marker, at + 1)) {
        if (marker !== FORMULA_MARKER || isTagNameEnd(text.charCodeAt(at + marker.length))) this.readCell(text, at);
      }
    }
    this.pending = text.slice(complete);
  }

  /** The scanned cells of one row by 1-based column, handed over once. */
  takeRow(rowNumber: number): Map<number, ScannedCell> | undefined {
    const cells = this.rows.get(rowNumber);
    if (cells !== undefined) this.rows.delete(rowNumber);
    return cells;
  }

  private readCell(text: string, insideAt: number): void {
    const start = cellStartBefore(text, insideAt);
    const startTagEnd = text.indexOf('>', start);
    if (text.charCodeAt(startTagEnd - 1) === SLASH) return; // `<c …/>` holds no value
    const end = text.indexOf('</c>', startTagEnd);
    if (end === -1) throw malformedCell(text.slice(start, startTagEnd + 1));
    if (insideAt > end) return; // a `t="d"` outside any cell

    const attributes = parseXmlAttributes(text.slice(start + 2, startTagEnd));
    const address = attributes.get('r');
    const position = address === undefined ? undefined : parseCellAddress(address);
    if (address === undefined || position === undefined) throw malformedCell(text.slice(start, startTagEnd + 1));

    const body = text.slice(startTagEnd + 1, end);
    const type = attributes.get('t');
    const valueText = VALUE_ELEMENT.exec(body)?.[1];
    const formulaMatch = FORMULA_ELEMENT.exec(body);
    const cell: ScannedCell = {
      type,
      valueText: valueText === undefined ? undefined : decodeXmlText(valueText),
      ...(formulaMatch === null ? {} : { formula: this.formulaText(formulaMatch, address) }),
    };
    if (cell.formula === undefined && type !== ISO_DATE_TYPE) return;

    let row = this.rows.get(position.row);
    if (row === undefined) this.rows.set(position.row, (row = new Map()));
    row.set(position.column, cell);
  }

  private formulaText([, attributeText = '', rawText = '']: RegExpExecArray, address: string): string {
    const text = decodeXmlText(rawText);
    const attributes = parseXmlAttributes(attributeText);
    const sharedIndex = attributes.get('si');
    if (attributes.get('t') !== 'shared' || sharedIndex === undefined) return text;
    if (text !== '') {
      this.sharedFormulas.set(sharedIndex, { formula: text, address });
      return text;
    }
    const master = this.sharedFormulas.get(sharedIndex);
    if (master === undefined) {
      throw new SourceRefusedError(
        'corrupt',
        `The workbook is damaged: cell ${address} uses shared formula ${sharedIndex}, which its sheet never defines. ` +
          'Open it in Excel to repair it and save it as .xlsx.',
      );
    }
    return slideFormula(master.formula, master.address, address);
  }
}

const FORMULA_MARKER = '<f';
const ISO_DATE_TYPE = 'd';
/** Excel-family writers quote attributes with `"`; other writers may use `'`. */
const CELL_MARKERS = [FORMULA_MARKER, ` t="${ISO_DATE_TYPE}"`, ` t='${ISO_DATE_TYPE}'`];
const FORMULA_ELEMENT = /<f(\s[^>]*?)?(?:\/>|>([^<]*)<\/f>)/;
const VALUE_ELEMENT = /<v(?:\s[^>]*?)?>([^<]*)<\/v>/;
const CELL_ADDRESS = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$/;
const SLASH = 0x2f;

function isTagNameEnd(code: number): boolean {
  // `>`, `/`, space, tab, line feed, carriage return
  return code === 0x3e || code === SLASH || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The `<c` that opens the cell around `insideAt` (skipping `<col`, `<cfRule` and the like). */
function cellStartBefore(text: string, insideAt: number): number {
  for (let at = text.lastIndexOf('<c', insideAt); at !== -1; at = text.lastIndexOf('<c', at - 1)) {
    if (isTagNameEnd(text.charCodeAt(at + 2))) return at;
  }
  throw malformedCell(text.slice(Math.max(0, insideAt - 40), insideAt + 40));
}

function parseCellAddress(address: string): { row: number; column: number } | undefined {
  const match = CELL_ADDRESS.exec(address);
  if (match === null) return undefined;
  const [, letters = '', digits = ''] = match;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(digits), column };
}

function malformedCell(markup: string): SourceRefusedError {
  return new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: a sheet holds a cell it cannot describe (${markup}). ` +
      'Open it in Excel to repair it and save it as .xlsx.',
  );
}
