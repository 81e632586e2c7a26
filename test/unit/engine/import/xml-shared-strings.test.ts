import { describe, expect, it } from 'vitest';
import { SharedStringsTextFilter } from '../../../../electron/engine/import/readers/xml-shared-strings';

/** The filter's output for `xml` cut into pieces at `cuts`. */
function filtered(xml: string, cuts: readonly number[]): string {
  const filter = new SharedStringsTextFilter();
  const bounds = [0, ...cuts, xml.length];
  const pieces = bounds.slice(1).map((end, index) => filter.push(xml.slice(bounds[index], end)));
  return pieces.join('') + filter.push('', true);
}

/** `check` holds for `xml` cut once at every position, and cut between every two characters. */
function everyCut(xml: string, check: (cuts: readonly number[]) => void): void {
  for (let cut = 0; cut <= xml.length; cut++) check([cut]);
  check(Array.from({ length: xml.length - 1 }, (_, index) => index + 1));
}

describe('SharedStringsTextFilter', () => {
  it('drops phonetic readings whole, with their runs, comments and text, wherever the text is cut', () => {
    const shared =
      '<sst xmlns="urn:main"><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><r><t>a</t></r><rPh sb="0" eb="1"><r><rPr><b/></rPr><t>エー</t></r><!-- <t>x</t> --></rPh><r><t xml:space="preserve"> b</t></r></si>' +
      `<si><rPh sb="0" eb="0"/><t>c</t><rPh\nsb='0' x="/>"><rPh/><t>ツ</t></rPh></si></sst>`;
    const strings =
      '<sst xmlns="urn:main"><si><t>東京</t><phoneticPr fontId="1"/></si>' +
      '<si><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></si><si><t>c</t><!--\n--></si></sst>';
    everyCut(shared, (cuts) => expect(filtered(shared, cuts)).toBe(strings));
  });

  it('drops whitespace between elements, keeping its line breaks in comments and every character inside a <t>, wherever the text is cut', () => {
    const shared =
      '<?xml version="1.0"?>\r\n<sst xmlns="urn:main" a=">\n">\n  <si>\n    <t xml:space="preserve">  a\n\tb  </t>\n  </si>\n' +
      '  <si>\n    <r>\n      <rPr>\n        <b/>\n      </rPr>\n      <t>c &amp; d</t>\n    </r>\n   <!-- note --> \n  </si>\n' +
      '  <si><t>\n</t></si><si><t/></si>\n</sst>\n';
    const strings =
      '<?xml version="1.0"?>\r\n<sst xmlns="urn:main" a=">\n"><!--\n--><si><!--\n--><t xml:space="preserve">  a\n\tb  </t><!--\n--></si><!--\n-->' +
      '<si><!--\n--><r><!--\n--><rPr><!--\n--><b/><!--\n--></rPr><!--\n--><t>c &amp; d</t><!--\n--></r><!--\n--><!-- note --><!--\n--></si><!--\n-->' +
      '<si><t>\n</t></si><si><t/></si><!--\n--></sst>\n';
    everyCut(shared, (cuts) => expect(filtered(shared, cuts)).toBe(strings));
  });

  it('refuses text other than whitespace outside a <t> inside the root element, wherever the text is cut', () => {
    for (const shared of ['<sst><si><t>a</t>b</si></sst>', '<sst><si><r><t>a</t></r>&amp;</si></sst>', '<sst><si> x <t>a</t></si></sst>']) {
      everyCut(shared, (cuts) => expect(() => filtered(shared, cuts)).toThrow(/text outside a string's <t> element/));
    }
  });

  it('passes an ordinary shared-strings part through unchanged, however its tags and attributes are written', () => {
    const plain =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="urn:main" count="2" uniqueCount="2">' +
      '<si><t>Electricity</t></si><si><r><rPr><sz val="11"/></rPr><t xml:space="preserve">kWh </t></r></si>' +
      `<si><t a='/>' b="/">q</t></si><si><t\n/><phoneticPr\tfontId="1"\ntype='noConversion'/></si><!-- <rPh> --><?pi <rPh> ?></sst>`;
    everyCut(plain, (cuts) => expect(filtered(plain, cuts)).toBe(plain));
  });
});
