import { slideFormula as exceljsSlideFormula } from 'exceljs/lib/utils/shared-formula';
import { describe, expect, it } from 'vitest';
import { openSource, SourceRefusedError } from '../../../../electron/engine/import/readers';
import { SheetCellScanner } from '../../../../electron/engine/import/readers/xlsx-cell-scanner';
import { slideFormula } from '../../../../electron/engine/import/readers/xlsx-shared-formula';
import { XmlPartChecker } from '../../../../electron/engine/import/readers/xml-part-checker';
import { parseXmlAttributes, xmlChild, xmlElementsAttributes, XmlTextError } from '../../../../electron/engine/import/readers/xml-text';
import { seededRandom } from '../../../helpers/random';
import { useTempDir } from '../../../helpers/temp';
import { worksheetXml, writeFile } from './files';

// Inputs crafted to make a backtracking regex or a re-scanned buffer take quadratic time. Each
// must be handled in time proportional to its size: the bound of a second is generous.

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('the small XML scanners', () => {
  it('read attributes as before: both quotes, prefixes, entities, a name without value', () => {
    expect(Object.fromEntries(parseXmlAttributes(` name="Data &amp; Sites" r:id='rId2' sheetId = "3" hidden`))).toEqual({
      name: 'Data & Sites',
      'r:id': 'rId2',
      sheetId: '3',
    });
  });

  it('list elements by local name, skipping comments and CDATA', () => {
    const xml = '<workbook><!-- <sheet name="old"/> --><x:sheets><x:sheet name="A"/><![CDATA[<sheet name="no">]]><sheet name="B" /></x:sheets></workbook>';
    expect(xmlElementsAttributes(xml, 'sheet').map((attributes) => attributes.get('name'))).toEqual(['A', 'B']);
  });

  it('take a formula and its value out of a cell', () => {
    const body = '<f t="shared" ref="A5:A6" si="0">B3+1</f><v>9</v>';
    expect(xmlChild(body, 'f')).toEqual({ attributes: new Map([['t', 'shared'], ['ref', 'A5:A6'], ['si', '0']]), text: 'B3+1' });
    expect(xmlChild(body, 'v')?.text).toBe('9');
    expect(xmlChild('<f t="shared" si="0"/>', 'f')?.text).toBeUndefined();
  });

  it('refuse 20,000 repeated "<sheet " in linear time', () => {
    const xml = `<workbook><sheets>${'<sheet '.repeat(20_000)}</sheets></workbook>`;
    const { result, ms } = timed(() => thrown(() => xmlElementsAttributes(xml, 'sheet')));
    expect(result).toBeInstanceOf(XmlTextError);
    expect(ms).toBeLessThan(1_000);
  });

  it.each([
    ['names without values', 'a '.repeat(500_000)],
    ['one long name', 'a'.repeat(1_000_000)],
    ['names each followed by =', 'a='.repeat(500_000)],
    ['unclosed quotes', 'a="'.repeat(300_000)],
    ['character references without end', `a="${'&#x1'.repeat(250_000)}"`],
  ])('read a start tag of %s in linear time', (_case, tag) => {
    const { ms } = timed(() => parseXmlAttributes(tag));
    expect(ms).toBeLessThan(1_000);
  });
});

describe('shared formulas', () => {
  it("slide exactly as exceljs's slideFormula does", () => {
    const random = seededRandom(8);
    const pieces = ['A1', '$B$2', 'c3', 'XFD9', 'XFE1', 'Sheet1!', 'My-Sheet!', "'Q 1'!", 'SUM(', 'LOG10(', ':', '-', '+', '*', ' ', '"A1"', '(', ')', '1', '$', '_x', 'ab', '!', ',', 'A0', 'R1C1'];
    for (let index = 0; index < 3_000; index++) {
      const formula = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const moved = (slide: typeof slideFormula) => {
        try {
          return slide(formula, 'C3', 'E7');
        } catch (error) {
          return `throws ${(error as Error).message}`;
        }
      };
      expect(moved(slideFormula), formula).toBe(moved(exceljsSlideFormula));
    }
  });

  it('slide a long formula in linear time', () => {
    const formula = 'A1-'.repeat(100_000) + 'A1';
    const { result, ms } = timed(() => slideFormula(formula, 'A1', 'A2'));
    expect(result).toBe('A2-'.repeat(100_000) + 'A2');
    expect(ms).toBeLessThan(1_000);
  });
});

