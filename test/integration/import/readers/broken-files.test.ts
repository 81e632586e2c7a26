import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../../../electron/engine/errors';
import { runImport } from '../../../../electron/engine/import/pipeline';
import { previewImport } from '../../../../electron/engine/import/preview';
import { startImportJob } from '../../../../electron/engine/import/import-job';
import { previewFile } from '../../../../electron/engine/import/service';
import type { ReadLimits, RefusalCode } from '../../../../electron/engine/import/readers';
import { DEFAULT_READ_LIMITS, openSource, SourceRefusedError } from '../../../../electron/engine/import/readers';
import type { Mapping } from '../../../../shared/import/mapping';
import { mappingSchema } from '../../../../shared/import/mapping';
import { importFootprint, newEngagement, TEST_ACTOR } from '../../../helpers/engagement';
import { useTempDir } from '../../../helpers/temp';
import type { HandMadeWorkbook } from './files';
import { compoundFile, deflatedPart, handMadeWorkbook, unzip, worksheetXml, writeFile } from './files';

// Every file here is built by the test from an intact workbook of monthly readings, then damaged
// or crafted in one way. Each must be refused with its own message, through the reader, the
// preview and the import, quickly, leaving the engagement unchanged.

const HEADER = ['Site', 'Month', 'Activity', 'Quantity', 'Unit'];
const HEADER_ROW = `<row r="1">${HEADER.map((_, index) => `<c r="${'ABCDE'[index]}1" t="s"><v>${index}</v></c>`).join('')}</row>`;

