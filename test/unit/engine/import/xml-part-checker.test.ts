import { describe, expect, it } from 'vitest';
import { SourceRefusedError } from '../../../../electron/engine/import/readers/refusal';
import { XmlPartChecker } from '../../../../electron/engine/import/readers/xml-part-checker';

const MAIN = 'xmlns="urn:main" xmlns:y="urn:main" xmlns:x14ac="urn:x14ac"';

/** What checking `xml` cut into two chunks at `cut` throws, or undefined when it passes. */
function checked(xml: string, cut: number, part = 'xl/worksheets/sheet1.xml'): unknown {
  const bytes = Buffer.from(xml);
  const checker = new XmlPartChecker(part, part.includes('sheet') ? 'Data' : undefined);
  try {
    checker.feed(bytes.subarray(0, cut));
    checker.feed(bytes.subarray(cut));
    checker.end();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Checks `xml` at every cut; the messages thrown, one per cut. */
function everyCut(xml: string, part?: string): unknown[] {
  return Array.from({ length: xml.length + 1 }, (_, cut) => checked(xml, cut, part));
}

describe('XmlPartChecker: elements exceljs reads values from', () => {
  it('refuses a sheet whose rows, cells or values carry a prefix other than the root element\'s, wherever the chunks are cut', () => {
    for (const [rows, written] of [
      ['<row r="1"><y:c r="A1"><v>1</v></y:c></row>', '<c> elements as <y:c>'],
      ['<y:row r="1"><c r="A1"><v>1</v></c></y:row>', '<row> elements as <y:row>'],
      ['<row r="1"><c r="A1"><y:v>1</y:v></c></row>', '<v> elements as <y:v>'],
      ['<row r="1"><c r="A1"><v>1</v></c><c r="B1"/><yy:c r="C1"/></row>', '<c> elements as <yy:c>'],
    ] as const) {
      const xml = `<worksheet ${MAIN} xmlns:yy="urn:main"><sheetData>${rows}</sheetData></worksheet>`;
      for (const error of everyCut(xml)) {
        expect(error).toBeInstanceOf(SourceRefusedError);
        expect((error as Error).message).toContain(`sheet "Data" (part xl/worksheets/sheet1.xml) writes its ${written}`);
      }
    }
    const prefixedSheetData = `<x:worksheet xmlns:x="urn:main" xmlns:y="urn:main"><y:sheetData><x:row r="1"/></y:sheetData></x:worksheet>`;
    for (const error of everyCut(prefixedSheetData)) {
      expect((error as Error).message).toMatch(/writes its <sheetData> elements as <y:sheetData>, with a namespace prefix its root element writes as "x"/);
    }
  });

  it('refuses a shared-strings table whose items carry a prefix other than the root element\'s', () => {
    const xml = `<sst ${MAIN}><si><t>a</t></si><y:si><t>b</t></y:si></sst>`;
    for (const error of everyCut(xml, 'xl/sharedStrings.xml')) {
      expect((error as Error).message).toContain("The workbook's part xl/sharedStrings.xml writes its <si> elements as <y:si>");
    }
  });

  it('passes the root prefix, formulas and inline strings under any prefix, prefixed attributes, CDATA and other namespaces', () => {
    const sheets = [
      `<x:worksheet xmlns:x="urn:main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      `<worksheet ${MAIN}><sheetData><row r="1" spans="1:2" x14ac:dyDescent="0.25"><c r="A1"><y:f>1+1</y:f><v>2</v></c>` +
        '<c r="B1" t="inlineStr"><y:is><y:t>a</y:t></y:is></c><c r="C1"><v><![CDATA[<y:c>]]></v></c><!-- <y:row> --></row></sheetData>' +
        '<extLst><ext uri="u"><y:row/><x14ac:c/></ext></extLst></worksheet>',
    ];
    for (const xml of sheets) expect(everyCut(xml).filter((error) => error !== undefined)).toEqual([]);
  });
});
