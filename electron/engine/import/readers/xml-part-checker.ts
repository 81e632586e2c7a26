import { formatBytes, MIB, SourceRefusedError } from './refusal';

/**
 * The most XML one row of a sheet may take. Far beyond a real row (200 columns of 1,000-character
 * texts take about 0.2 MiB); it bounds what the reader holds for one row.
 */
export const MAX_ROW_XML_BYTES = 16 * MIB;
/**
 * The most XML one cell, or one shared string, may take. A cell holds at most 32,767 characters
 * (Excel's limit), which even written as numeric character references stays below 0.4 MiB.
 */
export const MAX_CELL_XML_BYTES = MIB;

/**
 * Checks one XML part of a workbook as it inflates, byte by byte and in linear time, before a
 * parser sees it: the part must be complete (one root element, every element closed, not cut
 * inside a tag), hold no `<!DOCTYPE>`, and in a worksheet no row or cell may exceed the caps above.
 * Nor may the elements exceljs reads values from (a sheet's sheetData, rows, cells and values, a
 * shared-strings table's items) carry a namespace prefix other than the root's: exceljs knows
 * elements by their bare names (the root's prefix is taken off before it, see RootPrefixRemover),
 * so it would pass over them, and their values, without an error.
 *
 * Why: exceljs's streaming parser never tells the end of a part from its truncation, so a sheet
 * cut short would import as its first rows. The parser does check what it reads for
 * well-formedness (characters, names, nesting); this check covers what it cannot see, the end.
 * The archive guard runs it on every part but the sheets, whose bulk it leaves to the streaming
 * read (which reads a sheet once per import, where the guard runs at every open); the read runs
 * it on every part it hands exceljs.
 *
 * Markup characters are ASCII and never occur inside a UTF-8 multi-byte character, so the bytes
 * need no decoding.
 */
export class XmlPartChecker {
  private mode = TEXT;
  private depth = 0;
  private sawRoot = false;
  /** Bytes of the part before the current chunk. */
  private offset = 0;
  /** The byte before `>` in a start tag: `/` makes it self-closing. */
  private previous = 0;
  /** Progress through `-->`, `?>`, `]]>` or `<![CDATA[`, which a chunk boundary may split. */
  private matched = 0;
  /** The open element count before the tag being read, i.e. its own depth. */
  private tagDepth = 0;
  /** Where the current tag's `<` is: kept as numbers, since a sheet has millions of tags. */
  private tagStartOffset = 0;
  private tagStartChunk: Buffer = EMPTY;
  private tagStartIndex = 0;
  /** Name of a root or top-level start tag, the only names this check needs. */
  private name = '';
  private rootName = '';
  /** The root element's namespace prefix with its colon (`x:`), or ''. */
  private rootPrefix = '';
  /** The name of a start tag inside sheetData that a chunk boundary cut, as far as it was read. */
  private cutName: string | undefined;
  private inSheetData = false;
  /** Rows, cells or shared strings are measured here: inside a worksheet's sheetData, or a shared-strings table. */
  private sizing = false;
  /** How many of `row` and `cell` are open, so that ends are only matched while one is. */
  private sized = 0;
  // One of each can be open at a time; reused, since a sheet has millions.
  private readonly row: SizedElement = sizedElement();
  private readonly cell: SizedElement = sizedElement();
  /** The last bytes of the part before the current chunk, to show where it broke. */
  private tail: Buffer = EMPTY;

  /** `sheet` names the sheet the part holds, for messages, where that is known. */
  constructor(
    private readonly part: string,
    private readonly sheet?: string,
  ) {}

  /** The root element is a worksheet's (known once its start tag is read). */
  get isWorksheet(): boolean {
    return this.rootName === 'worksheet';
  }

