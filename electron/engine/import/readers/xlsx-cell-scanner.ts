import { SourceRefusedError } from './refusal';
import { MAX_CELL_XML_BYTES } from './xml-part-checker';
import { slideFormula } from './xlsx-shared-formula';
import type { StartTagProgress } from './xml-text';
import { CDATA_START, elementText, isNameCharacter, isXmlSpace, localName, NO_QUOTE, parseXmlAttributes, readStartTag, startTagEnd, xmlChild, xmlStartTags } from './xml-text';

/** A cell whose value exceljs's streaming reader would misread, as the sheet XML stores it. */
export interface ScannedCell {
  /** The formula text, shared formulas moved to this cell; absent for a plain ISO-date cell. */
  readonly formula?: string;
  /** The cell's `t` attribute: `e` error, `b` boolean, `str` text, `d` ISO date, `inlineStr` inline text, `n` or absent number. */
  readonly type: string | undefined;
  /** The text of `<v>` (a formula's cached result), or of an inline string; absent when the file stored none. */
  readonly valueText: string | undefined;
}

/**
 * Reads formula, ISO-date and inline-string cells straight from a worksheet's XML while it streams to exceljs.
 *
 * Why: exceljs's streaming reader turns every cached formula result into `parseFloat(<v>)`, so an error
 * result such as `#DIV/0!` becomes NaN and is then dropped with the result 0, TRUE/FALSE become 1/0,
 * cells of a shared formula lose their formula text, `t="d"` cells become numbers, and an inline string
 * keeps only its last run (and decodes its text twice). Fed each chunk
 * before the XML parser sees it, the scanner knows a row's cells by the time exceljs emits the row.
 *
 * Linear in the sheet's size: each chunk is searched once for the markers of such cells, an
 * unfinished cell is carried to the next chunk only up to MAX_CELL_XML_BYTES, and what was
 * searched is not searched again.
 */
export class SheetCellScanner {
  /** The unfinished cell at the end of the text seen so far, from its `<c`. */
  private pending = '';
  /** The pending cell's start tag is complete and not self-closing: only its `</c>` is awaited. */
  private pendingAwaitsEnd = false;
  /** How far the pending cell's unfinished start tag was read, from the cell's `<c`: read on from there, not again. */
  private pendingTag: StartTagProgress | undefined;
  private readonly rows = new Map<number, Map<number, ScannedCell>>();
  private readonly sharedFormulas = new Map<string, { formula: string; address: string }>();

  /** `sheet` names the sheet in messages. */
  constructor(private readonly sheet: string) {}

  scan(chunk: string): void {
    const text = this.pending + chunk;
    const unfinished = this.unfinishedCellStart(text);
    if (unfinished !== 0) this.readMarkedCells(unfinished === -1 ? text : text.slice(0, unfinished));
    this.pending = unfinished === -1 ? '' : text.slice(unfinished);
    if (this.pending.length > MAX_CELL_XML_BYTES) {
      const address = parseXmlAttributes(this.pending.slice(2, startTagEnd(this.pending, 0))).get('r');
      throw new SourceRefusedError(
        'too-large',
        `The workbook's sheet "${this.sheet}" holds a cell ${address === undefined ? '' : `(${address}) `}whose XML ` +
          `runs past ${MAX_CELL_XML_BYTES.toLocaleString('en')} characters; a cell holds at most Excel's 32,767. ` +
          'The file is damaged or hostile: check it with its sender.',
      );
    }
  }

  /** The scanned cells of one row by 1-based column, handed over once. */
  takeRow(rowNumber: number): Map<number, ScannedCell> | undefined {
    if (this.rows.size === 0) return undefined;
    const cells = this.rows.get(rowNumber);
    if (cells !== undefined) this.rows.delete(rowNumber);
    // Rows come in ascending order and their cells before them: anything older lies outside its row.
    const [older] = this.rows.keys();
    if (older !== undefined && older < rowNumber) {
      const [column] = this.rows.get(older)?.keys() ?? [];
      throw this.damaged(
        `cell ${column === undefined ? '' : columnLetters(column)}${older} is stored outside row ${older}, after row ${rowNumber}`,
      );
    }
    return cells;
  }

