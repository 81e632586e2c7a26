import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Cell, RawRow } from '../../../../shared/import/cell';
import type { ReadProgress, ReadRowsOptions, SourceReader } from '../../../../electron/engine/import/readers';
import { openSource, SourceRefusedError } from '../../../../electron/engine/import/readers';
import { useTempDir } from '../../../helpers/temp';
import type { HandMadeSheet } from './files';
import { handMadeWorkbook, writeFile } from './files';

const DESNZ_2020 = path.join(__dirname, '../../../fixtures/Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx');

async function readAll(reader: SourceReader, options?: ReadRowsOptions): Promise<Array<{ sheet: string; row: RawRow }>> {
  const rows: Array<{ sheet: string; row: RawRow }> = [];
  for await (const sheetRow of reader.rows(options)) rows.push(sheetRow);
  return rows;
}

async function rowsByNumber(file: string, sheet?: string): Promise<Map<number, readonly Cell[]>> {
  const rows = await readAll(await openSource(file), { sheet });
  return new Map(rows.map(({ row }) => [row.rowNumber, row.cells]));
}

function handMadeFile(dir: string, sheets: readonly HandMadeSheet[], sharedStrings?: readonly string[]): string {
  return writeFile(dir, 'book.xlsx', handMadeWorkbook({ sheets, sharedStrings }));
}