  feed(chunk: Buffer): void {
    const n = chunk.length;
    // The common path runs on locals and calls out only for what is rare: a sheet has millions of tags.
    let mode = this.mode;
    let depth = this.depth;
    let previous = this.previous;
    let i = 0;
    if (this.cutName !== undefined) this.checkCellElementName(chunk, 0);
    while (i < n) {
      if (mode === TEXT) {
        if (depth === 0) {
          for (; i < n && chunk[i] !== LT; i++) this.checkOutsideRoot(chunk, i);
        } else {
          while (i < n && chunk[i] !== LT) i++;
        }
        if (i === n) break;
        this.tagStartIndex = i;
        this.tagStartChunk = chunk;
        this.tagStartOffset = this.offset + i;
        i++;
        const next = i < n ? (chunk[i] ?? 0) : 0;
        if (next === SLASH && depth > 0) {
          mode = END_TAG;
          i++;
        } else if (depth > 1 && isNameStart(next)) {
          // A start tag below the top level: its name does not matter, only its end.
          this.tagDepth = depth;
          if (this.sizing && depth <= 3) this.startSizedElement();
          if (this.inSheetData) this.checkCellElementName(chunk, i);
          previous = 0;
          mode = START_TAG;
          i++;
        } else {
          mode = TAG_OPEN;
        }
      } else if (mode === START_TAG) {
        let byte = 0;
        for (; i < n; i++) {
          byte = chunk[i] ?? 0;
          if (byte === GT || byte === QUOTE || byte === APOSTROPHE || byte === LT) break;
          previous = byte;
        }
        if (i === n) break;
        if (byte === GT) {
          const selfClosing = previous === SLASH;
          if (this.tagDepth <= 1) {
            this.depth = depth;
            this.closeTopStartTag(selfClosing);
          }
          if (!selfClosing) depth++;
          else if (this.sized !== 0) this.endSizedElement(this.tagDepth, this.offset + i + 1);
          mode = TEXT;
        } else if (byte === LT) {
          throw this.damaged('a tag never ends: a "<" follows before its ">"', this.offset + i, chunk, i);
        } else {
          mode = byte === QUOTE ? IN_QUOTES : IN_APOSTROPHES;
        }
        i++;
      } else if (mode === IN_QUOTES || mode === IN_APOSTROPHES) {
        const quote = mode === IN_QUOTES ? QUOTE : APOSTROPHE;
        while (i < n && chunk[i] !== quote) i++;
        if (i === n) break;
        mode = START_TAG;
        previous = quote;
        i++;
      } else if (mode === END_TAG) {
        while (i < n && chunk[i] !== GT) i++;
        if (i === n) break;
        depth--;
        if (depth === 1 && this.inSheetData) this.endSheetData();
        if (this.sized !== 0) this.endSizedElement(depth, this.offset + i + 1);
        mode = TEXT;
        i++;
      } else {
        this.mode = mode;
        this.depth = depth;
        this.previous = previous;
        i = mode === TAG_OPEN ? this.openTag(chunk, i) : mode === TAG_NAME ? this.readName(chunk, i) : this.skipSpecial(chunk, i);
        mode = this.mode;
        depth = this.depth;
        previous = this.previous;
      }
    }
    this.mode = mode;
    this.depth = depth;
    this.previous = previous;
    this.offset += n;
    this.checkSize(this.row, this.offset);
    this.checkSize(this.cell, this.offset);
    this.tail = n >= SNIPPET_BYTES ? chunk.subarray(n - SNIPPET_BYTES) : Buffer.concat([this.tail, chunk]).subarray(-SNIPPET_BYTES);
  }

  /** Throws unless the part ended as a complete document. */
  end(): void {
    if (this.mode !== TEXT) throw this.incomplete(`inside ${MODE_NAMES[this.mode] ?? 'a tag'}, so it was cut short`);
    if (!this.sawRoot) throw this.damaged('it holds no XML element', this.offset, EMPTY, -1);
    if (this.depth > 0) {
      const elements = this.depth === 1 ? 'one element' : `${this.depth.toLocaleString('en')} elements`;
      throw this.incomplete(`with ${elements} never closed: it was cut short, or an end tag is missing`);
    }
  }

  /** After `<`: decides what the markup is. Returns where to go on. */
  private openTag(chunk: Buffer, i: number): number {
    const byte = chunk[i] ?? 0;
    if (byte === SLASH) {
      if (this.depth === 0) throw this.damaged('an end tag closes an element that was never opened', this.offset + i, chunk, i);
      this.mode = END_TAG;
    } else if (byte === QUESTION) {
      this.mode = PROCESSING_INSTRUCTION;
      this.matched = 0;
    } else if (byte === BANG) {
      this.mode = DECLARATION;
      this.matched = 0;
    } else if (isNameEnd(byte) || byte === LT) {
      throw this.damaged('a "<" opens no tag', this.offset + i, chunk, i);
    } else {
      if (this.depth === 0 && this.sawRoot) throw this.damaged('a second root element follows the first', this.offset + i, chunk, i);
      this.tagDepth = this.depth;
      this.previous = 0;
      if (this.sizing) this.startSizedElement();
      if (this.inSheetData && this.depth > 1) this.checkCellElementName(chunk, i);
      // Only a root or top-level element's name matters: it tells a worksheet and its sheetData.
      if (this.depth <= 1) {
        this.name = '';
        this.mode = TAG_NAME;
        return i;
      }
      this.mode = START_TAG;
    }
    return i + 1;
  }

