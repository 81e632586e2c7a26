// Typed values at their edges: a percentage too large for any number is refused, not thrown
// (every parser returns a result); percentages in each kind of cell with their refusals word for
// word; the bounds of months, calendar years and serials; a fiscal label quoted as written; and
// number formats cut short.
import { describe, expect, it } from 'vitest';
import { formatDecimals, parsePeriod, parseQuantity, parseReportedNumber, percentFormatScale } from '../../../../shared/import/values';

const POINT = { decimalSeparator: '.' } as const;
const DMY = { dayOrder: 'DMY' } as const;

describe('a percentage beyond any number', () => {
  it('is refused with the cell quoted, as a reported figure and as a percentage', () => {
    expect(parseReportedNumber('1e999%', null, POINT)).toEqual({ ok: false, reason: "'1e999%' is not a finite number" });
    expect(parseReportedNumber('1e999 %', '%', POINT)).toEqual({ ok: false, reason: "'1e999 %' is not a finite number" });
    expect(parseReportedNumber('1e999', '%', POINT)).toEqual({ ok: false, reason: "'1e999' is not a finite number" });
    expect(parseReportedNumber(Number.POSITIVE_INFINITY, '%', POINT)).toEqual({ ok: false, reason: 'Infinity is not a finite number' });
  });

  it('still names a unit that says otherwise first', () => {
    expect(parseReportedNumber('1e999%', 'tCO2e', POINT)).toEqual({ ok: false, reason: "'1e999%' is written as a percentage, but its unit is 'tCO2e'" });
  });
});

describe('a reported percentage, cell by cell', () => {
  it('refuses what is not a percentage, saying why', () => {
    expect(parseReportedNumber(Number.NaN, '%', POINT)).toEqual({ ok: false, reason: 'NaN is not a finite number' });
    expect(parseReportedNumber(true, '%', POINT)).toEqual({ ok: false, reason: 'true is a true/false value, not a number' });
    expect(parseReportedNumber('high%', '%', POINT)).toEqual({ ok: false, reason: "'high%' is not a number with decimal separator '.'" });
    expect(parseReportedNumber({ t: 'error', code: '#VALUE!' }, '%', POINT)).toEqual({ ok: false, reason: 'the cell holds the error #VALUE!' });
  });

  it('reads exact fractions of percent points, written or stored', () => {
    expect(parseReportedNumber('53.9 %', null, POINT)).toEqual({ ok: true, value: { value: 0.539, percent: 'percent-text', decimals: 1 } });
    expect(parseReportedNumber('53.9', '%', POINT)).toEqual({ ok: true, value: { value: 0.539, percent: 'unit-column', decimals: 1 } });
    expect(parseReportedNumber(53.9, '%', POINT)).toEqual({ ok: true, value: { value: 0.539, percent: 'unit-column', decimals: null } });
  });
});

describe('a percent sign on a quantity', () => {
  it('is found past the spaces around it', () => {
    expect(parseQuantity(' 25 % ', POINT)).toEqual({ ok: false, reason: "' 25 % ' is a percentage, not a quantity" });
  });
});

describe('parseReportedNumber at its edges', () => {
  it('refuses text that is no number, whatever its unit', () => {
    expect(parseReportedNumber('n/a', '%', POINT)).toEqual({ ok: false, reason: "'n/a' is not a number with decimal separator '.'" });
    expect(parseReportedNumber('n/a', null, POINT)).toEqual({ ok: false, reason: "'n/a' is not a number with decimal separator '.'" });
  });

  it('refuses 1 beside a % unit as ambiguous: 1 % or 100 %', () => {
    expect(parseReportedNumber(1, '%', POINT)).toEqual({
      ok: false,
      reason: "1 beside the unit '%' could be 1 % or 100 % (a fraction): the cell has no percentage format, so import cannot tell; say which for this column (percentScale in the mapping)",
    });
  });

  it('shows no fewer than zero decimals of percent points for a fraction written with one', () => {
    expect(parseReportedNumber('0.5', '%', { ...POINT, percentScale: 'fraction' })).toEqual({ ok: true, value: { value: 0.5, percent: 'unit-column', decimals: 0 } });
  });

  it('takes a percent-formatted cell beside a % unit as it is', () => {
    expect(parseReportedNumber({ t: 'percent', value: 0.539, format: '0.0%' }, 'per cent', POINT)).toEqual({ ok: true, value: { value: 0.539, percent: 'number-format', decimals: 1 } });
  });

  it('counts the decimals of a number written with an exponent in its digits before it', () => {
    expect(parseReportedNumber('1.25E+03', null, POINT)).toEqual({ ok: true, value: { value: 1250, percent: null, decimals: 2 } });
  });
});

describe('periods at their bounds', () => {
  const month = (start: string, end: string) => ({ ok: true, value: { start, end, granularity: 'month' } });

  it('reads the first and last months and the last calendar year', () => {
    expect(parsePeriod('01/2021', DMY)).toEqual(month('2021-01-01', '2021-01-31'));
    expect(parsePeriod('12/2021', DMY)).toEqual(month('2021-12-01', '2021-12-31'));
    expect(parsePeriod('2100', DMY)).toEqual({ ok: true, value: { start: '2100-01-01', end: '2100-12-31', granularity: 'year' } });
    expect(parsePeriod(1900, DMY)).toEqual({ ok: true, value: { start: '1900-01-01', end: '1900-12-31', granularity: 'year' } });
  });

  it('reads a number in the years that is not whole as a serial date', () => {
    expect(parsePeriod(2023.5, DMY)).toEqual({ ok: true, value: { start: '1905-07-15', end: '1905-07-15', granularity: 'day' } });
  });

  it('quotes a fiscal label it cannot place as the cell writes it', () => {
    const fiscal = { dayOrder: 'DMY', fiscal: { startMonth: 4, labelRule: 'end-year' } } as const;
    expect(parsePeriod('FY 2022-24', fiscal)).toEqual({ ok: false, reason: "'FY 2022-24' does not name consecutive years" });
  });

  it('refuses a date cell whose text is not a plain ISO day', () => {
    expect(parsePeriod({ t: 'date', iso: '+010000-01-01T00:00:00.000Z' }, DMY)).toEqual({ ok: false, reason: "'+010000-01-01T00:00:00.000Z' is not a date" });
  });
});

describe('number formats cut short', () => {
  it('shows no percent sign when a quote or a bracket is never closed', () => {
    expect(percentFormatScale('0.0"%')).toBeNull();
    expect(percentFormatScale('[Red0%')).toBeNull();
  });

  it('counts no decimals in quoted text', () => {
    expect(formatDecimals('0" v.00"')).toBe(0);
  });
});
