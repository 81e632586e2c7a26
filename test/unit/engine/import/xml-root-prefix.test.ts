import { describe, expect, it } from 'vitest';
import { RootPrefixRemover } from '../../../../electron/engine/import/readers/xml-root-prefix';

/** The remover's output for `xml` cut into pieces at `cuts`. */
function removed(xml: string, cuts: readonly number[], options?: { cdataAsText?: boolean }): string {
  const remover = new RootPrefixRemover(options);
  const bounds = [0, ...cuts, xml.length];
  const pieces = bounds.slice(1).map((end, index) => remover.push(xml.slice(bounds[index], end)));
  return pieces.join('') + remover.push('', true);
}

const PREFIXED =
  '<?xml version="1.0"?><!-- <x:note> --><x:worksheet xmlns:x="urn:main" xmlns:mc="urn:mc"><x:sheetData>' +
  '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t><![CDATA[<x:kept/> a]]b]]></x:t></x:is></x:c><mc:Choice/></x:row>' +
  '<xy:other/><x:row r="2"/></x:sheetData></x:worksheet>';
const EXPECTED =
  '<?xml version="1.0"?><!-- <x:note> --><worksheet xmlns:x="urn:main" xmlns:mc="urn:mc"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<x:kept/> a]]b]]></t></is></c><mc:Choice/></row>' +
  '<xy:other/><row r="2"/></sheetData></worksheet>';

describe('RootPrefixRemover', () => {
  it("takes the root's prefix off element names only, wherever the text is cut", () => {
    for (let cut = 0; cut <= PREFIXED.length; cut++) expect(removed(PREFIXED, [cut])).toBe(EXPECTED);
    expect(removed(PREFIXED, Array.from({ length: PREFIXED.length - 1 }, (_, index) => index + 1))).toBe(EXPECTED);
  });

  it('passes a part whose root has no prefix through unchanged, other prefixes included', () => {
    const plain = '<?xml version="1.0"?><worksheet xmlns="urn:main"><x:row/><sheetData><row r="1"/></sheetData></worksheet>';
    for (let cut = 0; cut <= plain.length; cut++) expect(removed(plain, [cut])).toBe(plain);
  });

  it('writes CDATA sections as the escaped text they stand for when asked, wherever the text is cut', () => {
    const shared =
      '<?xml version="1.0"?><!-- <![CDATA[ --><sst xmlns="urn:main"><si><t><![CDATA[Electricity]]></t></si>' +
      '<si><r><t>a &amp; <![CDATA[<b> & ]]]]><![CDATA[>c]]></t></r></si><?pi <![CDATA[ ?><si><t><![CDATA[]]></t></si></sst>';
    const text =
      '<?xml version="1.0"?><!-- <![CDATA[ --><sst xmlns="urn:main"><si><t>Electricity</t></si>' +
      '<si><r><t>a &amp; &lt;b&gt; &amp; ]]&gt;c</t></r></si><?pi <![CDATA[ ?><si><t></t></si></sst>';
    for (let cut = 0; cut <= shared.length; cut++) expect(removed(shared, [cut], { cdataAsText: true })).toBe(text);
    expect(removed(shared, Array.from({ length: shared.length - 1 }, (_, index) => index + 1), { cdataAsText: true })).toBe(text);
    const prefixed = '<x:sst xmlns:x="urn:main"><x:si><x:t><![CDATA[<x:t> & 1]]></x:t></x:si></x:sst>';
    for (let cut = 0; cut <= prefixed.length; cut++) {
      expect(removed(prefixed, [cut], { cdataAsText: true })).toBe('<sst xmlns:x="urn:main"><si><t>&lt;x:t&gt; &amp; 1</t></si></sst>');
    }
  });
});
