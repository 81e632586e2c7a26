import { open } from 'node:fs/promises';
import type { Entry } from 'yauzl';
import { readCompoundFileDirectory } from './compound-file';
import { formatBytes, SourceRefusedError } from './refusal';
import { listZipEntries, readZipEntryText, withZipArchive } from './zip-archive';
import type { ReadLimits } from './zip-guard';

export { SourceRefusedError } from './refusal';
export type { RefusalCode } from './refusal';

export type SourceFormat = 'xlsx' | 'xlsm' | 'csv';

export interface SniffedSource {
  readonly format: SourceFormat;
  /** The workbook carries a macro project (VBA or Excel 4 macro sheets). It is never run. */
  readonly hasMacros: boolean;
}

/**
 * Decides what a file is from its bytes, not its name, and refuses everything the importer
 * cannot read with a message that says what the file is and what to do.
 */
export async function sniffSource(path: string, limits: Pick<ReadLimits, 'maxFileBytes' | 'maxZipEntries'>): Promise<SniffedSource> {
  const head = await readHead(path, limits.maxFileBytes);
  if (startsWith(head, ZIP_LOCAL_FILE_SIGNATURE)) return sniffZip(path, limits.maxZipEntries);
  if (startsWith(head, COMPOUND_FILE_SIGNATURE)) throw await compoundFileRefusal(path);
  refuseKnownBinary(head);
  refuseMarkup(head);
  return { format: 'csv', hasMacros: false };
}

const SNIFF_BYTES = 8 * 1024;
const ZIP_LOCAL_FILE_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const COMPOUND_FILE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);
/** Far above the few kilobytes Excel writes; a bound so sniffing cannot be made to inflate much. */
const CONTENT_TYPES_MAX_BYTES = 4 * 1024 * 1024;
const MIMETYPE_MAX_BYTES = 256;
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const SAVE_AS_XLSX = 'open it in Excel or LibreOffice and save it as .xlsx (or export the table as .csv)';

async function readHead(path: string, maxFileBytes: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > maxFileBytes) {
      throw new SourceRefusedError(
        'too-large',
        `The file is ${formatBytes(size)}, above the import limit of ${formatBytes(maxFileBytes)}. ` +
          'Split it, or import only the sheets you need saved as a smaller workbook.',
      );
    }
    if (size === 0) throw new SourceRefusedError('not-spreadsheet', 'The file is empty (0 bytes): export the data again.');
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await file.read(head, 0, head.length, 0);
    return head;
  } finally {
    await file.close();
  }
}

async function sniffZip(path: string, maxZipEntries: number): Promise<SniffedSource> {
  return withZipArchive(path, maxZipEntries, async (zip) => {
    const entries = new Map<string, Entry>();
    for (const entry of await listZipEntries(zip)) entries.set(entry.fileName, entry);

    const mimetype = entries.get('mimetype');
    if (mimetype !== undefined) {
      const type = (await readZipEntryText(zip, mimetype, MIMETYPE_MAX_BYTES)).trim();
      if (type === ODS_MIMETYPE) {
        throw new SourceRefusedError(
          'ods',
          'The file is an OpenDocument spreadsheet (.ods), which this app does not read: open it in LibreOffice ' +
            'or Excel and save it as .xlsx.',
        );
      }
    }
    if (entries.has('xl/workbook.bin')) {
      throw new SourceRefusedError(
        'not-spreadsheet',
        'The file is an Excel binary workbook (.xlsb), which this app does not read: open it in Excel and save it as .xlsx.',
      );
    }
    const contentTypes = entries.get('[Content_Types].xml');
    if (contentTypes === undefined || !entries.has('xl/workbook.xml')) {
      throw new SourceRefusedError(
        'not-spreadsheet',
        'The file is a ZIP archive but not an Excel workbook: export the data from its source as .xlsx or .csv.',
      );
    }
    const names = [...entries.keys()];
    const hasMacros = entries.has('xl/vbaProject.bin') || names.some((name) => name.startsWith('xl/macrosheets/'));
    const macroEnabled = /macroEnabled\.main\+xml/i.test(await readZipEntryText(zip, contentTypes, CONTENT_TYPES_MAX_BYTES));
    return { format: hasMacros || macroEnabled ? 'xlsm' : 'xlsx', hasMacros };
  });
}

