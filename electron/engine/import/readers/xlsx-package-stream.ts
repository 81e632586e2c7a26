import { crc32 } from 'node:zlib';
import type { Entry } from 'yauzl';
import { listZipEntries, openZipArchive } from './zip-archive';

/** One entry of the rebuilt stream. */
export interface StreamedPart {
  /** The name exceljs sees. */
  readonly name: string;
  /** Where the bytes come from: an entry of the source archive, or content made up here. */
  readonly source: { readonly entryName: string } | { readonly content: Buffer };
}

/**
 * The workbook as exceljs reads it: a ZIP stream rebuilt from the central directory the guard
 * checked, holding only the given parts, in the given order, under the given names, their
 * compressed bytes copied unchanged.
 *
 * Why: exceljs unzips from the local headers, front to back. Excel stores sheets before their
 * shared strings, which makes exceljs copy every sheet to a temporary file first (left behind
 * when a read is cancelled); a file whose local headers disagree with its directory would show
 * exceljs other bytes than the guard checked; and sheets it does not need would still be inflated.
 * `onSourceBytes` counts the compressed bytes as they leave the file.
 */
export async function* rebuildPackage(
  path: string,
  parts: readonly StreamedPart[],
  maxZipEntries: number,
  onSourceBytes?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const zip = await openZipArchive(path, maxZipEntries);
  try {
    const entries = new Map((await listZipEntries(zip)).map((entry) => [entry.fileName, entry]));
    for (const part of parts) {
      if ('content' in part.source) {
        yield localFileHeader(part.name, storedEntryFields(part.source.content));
        yield part.source.content;
        continue;
      }
      const entry = entries.get(part.source.entryName);
      if (entry === undefined) throw new Error(`${part.source.entryName} vanished from the archive`);
      yield localFileHeader(part.name, entry);
      for await (const chunk of await zip.openReadStreamPromise(entry, { decodeFileData: false })) {
        onSourceBytes?.((chunk as Buffer).length);
        yield chunk as Buffer;
      }
    }
  } finally {
    zip.close();
  }
}

type HeaderFields = Pick<
  Entry,
  'compressionMethod' | 'lastModFileTime' | 'lastModFileDate' | 'crc32' | 'compressedSize' | 'uncompressedSize'
>;

const LOCAL_FILE_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_FILE_HEADER_BYTES = 30;
const VERSION_NEEDED_TO_EXTRACT = 20;
/** Names are UTF-8; bit 3 stays clear because the sizes are in the header, not in a trailing descriptor. */
const UTF8_NAMES_FLAG = 0x0800;
const STORED = 0;

function localFileHeader(name: string, fields: HeaderFields): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(LOCAL_FILE_HEADER_BYTES + nameBytes.length);
  header.writeUInt32LE(LOCAL_FILE_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(VERSION_NEEDED_TO_EXTRACT, 4);
  header.writeUInt16LE(UTF8_NAMES_FLAG, 6);
  header.writeUInt16LE(fields.compressionMethod, 8);
  header.writeUInt16LE(fields.lastModFileTime, 10);
  header.writeUInt16LE(fields.lastModFileDate, 12);
  header.writeUInt32LE(fields.crc32, 14);
  header.writeUInt32LE(fields.compressedSize, 18);
  header.writeUInt32LE(fields.uncompressedSize, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(0, 28);
  nameBytes.copy(header, LOCAL_FILE_HEADER_BYTES);
  return header;
}

function storedEntryFields(content: Buffer): HeaderFields {
  return {
    compressionMethod: STORED,
    lastModFileTime: 0,
    lastModFileDate: 0,
    crc32: crc32(content),
    compressedSize: content.length,
    uncompressedSize: content.length,
  };
}
