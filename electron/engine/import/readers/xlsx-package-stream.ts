import { crc32 } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { listZipEntries, openZipArchive, STORED } from './zip-archive';
import { inflateAsDeclared } from './zip-guard';

/** One entry of the rebuilt stream. */
export interface StreamedPart {
  /** The name exceljs sees. */
  readonly name: string;
  /** Where the bytes come from: an entry of the source archive, or content made up here. */
  readonly source: { readonly entryName: string } | { readonly content: Buffer };
}

/** Inflated bytes per chunk: many times zlib's 16 KiB, so a sheet takes far fewer trips to zlib's threads. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * Parts inflated straight from the archive, outside the rebuilt package: each worksheet, which
 * the parser then reads without the stream stages of exceljs's unzipper, and with the next chunk
 * inflating while it parses one. Held to their declared sizes, as in the package.
 */
export class ArchivePartReader {
  private readonly reading = new Set<AsyncGenerator<Buffer>>();

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly onSourceBytes: ((bytes: number) => void) | undefined,
  ) {}

  static async open(path: string, maxZipEntries: number, onSourceBytes?: (bytes: number) => void): Promise<ArchivePartReader> {
    const zip = await openZipArchive(path, maxZipEntries);
    try {
      return new ArchivePartReader(zip, new Map((await listZipEntries(zip)).map((entry) => [entry.fileName, entry])), onSourceBytes);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** The inflated bytes of one part; `onSourceBytes` counts its compressed bytes as they are read. */
  async *inflate(entryName: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(entryName);
    if (entry === undefined) throw new Error(`${entryName} vanished from the archive`);
    const chunks = inflateAsDeclared(this.zip, entry, { chunkBytes: INFLATE_CHUNK_BYTES, onCompressedBytes: this.onSourceBytes });
    this.reading.add(chunks);
    try {
      yield* chunks;
    } finally {
      this.reading.delete(chunks);
    }
  }

  /** Stops the parts still being read (a pass that ends early) and closes the archive. */
  close(): void {
    for (const chunks of this.reading) void chunks.return(undefined).catch(() => undefined);
    this.zip.close();
  }
}

/**
 * The workbook as exceljs reads it: a ZIP stream rebuilt from the central directory the guard
 * checked, holding only the given parts, in the given order, under the given names, inflated
 * here and stored uncompressed.
 *
 * Why: exceljs unzips from the local headers, front to back. Excel stores sheets before their
 * shared strings, which makes exceljs copy every sheet to a temporary file first (left behind
 * when a read is cancelled); a file whose local headers disagree with its directory would show
 * exceljs other bytes than the guard checked; and sheets it does not need would still be inflated.
 * Inflating here rather than in exceljs's unzipper holds each part to its declared size again (the
 * file may have changed since the guard read it). Sheets are not in it: see ArchivePartReader.
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
        yield localFileHeader(part.name, storedEntryFields(part.source.content.length, crc32(part.source.content)));
        yield part.source.content;
        continue;
      }
      const entry = entries.get(part.source.entryName);
      if (entry === undefined) throw new Error(`${part.source.entryName} vanished from the archive`);
      yield localFileHeader(part.name, { ...storedEntryFields(entry.uncompressedSize, entry.crc32), lastModFileTime: entry.lastModFileTime, lastModFileDate: entry.lastModFileDate });
      yield* inflateAsDeclared(zip, entry, { chunkBytes: INFLATE_CHUNK_BYTES, onCompressedBytes: onSourceBytes });
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

function storedEntryFields(size: number, checksum: number): HeaderFields {
  return {
    compressionMethod: STORED,
    lastModFileTime: 0,
    lastModFileDate: 0,
    crc32: checksum,
    compressedSize: size,
    uncompressedSize: size,
  };
}