  /**
   * Where the cell still open at the end of `text` starts, or -1 when every cell in it is complete.
   * Only a cell opened after the last `</c>` can be unfinished; the text searched in earlier
   * chunks (the pending cell) is not searched again.
   */
  private unfinishedCellStart(text: string): number {
    const fresh = Math.max(0, this.pending.length - (CELL_END.length - 1));
    const closed = text.indexOf(CELL_END, fresh) !== -1;
    // The pending cell is still the one open unless a `</c>` or another cell follows it.
    const start = lastCellStart(text, closed ? text.lastIndexOf(CELL_END) + CELL_END.length : this.pending.length);
    const open =
      start !== -1 ? this.openCellFrom(text, start) : !closed && this.pending.length > 0 ? this.openCellFrom(text, 0) : -1;
    if (open !== -1) return open;
    this.pendingAwaitsEnd = false;
    this.pendingTag = undefined;
    // A `<` at the very end may be the start of a cell that the next chunk goes on with.
    return text.endsWith('<') ? text.length - 1 : -1;
  }

  /** `start` if the cell there is unfinished (its start tag, or its `</c>`, not yet in `text`), else -1. */
  private openCellFrom(text: string, start: number): number {
    if (start === 0 && this.pendingAwaitsEnd) return 0;
    // The pending cell (start 0, text before this chunk) was read up to the end of that text.
    const resumed = start === 0 && this.pending.length > 0 ? this.pendingTag : undefined;
    this.pendingTag = undefined;
    // `<` or `<c` at the very end may yet become a cell; `<col` and the like never do.
    if (text.length - start <= CELL_START.length) return CELL_START.startsWith(text.slice(start)) ? start : -1;
    if (!text.startsWith(CELL_START, start) || !isTagNameEnd(text.charCodeAt(start + CELL_START.length))) return -1;
    const { end: tagEnd, progress } = readStartTag(text, resumed ?? { readTo: start + 1, quote: NO_QUOTE });
    this.pendingTag = tagEnd === -1 ? { readTo: progress.readTo - start, quote: progress.quote } : undefined;
    const selfClosing = tagEnd !== -1 && text.charCodeAt(tagEnd - 1) === SLASH;
    this.pendingAwaitsEnd = tagEnd !== -1 && !selfClosing;
    return selfClosing ? -1 : start;
  }

  /**
   * Reads each complete cell of `text` that holds a formula, an ISO date or an inline string. The cell around a
   * marker starts after the last cell read, so each search goes back no further than that.
   */
  private readMarkedCells(text: string): void {
    const next = CELL_MARKERS.map((find) => find(text, 0));
    let floor = 0;
    for (;;) {
      let at = -1;
      for (let index = 0; index < CELL_MARKERS.length; index++) {
        let position = next[index] ?? -1;
        if (position !== -1 && position < floor) next[index] = position = CELL_MARKERS[index]!(text, floor);
        if (position !== -1 && (at === -1 || position < at)) at = position;
      }
      if (at === -1) return;
      const start = lastCellStart(text, floor, at);
      floor = start === -1 ? at + 1 : this.readCell(text, start, at);
    }
  }

  /** Reads the cell starting at `start` if `markerAt` lies inside it; returns where the search goes on. */
  private readCell(text: string, start: number, markerAt: number): number {
    const tagEnd = startTagEnd(text, start);
    if (tagEnd === -1) throw this.malformedCell(text.slice(start, start + 80));
    if (text.charCodeAt(tagEnd - 1) === SLASH) return Math.max(tagEnd, markerAt) + 1; // `<c …/>` holds no value
    const end = text.indexOf(CELL_END, tagEnd);
    if (end === -1) throw this.malformedCell(text.slice(start, tagEnd + 1));
    if (markerAt > end) return markerAt + 1; // a marker outside any cell

    const attributes = parseXmlAttributes(text.slice(start + 2, tagEnd));
    const address = attributes.get('r');
    const position = address === undefined ? undefined : parseCellAddress(address);
    if (address === undefined || position === undefined) throw this.malformedCell(text.slice(start, tagEnd + 1));

    const body = text.slice(tagEnd + 1, end);
    const type = attributes.get('t');
    const formula = xmlChild(body, 'f');
    const cell: ScannedCell = {
      type,
      valueText: (type === INLINE_STRING_TYPE ? inlineStringText(body) : undefined) ?? xmlChild(body, 'v')?.text,
      ...(formula === undefined ? {} : { formula: this.formulaText(formula, address) }),
    };
    // exceljs drops a CDATA section's text, so a value written in one is read here, or refused.
    if (cell.formula !== undefined || type === ISO_DATE_TYPE || type === INLINE_STRING_TYPE || body.includes(CDATA_START)) this.keep(position, cell);
    return end + CELL_END.length;
  }