  private readName(chunk: Buffer, i: number): number {
    const n = chunk.length;
    const start = i;
    while (i < n && !isNameEnd(chunk[i] ?? 0)) i++;
    if (this.name.length < MAX_NAME_LENGTH) this.name += chunk.toString('latin1', start, Math.min(i, start + MAX_NAME_LENGTH));
    if (i < n) this.mode = START_TAG;
    return i;
  }

  /** The end of a root or top-level start tag: its name tells a worksheet, or its sheetData. */
  private closeTopStartTag(selfClosing: boolean): void {
    if (this.tagDepth === 0) {
      this.sawRoot = true;
      this.rootName = localName(this.name);
      this.rootPrefix = this.name.slice(0, this.name.length - this.rootName.length);
      this.sizing = this.rootName === 'sst';
    } else if (this.rootName === 'worksheet' && localName(this.name) === 'sheetData') {
      this.checkValueElementName(this.name);
      if (!selfClosing) {
        this.inSheetData = true;
        this.sizing = true;
      }
    } else if (this.rootName === 'sst') {
      this.checkValueElementName(this.name);
    }
  }

  /**
   * Checks the name of the start tag at `at` inside sheetData (or, after a chunk boundary cut it,
   * the rest of the name read so far). Names there are a few letters without a prefix: only one
   * with a colon is looked at further, so this costs a sheet a few byte reads per tag.
   */
  private checkCellElementName(chunk: Buffer, at: number): void {
    const n = chunk.length;
    let end = at;
    let colon = false;
    for (; end < n; end++) {
      const byte = chunk[end] ?? 0;
      if (isNameEnd(byte) || byte === LT) break;
      if (byte === COLON) colon = true;
    }
    const head = this.cutName;
    if (end === n) {
      this.cutName = (head ?? '') + chunk.toString('latin1', at, Math.min(end, at + MAX_NAME_LENGTH));
      return;
    }
    this.cutName = undefined;
    if (colon || head?.includes(':') === true) this.checkValueElementName((head ?? '') + chunk.toString('latin1', at, end));
  }

  /** Refuses an element exceljs reads values from whose prefix is not the root's. */
  private checkValueElementName(name: string): void {
    const local = localName(name);
    if (local.length === name.length || !VALUE_ELEMENTS.has(local) || name.slice(0, name.length - local.length) === this.rootPrefix) return;
    throw new SourceRefusedError(
      'corrupt',
      `The workbook's ${partLabel(this.part, this.sheet)} writes its <${local}> elements as <${name}>, with a namespace ` +
        `prefix its root element ${this.rootPrefix === '' ? 'does not use' : `writes as "${this.rootPrefix.slice(0, -1)}"`}; ` +
        'the reader would pass over them and lose their values. Open the file in Excel or LibreOffice and save it again as .xlsx.',
      { part: this.part },
    );
  }

  private endSheetData(): void {
    this.inSheetData = false;
    this.sizing = false;
  }

  /** Comments, CDATA sections, processing instructions and `<!` declarations, across chunks. */
  private skipSpecial(chunk: Buffer, i: number): number {
    switch (this.mode) {
      case DECLARATION: {
        // `<!` opens a comment or, inside an element, a CDATA section; anything else declares a DTD.
        const byte = chunk[i] ?? 0;
        if (this.matched === 0 && byte === DASH) {
          this.mode = COMMENT_OPEN;
        } else if (byte === CDATA_OPEN[this.matched]) {
          this.matched++;
          if (this.matched === CDATA_OPEN.length) {
            if (this.depth === 0) throw this.damaged('a CDATA section stands outside the root element', this.offset + i, chunk, i);
            this.mode = CDATA;
            this.matched = 0;
          }
        } else if (this.matched === 0 && isLetter(byte)) {
          throw doctypeError(this.part);
        } else {
          throw this.damaged('a "<!" opens neither a comment nor a CDATA section', this.offset + i, chunk, i);
        }
        return i + 1;
      }
      case COMMENT_OPEN:
        if (chunk[i] !== DASH) throw this.damaged('a "<!-" opens no comment', this.offset + i, chunk, i);
        this.mode = COMMENT;
        this.matched = 0;
        return i + 1;
      case COMMENT:
        return this.skipUntil(chunk, i, COMMENT_CLOSE);
      case CDATA:
        return this.skipUntil(chunk, i, CDATA_CLOSE);
      default:
        return this.skipUntil(chunk, i, PROCESSING_INSTRUCTION_CLOSE);
    }
  }

