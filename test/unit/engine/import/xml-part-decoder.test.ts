import { describe, expect, it } from 'vitest';
import { decodeXmlPart } from '../../../../electron/engine/import/readers/xml-part-decoder';

/** The text decodeXmlPart hands on for `bytes` arriving in chunks of `size` bytes, and what it reported seeing. */
async function decode(bytes: Buffer, size: number, options?: { sharedStrings?: boolean }): Promise<{ pieces: string[]; seen: string }> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const pieces: string[] = [];
  let seen = '';
  for await (const piece of decodeXmlPart(chunks(), (text) => (seen += text), [], options)) pieces.push(piece);
  return { pieces, seen };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('decoding an XML part as it streams', () => {
  it('drops a leading byte order mark however the chunks cut it, keeping characters split between chunks', async () => {
    const xml = '<?xml version="1.0"?><x:sst xmlns:x="urn:main"><x:si><x:t>CO₂ café</x:t></x:si></x:sst>';
    const expected = '<?xml version="1.0"?><sst xmlns:x="urn:main"><si><t>CO₂ café</t></si></sst>';
    for (const size of [1, 2, 3, 4, 5, 1024]) {
      const { pieces, seen } = await decode(Buffer.concat([BOM, Buffer.from(xml)]), size);
      // exceljs's XML parser skips a mark only at the start of the first text it is given, which may be empty.
      expect(pieces.join(''), `chunks of ${size}`).toBe(expected);
      expect(seen, `chunks of ${size}`).toBe(expected);
    }
  });

  it('keeps a U+FEFF that is not at the start of the part', async () => {
    const xml = '<a>\ufeff</a>';
    expect((await decode(Buffer.from(xml), 2)).pieces.join('')).toBe(xml);
    expect((await decode(Buffer.concat([BOM, Buffer.from(xml)]), 1)).pieces.join('')).toBe(xml);
  });

  it("leaves a prefixed shared-strings part only its strings' text, CDATA included, in chunks of any size", async () => {
    const xml =
      '<x:sst xmlns:x="urn:main">\n  <x:si>\n    <x:t><![CDATA[東京 <1>]]></x:t>\n    <x:rPh sb="0" eb="2"><x:t><![CDATA[トウキョウ]]></x:t></x:rPh>\n' +
      '    <x:phoneticPr fontId="1"/>\n  </x:si>\n</x:sst>';
    const expected =
      '<sst xmlns:x="urn:main"><!--\n--><si><!--\n--><t>東京 &lt;1&gt;</t><!--\n\n--><phoneticPr fontId="1"/><!--\n--></si><!--\n--></sst>';
    for (const size of [1, 2, 3, 5, 7, 1024]) {
      const { pieces, seen } = await decode(Buffer.from(xml), size, { sharedStrings: true });
      expect(pieces.join(''), `chunks of ${size}`).toBe(expected);
      expect(seen, `chunks of ${size}`).toBe(expected);
    }
  });
});