  private keep(position: { row: number; column: number }, cell: ScannedCell): void {
    let row = this.rows.get(position.row);
    if (row === undefined) {
      // Normally the rows of one chunk; cells stored far from their rows would pile up here.
      if (this.rows.size >= MAX_ROWS_AHEAD) throw this.damaged('many cells are stored outside their rows');
      this.rows.set(position.row, (row = new Map()));
    }
    row.set(position.column, cell);
  }

  private formulaText({ attributes, text = '' }: { attributes: Map<string, string>; text: string | undefined }, address: string): string {
    const sharedIndex = attributes.get('si');
    if (attributes.get('t') !== 'shared' || sharedIndex === undefined) return text;
    if (text !== '') {
      this.sharedFormulas.set(sharedIndex, { formula: text, address });
      return text;
    }
    const master = this.sharedFormulas.get(sharedIndex);
    if (master === undefined) throw this.damaged(`cell ${address} uses shared formula ${sharedIndex}, which its sheet never defines`);
    return slideFormula(master.formula, master.address, address);
  }

  private damaged(what: string): SourceRefusedError {
    return new SourceRefusedError(
      'corrupt',
      `The workbook is damaged: in its sheet "${this.sheet}", ${what}. Open it in Excel to repair it and save it as .xlsx.`,
    );
  }

  private malformedCell(markup: string): SourceRefusedError {
    return this.damaged(`a cell cannot be read (${markup})`);
  }
}

const CELL_START = '<c';
const CELL_END = '</c>';
const ISO_DATE_TYPE = 'd';
const INLINE_STRING_TYPE = 'inlineStr';

/**
 * The text of a cell's inline string (`<is>`): its `<t>`, or its runs' `<t>` joined, as Excel
 * shows it; phonetic readings (`<rPh>`) are not part of it. Undefined when the cell has no `<is>`.
 */
function inlineStringText(body: string): string | undefined {
  const pieces: string[] = [];
  let inlineEnd = -1;
  let skipTo = -1;
  for (const tag of xmlStartTags(body)) {
    if (tag.start < skipTo) continue;
    const name = localName(tag.name);
    if (inlineEnd === -1) {
      if (name !== 'is') continue;
      if (tag.selfClosing) return '';
      inlineEnd = endTagAt(body, tag.name, tag.end);
    } else if (tag.start > inlineEnd) {
      break;
    } else if (name === 'rPh' && !tag.selfClosing) {
      skipTo = endTagAt(body, tag.name, tag.end);
    } else if (name === 't' && !tag.selfClosing) {
      pieces.push(elementText(body, tag.end + 1));
    }
  }
  return inlineEnd === -1 ? undefined : pieces.join('');
}

/** Where the end tag of the element `name` opened before `from` is, or the end of `xml` when it has none. */
function endTagAt(xml: string, name: string, from: number): number {
  const end = xml.indexOf(`</${name}`, from);
  return end === -1 ? xml.length : end;
}

/**
 * Finds, from `from` on, where in `text` the next cell to read may be marked, or -1. A marker is
 * only a hint: readCell parses the cell around it. Each search looks first for characters rare
 * in a sheet's XML: searching for `<` or a space first would stop at every tag of the sheet,
 * which made these searches most of the scanner's time.
 */
type CellMarker = (text: string, from: number) => number;

