/**
 * Builders for the files the reader tests need: ZIP archives with hand-written headers (so a
 * header can lie), minimal workbooks whose sheet XML is written by hand (so a formula can cache
 * an error), and OLE2 compound files.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipEntrySpec {
  readonly name: string;
  readonly data: Buffer | string;
  /** Deflate unless told to store. */
  readonly stored?: boolean;
  /** Compressed bytes to write instead of deflating `data` (which then only gives the CRC). */
  readonly compressed?: Buffer;
  /** The uncompressed size to declare; the true size otherwise. */
  readonly declaredSize?: number;
  /** The CRC-32 to declare, for an entry given only `compressed`; computed from `data` otherwise. */
  readonly crc?: number;
}

/** A ZIP archive written header by header. */
export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const body = entry.compressed ?? (entry.stored === true ? data : zlib.deflateRawSync(data));
    const name = Buffer.from(entry.name, 'utf8');
    const fields = {
      method: entry.stored === true ? 0 : 8,
      crc: entry.crc ?? zlib.crc32(data),
      compressedSize: body.length,
      size: entry.declaredSize ?? data.length,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressedSize, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(fields.method, 10);
    central.writeUInt32LE(fields.crc, 16);
    central.writeUInt32LE(fields.compressedSize, 20);
    central.writeUInt32LE(fields.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every entry of a ZIP archive, by name, in directory order. */
export async function unzip(archive: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(archive, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

/** `bytes` copies of one byte, deflated chunk by chunk so the test never holds them uncompressed. */
export async function deflatedFill(bytes: number, fill: number): Promise<Buffer> {
  return (await deflatedPart('', bytes, fill, '')).compressed;
}

/**
 * A ZIP entry's content: `prefix`, `fillBytes` copies of one byte, then `suffix`, deflated chunk by
 * chunk so the test never holds it uncompressed; with the CRC-32 and size its headers declare.
 */
export async function deflatedPart(prefix: string, fillBytes: number, fill: number, suffix: string): Promise<{ compressed: Buffer; crc: number; size: number }> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const output: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => output.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  const write = async (piece: Buffer): Promise<void> => {
    crc = zlib.crc32(piece, crc);
    size += piece.length;
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(Buffer.from(prefix, 'utf8'));
  const block = Buffer.alloc(1024 * 1024, fill);
  for (let written = 0; written < fillBytes; written += block.length) await write(block.subarray(0, Math.min(block.length, fillBytes - written)));
  await write(Buffer.from(suffix, 'utf8'));
  deflate.end();
  await done;
  return { compressed: Buffer.concat(output), crc, size };
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface HandMadeSheet {
  readonly name: string;
  /** The children of `<sheetData>`: `<row>` elements. */
  readonly rows: string;
  /** The part name; `xl/worksheets/sheetN.xml` by default. */
  readonly partName?: string;
}

export interface HandMadeWorkbook {
  readonly sheets: readonly HandMadeSheet[];
  readonly sharedStrings?: readonly string[];
  /** Serial dates count from 1904-01-01. */
  readonly date1904?: boolean;
  readonly extraEntries?: readonly ZipEntrySpec[];
  readonly workbookContentType?: string;
  /** Parts to store with this content, or as this entry, instead of what the builder writes (to damage them). */
  readonly overrides?: Readonly<Record<string, string | Buffer | Omit<ZipEntrySpec, 'name'>>>;
  /** Writes the SpreadsheetML parts with this prefix on every element (`<x:worksheet>`), as some systems export them. */
  readonly mainNamespacePrefix?: string;
}

/** A worksheet part holding the given `<row>` elements. */
export function worksheetXml(rows: string): string {
  return `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${rows}</sheetData></worksheet>`;
}

/**
 * A minimal workbook as Excel lays it out: sheets stored before the shared strings and styles.
 * Style 1 is a date format (`yyyy-mm-dd`).
 */
export function handMadeWorkbook(spec: HandMadeWorkbook): Buffer {
  const sheetParts = spec.sheets.map((sheet, index) => sheet.partName ?? `xl/worksheets/sheet${index + 1}.xml`);
  const contentType = spec.workbookContentType ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  const entries: ZipEntrySpec[] = [
    {
      name: '[Content_Types].xml',
      data:
        XML_DECLARATION +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${contentType}"/>` +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        XML_DECLARATION +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data:
        XML_DECLARATION +
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        (spec.date1904 === true ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
        '<sheets>' +
        spec.sheets.map((sheet, index) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        XML_DECLARATION +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheetParts
          .map(
            (part, index) =>
              `<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="${part.replace(/^xl\//, '')}"/>`,
          )
          .join('') +
        `<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    },
    ...spec.sheets.map((sheet, index) => ({
      name: sheetParts[index] ?? '',
      data: worksheetXml(sheet.rows),
    })),
    {
      name: 'xl/styles.xml',
      data:
        XML_DECLARATION +
        `<styleSheet xmlns="${MAIN_NS}">` +
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
        '<borders count="1"><border/></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '</styleSheet>',
    },
    ...(spec.sharedStrings === undefined
      ? []
      : [
          {
            name: 'xl/sharedStrings.xml',
            data:
              XML_DECLARATION +
              `<sst xmlns="${MAIN_NS}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">` +
              spec.sharedStrings.map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`).join('') +
              '</sst>',
          },
        ]),
    ...(spec.extraEntries ?? []),
  ];
  const prefix = spec.mainNamespacePrefix;
  return buildZip(
    entries.map((written) => {
      const entry = prefix !== undefined && typeof written.data === 'string' ? { ...written, data: withMainNamespacePrefix(written.data, prefix) } : written;
      const override = spec.overrides?.[entry.name];
      if (override === undefined) return entry;
      return typeof override === 'string' || Buffer.isBuffer(override) ? { ...entry, data: override } : { ...entry, ...override };
    }),
  );
}

/** The same part with the main namespace bound to `prefix` and every element named with it. */
function withMainNamespacePrefix(xml: string, prefix: string): string {
  const unprefixed = `xmlns="${MAIN_NS}"`;
  if (!xml.includes(unprefixed)) return xml;
  return xml.replace(unprefixed, `xmlns:${prefix}="${MAIN_NS}"`).replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, `<$1${prefix}:$2`);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface CompoundFileOptions {
  /** Bytes to drop from the end, as a writer does that does not pad the last sector. */
  readonly unpaddedBytes?: number;
}

/**
 * An OLE2 compound file (512-byte sectors) whose directory holds a root entry and the given
 * stream names, four entries to a directory sector, the sectors chained through the FAT, as
 * Excel's .xls and encrypted .xlsx files have.
 */
export function compoundFile(streamNames: readonly string[], options: CompoundFileOptions = {}): Buffer {
  const sector = 512;
  const entriesPerSector = sector / 128;
  const names = ['Root Entry', ...streamNames];
  const directorySectors = Math.ceil(names.length / entriesPerSector);
  const header = Buffer.alloc(sector);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c); // the FAT is sector 0

  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 holds the FAT
  for (let index = 1; index <= directorySectors; index++) {
    fat.writeUInt32LE(index === directorySectors ? 0xfffffffe : index + 1, 4 * index); // the directory chain
  }

  const directory = Buffer.alloc(sector * directorySectors);
  names.forEach((name, index) => {
    const entry = directory.subarray(index * 128, (index + 1) * 128);
    entry.write(name, 0, 'utf16le');
    entry.writeUInt16LE((name.length + 1) * 2, 0x40);
    entry[0x42] = index === 0 ? 5 : 2;
  });
  const file = Buffer.concat([header, fat, directory]);
  return file.subarray(0, file.length - (options.unpaddedBytes ?? 0));
}

/** Writes `content` to `name` in `dir` and returns the path. */
export function writeFile(dir: string, name: string, content: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
