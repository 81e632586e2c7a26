/** The UI's formatters in two locales: separators, dates and precision come from Intl, per locale. */
import { describe, expect, it } from 'vitest';
import { figureFormats } from '../../../shared/reconcile/format';
import { formatsFor, NO_VALUE } from '../../../renderer/src/format';

describe('formatsFor', () => {
  const gb = formatsFor('en-GB');
  const de = formatsFor('de-DE');

  it('writes a civil date or a span of them in the locale, one date for a single day', () => {
    expect(gb.dateSpan('2022-04-01', '2022-04-30')).toBe('01/04/2022 – 30/04/2022');
    expect(de.dateSpan('2022-04-01', '2022-04-30')).toBe('01.04.2022 – 30.04.2022');
    expect(gb.dateSpan('2023-03-31', '2023-03-31')).toBe('31/03/2023');
    expect(gb.dateSpan('2023-03-31')).toBe('31/03/2023');
  });

  it('names the months in the locale', () => {
    expect([1, 3, 12].map(gb.monthName)).toEqual(['January', 'March', 'December']);
    expect([1, 3, 12].map(de.monthName)).toEqual(['Januar', 'März', 'Dezember']);
  });

  it('groups and separates decimals as each locale does, keeping the precision rules', () => {
    expect(gb.number(1234567.891234)).toBe('1,234,567.891234');
    expect(de.number(1234567.891234)).toBe('1.234.567,891234');
    expect(gb.number(0.12345678)).toBe('0.123457');
    expect(gb.threeDecimals(12345.6)).toBe('12,345.600');
    expect(de.threeDecimals(12345.6)).toBe('12.345,600');
    expect(gb.significant(0.000123456789)).toBe('0.000123457');
    expect(de.significant(0.000123456789)).toBe('0,000123457');
    expect(de.fullPrecision(0.1 + 0.2)).toBe('0,30000000000000004');
    expect(gb.count(1000000)).toBe('1,000,000');
    expect(de.count(1000000)).toBe('1.000.000');
  });

  it('writes shares and changes in each locale (German puts a no-break space before %), signed where they are changes', () => {
    expect(gb.percent(0.3764)).toBe('37.6%');
    expect(de.percent(0.3764)).toBe('37,6\u00a0%');
    expect(gb.signedPercent(-0.16)).toBe('-16.0%');
    expect(de.signedPercent(0.05)).toBe('+5,0\u00a0%');
    expect(gb.percentagePoints(0.226)).toBe('+22.6 pp');
    expect(de.percentagePoints(-0.226)).toBe('-22,6 pp');
    expect(gb.signedPercent(0)).toBe('0.0%');
  });

  it('never shows -0: a value that rounds to zero reads 0', () => {
    expect(gb.number(-0)).toBe('0');
    expect(de.threeDecimals(-0.0001)).toBe('0,000');
    expect(gb.threeDecimals(-0.5)).toBe('-0.500');
  });

  it('shows no value as a dash, never 0', () => {
    for (const formats of [gb, de]) {
      expect(formats.number(null)).toBe(NO_VALUE);
      expect(formats.threeDecimals(null)).toBe(NO_VALUE);
      expect(formats.percent(null)).toBe(NO_VALUE);
      expect(formats.percentagePoints(null)).toBe(NO_VALUE);
    }
  });

  it('writes sizes with the locale decimal separator', () => {
    expect(gb.bytes(900)).toBe('900 bytes');
    expect(gb.bytes(1536)).toBe('1.5 KB');
    expect(de.bytes(1536)).toBe('1,5 KB');
    expect(de.bytes(5 * 1024 * 1024 * 1024 * 1024)).toBe('5.120,0 GB');
  });

  it('writes dates and times in the locale order, in UTC and saying so', () => {
    const instant = '2024-05-03T10:15:07.250Z';
    expect(gb.timestamp(instant)).toBe('03/05/2024, 10:15:07 UTC');
    expect(de.timestamp(instant)).toBe('03.05.2024, 10:15:07 UTC');
    expect(formatsFor('en-US').date(instant)).toBe('05/03/2024');
    expect(de.date(instant)).toBe('03.05.2024');
    expect(gb.time(instant)).toBe('10:15:07 UTC');
  });

  it('resolves the locale it was built for', () => {
    expect(gb.locale).toBe('en-GB');
    expect(de.locale).toBe('de-DE');
  });
});

describe('figureFormats', () => {
  it('formats reconciliation figures in the locale given, with the same precision', () => {
    const de = figureFormats('de-DE');
    const gb = figureFormats('en-GB');
    expect(gb.value('tco2e', 1234.5)).toBe('1,234.500');
    expect(de.value('tco2e', 1234.5)).toBe('1.234,500');
    expect(de.value('fraction', 0.12345)).toBe('12,35\u00a0%');
    // Shares to two decimals always, so a column of them lines up on its decimal point.
    expect(gb.value('fraction', 0.154)).toBe('15.40%');
    expect(gb.value('fraction', 0.3798)).toBe('37.98%');
    expect(de.difference('fraction', 0.01)).toBe('+1,00 pp');
    expect(de.difference('tco2e', -2.5)).toBe('-2,500');
    expect(de.amount(-0.0001)).toBe('0');
  });
});