async function exceljsFile(dir: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return writeFile(dir, 'exceljs.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
}

// Cached values as Excel stores them; style 1 is a date format. Rows 7 and 9 do not exist.
const FORMULA_ROWS = [
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
  '<row r="2"><c r="A2"><v>10</v></c><c r="B2"><v>0</v></c><c r="C2" t="e"><f>A2/B2</f><v>#DIV/0!</v></c></row>',
  '<row r="3"><c r="A3"><v>4</v></c><c r="B3"><f>A3*2</f><v>8</v></c><c r="C3"><f>A3-4</f><v>0</v></c></row>',
  '<row r="4"><c r="A4" t="b"><f>A3&gt;1</f><v>1</v></c><c r="B4" t="str"><f>"kg "&amp;"CO2e"</f><v>kg CO2e</v></c>' +
    '<c r="C4"><f>SUM(A2:A3)</f></c></row>',
  '<row r="5"><c r="A5"><f t="shared" ref="A5:A6" si="0">B3+1</f><v>9</v></c></row>',
  '<row r="6"><c r="A6"><f t="shared" si="0"/><v>10</v></c></row>',
  '<row r="8"><c r="A8" s="1"><f>DATE(2021,4,1)</f><v>44287</v></c><c r="B8" t="d"><v>2021-04-01T00:00:00</v></c>' +
    '<c r="C8" t="e"><v>#N/A</v></c></row>',
  '<row r="10"><c r="A10"/><c r="B10" t="s"><v>2</v></c><c r="C10"/><c r="D10" s="1"/></row>',
  '<row r="11"><c r="A11" s="1"/></row>',
].join('');

describe('xlsx reader', () => {
  const tempDir = useTempDir();

  describe('the DESNZ 2020 flat file', () => {
    it('lists its sheets without reading sheet data', async () => {
      const reader = await openSource(DESNZ_2020);
      expect(reader.format).toBe('xlsx');
      expect(reader.hasMacros).toBe(false);
      expect(await reader.sheetNames()).toEqual(['Front page', 'Factors by Category']);
    });

    it("reads 'Factors by Category' with its header on row 5 and the END row", async () => {
      const rows = await rowsByNumber(DESNZ_2020, 'Factors by Category');
      const header = rows.get(5) ?? [];
      expect(header.slice(0, 5)).toEqual(['Scope', 'Level 1', 'Level 2', 'Level 3', 'Level 4']);
      expect(header).toContain('GHG');
      expect(header).toContain('GHG Conversion Factor 2020');
      expect(rows.get(6)?.slice(0, 4)).toEqual(['Scope 1', 'Fuels', 'Gaseous fuels', 'CNG']);
      const end = [...rows].find(([, cells]) => cells.includes('END'));
      expect(end?.[0]).toBe(7516);
      expect(rows.size).toBeGreaterThan(7000);
    });
  });

  describe('formulas and cell types', () => {
    it('keeps formulas with their cached results, including errors, booleans, text and 0', async () => {
      const rows = await rowsByNumber(handMadeFile(tempDir(), [{ name: 'Calc', rows: FORMULA_ROWS }], ['Label', 'Value', 'after a gap']));
      expect(rows.get(2)).toEqual([10, 0, { t: 'formula', formula: 'A2/B2', result: { t: 'error', code: '#DIV/0!' } }]);
      expect(rows.get(3)).toEqual([4, { t: 'formula', formula: 'A3*2', result: 8 }, { t: 'formula', formula: 'A3-4', result: 0 }]);
      expect(rows.get(4)?.slice(0, 2)).toEqual([
        { t: 'formula', formula: 'A3>1', result: true },
        { t: 'formula', formula: '"kg "&"CO2e"', result: 'kg CO2e' },
      ]);
    });

    it('leaves out the result of a formula the file stored without one', async () => {
      const rows = await rowsByNumber(handMadeFile(tempDir(), [{ name: 'Calc', rows: FORMULA_ROWS }], ['Label', 'Value', 'x']));
      const uncalculated = rows.get(4)?.[2];
      expect(uncalculated).toEqual({ t: 'formula', formula: 'SUM(A2:A3)' });
      expect(uncalculated !== null && typeof uncalculated === 'object' && 'result' in uncalculated).toBe(false);
    });

    it('gives the cells of a shared formula their own formula text', async () => {
      const rows = await rowsByNumber(handMadeFile(tempDir(), [{ name: 'Calc', rows: FORMULA_ROWS }], ['Label', 'Value', 'x']));
      expect(rows.get(5)).toEqual([{ t: 'formula', formula: 'B3+1', result: 9 }]);
      expect(rows.get(6)).toEqual([{ t: 'formula', formula: 'B4+1', result: 10 }]);
    });

    it('reads dates as UTC: date-formatted formula results, ISO-typed cells, error values', async () => {
      const rows = await rowsByNumber(handMadeFile(tempDir(), [{ name: 'Calc', rows: FORMULA_ROWS }], ['Label', 'Value', 'x']));
      expect(rows.get(8)).toEqual([
        { t: 'formula', formula: 'DATE(2021,4,1)', result: { t: 'date', iso: '2021-04-01T00:00:00.000Z' } },
        { t: 'date', iso: '2021-04-01T00:00:00.000Z' },
        { t: 'error', code: '#N/A' },
      ]);
    });

    it('keeps row numbers, trims trailing empty cells and skips rows with no value', async () => {
      const rows = await rowsByNumber(handMadeFile(tempDir(), [{ name: 'Calc', rows: FORMULA_ROWS }], ['Label', 'Value', 'after a gap']));
      expect([...rows.keys()]).toEqual([1, 2, 3, 4, 5, 6, 8, 10]);
      expect(rows.get(10)).toEqual([null, 'after a gap']);
    });

    it('maps what exceljs hands over: rich text, hyperlinks, error values, dates, formulas', async () => {
      const file = await exceljsFile(tempDir(), (workbook) => {
        const sheet = workbook.addWorksheet('Readings');
        sheet.addRow(['Site', 'Month', 'kWh', 'Note', 'Check']);
        sheet.addRow([
          'Leeds',
          new Date(Date.UTC(2021, 3, 1)),
          1234.5,
          { richText: [{ text: 'CO' }, { font: { vertAlign: 'subscript' }, text: '₂' }, { text: ' meter' }] },
          { error: '#N/A' },
        ]);
        sheet.addRow(['York', null, { formula: 'C2*2', result: 2469 }, { text: 'invoice', hyperlink: 'https://example.org/i/1' }]);
        sheet.addRow(['Hull', null, { formula: 'C2/0' }]);
        sheet.getColumn(2).numFmt = 'yyyy-mm-dd';
        sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
      });
      const rows = await rowsByNumber(file);
      expect(rows.get(2)).toEqual(['Leeds', { t: 'date', iso: '2021-04-01T00:00:00.000Z' }, 1234.5, 'CO₂ meter', { t: 'error', code: '#N/A' }]);
      expect(rows.get(3)).toEqual(['York', null, { t: 'formula', formula: 'C2*2', result: 2469 }, 'invoice']);
      expect(rows.get(4)).toEqual(['Hull', null, { t: 'formula', formula: 'C2/0' }]);
    });

    it('converts dates as UTC when the local time zone is New York', async () => {
      const file = await exceljsFile(tempDir(), (workbook) => {
        const sheet = workbook.addWorksheet('Dates');
        sheet.addRow([new Date(Date.UTC(2021, 3, 1)), new Date(Date.UTC(2022, 2, 31, 23, 30))]);
        sheet.getCell('A1').numFmt = 'yyyy-mm-dd';
        sheet.getCell('B1').numFmt = 'yyyy-mm-dd hh:mm';
      });
      const previous = process.env.TZ;
      process.env.TZ = 'America/New_York';
      try {
        expect(new Date(2021, 3, 1).getTimezoneOffset()).toBe(240);
        const rows = await rowsByNumber(file);
        expect(rows.get(1)).toEqual([
          { t: 'date', iso: '2021-04-01T00:00:00.000Z' },
          { t: 'date', iso: '2022-03-31T23:30:00.000Z' },
        ]);
      } finally {
        if (previous === undefined) delete process.env.TZ;
        else process.env.TZ = previous;
      }
    });

    it('reads a date typed as text however XML lets the type be written, and no other attribute as the type', async () => {
      const sheet = {
        name: 'Dates',
        rows:
          '<row r="11"><c r="A11"\nt="d"><v>2024-04-02</v></c><c r="B11" t = "d"><v>2024-04-03</v></c>' +
          "<c r=\"C11\"\tt\r\n=\n'd'><v>2024-04-04T12:30:00</v></c><c r=\"D11\" xt=\"d\"><v>2024</v></c>" +
          '<c r="E11" s="0"\r\n\tt="d"/><c r="F11" t="d" s="0"><v>2024-04-05</v></c></row>',
      };
      expect((await rowsByNumber(handMadeFile(tempDir(), [sheet]))).get(11)).toEqual([
        { t: 'date', iso: '2024-04-02T00:00:00.000Z' },
        { t: 'date', iso: '2024-04-03T00:00:00.000Z' },
        { t: 'date', iso: '2024-04-04T12:30:00.000Z' },
        2024,
        null,
        { t: 'date', iso: '2024-04-05T00:00:00.000Z' },
      ]);
    });

    it('reads a date whose type is written with a character reference', async () => {
      const sheet = { name: 'Dates', rows: '<row r="3"><c r="A3" t="&#100;"><v>2024-04-06</v></c><c r="B3" t="&#x64;"><v>2024-04-07T08:00:00</v></c></row>' };
      expect((await rowsByNumber(handMadeFile(tempDir(), [sheet]))).get(3)).toEqual([
        { t: 'date', iso: '2024-04-06T00:00:00.000Z' },
        { t: 'date', iso: '2024-04-07T08:00:00.000Z' },
      ]);
    });

    it('counts serial dates from 1904 when the workbook says so', async () => {
      const sheet = { name: 'Mac', rows: '<row r="1"><c r="A1" s="1"><v>42825</v></c><c r="B1" s="1"><f>A1</f><v>42825</v></c></row>' };
      const file = writeFile(tempDir(), 'mac.xlsx', handMadeWorkbook({ sheets: [sheet], sharedStrings: [], date1904: true }));
      expect((await rowsByNumber(file)).get(1)).toEqual([
        { t: 'date', iso: '2021-04-01T00:00:00.000Z' },
        { t: 'formula', formula: 'A1', result: { t: 'date', iso: '2021-04-01T00:00:00.000Z' } },
      ]);
    });
  });

  describe('namespace prefixes', () => {
    // Valid OOXML that some systems export: the main namespace bound to a prefix, every element
    // named with it. exceljs matches bare names, so unread it would give no rows at all.
    const longSheet = Array.from(
      { length: 3000 },
      (_, index) => `<row r="${index + 20}"><c r="A${index + 20}" t="inlineStr"><is><t>Site ${index} café</t></is></c><c r="B${index + 20}" s="1"><v>${44287 + index}</v></c></row>`,
    ).join('');
    const sheets: HandMadeSheet[] = [
      { name: 'Calc', rows: FORMULA_ROWS },
      { name: 'Long', rows: longSheet },
    ];

    it('keeps a formula whose element has a prefix that the root element does not use', async () => {
      const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
      const sheet = {
        name: 'Calc',
        rows:
          `<row r="1" xmlns:x="${main}"><c r="A1"><x:f>1+1</x:f><v>2</v></c><c r="B1" t="str"><x:f>"a"&amp;"b"</x:f><v>ab</v></c>` +
          `<c r="C1"><s:f xmlns:s="${main}" t="shared" ref="C1:D1" si="0">A1*2</s:f><v>4</v></c><c r="D1"><x:f t="shared" si="0"/><v>8</v></c></row>`,
      };
      expect((await rowsByNumber(handMadeFile(tempDir(), [sheet]))).get(1)).toEqual([
        { t: 'formula', formula: '1+1', result: 2 },
        { t: 'formula', formula: '"a"&"b"', result: 'ab' },
        { t: 'formula', formula: 'A1*2', result: 4 },
        { t: 'formula', formula: 'B1*2', result: 8 },
      ]);
    });

    it('refuses a sheet whose cells, rows or values have a prefix the root element does not use, naming the sheet', async () => {
      // exceljs knows elements by their bare names: it would pass over such cells without an error.
      const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
      for (const [rows, element] of [
        [`<row r="1" xmlns:x="${main}"><c r="A1"><v>1</v></c><x:c r="B1"><v>2</v></x:c></row>`, '<c> elements as <x:c>'],
        [`<x:row r="2" xmlns:x="${main}"><c r="A2"><v>1</v></c></x:row>`, '<row> elements as <x:row>'],
        [`<row r="3" xmlns:x="${main}"><c r="A3"><x:v>1</x:v></c></row>`, '<v> elements as <x:v>'],
      ] as const) {
        const file = handMadeFile(tempDir(), [{ name: 'Fuel use', rows }]);
        const refusal = await rowsByNumber(file).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(SourceRefusedError);
        expect((refusal as Error).message).toBe(
          `The workbook's sheet "Fuel use" (part xl/worksheets/sheet1.xml) writes its ${element}, with a namespace prefix its root ` +
            'element does not use; the reader would pass over them and lose their values. Open the file in Excel or LibreOffice and save it again as .xlsx.',
        );
      }
    });

    it('reads a workbook whose parts name every element with a prefix exactly as the same workbook without', async () => {
      const sharedStrings = ['Label', 'Value', 'after a gap'];
      const plain = writeFile(tempDir(), 'plain.xlsx', handMadeWorkbook({ sheets, sharedStrings, date1904: true }));
      const prefixed = writeFile(tempDir(), 'prefixed.xlsx', handMadeWorkbook({ sheets, sharedStrings, date1904: true, mainNamespacePrefix: 'x' }));
      const expected = await readAll(await openSource(plain));
      expect(expected).toHaveLength(8 + 3000);
      const reader = await openSource(prefixed);
      expect(await reader.sheetNames()).toEqual(['Calc', 'Long']);
      expect(await readAll(reader)).toEqual(expected);
      expect(expected[8]).toEqual({ sheet: 'Long', row: { rowNumber: 20, cells: ['Site 0 café', { t: 'date', iso: '2025-04-02T00:00:00.000Z' }] } });
    });
  });

  describe('text', () => {
    it('reads an inline string as Excel shows it: its runs joined, without phonetic readings, decoded once', async () => {
      const sheet = {
        name: 'Inline',
        rows:
          '<row r="10"><c r="A10" t="inlineStr"><is><t>plain</t></is></c>' +
          '<c r="B10" t="inlineStr"><is><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></is></c>' +
          '<c r="C10" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c>' +
          '<c r="D10" t="inlineStr"><is><t xml:space="preserve"> a &amp;lt; b </t></is></c>' +
          "<c r=\"E10\" t = 'inlineStr'><is><r><t>CO</t></r><r><rPr><vertAlign val=\"subscript\"/></rPr><t>₂</t></r><r><t/></r></is></c>" +
          '<c r="F10" t="inlineStr"><is><t></t></is></c><c r="G10" t="inlineStr"><is/></c><c r="H10" t="inlineStr"><is><t>last</t></is></c></row>',
      };
      expect((await rowsByNumber(handMadeFile(tempDir(), [sheet]))).get(10)).toEqual(['plain', 'rich', '東京', ' a &lt; b ', 'CO₂', null, null, 'last']);
    });

    it('reads the CDATA sections of an inline string as written, beside its escaped text', async () => {
      const sheet = {
        name: 'Inline',
        rows:
          '<row r="4"><c r="A4" t="inlineStr"><is><t><![CDATA[a < b]]></t></is></c>' +
          '<c r="B4" t="inlineStr"><is><r><t>x &amp; </t></r><r><t><![CDATA[<y> & &amp;]]> z</t></r></is></c>' +
          '<c r="C4" t="inlineStr"><is><t>1 <![CDATA[]]>2</t></is></c></row>',
      };
      expect((await rowsByNumber(handMadeFile(tempDir(), [sheet]))).get(4)).toEqual(['a < b', 'x & <y> & &amp; z', '1 2']);
    });

    it('reads a value written in a CDATA section, and refuses a shared-string index written so', async () => {
      const values = { name: 'Values', rows: '<row r="5"><c r="A5"><v><![CDATA[12.5]]></v></c><c r="B5" t="str"><f>"a"&amp;"b"</f><v><![CDATA[ab]]></v></c></row>' };
      expect((await rowsByNumber(handMadeFile(tempDir(), [values]))).get(5)).toEqual([12.5, { t: 'formula', formula: '"a"&"b"', result: 'ab' }]);
      const shared = { name: 'Shared', rows: '<row r="6"><c r="A6" t="s"><v><![CDATA[0]]></v></c></row>' };
      await expect(rowsByNumber(handMadeFile(tempDir(), [shared]))).rejects.toThrow(/cell A6 of sheet "Shared" holds "0" as a value of type "s"/);
    });

    it('reads shared strings written in CDATA sections as written, beside escaped text', async () => {
      // exceljs alone reads a shared string in a CDATA section as empty.
      const sst =
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">' +
        '<si><t><![CDATA[Electricity]]></t></si><si><r><t>kg </t></r><r><rPr><b/></rPr><t><![CDATA[CO2e & <more>]]></t></r></si>' +
        '<si><t>a<![CDATA[]]]]><![CDATA[>b]]></t></si><si><t>plain &amp; simple</t></si></sst>';
      const sheet = {
        name: 'Shared',
        rows: '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c></row>',
      };
      const file = writeFile(tempDir(), 'cdata.xlsx', handMadeWorkbook({ sheets: [sheet], sharedStrings: [], overrides: { 'xl/sharedStrings.xml': sst } }));
      expect((await rowsByNumber(file)).get(2)).toEqual(['Electricity', 'kg CO2e & <more>', 'a]]>b', 'plain & simple']);
    });

    /** The first row of a workbook whose shared-strings part holds `items` and whose row 2 points at each in turn. */
    async function sharedRow(items: readonly string[]): Promise<readonly Cell[] | undefined> {
      const sst =
        `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">\n` +
        `${items.join('\n')}\n</sst>\n`;
      const cells = items.map((_, index) => `<c r="${String.fromCharCode(65 + index)}2" t="s"><v>${index}</v></c>`).join('');
      const sheet = { name: 'Shared', rows: `<row r="2">${cells}</row>` };
      const file = writeFile(tempDir(), 'shared.xlsx', handMadeWorkbook({ sheets: [sheet], sharedStrings: [], overrides: { 'xl/sharedStrings.xml': sst } }));
      return (await rowsByNumber(file)).get(2);
    }

    it("reads a shared string's own text, not its phonetic reading", async () => {
      // exceljs alone reads each of these as its reading (トウキョウ, トウキョウト): a <t> starts its string over.
      expect(
        await sharedRow([
          '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
          '<si><r><t>東京</t></r><r><rPr><b/></rPr><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウト</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
        ]),
      ).toEqual(['東京', '東京都']);
    });

    it("reads a pretty-printed shared string without the indentation between its elements, keeping a <t>'s own whitespace", async () => {
      // exceljs alone appends the line break and indentation after each </t> to the string.
      expect(
        await sharedRow([
          '  <si>\n    <t>Electricity</t>\n  </si>',
          '  <si>\n    <r>\n      <t xml:space="preserve">kg </t>\n    </r>\n    <r>\n      <rPr>\n        <b/>\n      </rPr>\n      <t>CO2e</t>\n    </r>\n  </si>',
          '  <si>\n    <t xml:space="preserve"> a\n\tb </t>\n  </si>',
        ]),
      ).toEqual(['Electricity', 'kg CO2e', ' a\n\tb ']);
    });

    it('names the line of an XML error in a pretty-printed shared-strings part as the file has it', async () => {
      await expect(sharedRow(['  <si>\n    <t>a</t>\n  </si>', '  <si>\n    <rPh sb="0" eb="1">\n      <t>エー</t>\n    </rPh>\n    <t>b&nbsp;</t>\n  </si>'])).rejects.toThrow(
        /part xl\/sharedStrings\.xml is not well-formed XML at line 10, column \d+ \(undefined entity\)/,
      );
    });

    it('refuses a shared string with text outside its <t> elements, naming the part', async () => {
      await expect(sharedRow(['<si><t>a</t>b</si>'])).rejects.toThrow(/part xl\/sharedStrings.xml cannot be read \(text outside a string's <t> element \("b"\)\)/);
    });

    it('keeps characters that a chunk boundary splits, in shared and inline strings', async () => {
      const texts = Array.from({ length: 6000 }, (_, index) => `£${index} café CO₂ m³ ${'€'.repeat(index % 7)}`);
      const sharedFile = await exceljsFile(tempDir(), (workbook) => {
        const sheet = workbook.addWorksheet('Shared');
        for (const text of texts) sheet.addRow([text]);
      });
      const inline = texts.map((text, index) => `<row r="${index + 1}"><c r="A${index + 1}" t="inlineStr"><is><t>${text}</t></is></c></row>`);
      const inlineFile = writeFile(tempDir(), 'inline.xlsx', handMadeWorkbook({ sheets: [{ name: 'Inline', rows: inline.join('') }] }));
      for (const file of [sharedFile, inlineFile]) {
        const read = (await readAll(await openSource(file))).map(({ row }) => row.cells[0]);
        expect(read).toEqual(texts);
      }
    });
  });

  describe('sheets', () => {
    const twoSheets: HandMadeSheet[] = [
      { name: 'Offices', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>office</t></is></c></row>' },
      // Stored where exceljs alone would never look for a sheet.
      { name: 'Data & Sites', rows: '<row r="3"><c r="B3"><v>7</v></c></row>', partName: 'xl/worksheets/data.xml' },
    ];

    it('reads every worksheet in workbook order, whatever its part is called', async () => {
      const reader = await openSource(handMadeFile(tempDir(), twoSheets));
      expect(await reader.sheetNames()).toEqual(['Offices', 'Data & Sites']);
      expect(await readAll(reader)).toEqual([
        { sheet: 'Offices', row: { rowNumber: 1, cells: ['office'] } },
        { sheet: 'Data & Sites', row: { rowNumber: 3, cells: [null, 7] } },
      ]);
    });

    it('reads one sheet when asked, and says which sheets exist when the name is wrong', async () => {
      const reader = await openSource(handMadeFile(tempDir(), twoSheets));
      expect(await readAll(reader, { sheet: 'Data & Sites' })).toEqual([{ sheet: 'Data & Sites', row: { rowNumber: 3, cells: [null, 7] } }]);
      await expect(readAll(reader, { sheet: 'Sites' })).rejects.toThrow(
        'The workbook has no sheet named "Sites"; its sheets are "Offices", "Data & Sites".',
      );
    });

    it('refuses a sheet stored under a name the guard does not inflate and check', async () => {
      const hidden = handMadeFile(tempDir(), [{ name: 'Data', rows: '<row r="1"><c r="A1"><v>1</v></c></row>', partName: 'xl/worksheets/sheet1.bin' }]);
      const error: unknown = await openSource(hidden).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SourceRefusedError);
      expect((error as SourceRefusedError).message).toContain('its sheet "Data" should be stored as xl/worksheets/sheet1.bin');
    });

    it('reports a sheet whose XML is malformed as a damaged workbook, naming the sheet, its part and where', async () => {
      const broken = handMadeFile(tempDir(), [{ name: 'Broken', rows: '<row r="1"><c r="A1"><v>1</c></v></row>' }]);
      const error: unknown = await readAll(await openSource(broken)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SourceRefusedError);
      expect((error as SourceRefusedError).code).toBe('corrupt');
      expect((error as SourceRefusedError).message).toMatch(
        /^The workbook is damaged: its sheet "Broken" \(part xl\/worksheets\/sheet1\.xml\) is not well-formed XML at line 2, column \d+ \(unmatched closing tag: worksheet\)\./,
      );
    });
  });

  describe('progress and cancellation', () => {
    async function manyRows(): Promise<string> {
      return exceljsFile(tempDir(), (workbook) => {
        const sheet = workbook.addWorksheet('Readings');
        for (let index = 1; index <= 30_000; index++) sheet.addRow([`Site ${index % 40}`, index, index * 1.5]);
      });
    }

    it('reports compressed bytes read up to the total, and the rows', async () => {
      const reports: ReadProgress[] = [];
      const rows = await readAll(await openSource(await manyRows()), { onProgress: (progress) => reports.push(progress) });
      const last = reports.at(-1);
      expect(rows).toHaveLength(30_000);
      expect(reports.length).toBeGreaterThan(2);
      expect(last?.rows).toBe(30_000);
      expect(last?.totalBytes).toBeGreaterThan(0);
      expect(last?.bytesRead).toBe(last?.totalBytes);
      expect(reports.every((report, index) => index === 0 || report.bytesRead >= (reports[index - 1]?.bytesRead ?? 0))).toBe(true);
    });

    it('stops promptly when cancelled, with an AbortError', async () => {
      const reader = await openSource(await manyRows());
      const stop = new AbortController();
      let seen = 0;
      const error: unknown = await (async () => {
        for await (const _row of reader.rows({ signal: stop.signal })) if (++seen === 10) stop.abort();
      })().catch((caught: unknown) => caught);
      expect((error as Error).name).toBe('AbortError');
      expect(seen).toBe(10);
    });
  });

  it('reads an .xlsm for its values only, noting the macro project', async () => {
    const file = writeFile(
      tempDir(),
      'macros.xlsm',
      handMadeWorkbook({
        sheets: [{ name: 'Data', rows: '<row r="1"><c r="A1"><v>5</v></c></row>' }],
        workbookContentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
        extraEntries: [{ name: 'xl/vbaProject.bin', data: Buffer.from('not really VBA') }],
      }),
    );
    const reader = await openSource(file);
    expect({ format: reader.format, hasMacros: reader.hasMacros }).toEqual({ format: 'xlsm', hasMacros: true });
    expect(await readAll(reader)).toEqual([{ sheet: 'Data', row: { rowNumber: 1, cells: [5] } }]);
  });
});