function inline(reference: string, text: string): string {
  return `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

function readingRow(row: number, cells: { site?: string; quantity?: string } = {}): string {
  const month = `2022-${String(((row - 2) % 12) + 1).padStart(2, '0')}`;
  return (
    `<row r="${row}">${inline(`A${row}`, cells.site ?? (row % 2 === 0 ? 'Leeds' : 'York'))}${inline(`B${row}`, month)}` +
    `${inline(`C${row}`, 'Electricity')}${cells.quantity ?? `<c r="D${row}"><v>${1000 + row}</v></c>`}${inline(`E${row}`, 'kWh')}</row>`
  );
}

function dataRows(replace: Readonly<Record<number, string>> = {}): string {
  return Array.from({ length: 20 }, (_, index) => replace[index + 2] ?? readingRow(index + 2)).join('');
}

/** The intact workbook, or one with some rows or parts replaced. */
function readings(options: { rows?: string; sharedStrings?: readonly string[] | null; overrides?: HandMadeWorkbook['overrides'] } = {}): Buffer {
  return handMadeWorkbook({
    sheets: [{ name: 'Readings', rows: options.rows ?? HEADER_ROW + dataRows() }],
    sharedStrings: options.sharedStrings === null ? undefined : (options.sharedStrings ?? HEADER),
    overrides: options.overrides,
  });
}

const SHEET_PART = 'xl/worksheets/sheet1.xml';
const FULL_SHEET = worksheetXml(HEADER_ROW + dataRows());
const MIB = 1024 * 1024;
/** Lets a highly compressible crafted part past the ZIP-bomb ratio, so that the cap under test is the one that acts. */
const NO_RATIO_LIMIT: Partial<ReadLimits> = { maxCompressionRatio: Number.MAX_SAFE_INTEGER };

interface BrokenFile {
  readonly name: string;
  readonly fileName?: string;
  readonly content: () => Buffer | Promise<Buffer>;
  readonly code: RefusalCode;
  readonly message: RegExp;
  /**
   * Refused when the file is opened (its archive and every part but the worksheets are checked
   * then), or once its rows are read (a worksheet is checked as it streams).
   */
  readonly refusedAt: 'open' | 'read';
  readonly limits?: Partial<ReadLimits>;
  /** How long the reader may take to refuse it: a second, unless it must inflate megabytes to see the damage. */
  readonly maxMs?: number;
}

const partOf = async (name: string): Promise<Buffer> => {
  const part = (await unzip(readings())).get(name);
  if (part === undefined) throw new Error(`the intact workbook has no ${name}`);
  return part;
};

const BROKEN_FILES: readonly BrokenFile[] = [
  {
    name: 'a sheet cut inside an element, its ZIP intact',
    content: () => readings({ overrides: { [SHEET_PART]: FULL_SHEET.slice(0, FULL_SHEET.indexOf('<c r="D12"') + 5) } }),
    code: 'corrupt',
    message:
      /^The workbook is damaged: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is incomplete XML: it ends after [\d,]+ bytes \(".*<c r="\) inside a tag, so it was cut short\. /,
    refusedAt: 'read',
  },
  {
    name: 'a sheet that ends after a complete </row>, without </sheetData></worksheet>',
    content: () => readings({ overrides: { [SHEET_PART]: FULL_SHEET.slice(0, FULL_SHEET.lastIndexOf('</row>') + 6) } }),
    code: 'corrupt',
    message:
      /^The workbook is damaged: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is incomplete XML: it ends after [\d,]+ bytes \(".*<\/row>"\) with 2 elements never closed: it was cut short, or an end tag is missing\. /,
    refusedAt: 'read',
  },
  {
    name: 'an element never closed',
    content: () => readings({ rows: HEADER_ROW + dataRows({ 8: readingRow(8, { quantity: '<c r="D8"><v>1008</v>' }) }) }),
    code: 'corrupt',
    message:
      /^The workbook is damaged: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is not well-formed XML at line 2, column \d+ \(unexpected close tag\)\. /,
    refusedAt: 'read',
  },
  {
    name: 'a styles part with an element never closed',
    content: async () => {
      const styles = (await partOf('xl/styles.xml')).toString('utf8');
      return readings({ overrides: { 'xl/styles.xml': styles.replace('</styleSheet>', '') } });
    },
    code: 'corrupt',
    message:
      /^The workbook is damaged: its part xl\/styles\.xml is incomplete XML: it ends after [\d,]+ bytes \(".*"\) with one element never closed: it was cut short, or an end tag is missing\. /,
    refusedAt: 'open',
  },
  {
    name: 'a cell pointing at shared string 99,999 of a workbook that has none',
    content: () =>
      readings({ sharedStrings: null, rows: `<row r="1">${HEADER.map((text, index) => inline(`${'ABCDE'[index]}1`, text)).join('')}</row>${dataRows({ 5: readingRow(5, { site: '' }).replace(/<c r="A5"[^]*?<\/c>/, '<c r="A5" t="s"><v>99999</v></c>') })}` }),
    code: 'corrupt',
    message:
      /^The workbook is damaged: cell A5 of sheet "Readings" refers to shared string 99,999, but the workbook holds no shared strings\. /,
    refusedAt: 'read',
  },
  {
    name: 'a cell pointing past the shared-string table',
    content: () => readings({ rows: HEADER_ROW + dataRows({ 6: readingRow(6).replace(/<c r="A6"[^]*?<\/c>/, '<c r="A6" t="s"><v>5</v></c>') }) }),
    code: 'corrupt',
    message:
      /^The workbook is damaged: cell A6 of sheet "Readings" refers to shared string 5, but its shared-string table \(xl\/sharedStrings\.xml\) holds only 5, numbered from 0\. /,
    refusedAt: 'read',
  },
  {
    name: 'a cell format that styles.xml does not define',
    content: () => readings({ rows: HEADER_ROW + dataRows({ 7: readingRow(7, { quantity: '<c r="D7" s="99"><v>1007</v></c>' }) }) }),
    code: 'corrupt',
    message:
      /^The workbook is damaged: cell D7 of sheet "Readings" uses cell format 99, but xl\/styles\.xml defines formats 0 to 1, so whether it shows a date cannot be known\. /,
    refusedAt: 'read',
  },
  {
    name: 'a sheet whose tags do not match',
    content: () => readings({ rows: HEADER_ROW + dataRows({ 7: readingRow(7, { quantity: '<c r="D7"><v>1007</c></v>' }) }) }),
    code: 'corrupt',
    message: /^The workbook is damaged: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is not well-formed XML at line 2, column \d+ \(.+\)\. /,
    refusedAt: 'read',
  },
  {
    name: 'a character XML does not allow',
    content: () => readings({ rows: HEADER_ROW + dataRows({ 9: readingRow(9, { site: 'Le\u0001eds' }) }) }),
    code: 'corrupt',
    message:
      /^The workbook is damaged: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is not well-formed XML at line 2, column \d+ \(disallowed character\)\. /,
    refusedAt: 'read',
  },
  {
    name: 'text after the root element',
    content: () => readings({ overrides: { [SHEET_PART]: `${FULL_SHEET}<row r="99"/>` } }),
    code: 'corrupt',
    message: /its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is not well-formed XML at byte [\d,]+: a second root element follows the first/,
    refusedAt: 'read',
  },
  {
    // The archive guard inflates a worksheet only up to its root element: the streaming read holds the rest to the header.
    name: 'a sheet that inflates past the size its ZIP header declares, after its first rows',
    content: async () => {
      const [head = '', tail = ''] = worksheetXml(`${HEADER_ROW}${readingRow(2)}\u0000${readingRow(3)}`).split('\u0000');
      const part = await deflatedPart(head, 64 * MIB, 0x20, tail);
      return readings({ overrides: { [SHEET_PART]: { data: Buffer.alloc(0), compressed: part.compressed, crc: part.crc, declaredSize: 256 * 1024 } } });
    },
    code: 'zip-bomb',
    message: /^The workbook looks like a ZIP bomb: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) inflates to more than the 262,144 bytes its ZIP header declares\. /,
    refusedAt: 'read',
  },
  {
    name: 'a sheet that turns from UTF-8 into Windows-1252 past its first 64 KiB',
    content: () => {
      const [head = '', tail = ''] = worksheetXml(`${HEADER_ROW}${readingRow(2)}\u0000${readingRow(3, { site: '\u00a3' })}`).split('\u0000');
      const sheet = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.alloc(64 * 1024, 0x20), Buffer.from(tail, 'latin1')]);
      return readings({ overrides: { [SHEET_PART]: sheet } });
    },
    code: 'corrupt',
    message: /^The workbook is damaged: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) is not UTF-8 text, which Excel always writes\. /,
    refusedAt: 'read',
  },
  {
    name: 'a sheet holding fewer bytes than its ZIP header declares',
    content: () => readings({ overrides: { [SHEET_PART]: { data: FULL_SHEET, declaredSize: Buffer.byteLength(FULL_SHEET) + 500 } } }),
    code: 'corrupt',
    message: /^The workbook is damaged: its sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) holds [\d,]+ bytes, not the [\d,]+ its ZIP header declares\. /,
    refusedAt: 'read',
  },
  {
    name: 'a styles part cut short',
    content: async () => {
      const styles = await partOf('xl/styles.xml');
      return readings({ overrides: { 'xl/styles.xml': styles.subarray(0, styles.length - 30) } });
    },
    code: 'corrupt',
    message: /^The workbook is damaged: its part xl\/styles\.xml is incomplete XML: it ends after [\d,]+ bytes/,
    refusedAt: 'open',
  },
  {
    name: 'a shared-strings part cut short',
    content: async () => {
      const strings = await partOf('xl/sharedStrings.xml');
      return readings({ overrides: { 'xl/sharedStrings.xml': strings.subarray(0, strings.length - 12) } });
    },
    code: 'corrupt',
    message: /^The workbook is damaged: its part xl\/sharedStrings\.xml is incomplete XML/,
    refusedAt: 'open',
  },
  {
    name: 'an undefined entity in the shared strings',
    content: async () => {
      const strings = (await partOf('xl/sharedStrings.xml')).toString('utf8');
      return readings({ overrides: { 'xl/sharedStrings.xml': strings.replace('>Site<', '>Si&nbsp;te<') } });
    },
    code: 'corrupt',
    message: /^The workbook is damaged: its part xl\/sharedStrings\.xml is not well-formed XML at line 2, column \d+ \(undefined entity\)\. /,
    refusedAt: 'read',
  },
  {
    name: 'a workbook part whose tags do not match',
    content: async () => {
      const workbook = (await partOf('xl/workbook.xml')).toString('utf8');
      return readings({ overrides: { 'xl/workbook.xml': workbook.replace('</sheets>', '</sheetz>') } });
    },
    code: 'corrupt',
    message: /^The workbook is damaged: its part xl\/workbook\.xml is not well-formed XML at line 2, column \d+ \(.+\)\. /,
    refusedAt: 'read',
  },
  {
    name: '20,000 repeated "<sheet " in the workbook part',
    content: async () => {
      const workbook = (await partOf('xl/workbook.xml')).toString('utf8');
      return readings({ overrides: { 'xl/workbook.xml': workbook.replace('<sheets>', `<sheets>${'<sheet '.repeat(20_000)}`) } });
    },
    code: 'corrupt',
    message: /^The workbook is damaged: its part xl\/workbook\.xml is not well-formed XML at byte [\d,]+: a tag never ends: a "<" follows before its ">"/,
    refusedAt: 'open',
  },
  {
    name: 'a sheet element of 400,000 attribute names without values (a 2 KB part)',
    content: async () => {
      const workbook = (await partOf('xl/workbook.xml')).toString('utf8');
      return readings({ overrides: { 'xl/workbook.xml': workbook.replace('<sheets>', `<sheets><sheet ${'a '.repeat(400_000)}/>`) } });
    },
    code: 'corrupt',
    message: /^The workbook is damaged: its sheet list names a sheet \(without a name\) without saying where it is stored\. /,
    refusedAt: 'open',
  },
  {
    name: 'one 16 MiB cell',
    content: () => readings({ rows: HEADER_ROW + dataRows({ 5: readingRow(5, { site: 'x'.repeat(16 * MIB) }) }) }),
    code: 'too-large',
    message:
      /^The workbook's sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) holds cell A5, which takes more than 1\.0 MiB of XML \(a cell holds at most Excel's 32,767 characters, which take far less\)\. /,
    refusedAt: 'read',
    limits: NO_RATIO_LIMIT,
    // A 16 MiB part is unzipped as it is read; the bound catches a scan that is not linear (minutes), not a busy machine.
    maxMs: 5_000,
  },
  {
    name: 'a row of 20 MiB',
    content: () => {
      const site = 'x'.repeat(MIB - 100);
      const wide = Array.from({ length: 20 }, (_, index) => inline(`${String.fromCharCode(70 + index)}5`, site)).join('');
      return readings({ rows: HEADER_ROW + dataRows({ 5: readingRow(5).replace('</row>', `${wide}</row>`) }) });
    },
    code: 'too-large',
    message: /^The workbook's sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) holds row 5, which takes more than 16\.0 MiB of XML \(no genuine row comes near that\)\. /,
    refusedAt: 'read',
    limits: NO_RATIO_LIMIT,
    // Its part is only 20 KB, but the cap is only reached after 16 MiB of XML; a scan that is not linear takes minutes.
    maxMs: 10_000,
  },
  {
    name: 'a cell of 33,000 characters, past Excel\'s limit',
    content: () => readings({ rows: HEADER_ROW + dataRows({ 5: readingRow(5, { site: 'y'.repeat(33_000) }) }) }),
    code: 'too-large',
    message: /^The workbook's cell A5 of sheet "Readings" holds 33,000 characters; a cell holds at most Excel's 32,767\. /,
    refusedAt: 'read',
  },
  {
    name: 'a password-protected workbook',
    fileName: 'readings.xlsx',
    content: () => compoundFile(['EncryptionInfo', 'EncryptedPackage']),
    code: 'encrypted',
    message: /^The file is a password-protected \(encrypted\) workbook, which cannot be read without its password: open it in Excel, remove the password .*, save it as \.xlsx and import it again\.$/,
    refusedAt: 'open',
  },
  {
    name: 'a CSV file with a quoted field of 100,000 characters',
    fileName: 'readings.csv',
    content: () => Buffer.from(`${HEADER.join(',')}\nLeeds,2022-04,Electricity,"${'1'.repeat(100_000)}",kWh\n`),
    code: 'too-large',
    message: /^The CSV file's record 2, field 4, holds 100,000 characters; a spreadsheet cell holds at most 32,767 \(Excel's limit\)\. /,
    refusedAt: 'read',
  },
];

describe('broken and crafted files are refused whole, quickly, and change nothing', () => {
  const tempDir = useTempDir();
  let mappings: { xlsx: Mapping; csv: Mapping };

  beforeAll(async () => {
    const dir = tempDir();
    const intactCsv = writeFile(dir, 'readings.csv', `${HEADER.join(',')}\nLeeds,2022-04,Electricity,1000,kWh\nYork,2022-05,Electricity,1001,kWh\n`);
    mappings = {
      xlsx: mappingSchema.parse((await previewImport(null, writeFile(dir, 'readings.xlsx', readings()), 'activity')).mapping),
      csv: mappingSchema.parse((await previewImport(null, intactCsv, 'activity')).mapping),
    };
  });

  describe.each(BROKEN_FILES)('$name', (broken) => {
    const limits = { ...DEFAULT_READ_LIMITS, ...broken.limits };
    const brokenFile = async (): Promise<string> => writeFile(tempDir(), broken.fileName ?? 'readings.xlsx', await broken.content());

    it(`is refused by the reader ${broken.refusedAt === 'open' ? 'when opened' : 'while its rows are read'}, quickly`, async () => {
      const file = await brokenFile();
      const started = performance.now();
      const opened = openSource(file, { limits });
      const error: unknown =
        broken.refusedAt === 'open'
          ? await opened.then(() => undefined, (caught: unknown) => caught)
          : await (async () => {
              for await (const _row of (await opened).rows()) {
                // Rows before the damage are read; the pass must still fail.
              }
            })().then(() => undefined, (caught: unknown) => caught);
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(SourceRefusedError);
      expect((error as SourceRefusedError).code).toBe(broken.code);
      expect((error as SourceRefusedError).message).toMatch(broken.message);
      expect(elapsed).toBeLessThan(broken.maxMs ?? 1_000);
    });

    it('is refused by the preview and by the import, which leaves the engagement unchanged', async () => {
      const file = await brokenFile();
      const engagement = newEngagement(tempDir());
      const before = importFootprint(engagement);
      const preview = previewImport(engagement.db, file, 'activity', { limits });
      await expect(preview).rejects.toBeInstanceOf(EngineError);
      await expect(preview).rejects.toMatchObject({ code: 'refused', details: { code: broken.code } });
      await expect(preview).rejects.toThrow(broken.message);

      const mapping = broken.fileName?.endsWith('.csv') === true ? mappings.csv : mappings.xlsx;
      const attempt = runImport(engagement.db, { filePath: file, mapping, limits, ...TEST_ACTOR, settings: engagement.settings() });
      await expect(attempt).rejects.toMatchObject({ code: 'refused', details: { code: broken.code } });
      await expect(attempt).rejects.toThrow(broken.message);
      expect(importFootprint(engagement)).toEqual(before);
      engagement.close();
    });
  });

  it('refuses a cell of 512 MiB, longer than any JavaScript string, in the import worker (512 MB heap) by the cell cap', async () => {
    const sheet = worksheetXml(`${HEADER_ROW}${readingRow(2)}<row r="3">${inline('A3', '\u0000')}</row>`);
    const [head = '', tail = ''] = sheet.split('\u0000');
    const part = await deflatedPart(head, 512 * MIB, 0x78, tail);
    const sheetEntry = { data: Buffer.alloc(0), compressed: part.compressed, crc: part.crc, declaredSize: part.size };
    const file = writeFile(tempDir(), 'readings.xlsx', readings({ overrides: { [SHEET_PART]: sheetEntry } }));
    const engagement = newEngagement(tempDir());
    const before = importFootprint(engagement);
    const request = { filePath: file, mapping: mappings.xlsx, limits: NO_RATIO_LIMIT, ...TEST_ACTOR, settings: engagement.settings() };
    const job = startImportJob({ engagementPath: engagement.filePath, request }, () => undefined);
    await expect(job.result).rejects.toThrow(
      /^The workbook's sheet "Readings" \(part xl\/worksheets\/sheet1\.xml\) holds cell A3, which takes more than 1\.0 MiB of XML/,
    );
    expect(importFootprint(engagement)).toEqual(before);
    engagement.close();
  });

  it.each(BROKEN_FILES.filter((broken) => broken.limits === undefined).map((broken) => [broken.name, broken] as const))(
    'is refused as such by the preview service, on its worker: %s',
    async (_name, broken) => {
      const file = writeFile(tempDir(), broken.fileName ?? 'readings.xlsx', await broken.content());
      const preview = previewFile(null, file, 'activity');
      await expect(preview).rejects.toMatchObject({ code: 'refused', details: { code: broken.code } });
      await expect(preview).rejects.toThrow(broken.message);
    },
  );

  it('imports the intact workbook these are made from', async () => {
    const engagement = newEngagement(tempDir());
    const file = writeFile(tempDir(), 'readings.xlsx', readings());
    const outcome = await runImport(engagement.db, { filePath: file, mapping: mappings.xlsx, ...TEST_ACTOR, settings: engagement.settings() });
    expect({ records: outcome.recordsCreated, rejected: outcome.rejectedTotal }).toEqual({ records: 20, rejected: 0 });
    engagement.close();
  });
});
