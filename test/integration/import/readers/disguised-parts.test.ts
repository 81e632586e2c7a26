import { describe, expect, it } from 'vitest';
import { openSource, SourceRefusedError } from '../../../../electron/engine/import/readers';
import { useTempDir } from '../../../helpers/temp';
import type { HandMadeWorkbook } from './files';
import { deflatedPart, handMadeWorkbook, unzip, writeFile } from './files';

// The archive guard stops inflating a part at a <worksheet> root start tag and leaves the rest to
// the streaming read; but the read holds only the sheets it reads to the guard's checks. A shared-
// strings part that opens with a <worksheet> root must still be held to its declared size and to
// UTF-8, wherever that is checked.

const HEADER = ['Site', 'Month', 'Activity', 'Quantity', 'Unit'];
const SHARED = [...HEADER, 'Leeds'].map((text) => `<si><t>${text}</t></si>`).join('');
const ROWS =
  `<row r="1">${HEADER.map((_, index) => `<c r="${'ABCDE'[index]}1" t="s"><v>${index}</v></c>`).join('')}</row>` +
  '<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="inlineStr"><is><t>2022-01</t></is></c>' +
  '<c r="C2" t="inlineStr"><is><t>Electricity</t></is></c><c r="D2"><v>1000</v></c><c r="E2" t="inlineStr"><is><t>kWh</t></is></c></row>';
const OPEN_AS_WORKSHEET = '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
const MIB = 1024 * 1024;

describe('a shared-strings part whose root element claims to be a worksheet', () => {
  const tempDir = useTempDir();

  async function readAll(sharedStrings: NonNullable<HandMadeWorkbook['overrides']>[string]): Promise<unknown> {
    const content = handMadeWorkbook({ sheets: [{ name: 'Readings', rows: ROWS }], sharedStrings: HEADER, overrides: { [SHARED_STRINGS_PART]: sharedStrings } });
    const file = writeFile(tempDir(), 'readings.xlsx', content);
    try {
      for await (const _row of (await openSource(file)).rows()) {
        // Every row is read: the part must be refused on the way.
      }
    } catch (error) {
      return error;
    }
    return 'read without refusal';
  }

  it('is refused when it inflates far past the size its ZIP header declares', async () => {
    const part = await deflatedPart(`${OPEN_AS_WORKSHEET}${SHARED}`, 64 * MIB, 0x20, '</worksheet>');
    const outcome = await readAll({ data: Buffer.alloc(0), compressed: part.compressed, crc: part.crc, declaredSize: MIB });
    expect(outcome).toBeInstanceOf(SourceRefusedError);
    expect(outcome).toMatchObject({ code: 'zip-bomb', message: expect.stringContaining(SHARED_STRINGS_PART) });
  });

  it('is refused when its text past the first chunk is not UTF-8', async () => {
    const part = Buffer.concat([Buffer.from(OPEN_AS_WORKSHEET, 'utf8'), Buffer.alloc(256 * 1024, 0x20), Buffer.from(`${SHARED.replace('Leeds', '\u00a3eeds')}</worksheet>`, 'latin1')]);
    const outcome = await readAll(part);
    expect(outcome).toBeInstanceOf(SourceRefusedError);
    expect(outcome).toMatchObject({ code: 'corrupt', message: expect.stringContaining(SHARED_STRINGS_PART) });
  });
});

describe('the parts that are not sheets', () => {
  const tempDir = useTempDir();
  const readings = (spec: Partial<HandMadeWorkbook> = {}): Buffer =>
    handMadeWorkbook({ sheets: [{ name: 'Readings', rows: ROWS }], sharedStrings: [...HEADER, 'Leeds'], ...spec });

  async function refusalOfRead(reader: Awaited<ReturnType<typeof openSource>>): Promise<unknown> {
    try {
      for await (const _row of reader.rows()) {
        // Every row is read: the swapped part must be refused on the way.
      }
    } catch (error) {
      return error;
    }
    return 'read without refusal';
  }

  it('are checked in full at open, also one stored as a worksheet under a sheet\'s name', async () => {
    const unlisted = 'xl/worksheets/sheet2.xml';
    const part = await deflatedPart(OPEN_AS_WORKSHEET, 64 * MIB, 0x20, '</worksheet>');
    const file = writeFile(tempDir(), 'unlisted.xlsx', readings({ extraEntries: [{ name: unlisted, data: Buffer.alloc(0), compressed: part.compressed, crc: part.crc, declaredSize: MIB }] }));
    await expect(openSource(file)).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringContaining(unlisted) });
  });

  it('are checked in full at open, also the shared strings where the sheet list names them as a sheet', async () => {
    const part = await deflatedPart(`${OPEN_AS_WORKSHEET}<sheetData/>`, 64 * MIB, 0x20, '</worksheet>');
    const listed = handMadeWorkbook({
      sheets: [{ name: 'Readings', rows: ROWS.replace(/t="s"/g, 't="inlineStr"') }, { name: 'Strings', rows: '', partName: SHARED_STRINGS_PART }],
      overrides: { [SHARED_STRINGS_PART]: { data: Buffer.alloc(0), compressed: part.compressed, crc: part.crc, declaredSize: MIB } },
    });
    await expect(openSource(writeFile(tempDir(), 'listed.xlsx', listed))).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringContaining(SHARED_STRINGS_PART) });
  });

  // The read opens the file anew, so it cannot rely on what the open checked: a file swapped in
  // between must meet the same checks before exceljs parses any of its parts.
  it('are held to their size at open when read: shared strings swapped for a far larger part after the open', async () => {
    const dir = tempDir();
    const reader = await openSource(writeFile(dir, 'swapped.xlsx', readings()));
    const part = await deflatedPart(`${OPEN_AS_WORKSHEET}${SHARED}`, 64 * MIB, 0x20, '</worksheet>');
    writeFile(dir, 'swapped.xlsx', readings({ overrides: { [SHARED_STRINGS_PART]: { data: Buffer.alloc(0), compressed: part.compressed, crc: part.crc, declaredSize: MIB } } }));
    expect(await refusalOfRead(reader)).toMatchObject({ code: 'zip-bomb', message: expect.stringContaining(SHARED_STRINGS_PART) });
  });

  it.each([
    [SHARED_STRINGS_PART, 'Leeds'],
    ['xl/styles.xml', 'Calibri'],
    ['xl/workbook.xml', 'Readings'],
    ['xl/_rels/workbook.xml.rels', 'relationships/worksheet'],
  ])('are held to UTF-8 when read: %s swapped for Windows-1252 text of the same size after the open', async (name, word) => {
    const intact = readings();
    const dir = tempDir();
    const reader = await openSource(writeFile(dir, 'swapped.xlsx', intact));
    const original = (await unzip(intact)).get(name) ?? Buffer.alloc(0);
    const at = original.indexOf(word) + word.length - 1;
    expect(at).toBeGreaterThan(word.length);
    const latin = Buffer.from(original);
    latin[at] = 0xe9; // é in Windows-1252; in UTF-8 a lead byte that no continuation follows
    writeFile(dir, 'swapped.xlsx', readings({ overrides: { [name]: latin } }));
    expect(await refusalOfRead(reader)).toMatchObject({ code: 'corrupt', message: expect.stringContaining(`part ${name} is not UTF-8 text`) });
  });
});