  /**
   * Skips to the end of `terminator` (`-->`, `]]>`, `?>`), also when a chunk boundary splits it.
   * Each terminator is its first byte, repeated, then `>`: `matched` counts the repeats seen last.
   */
  private skipUntil(chunk: Buffer, i: number, terminator: { readonly repeated: number; readonly times: number }): number {
    const n = chunk.length;
    let matched = this.matched;
    for (; i < n; i++) {
      const byte = chunk[i] ?? 0;
      if (byte === GT && matched >= terminator.times) {
        this.mode = TEXT;
        this.matched = 0;
        return i + 1;
      }
      matched = byte === terminator.repeated ? matched + 1 : 0;
    }
    this.matched = matched;
    return n;
  }

  private checkOutsideRoot(chunk: Buffer, i: number): void {
    const byte = chunk[i] ?? 0;
    if (byte === SPACE || byte === TAB || byte === LINE_FEED || byte === CARRIAGE_RETURN) return;
    const offset = this.offset + i;
    if (offset < UTF8_BOM.length && byte === UTF8_BOM[offset]) return;
    throw this.damaged(this.sawRoot ? 'text follows the root element' : 'text comes before the root element', offset, chunk, i);
  }

  // A worksheet's rows are the children of its sheetData, their cells the grandchildren;
  // a shared-strings table's items are the children of its root.
  private startSizedElement(): void {
    const depth = this.tagDepth;
    const kind: SizedKind | undefined =
      this.inSheetData && depth === 2 ? 'row' : this.inSheetData && depth === 3 ? 'cell' : depth === 1 && this.rootName === 'sst' ? 'shared string' : undefined;
    if (kind === undefined) return;
    const element = kind === 'row' ? this.row : this.cell;
    if (element.kind === undefined) this.sized++;
    element.kind = kind;
    element.depth = depth;
    element.offset = this.tagStartOffset;
    element.chunk = this.tagStartChunk;
    element.index = this.tagStartIndex;
  }

  private endSizedElement(depth: number, end: number): void {
    const element = this.cell.kind !== undefined && this.cell.depth === depth ? this.cell : this.row.kind !== undefined && this.row.depth === depth ? this.row : undefined;
    if (element === undefined) return;
    this.checkSize(element, end);
    element.kind = undefined;
    element.chunk = EMPTY;
    this.sized--;
  }

  private checkSize(element: SizedElement, end: number): void {
    if (element.kind === undefined) return;
    const limit = element.kind === 'row' ? MAX_ROW_XML_BYTES : MAX_CELL_XML_BYTES;
    if (end - element.offset <= limit) return;
    // The element's chunk is kept alive by this reference alone, so its start tag is still there to name it.
    const reference = REFERENCE_ATTRIBUTE.exec(element.chunk.toString('latin1', element.index, element.index + START_TAG_BYTES))?.[1];
    const which =
      reference === undefined
        ? `a ${element.kind} starting at byte ${element.offset.toLocaleString('en')}`
        : `${element.kind} ${reference}`;
    const why =
      element.kind === 'row'
        ? 'no genuine row comes near that'
        : "a cell holds at most Excel's 32,767 characters, which take far less";
    throw new SourceRefusedError(
      'too-large',
      `The workbook's ${partLabel(this.part, this.sheet)} holds ${which}, which takes more than ${formatBytes(limit)} of XML ` +
        `(${why}). The file is damaged or hostile: check it with its sender.`,
      { part: this.part },
    );
  }

  private incomplete(how: string): SourceRefusedError {
    return new SourceRefusedError(
      'corrupt',
      `The workbook is damaged: its ${partLabel(this.part, this.sheet)} is incomplete XML: it ends after ` +
        `${this.offset.toLocaleString('en')} bytes ("…${snippet(this.tail)}") ${how}. ` +
        'Open it in Excel to repair it, or ask for a fresh copy.',
      { part: this.part },
    );
  }

