import { open } from 'node:fs/promises';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { SourceRefusedError } from './refusal';

/** The last 22 bytes of a ZIP file, plus up to 64 KiB of archive comment before them. */
const END_OF_CENTRAL_DIRECTORY_SEARCH_BYTES = 22 + 0xffff;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * Opens a ZIP archive for reading entry by entry. The caller must close it.
 * The entry count is capped before any entry is listed: a forged directory could claim millions.
 */
export async function openZipArchive(path: string, maxEntries: number): Promise<ZipFile> {
  let zip: ZipFile;
  try {
    // Entry sizes are checked by the guard itself, against the bytes actually inflated.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false });
  } catch (error) {
    throw await unreadableArchiveError(path, error);
  }
  if (zip.entryCount > maxEntries) {
    zip.close();
    throw new SourceRefusedError(
      'zip-bomb',
      `The workbook's ZIP archive lists ${zip.entryCount.toLocaleString('en')} entries; a workbook has at most ` +
        `${maxEntries.toLocaleString('en')}. The file is damaged or hostile: do not open it; ask for a fresh copy.`,
    );
  }
  return zip;
}

/** Every entry of the archive's central directory, in directory order. */
export async function listZipEntries(zip: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    throw corruptArchiveError(error);
  }
  return entries;
}

/** The inflated bytes of one entry, chunk by chunk. */
export async function* inflateZipEntry(zip: ZipFile, entry: Entry): AsyncGenerator<Buffer> {
  if (entry.isEncrypted()) {
    throw new SourceRefusedError(
      'encrypted',
      'The file is a password-protected ZIP archive, not an ordinary workbook: save an unprotected copy as .xlsx.',
    );
  }
  if (!entry.canDecodeFileData()) {
    throw new SourceRefusedError(
      'corrupt',
      `The workbook's part ${entry.fileName} uses a ZIP compression method Excel does not write ` +
        `(method ${entry.compressionMethod}): open the file in Excel and save it again as .xlsx.`,
    );
  }
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof SourceRefusedError) throw error;
    throw corruptArchiveError(error, entry.fileName);
  }
}

/** A small entry as UTF-8 text; refused if it inflates past `maxBytes`. */
export async function readZipEntryText(zip: ZipFile, entry: Entry, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of inflateZipEntry(zip, entry)) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new SourceRefusedError(
        'zip-bomb',
        `The workbook's part ${entry.fileName} inflates to more than ${maxBytes.toLocaleString('en')} bytes, ` +
          'far beyond what Excel writes there. The file is damaged or hostile: ask for a fresh copy.',
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `use` on the open archive and always closes it. */
export async function withZipArchive<T>(path: string, maxEntries: number, use: (zip: ZipFile) => Promise<T>): Promise<T> {
  const zip = await openZipArchive(path, maxEntries);
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

function corruptArchiveError(cause: unknown, part?: string): SourceRefusedError {
  const where = part === undefined ? 'its ZIP directory' : `its part ${part}`;
  return new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: ${where} cannot be read (${describe(cause)}). ` +
      'Open it in Excel to repair it, or ask for a fresh copy, then save it as .xlsx.',
    { cause },
  );
}

// A file cut short loses the end-of-directory record that ZIP readers start from; anything else is damage.
async function unreadableArchiveError(path: string, cause: unknown): Promise<SourceRefusedError> {
  if (await hasEndOfCentralDirectory(path)) return corruptArchiveError(cause);
  return new SourceRefusedError(
    'truncated',
    'The workbook is incomplete: the end of its ZIP archive is missing, so the file was probably cut short ' +
      'while being copied or downloaded. Copy it again from its source.',
    { cause },
  );
}

async function hasEndOfCentralDirectory(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, END_OF_CENTRAL_DIRECTORY_SEARCH_BYTES);
    const tail = Buffer.alloc(length);
    await file.read(tail, 0, length, size - length);
    return tail.includes(END_OF_CENTRAL_DIRECTORY_SIGNATURE);
  } finally {
    await file.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
