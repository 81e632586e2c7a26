import { describe, expect, it } from 'vitest';
import { decodeXmlText } from '../../../../electron/engine/import/readers/xml-text';

describe('decodeXmlText', () => {
  it('resolves named and numeric character references', () => {
    expect(decodeXmlText('A &amp; B &lt;&#x20AC;&#163;&gt; &quot;&apos;')).toBe('A & B <€£> "\'');
  });

  it('leaves as written a reference to no XML character: U+0000 (which SQLite would cut a stored text at) and past Unicode', () => {
    expect(decodeXmlText('A&#0;x &#x0; &#x110000;')).toBe('A&#0;x &#x0; &#x110000;');
    expect(decodeXmlText('&#1;')).toBe('\u0001');
  });
});
