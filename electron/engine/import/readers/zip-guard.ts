import { isUtf8 } from 'node:buffer';
import type { Entry, ZipFile } from 'yauzl';
import { formatBytes, GIB, MIB, SourceRefusedError } from './refusal';
import { readWorkbookLayoutOf, SHARED_STRINGS_PART, STYLES_PART, WORKBOOK_PART, WORKBOOK_RELATIONSHIPS_PART } from './xlsx-workbook';
import { partLabel, XmlPartChecker } from './xml-part-checker';
import { inflateZipEntry, listZipEntries, withZipArchive } from './zip-archive';

/** Caps applied to every source file before a parser sees it (design §6). */
export interface ReadLimits {
  /** Largest source file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Most entries a workbook's ZIP archive may list. */
  readonly maxZipEntries: number;
  /** Largest total uncompressed size of a workbook, both as declared and as actually inflated. */
  readonly maxUncompressedBytes: number;
  /** Highest uncompressed : compressed ratio, per entry and for the whole archive. */
  readonly maxCompressionRatio: number;
  /** Below this uncompressed size the ratio is not checked: small XML parts legitimately compress very well. */
  readonly ratioCheckMinBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = Object.freeze({
  maxFileBytes: 512 * MIB,
  maxZipEntries: 10_000,
  maxUncompressedBytes: 2 * GIB,
  maxCompressionRatio: 200,
  ratioCheckMinBytes: MIB,
});

/** A workbook archive the guard has checked. */
export interface GuardedWorkbook {
  /** Compressed size of every entry, by name. */
  readonly compressedBytes: ReadonlyMap<string, number>;
  /** Uncompressed size every entry declares, by name: each part's bytes are held to it again as the read streams them (InflatedPartCheck). */
  readonly declaredBytes: ReadonlyMap<string, number>;
}

/**
 * Checks a workbook's ZIP archive before exceljs parses it: entry count, declared sizes and
 * compression ratios, then inflates every XML part, counting the bytes that really come out
 * (a header that lies about its size is caught as soon as it is exceeded), refusing any text that
 * is not UTF-8 (so the reader can decode without checking again), any DOCTYPE, and any part but
 * a sheet that is cut short or not a single complete element (XmlPartChecker).
 *
 * A sheet (a part the workbook lists as a worksheet, and whose root element is one) is inflated
 * only up to its root element's start tag: the streaming read inflates it anyway, and holds its
 * bytes to the same checks (InflatedPartCheck, XmlPartChecker) before its parser sees them, so
 * the bulk of a workbook is inflated once per read, not twice. Every other part, and the parts
 * exceljs reads by name (workbook, relationships, shared strings, styles) even where the sheet
 * list names one, is checked in full here, whatever its root element claims. The workbook part
 * and its relationships, which say which parts are sheets, are checked first.
 */
export async function guardWorkbookArchive(
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<GuardedWorkbook> {
  return withZipArchive(path, limits.maxZipEntries, async (zip) => {
    const entries = await listZipEntries(zip);
    checkDeclaredSizes(entries, limits);

    const xmlParts = entries.filter(isXmlPart);
    const layoutParts = xmlParts.filter((entry) => entry.fileName === WORKBOOK_PART || entry.fileName === WORKBOOK_RELATIONSHIPS_PART);
    for (const entry of layoutParts) await checkXmlPart(zip, entry, false);
    const sheetParts = await listedSheetParts(zip, entries);
    for (const entry of xmlParts) {
      if (layoutParts.includes(entry)) continue;
      await checkXmlPart(zip, entry, sheetParts.has(entry.fileName) && !EXCELJS_NAMED_PARTS.has(entry.fileName));
    }
    return {
      compressedBytes: new Map(entries.map((entry) => [entry.fileName, entry.compressedSize])),
      declaredBytes: new Map(entries.map((entry) => [entry.fileName, entry.uncompressedSize])),
    };
  });
}

/** Parts exceljs reads by these names whatever the sheet list says: checked in full even where it lists one as a sheet. */
const EXCELJS_NAMED_PARTS: ReadonlySet<string> = new Set([WORKBOOK_PART, WORKBOOK_RELATIONSHIPS_PART, SHARED_STRINGS_PART, STYLES_PART]);

/** Inflates one XML part through the checks; a `listedSheet` stops at a worksheet root's start tag (see above). */
async function checkXmlPart(zip: ZipFile, entry: Entry, listedSheet: boolean): Promise<void> {
  const xml = new XmlPartChecker(entry.fileName);
  const inflated = new InflatedPartCheck(entry.fileName, entry.uncompressedSize);
  for await (const chunk of inflateZipEntry(zip, entry)) {
    if (inflated.bytes === 0) refuseUtf16Xml(entry.fileName, chunk);
    inflated.feed(chunk);
    xml.feed(chunk);
    if (listedSheet && xml.isWorksheet) return;
  }
  inflated.end();
  xml.end();
}

/**
 * The parts the workbook lists as worksheets. A workbook whose sheet list cannot be read lists
 * none here, so every part is checked in full; the reader then refuses it, reading the same list.
 */
async function listedSheetParts(zip: ZipFile, entries: readonly Entry[]): Promise<Set<string>> {
  const layout = await readWorkbookLayoutOf(zip, entries).catch((error: unknown) => {
    if (error instanceof SourceRefusedError) return undefined;
    throw error;
  });
  return new Set(layout?.worksheets.map((sheet) => sheet.partName));
}

/**
 * Holds one part's inflated bytes, chunk by chunk, to the size its ZIP header declares (a header
 * that lies is caught as soon as it is exceeded: declared sizes already passed the caps, so this
 * bounds the total) and to UTF-8, which Excel always writes.
 */
export class InflatedPartCheck {
  private inflated = 0;
  private readonly utf8 = new Utf8Validator();

  /** `sheet` names the sheet the part holds, for messages, where that is known. */
  constructor(
    private readonly part: string,
    private readonly declaredBytes: number,
    private readonly sheet?: string,
  ) {}

  /** Bytes inflated so far. */
  get bytes(): number {
    return this.inflated;
  }

  feed(chunk: Buffer): void {
    this.inflated += chunk.length;
    if (this.inflated > this.declaredBytes) {
      throw bombError(`its ${partLabel(this.part, this.sheet)} inflates to more than the ${formatBytes(this.declaredBytes)} its ZIP header declares`);
    }
    if (!this.utf8.feed(chunk)) throw notUtf8Error(this.part, this.sheet);
  }

  /** Throws unless the part ended on a whole character, at exactly its declared size. */
  end(): void {
    if (!this.utf8.end()) throw notUtf8Error(this.part, this.sheet);
    if (this.inflated !== this.declaredBytes) {
      throw new SourceRefusedError(
        'corrupt',
        `The workbook is damaged: its ${partLabel(this.part, this.sheet)} holds ${this.inflated.toLocaleString('en')} bytes, ` +
          `not the ${this.declaredBytes.toLocaleString('en')} its ZIP header declares. ` +
          'Open it in Excel to repair it, or ask for a fresh copy.',
        { part: this.part },
      );
    }
  }
}

function isXmlPart(entry: Entry): boolean {
  const name = entry.fileName.toLowerCase();
  return name.endsWith('.xml') || name.endsWith('.rels');
}

function checkDeclaredSizes(entries: readonly Entry[], limits: ReadLimits): void {
  const names = new Set<string>();
  let uncompressedTotal = 0;
  let compressedTotal = 0;
  for (const entry of entries) {
    // Two entries with one name let a streaming unzipper and a directory reader see different files.
    if (names.has(entry.fileName)) {
      throw new SourceRefusedError(
        'corrupt',
        `The workbook is damaged: its ZIP archive holds ${entry.fileName} twice. Open it in Excel to repair it, ` +
          'or ask for a fresh copy.',
      );
    }
    names.add(entry.fileName);
    if (exceedsRatio(entry.uncompressedSize, entry.compressedSize, limits)) {
      throw bombError(
        `its part ${entry.fileName} would inflate from ${formatBytes(entry.compressedSize)} to ` +
          `${formatBytes(entry.uncompressedSize)}`,
      );
    }
    uncompressedTotal += entry.uncompressedSize;
    compressedTotal += entry.compressedSize;
    if (uncompressedTotal > limits.maxUncompressedBytes) {
      throw bombError(
        `its parts add up to more than ${formatBytes(limits.maxUncompressedBytes)} once inflated`,
      );
    }
  }
  if (exceedsRatio(uncompressedTotal, compressedTotal, limits)) {
    throw bombError(
      `it would inflate from ${formatBytes(compressedTotal)} to ${formatBytes(uncompressedTotal)}`,
    );
  }
}

function exceedsRatio(uncompressed: number, compressed: number, limits: ReadLimits): boolean {
  return uncompressed > limits.ratioCheckMinBytes && uncompressed > compressed * limits.maxCompressionRatio;
}

// exceljs decodes every part as UTF-8, so a UTF-16 part could carry a DOCTYPE past the byte scan;
// ASCII in UTF-16 is valid UTF-8 byte for byte, hence this look at the first bytes.
function refuseUtf16Xml(part: string, firstChunk: Buffer): void {
  const [first, second] = firstChunk;
  const utf16 = (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff) || first === 0 || second === 0;
  if (utf16) throw notUtf8Error(part);
}

function notUtf8Error(part: string, sheet?: string): SourceRefusedError {
  return new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: its ${partLabel(part, sheet)} is not UTF-8 text, which Excel always writes. ` +
      'Open it in Excel and save it again as .xlsx.',
    { part },
  );
}

/** Validates UTF-8 chunk by chunk, carrying a character that a chunk boundary splits. */
class Utf8Validator {
  private carry: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): boolean {
    const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const complete = completeUtf8Length(bytes);
    this.carry = Buffer.from(bytes.subarray(complete));
    return isUtf8(bytes.subarray(0, complete));
  }

  end(): boolean {
    return this.carry.length === 0;
  }
}

/** The length of the longest prefix that does not end inside a multi-byte character. */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: the character starts further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function bombError(what: string): SourceRefusedError {
  return new SourceRefusedError(
    'zip-bomb',
    `The workbook looks like a ZIP bomb: ${what}. Real workbooks stay far below these sizes. ` +
      'Do not open it; ask the sender for a genuine copy.',
  );
}
