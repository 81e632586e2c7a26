// Typed values, the cases the whole-file mutation run of shared/import/values.ts showed no test
// told apart: a percent sign only in a later section of a number format, a quoted or escaped part
// before it, colour and condition brackets in a row, literals and conditions in a format's
// decimals, a year-first date inside other text, and text that is no number in a column whose
// decimal separator is being detected.
import { describe, expect, it } from 'vitest';
import { detectDayOrder, detectDecimalSeparator, formatDecimals, percentFormatScale } from '../../../../shared/import/values';

describe('percentFormatScale', () => {
  it('reads only the first section: a quoted part, then a percent sign after the section ends, shows no percentage', () => {
    expect(percentFormatScale('"kg"0;0%')).toBeNull();
    expect(percentFormatScale('0" t";0%')).toBeNull();
  });

  it('takes an escaped character other than the percent sign for no sign at all', () => {
    expect(percentFormatScale('\\-0;0%')).toBeNull();
    expect(percentFormatScale('0\\ ;0%')).toBeNull();
  });

  it('reads a percent sign quoted at the very start of the format as a literal sign', () => {
    expect(percentFormatScale('"%"0')).toBe('points');
  });

  it('skips a colour and a condition written one after the other', () => {
    expect(percentFormatScale('[Red][<=100]0.0%')).toBe('fraction');
    expect(percentFormatScale('[Blue][>0]0.0"%"')).toBe('points');
  });
});

describe('formatDecimals', () => {
  it('does not count a decimal point inside a condition', () => {
    expect(formatDecimals('[>=1.5]0.00')).toBe(2);
    expect(formatDecimals('[<0.25]0.0%')).toBe(1);
  });

  it('counts the digits on both sides of a quoted literal among the decimals', () => {
    expect(formatDecimals('0.0" "0')).toBe(2);
    expect(formatDecimals('0."x"00')).toBe(2);
  });
});

describe('detectDayOrder', () => {
  it('counts a year-first date only when the text starts with it', () => {
    expect(detectDayOrder(['on 2021-04-01'])).toEqual({
      ok: true,
      value: null,
      reason: 'no text dates written as day, month and year, so none is needed',
    });
  });
});

describe('detectDecimalSeparator', () => {
  it('takes text that is no number under either separator for no evidence of either', () => {
    const none = { ok: true, value: '.', reason: "no number written as text depends on the separator; '.' is the default" };
    expect(detectDecimalSeparator(['n/a'])).toEqual(none);
    expect(detectDecimalSeparator(['n/a', 'see note', '1.5e'])).toEqual(none);
  });

  it('decides by the numbers and passes over the text beside them', () => {
    expect(detectDecimalSeparator(['n/a', '1,5'])).toEqual({ ok: true, value: ',', reason: "'1,5' can only be read with a decimal comma" });
    expect(detectDecimalSeparator(['1.5', 'n/a'])).toEqual({ ok: true, value: '.', reason: "'1.5' can only be read with a decimal point" });
  });
});