describe('the worksheet cell scanner', () => {
  const ROWS =
    '<row r="2"><c r="A2"><v>10</v></c><c r="C2" t="e"><f>A2/B2</f><v>#DIV/0!</v></c><c r="D2" s="1"/></row>' +
    '<row r="5"><c r="A5"><f t="shared" ref="A5:A6" si="0">B3+1</f><v>9</v></c><cols/><c r="B5" t="d"><v>2021-04-01</v></c></row>' +
    '<row r="6"><c r="A6"><f t="shared" si="0"/><v>10</v></c><c r="B6" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
    '<c r="C6" t="inlineStr"><is><r><t>x</t></r><r><t>y &amp;</t></r></is></c></row>';

  function scanned(xml: string, chunkSize: number): string {
    const scanner = new SheetCellScanner('Data');
    for (let at = 0; at < xml.length; at += chunkSize) scanner.scan(xml.slice(at, at + chunkSize));
    return JSON.stringify([2, 5, 6].map((row) => [...(scanner.takeRow(row) ?? new Map()).entries()]));
  }

  it('finds the same cells however the text is cut into chunks', () => {
    const xml = worksheetXml(ROWS);
    const whole = scanned(xml, xml.length);
    expect(JSON.parse(whole)).toEqual([
      [[3, { type: 'e', valueText: '#DIV/0!', formula: 'A2/B2' }]],
      [[1, { type: undefined, valueText: '9', formula: 'B3+1' }], [2, { type: 'd', valueText: '2021-04-01' }]].map(([column, cell]) => [
        column,
        JSON.parse(JSON.stringify(cell)),
      ]),
      [
        [1, { type: undefined, valueText: '10', formula: 'B4+1' }],
        [2, { type: 'str', valueText: 'ab', formula: '"a"&"b"' }],
        [3, { type: 'inlineStr', valueText: 'xy &' }],
      ].map(
        ([column, cell]) => [column, JSON.parse(JSON.stringify(cell))],
      ),
    ]);
    for (const size of [1, 2, 3, 5, 7, 11, 64]) expect(scanned(xml, size), `chunks of ${size}`).toBe(whole);
  });

  it('refuses a 16 MiB cell soon after 1 MiB, without re-reading what it holds', () => {
    const scanner = new SheetCellScanner('Data');
    const chunk = 'x'.repeat(16 * 1024);
    const { result, ms } = timed(() =>
      thrown(() => {
        scanner.scan('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>');
        for (let sent = 0; sent < 16 * 1024 * 1024; sent += chunk.length) scanner.scan(chunk);
      }),
    );
    expect(result).toBeInstanceOf(SourceRefusedError);
    expect((result as SourceRefusedError).message).toMatch(/^The workbook's sheet "Data" holds a cell \(A1\) whose XML runs past 1,048,576 characters/);
    expect(ms).toBeLessThan(1_000);
  });

  it('reads a formula cell of almost 1 MiB, sent in small chunks, in linear time', () => {
    const scanner = new SheetCellScanner('Data');
    const formula = 'A1-'.repeat(300_000);
    const xml = `<row r="1"><c r="B1"><f>${formula}A1</f><v>0</v></c></row>`;
    const { ms } = timed(() => {
      for (let at = 0; at < xml.length; at += 4096) scanner.scan(xml.slice(at, at + 4096));
    });
    expect(scanner.takeRow(1)?.get(2)?.formula).toBe(`${formula}A1`);
    expect(ms).toBeLessThan(1_000);
  });

  it('reads a cell whose start tag takes almost 1 MiB, sent in small chunks, in linear time', () => {
    const scanner = new SheetCellScanner('Data');
    // Long attribute values, some quoted with apostrophes, and long runs between them: a chunk may end anywhere in one.
    const attributes = Array.from({ length: 1000 }, (_, index) => ` x${index}=${index % 2 === 0 ? `"${'a>'.repeat(250)}"` : `'${'b"'.repeat(250)}'`}${' '.repeat(400)}`).join('');
    const xml = `<row r="1"><c r="B1"${attributes} t="d"><v>2024-04-02</v></c></row>`;
    expect(xml.length).toBeGreaterThan(900_000);
    const { ms } = timed(() => {
      for (let at = 0; at < xml.length; at += 512) scanner.scan(xml.slice(at, at + 512));
    });
    expect(scanner.takeRow(1)?.get(2)).toEqual({ type: 'd', valueText: '2024-04-02' });
    expect(ms).toBeLessThan(1_000);
  });

  it('finds date types and prefixed formulas past long runs of white space and prefix characters in linear time', () => {
    const scanner = new SheetCellScanner('Data');
    const space = ' \t\r\n'.repeat(20_000);
    const cells = [
      // Values "d" after long white space that never turns out to follow `t =`, then one that does.
      `<c r="A1" s=${space}"d"${space}u${space}=${space}"d"${space}t${space}=${space}"d"><v>2024-04-02</v></c>`,
      // Many `:f` after prefix characters, none opening a tag, then a long prefix that does.
      `<c r="B1"><v>1</v>${'a:f '.repeat(50_000)}</c>`,
      `<c r="C1"><${'p'.repeat(200_000)}:f>1+1</${'p'.repeat(200_000)}:f><v>2</v></c>`,
    ];
    const xml = `<row r="1">${cells.join('')}</row>`;
    const { ms } = timed(() => {
      for (let at = 0; at < xml.length; at += 65_536) scanner.scan(xml.slice(at, at + 65_536));
    });
    expect([...(scanner.takeRow(1) ?? new Map()).entries()]).toEqual([
      [1, { type: 'd', valueText: '2024-04-02' }],
      [3, { type: undefined, valueText: '2', formula: '1+1' }],
    ]);
    expect(ms).toBeLessThan(1_000);
  });

  it('refuses cells stored outside their rows instead of holding them', () => {
    const scanner = new SheetCellScanner('Data');
    scanner.scan('<row r="1"><c r="A1"><f>1</f><v>1</v></c><c r="A3"><f>1</f><v>1</v></c></row><row r="2"></row>');
    scanner.takeRow(1);
    expect(() => scanner.takeRow(4)).toThrow('The workbook is damaged: in its sheet "Data", cell A3 is stored outside row 3, after row 4.');
  });
});

describe('the XML part checker', () => {
  function check(xml: string | Buffer, chunkSize: number): string {
    const bytes = Buffer.isBuffer(xml) ? xml : Buffer.from(xml);
    const checker = new XmlPartChecker('xl/worksheets/sheet1.xml');
    try {
      for (let at = 0; at < bytes.length; at += chunkSize) checker.feed(bytes.subarray(at, at + chunkSize));
      checker.end();
      return 'complete';
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('judges a part the same however it is cut into chunks', () => {
    const parts = [
      `\ufeff${worksheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>a &gt; b</t></is></c><c r="B1" x="1>2" y=\'/>\'/></row>')}`,
      '<?xml version="1.0"?><!-- a -- comment --><a><![CDATA[ <b> ]]]]><?pi ? > ?></a>\n',
      '<a><b></a>',
      '<a><!-- never closed',
      '<a/><!DOCTYPE a>',
      '<a/>text',
    ];
    for (const part of parts) {
      const whole = check(part, part.length);
      for (const size of [1, 2, 3, 7]) expect(check(part, size), `${part} in chunks of ${size}`).toBe(whole);
    }
    const verdicts = parts.map((part) => check(part, part.length));
    expect(verdicts.slice(0, 2)).toEqual(['complete', 'complete']);
    expect(verdicts[2]).toBe(
      'The workbook is damaged: its part xl/worksheets/sheet1.xml is incomplete XML: it ends after 10 bytes ("…<a><b></a>") ' +
        'with one element never closed: it was cut short, or an end tag is missing. Open it in Excel to repair it, or ask for a fresh copy.',
    );
    expect(verdicts[3]).toContain('it ends after 20 bytes ("…<a><!-- never closed") inside a comment, so it was cut short.');
    expect(verdicts[4]).toContain('contains a <!DOCTYPE> declaration');
    expect(verdicts[5]).toContain('is not well-formed XML at byte 4: text follows the root element ("…<a/>t")');
  });

  it('checks a 2 MiB part of a million tiny tags in linear time', () => {
    const { result, ms } = timed(() => check(`<a>${'<b/>'.repeat(500_000)}</a>`, 16 * 1024));
    expect(result).toBe('complete');
    expect(ms).toBeLessThan(1_000);
  });
});

describe('the CSV reader', () => {
  const tempDir = useTempDir();

  it('refuses a line that never ends once it runs past 16 Mi characters, without holding the file', async () => {
    const file = writeFile(tempDir(), 'endless.csv', `Site,kWh\n${'x'.repeat(40 * 1024 * 1024)}`);
    const error: unknown = await (async () => {
      for await (const _row of (await openSource(file)).rows()) {
        // the header row comes first
      }
    })().then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceRefusedError);
    expect((error as SourceRefusedError).message).toBe(
      "The CSV file's record 2 is malformed (it runs on past 16,777,216 characters, far beyond any genuine row: a quote " +
        'is probably never closed, or the line never ends). Fix the quoting there, or export the file again, then import it.',
    );
  });
});