  /** `at` is the index in `chunk` of the byte where the problem shows; -1 for the end of the part. */
  private damaged(problem: string, offset: number, chunk: Buffer, at: number): SourceRefusedError {
    // The bytes up to the problem, from this chunk and, where it starts late in it, the ones before.
    const upTo = at + 1;
    const before = upTo >= SNIPPET_BYTES ? EMPTY : this.tail.subarray(Math.max(0, this.tail.length - (SNIPPET_BYTES - upTo)));
    const shown = Buffer.concat([before, chunk.subarray(Math.max(0, upTo - SNIPPET_BYTES), upTo)]);
    return new SourceRefusedError(
      'corrupt',
      `The workbook is damaged: its ${partLabel(this.part, this.sheet)} is not well-formed XML at byte ` +
        `${offset.toLocaleString('en')}: ${problem} ("…${snippet(shown)}"). ` +
        'Open it in Excel to repair it, or ask for a fresh copy.',
      { part: this.part },
    );
  }
}

/** How a message names a part: with its sheet's name where that is known. */
export function partLabel(part: string, sheet?: string): string {
  return sheet === undefined ? `part ${part}` : `sheet "${sheet}" (part ${part})`;
}

export function doctypeError(part: string): SourceRefusedError {
  return new SourceRefusedError(
    'doctype',
    `The workbook's part ${part} contains a <!DOCTYPE> declaration, which Excel never writes and which can be ` +
      'used to attack XML parsers. Ask for a copy saved by Excel as .xlsx.',
  );
}

type SizedKind = 'row' | 'cell' | 'shared string';

/** An open row, cell or shared string whose XML is being measured; `kind` is undefined when none is open. */
interface SizedElement {
  kind: SizedKind | undefined;
  depth: number;
  /** Where its `<` is: in the part, and in the chunk that held it. */
  offset: number;
  chunk: Buffer;
  index: number;
}

function sizedElement(): SizedElement {
  return { kind: undefined, depth: 0, offset: 0, chunk: EMPTY, index: 0 };
}

const EMPTY = Buffer.alloc(0);
const TEXT = 0;
const TAG_OPEN = 1;
const TAG_NAME = 2;
const START_TAG = 3;
const IN_QUOTES = 4;
const IN_APOSTROPHES = 5;
const END_TAG = 6;
const DECLARATION = 7;
const COMMENT_OPEN = 8;
const COMMENT = 9;
const CDATA = 10;
const PROCESSING_INSTRUCTION = 11;
const MODE_NAMES: Readonly<Record<number, string>> = {
  [IN_QUOTES]: 'an attribute value',
  [IN_APOSTROPHES]: 'an attribute value',
  [COMMENT]: 'a comment',
  [CDATA]: 'a CDATA section',
  [PROCESSING_INSTRUCTION]: 'a processing instruction',
};

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const DASH = 0x2d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const SPACE = 0x20;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const CDATA_OPEN = [...Buffer.from('[CDATA[', 'latin1')];
const COMMENT_CLOSE = { repeated: DASH, times: 2 };
const CDATA_CLOSE = { repeated: 0x5d, times: 2 };
const PROCESSING_INSTRUCTION_CLOSE = { repeated: QUESTION, times: 1 };
const MAX_NAME_LENGTH = 64;
const COLON = 0x3a;
/** What exceljs reads a sheet's values or shared strings from, by their bare names (formulas and inline strings are read around it). */
const VALUE_ELEMENTS: ReadonlySet<string> = new Set(['sheetData', 'row', 'c', 'v', 'si']);
const START_TAG_BYTES = 96;
const SNIPPET_BYTES = 48;

function isNameEnd(byte: number): boolean {
  return byte === GT || byte === SLASH || byte === SPACE || byte === TAB || byte === LINE_FEED || byte === CARRIAGE_RETURN;
}

/** Not a complete check of XML's name characters: what is not a name here is refused by the parser later. */
function isNameStart(byte: number): boolean {
  return isLetter(byte) || byte === 0x5f || byte === 0x3a || byte >= 0x80;
}

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}

/** The `r` attribute of a row's or cell's start tag (`7`, `B7`); bounded input, so the lazy match stays cheap. */
const REFERENCE_ATTRIBUTE = /^<[^\s>/]+[^>]*?\sr\s*=\s*["']([^"']{1,16})["']/;

/** A few bytes of a part for a message, control characters shown as `?`. */
function snippet(bytes: Buffer): string {
  return bytes
    .toString('utf8')
    .replace(/^\uFFFD+|\uFFFD+$/g, '')
    .replace(/\p{Cc}/gu, '?');
}
