import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sniffSource, SourceRefusedError } from '../../../../electron/engine/import/readers/sniff';
import { DEFAULT_READ_LIMITS } from '../../../../electron/engine/import/readers/zip-guard';
import { useTempDir } from '../../../helpers/temp';
import { buildZip, compoundFile, handMadeWorkbook, writeFile } from './files';

const FIXTURES = path.join(__dirname, '../../../fixtures');
const LEGACY_XLS = path.join(FIXTURES, 'conversion-factors-2021-flat-file-automatic-processing.xls');

async function refusal(file: string, limits = DEFAULT_READ_LIMITS): Promise<SourceRefusedError> {
  const error: unknown = await sniffSource(file, limits).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SourceRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const MINIMAL_SHEET = [{ name: 'Data', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }];

describe('sniffSource', () => {
  const tempDir = useTempDir();

  it('refuses the real 2021 DESNZ .xls as a legacy workbook, saying what to do', async () => {
    const error = await refusal(LEGACY_XLS);
    expect(error.code).toBe('legacy-xls');
    expect(error.message).toBe('Excel 97-2003 .xls is not supported: open it in Excel or LibreOffice and save as .xlsx.');
  });

  const ENCRYPTED =
    'The file is a password-protected (encrypted) workbook, which cannot be read without its password: open it in ' +
    'Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear the password), ' +
    'save it as .xlsx and import it again.';
  // The directory of a workbook Excel encrypted: the encryption streams come after the data-space storages.
  const EXCEL_ENCRYPTED_DIRECTORY = [
    'EncryptedPackage', '\u0006DataSpaces', 'Version', 'DataSpaceMap', 'DataSpaceInfo', 'StrongEncryptionDataSpace',
    'TransformInfo', 'StrongEncryptionTransform', '\u0006Primary', 'EncryptionInfo',
  ];

  it.each([
    ['a minimal container with the two encryption streams', compoundFile(['EncryptionInfo', 'EncryptedPackage'])],
    ['a container laid out as Excel writes it, the streams over three directory sectors', compoundFile(EXCEL_ENCRYPTED_DIRECTORY)],
    ['a container whose writer did not pad its last sector', compoundFile(['EncryptionInfo', 'EncryptedPackage'], { unpaddedBytes: 200 })],
  ])('refuses a password-protected workbook, saying what to do: %s', async (_case, content) => {
    const error = await refusal(writeFile(tempDir(), 'book.xlsx', content));
    expect(error.code).toBe('encrypted');
    expect(error.message).toBe(ENCRYPTED);
  });

  it('still tells an encrypted workbook whose directory is damaged after the encryption streams', async () => {
    const cut = compoundFile(['EncryptionInfo', 'EncryptedPackage', 'a', 'b', 'c'], { unpaddedBytes: 512 });
    const error = await refusal(writeFile(tempDir(), 'book.xlsx', cut));
    expect(error.code).toBe('encrypted');
  });

  it('tells a Word 97-2003 document from an .xls', async () => {
    const error = await refusal(writeFile(tempDir(), 'report.xls', compoundFile(['WordDocument'])));
    expect(error.code).toBe('not-spreadsheet');
    expect(error.message).toContain('a Word 97-2003 document (.doc)');
  });

  it('calls an OLE2 file whose directory cannot be read damaged, saying where', async () => {
    const error = await refusal(writeFile(tempDir(), 'cut.xls', compoundFile(['Workbook']).subarray(0, 700)));
    expect(error.code).toBe('corrupt');
    expect(error.message).toBe(
      'The file is an older Microsoft Office (OLE2) file, such as an Excel 97-2003 .xls, and it is damaged ' +
        '(sector 1 lies beyond the end of the file): open it in Excel to repair it and save it as .xlsx.',
    );
  });

  it('calls a .xls whose directory breaks off damaged, not merely old', async () => {
    const error = await refusal(writeFile(tempDir(), 'cut.xls', compoundFile(['Workbook', 'a', 'b', 'c'], { unpaddedBytes: 512 })));
    expect(error.code).toBe('corrupt');
  });

  it.each([
    ['a PDF document', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1')],
    ['a PNG image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)])],
    ['a binary file, not text', Buffer.from([0x01, 0x02, 0x00, 0x03, 0x41, 0x42])],
  ])('refuses %s renamed .xlsx, saying what it is', async (kind, content) => {
    const error = await refusal(writeFile(tempDir(), 'factors.xlsx', content));
    expect(error.code).toBe('not-spreadsheet');
    expect(error.message).toBe(`The file is ${kind}, not a spreadsheet: export the data from its source as .xlsx or .csv.`);
  });

  it('refuses a ZIP archive that is not a workbook', async () => {
    const file = writeFile(tempDir(), 'data.xlsx', buildZip([{ name: 'readme.txt', data: 'hello' }]));
    const error = await refusal(file);
    expect(error.code).toBe('not-spreadsheet');
    expect(error.message).toContain('is a ZIP archive but not an Excel workbook');
  });

  it('refuses an OpenDocument spreadsheet, asking for .xlsx', async () => {
    const ods = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]);
    const error = await refusal(writeFile(tempDir(), 'factors.ods', ods));
    expect(error.code).toBe('ods');
    expect(error.message).toContain('save it as .xlsx');
  });

  it('refuses an Excel binary workbook (.xlsb)', async () => {
    const xlsb = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.bin', data: Buffer.alloc(16) },
    ]);
    const error = await refusal(writeFile(tempDir(), 'book.xlsb', xlsb));
    expect(error.message).toContain('(.xlsb)');
  });

  it('refuses a file above the size limit before reading it', async () => {
    const file = writeFile(tempDir(), 'big.csv', 'a,b\n'.repeat(100));
    const error = await refusal(file, { ...DEFAULT_READ_LIMITS, maxFileBytes: 100 });
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('above the import limit of 100 bytes');
  });

  it('refuses an empty file', async () => {
    expect((await refusal(writeFile(tempDir(), 'empty.csv', ''))).message).toContain('empty');
  });

  it.each([
    ['a web page (HTML)', '<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>'],
    ['an Excel 2003 XML spreadsheet', '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook/>'],
  ])('refuses %s saved with a spreadsheet name instead of reading markup as CSV', async (kind, content) => {
    const error = await refusal(writeFile(tempDir(), 'export.xls', content));
    expect(error.code).toBe('not-spreadsheet');
    expect(error.message).toContain(kind);
  });

  it('decides by content, not by name', async () => {
    const dir = tempDir();
    await expect(sniffSource(writeFile(dir, 'really-text.xlsx', 'Site,kWh\nLeeds,10\n'), DEFAULT_READ_LIMITS)).resolves.toEqual({
      format: 'csv',
      hasMacros: false,
    });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Data').addRow(['Site']);
    const renamed = writeFile(dir, 'really-a-workbook.csv', Buffer.from(await workbook.xlsx.writeBuffer()));
    await expect(sniffSource(renamed, DEFAULT_READ_LIMITS)).resolves.toEqual({ format: 'xlsx', hasMacros: false });
  });

  it('reads UTF-16 text with a byte-order mark as CSV despite its NUL bytes', async () => {
    const file = writeFile(tempDir(), 'unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n', 'utf16le')]));
    await expect(sniffSource(file, DEFAULT_READ_LIMITS)).resolves.toEqual({ format: 'csv', hasMacros: false });
  });

  it('notes a macro project (it is never run) and reads the file as .xlsm', async () => {
    const dir = tempDir();
    const withVba = handMadeWorkbook({
      sheets: MINIMAL_SHEET,
      workbookContentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
      extraEntries: [{ name: 'xl/vbaProject.bin', data: Buffer.from('not really VBA') }],
    });
    await expect(sniffSource(writeFile(dir, 'macros.xlsm', withVba), DEFAULT_READ_LIMITS)).resolves.toEqual({
      format: 'xlsm',
      hasMacros: true,
    });
    const macroTypeOnly = handMadeWorkbook({
      sheets: MINIMAL_SHEET,
      workbookContentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    });
    await expect(sniffSource(writeFile(dir, 'no-macros.xlsm', macroTypeOnly), DEFAULT_READ_LIMITS)).resolves.toEqual({
      format: 'xlsm',
      hasMacros: false,
    });
  });

  it('calls a workbook cut short truncated', async () => {
    const original = fs.readFileSync(path.join(FIXTURES, 'Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx'));
    const file = writeFile(tempDir(), 'cut.xlsx', original.subarray(0, Math.floor(original.length / 2)));
    const error = await refusal(file);
    expect(error.code).toBe('truncated');
    expect(error.message).toContain('cut short');
  });
});