/** `<f` or `<prefix:f` ending its name: a formula, whatever prefix names it. */
const formulaMarker: CellMarker = (text, from) => {
  for (let at = text.indexOf('f', from + 1); at !== -1; at = text.indexOf('f', at + 1)) {
    if (!isTagNameEnd(text.charCodeAt(at + 1))) continue;
    const before = text.charCodeAt(at - 1);
    if (before === LESS_THAN) return at - 1;
    if (before !== COLON) continue;
    // Back over the prefix: its characters are no colon, so each is passed over for one `:f` only.
    let start = at - 2;
    while (start >= from && isPrefixCharacter(text.charCodeAt(start))) start--;
    if (start >= from && start < at - 2 && text.charCodeAt(start) === LESS_THAN) return start;
  }
  return -1;
};

/**
 * The attribute `t` of value `d` (an ISO date), written as XML allows: `S t S? = S? "d"` or with
 * `'d'`. Found from its value back to its name; each run of white space passed over lies before
 * one value only, so no character is looked at twice.
 */
function isoDateTypeMarker(quote: string): CellMarker {
  const value = `${quote}${ISO_DATE_TYPE}${quote}`;
  return (text, from) => {
    for (let at = text.indexOf(value, from); at !== -1; at = text.indexOf(value, at + 1)) {
      let before = at - 1;
      while (before > from && isXmlSpace(text.charCodeAt(before))) before--;
      if (text.charCodeAt(before) !== EQUALS) continue;
      before--;
      while (before > from && isXmlSpace(text.charCodeAt(before))) before--;
      if (before > from && text.charCodeAt(before) === LETTER_T && isXmlSpace(text.charCodeAt(before - 1))) return at;
    }
    return -1;
  };
}

/** `literal` as it is, searched for from its character at `rareAt` on. */
function literalMarker(literal: string, rareAt = 0): CellMarker {
  const rare = literal.slice(rareAt);
  return (text, from) => {
    for (let at = text.indexOf(rare, from + rareAt); at !== -1; at = text.indexOf(rare, at + 1)) {
      if (text.startsWith(literal, at - rareAt)) return at - rareAt;
    }
    return -1;
  };
}

/**
 * An inline string that exceljs misreads: one of runs (it keeps the last), with phonetic
 * readings (it keeps those), with a character reference (it decodes its text twice, reading
 * `&amp;lt;` as `<`), or with a CDATA section (it drops its text). exceljs reads a plain one
 * right, and sheets of them are common.
 */
const INLINE_STRING_MARKERS = [literalMarker('<r>', 1), literalMarker('<rPh', 2), literalMarker('&'), literalMarker(CDATA_START, 1)];

const CELL_MARKERS: readonly CellMarker[] = [
  formulaMarker,
  isoDateTypeMarker('"'),
  isoDateTypeMarker("'"),
  ...INLINE_STRING_MARKERS,
];
const CELL_ADDRESS = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$/;
const SLASH = 0x2f;
const LESS_THAN = 0x3c;
const COLON = 0x3a;
const EQUALS = 0x3d;
const LETTER_T = 0x74;
const MAX_ROWS_AHEAD = 10_000;

function isTagNameEnd(code: number): boolean {
  return code === 0x3e || code === SLASH || isXmlSpace(code);
}

function isPrefixCharacter(code: number): boolean {
  return code !== COLON && isNameCharacter(code);
}

/**
 * The last `<c` that opens a cell (not `<col`, `<cfRule` and the like) between `from` and `to`, or
 * -1; a `<c` that ends the text may still open one.
 */
function lastCellStart(text: string, from: number, to = text.length): number {
  const region = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let at = region.lastIndexOf(CELL_START); at !== -1; at = at === 0 ? -1 : region.lastIndexOf(CELL_START, at - 1)) {
    const after = from + at + CELL_START.length;
    if (after === text.length || isTagNameEnd(text.charCodeAt(after))) return from + at;
  }
  return -1;
}

function parseCellAddress(address: string): { row: number; column: number } | undefined {
  const match = CELL_ADDRESS.exec(address);
  if (match === null) return undefined;
  const [, letters = '', digits = ''] = match;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(digits), column };
}

function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}