async function compoundFileRefusal(path: string): Promise<SourceRefusedError> {
  const directory = await readCompoundFileDirectory(path).catch((cause: unknown) => ({
    names: [],
    damage: cause instanceof Error ? cause.message : String(cause),
  }));
  const names = new Set(directory.names);
  // Excel stores a password-encrypted .xlsx inside an OLE2 container with these two streams.
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) {
    return new SourceRefusedError(
      'encrypted',
      'The file is a password-protected (encrypted) workbook, which cannot be read without its password: open it in ' +
        'Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear the password), ' +
        'save it as .xlsx and import it again.',
    );
  }
  if (directory.damage !== undefined) {
    return new SourceRefusedError(
      'corrupt',
      'The file is an older Microsoft Office (OLE2) file, such as an Excel 97-2003 .xls, and it is damaged ' +
        `(${directory.damage}): open it in Excel to repair it and save it as .xlsx.`,
    );
  }
  if (names.has('Workbook') || names.has('Book')) {
    return new SourceRefusedError(
      'legacy-xls',
      'Excel 97-2003 .xls is not supported: open it in Excel or LibreOffice and save as .xlsx.',
    );
  }
  const kind = names.has('WordDocument')
    ? 'a Word 97-2003 document (.doc)'
    : names.has('PowerPoint Document')
      ? 'a PowerPoint 97-2003 presentation (.ppt)'
      : 'an older Microsoft Office (OLE2) file that holds no Excel workbook';
  return new SourceRefusedError('not-spreadsheet', `The file is ${kind}, not a spreadsheet: ${SAVE_AS_XLSX}.`);
}

const BINARY_SIGNATURES: ReadonlyArray<{ readonly bytes: Buffer; readonly kind: string }> = [
  { bytes: Buffer.from('%PDF-', 'latin1'), kind: 'a PDF document' },
  { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]), kind: 'a PNG image' },
  { bytes: Buffer.from([0xff, 0xd8, 0xff]), kind: 'a JPEG image' },
  { bytes: Buffer.from('GIF8', 'latin1'), kind: 'a GIF image' },
  { bytes: Buffer.from([0x1f, 0x8b]), kind: 'a gzip-compressed file' },
  { bytes: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), kind: 'a 7-Zip archive' },
  { bytes: Buffer.from('Rar!', 'latin1'), kind: 'a RAR archive' },
  { bytes: Buffer.from([0x50, 0x4b, 0x05, 0x06]), kind: 'an empty ZIP archive' },
  { bytes: Buffer.from([0x50, 0x4b, 0x07, 0x08]), kind: 'one part of a split ZIP archive' },
];

function refuseKnownBinary(head: Buffer): void {
  const known = BINARY_SIGNATURES.find(({ bytes }) => startsWith(head, bytes));
  const isUtf16 = startsWith(head, UTF16LE_BOM) || startsWith(head, UTF16BE_BOM);
  const kind = known?.kind ?? (!isUtf16 && head.includes(0) ? 'a binary file, not text' : undefined);
  if (kind !== undefined) {
    throw new SourceRefusedError(
      'not-spreadsheet',
      `The file is ${kind}, not a spreadsheet: export the data from its source as .xlsx or .csv.`,
    );
  }
}

// Web "Excel exports" are often HTML tables or Excel 2003 XML; read as CSV they would import markup.
function refuseMarkup(head: Buffer): void {
  const encoding = startsWith(head, UTF16LE_BOM) ? 'utf-16le' : startsWith(head, UTF16BE_BOM) ? 'utf-16be' : 'utf-8';
  const start = new TextDecoder(encoding).decode(head).trimStart().slice(0, 1024).toLowerCase();
  const kind = /^<\?xml[\s\S]*progid="excel\.sheet"/.test(start)
    ? 'an Excel 2003 XML spreadsheet'
    : start.startsWith('<?xml')
      ? 'an XML document'
      : /^<(!doctype html|html|table|head|body)\b/.test(start)
        ? 'a web page (HTML), as some websites produce for "Excel" downloads'
        : undefined;
  if (kind !== undefined) {
    throw new SourceRefusedError('not-spreadsheet', `The file is ${kind}, not a CSV or .xlsx workbook: ${SAVE_AS_XLSX}.`);
  }
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}
