import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

/** What could be read of an OLE2 compound file's directory. */
export interface CompoundFileDirectory {
  /** Storage and stream names, as far as the directory could be followed. */
  readonly names: readonly string[];
  /** Why the directory could not be read to its end, when it could not. */
  readonly damage?: string;
}

/**
 * Names in the directory of an OLE2 compound file (the container of .xls, .doc and of
 * password-encrypted .xlsx files), read just far enough to tell them apart, and as far as a
 * damaged file allows: a name read before the damage still tells what the file is.
 * Throws only when not even the header can be read.
 * Layout: [MS-CFB] §2.2 (header), §2.3 (sector chains), §2.6 (directory entries).
 */
export async function readCompoundFileDirectory(path: string): Promise<CompoundFileDirectory> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const header = await readAt(file, 0, HEADER_BYTES);
    if (header.length < HEADER_BYTES) throw new Error(`the header is cut short at byte ${header.length}`);
    const sectorSize = 2 ** header.readUInt16LE(SECTOR_SHIFT_OFFSET);
    if (sectorSize !== 512 && sectorSize !== 4096) throw new Error(`sector size ${sectorSize}`);
    // Every chain walk is bounded by the number of sectors the file can hold, so a forged loop ends.
    const sectorCount = Math.ceil(size / sectorSize);
    const readSector = async (sector: number): Promise<Buffer> => {
      const block = await readAt(file, (sector + 1) * sectorSize, sectorSize);
      if (block.length === 0) throw new Error(`sector ${sector} lies beyond the end of the file`);
      // Some writers leave the last sector short; the bytes it lacks are padding.
      return block.length === sectorSize ? block : Buffer.concat([block, Buffer.alloc(sectorSize - block.length)]);
    };

    const names: string[] = [];
    try {
      const fat = await readFat(header, readSector, sectorSize, sectorCount);
      let sector = header.readUInt32LE(FIRST_DIRECTORY_SECTOR_OFFSET);
      for (let walked = 0; sector <= MAX_REGULAR_SECTOR; walked++) {
        if (walked > sectorCount) throw new Error('the directory chain loops');
        const block = await readSector(sector);
        for (let at = 0; at < sectorSize; at += DIRECTORY_ENTRY_BYTES) {
          const name = directoryEntryName(block.subarray(at, at + DIRECTORY_ENTRY_BYTES));
          if (name !== undefined) names.push(name);
        }
        sector = fat[sector] ?? END_OF_CHAIN;
      }
    } catch (error) {
      return { names, damage: error instanceof Error ? error.message : String(error) };
    }
    return { names };
  } finally {
    await file.close();
  }
}

const HEADER_BYTES = 512;
const SECTOR_SHIFT_OFFSET = 0x1e;
const FAT_SECTOR_COUNT_OFFSET = 0x2c;
const FIRST_DIRECTORY_SECTOR_OFFSET = 0x30;
const FIRST_DIFAT_SECTOR_OFFSET = 0x44;
const HEADER_DIFAT_OFFSET = 0x4c;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const UNUSED_ENTRY = 0;

/** The sector allocation table: for each sector, the next sector of its chain. */
async function readFat(
  header: Buffer,
  readSector: (sector: number) => Promise<Buffer>,
  sectorSize: number,
  sectorCount: number,
): Promise<number[]> {
  const fat: number[] = [];
  for (const sector of await listFatSectors(header, readSector, sectorSize, sectorCount)) {
    const block = await readSector(sector);
    for (let at = 0; at < sectorSize; at += 4) fat.push(block.readUInt32LE(at));
  }
  return fat;
}

async function listFatSectors(
  header: Buffer,
  readSector: (sector: number) => Promise<Buffer>,
  sectorSize: number,
  sectorCount: number,
): Promise<number[]> {
  const fatSectorCount = header.readUInt32LE(FAT_SECTOR_COUNT_OFFSET);
  if (fatSectorCount > sectorCount) throw new Error('the allocation table is larger than the file');
  const sectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES && sectors.length < fatSectorCount; i++) {
    sectors.push(header.readUInt32LE(HEADER_DIFAT_OFFSET + 4 * i));
  }
  // Large files continue the FAT sector list in DIFAT sectors; each one's last slot links to the next.
  let difatSector = header.readUInt32LE(FIRST_DIFAT_SECTOR_OFFSET);
  for (let walked = 0; sectors.length < fatSectorCount && difatSector <= MAX_REGULAR_SECTOR; walked++) {
    if (walked > sectorCount) throw new Error('the DIFAT chain loops');
    const block = await readSector(difatSector);
    const slots = sectorSize / 4 - 1;
    for (let i = 0; i < slots && sectors.length < fatSectorCount; i++) sectors.push(block.readUInt32LE(4 * i));
    difatSector = block.readUInt32LE(4 * slots);
  }
  return sectors;
}

function directoryEntryName(entry: Buffer): string | undefined {
  if (entry.length < DIRECTORY_ENTRY_BYTES || entry[0x42] === UNUSED_ENTRY) return undefined;
  // The stored length counts the UTF-16 terminator.
  const nameBytes = Math.min(Math.max(entry.readUInt16LE(0x40) - 2, 0), 62);
  return entry.toString('utf16le', 0, nameBytes);
}

/** Up to `length` bytes from `position`: fewer where the file ends first. */
async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
