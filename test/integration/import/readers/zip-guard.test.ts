import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceRefusedError } from '../../../../electron/engine/import/readers/refusal';
import type { ReadLimits } from '../../../../electron/engine/import/readers/zip-guard';
import { DEFAULT_READ_LIMITS, guardWorkbookArchive } from '../../../../electron/engine/import/readers/zip-guard';
import { useTempDir } from '../../../helpers/temp';
import { buildZip, deflatedFill, writeFile } from './files';

const DESNZ_2020 = path.join(__dirname, '../../../fixtures/Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx');
const MIB = 1024 * 1024;
/** zlib inflates in 16 KiB output chunks: a marker placed across this offset is split between two. */
const INFLATE_CHUNK_BYTES = 16 * 1024;

async function refusal(file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<SourceRefusedError> {
  const error: unknown = await guardWorkbookArchive(file, limits).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SourceRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

function archiveWithSheet(sheetXml: string | Buffer): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook/>' },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
  ]);
}

describe('guardWorkbookArchive', () => {
  const tempDir = useTempDir();
  let zeros: Buffer;
  let spaces: Buffer;

  beforeAll(async () => {
    zeros = await deflatedFill(300 * MIB, 0);
    spaces = await deflatedFill(300 * MIB, 0x20);
  });

  it('passes a real workbook quickly and reports the compressed size of every entry', async () => {
    const started = performance.now();
    const guarded = await guardWorkbookArchive(DESNZ_2020);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(guarded.compressedBytes.get('xl/worksheets/sheet2.xml')).toBeGreaterThan(1_000_000);
  });

  it('refuses a zip bomb: 300 MB of zeros deflated into one entry', async () => {
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), compressed: zeros, declaredSize: 300 * MIB },
    ]);
    const error = await refusal(writeFile(tempDir(), 'bomb.xlsx', bomb));
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toContain('xl/worksheets/sheet1.xml would inflate from');
    expect(error.message).toContain('to 300.0 MiB');
  });

  it('stops inflating as soon as an entry exceeds the size its header declares', async () => {
    // Declared as 1,000 bytes, so no ratio check applies: only counting what comes out catches it.
    const liar = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), compressed: spaces, declaredSize: 1000 },
    ]);
    const started = performance.now();
    const error = await refusal(writeFile(tempDir(), 'liar.xlsx', liar));
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toContain('inflates to more than the 1,000 bytes its ZIP header declares');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('caps the number of entries', async () => {
    const many = buildZip(Array.from({ length: 6 }, (_, index) => ({ name: `part${index}.xml`, data: '<a/>' })));
    const error = await refusal(writeFile(tempDir(), 'many.xlsx', many), { ...DEFAULT_READ_LIMITS, maxZipEntries: 5 });
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toContain('lists 6 entries; a workbook has at most 5');
  });

  it('caps the declared total size', async () => {
    const big = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: 'x'.repeat(4096) }]);
    const error = await refusal(writeFile(tempDir(), 'big.xlsx', big), { ...DEFAULT_READ_LIMITS, maxUncompressedBytes: 1024 });
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toContain('more than 1,024 bytes once inflated');
  });

  it.each([
    ['upper case', '<!DOCTYPE x [<!ENTITY a "aaaa">]>'],
    ['lower case', '<!doctype x>'],
  ])('refuses a DOCTYPE in %s in a sheet', async (_case, doctype) => {
    const error = await refusal(writeFile(tempDir(), 'doctype.xlsx', archiveWithSheet(`<?xml version="1.0"?>${doctype}<worksheet/>`)));
    expect(error.code).toBe('doctype');
    expect(error.message).toContain('xl/worksheets/sheet1.xml contains a <!DOCTYPE> declaration');
  });

  it('finds a DOCTYPE split between two inflated chunks', async () => {
    const declaration = '<?xml version="1.0"?><!--';
    const before = declaration + ' '.repeat(INFLATE_CHUNK_BYTES - 4 - declaration.length - 3) + '-->';
    const body = before + '<!DOCTYPE worksheet><worksheet/>';
    expect(body.indexOf('<!DOCTYPE')).toBe(INFLATE_CHUNK_BYTES - 4);
    const error = await refusal(writeFile(tempDir(), 'split.xlsx', archiveWithSheet(body)));
    expect(error.code).toBe('doctype');
  });

  it('allows comments and CDATA, which also start with <!', async () => {
    const file = writeFile(tempDir(), 'comment.xlsx', archiveWithSheet('<?xml version="1.0"?><!-- DOCTYPE --><worksheet><![CDATA[x]]></worksheet>'));
    await expect(guardWorkbookArchive(file)).resolves.toBeDefined();
  });

  it('refuses an XML part stored as UTF-16, which could hide a DOCTYPE from the byte scan', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<!DOCTYPE x><worksheet/>', 'utf16le')]);
    const error = await refusal(writeFile(tempDir(), 'utf16.xlsx', archiveWithSheet(utf16)));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('is not UTF-8 text');
  });

  it('refuses an XML part that is not valid UTF-8, such as Windows-1252 text', async () => {
    const latin = Buffer.concat([Buffer.from('<?xml version="1.0"?><sst><si><t>'), Buffer.from([0xa3]), Buffer.from('5</t></si></sst>')]);
    const error = await refusal(writeFile(tempDir(), 'latin.xlsx', buildZip([{ name: 'xl/sharedStrings.xml', data: latin }])));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('its part xl/sharedStrings.xml is not UTF-8 text');
  });

  it('calls a part whose deflate data is damaged corrupt', async () => {
    const damaged = buildZip([{ name: 'xl/workbook.xml', data: '<workbook/>', compressed: Buffer.from('definitely not deflate') }]);
    const error = await refusal(writeFile(tempDir(), 'damaged.xlsx', damaged));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('its part xl/workbook.xml cannot be read');
  });

  it('calls a part holding fewer bytes than declared corrupt', async () => {
    const short = buildZip([{ name: 'xl/workbook.xml', data: '<workbook/>', declaredSize: 500 }]);
    const error = await refusal(writeFile(tempDir(), 'short.xlsx', short));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('not the 500 its ZIP header declares');
  });

  it('refuses two entries with the same name', async () => {
    const twice = buildZip([
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    expect((await refusal(writeFile(tempDir(), 'twice.xlsx', twice))).message).toContain('holds xl/workbook.xml twice');
  });

  it('calls a copy of a real workbook cut short truncated', async () => {
    const original = fs.readFileSync(DESNZ_2020);
    const error = await refusal(writeFile(tempDir(), 'cut.xlsx', original.subarray(0, original.length - 5000)));
    expect(error.code).toBe('truncated');
    expect(error.message).toBe(
      'The workbook is incomplete: the end of its ZIP archive is missing, so the file was probably cut short ' +
        'while being copied or downloaded. Copy it again from its source.',
    );
  });
});
