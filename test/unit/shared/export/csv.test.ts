import { describe, expect, it } from 'vitest';
import { csvField, csvLine, neutraliseFormulaText } from '../../../../shared/export/csv';

describe('CSV escaping (OWASP CSV injection rule)', () => {
  it.each([
    ['=HYPERLINK("http://example.invalid","x")', `'=HYPERLINK("http://example.invalid","x")`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
  ])('prefixes %j with a quote', (text, expected) => {
    expect(neutraliseFormulaText(text)).toBe(expected);
  });

  it('leaves other text, numbers and negative numbers as they are', () => {
    expect(neutraliseFormulaText('London HQ')).toBe('London HQ');
    expect(neutraliseFormulaText(' =not first')).toBe(' =not first');
    expect(neutraliseFormulaText('')).toBe('');
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('TRUE');
  });

  it('quotes fields with delimiters, quotes or line breaks after neutralising them', () => {
    expect(csvField('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvLine(['a', 1, null, '-x'])).toBe("a,1,,'-x\r\n");
  });

  it('refuses numbers a spreadsheet cannot hold', () => {
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Infinity)).toThrow(RangeError);
  });
});
