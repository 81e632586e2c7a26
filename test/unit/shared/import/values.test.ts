import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../shared/import/cell';
import {
  cellText,
  detectDayOrder,
  detectDecimalSeparator,
  formatDecimals,
  isPercentUnit,
  looksLikePeriodText,
  normalizeSpaces,
  parsePeriod,
  parseQuantity,
  parseReportedNumber,
  percentFormatScale,
  percentPointsToFraction,
  quantityFromText,
  readsAsNumber,
  rowAsRead,
  controlReading,
  fractionToPercentPoints,
} from '../../../../shared/import/values';

const POINT = { decimalSeparator: '.' } as const;
const COMMA = { decimalSeparator: ',' } as const;
const DMY = { dayOrder: 'DMY' } as const;
const APRIL_END_YEAR = { dayOrder: 'DMY', fiscal: { startMonth: 4, labelRule: 'end-year' } } as const;

function reasonOf(result: { ok: boolean; reason?: string }): string {
  expect(result.ok).toBe(false);
  return result.reason ?? '';
}

describe('parseQuantity', () => {
  it('takes numbers as they are', () => {
    expect(parseQuantity(1234.5, POINT)).toEqual({ ok: true, value: 1234.5 });
    expect(parseQuantity(-3, COMMA)).toEqual({ ok: true, value: -3 });
  });

  it('reads blank as missing, never zero', () => {
    for (const blank of [null, undefined, '', '   ', '\u00A0']) expect(parseQuantity(blank, POINT)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['1,234.5', POINT, 1234.5],
    ['1,234,567', POINT, 1234567],
    ['1 234.5', POINT, 1234.5],
    ['  42 ', POINT, 42],
    ['.5', POINT, 0.5],
    ['1.5E+03', POINT, 1500],
    ['(123)', POINT, -123],
    ['(1,234.5)', POINT, -1234.5],
    ['-7.25', POINT, -7.25],
    ['1.234,5', COMMA, 1234.5],
    ['1 234,5', COMMA, 1234.5],
    ['1\u00A0234,5', COMMA, 1234.5],
    ['1\u202F234\u2009567,25', COMMA, 1234567.25],
    ['1,234', COMMA, 1.234],
    ['12,5', COMMA, 12.5],
  ] as const)('reads text %j', (text, options, expected) => {
    expect(parseQuantity(text, options)).toEqual({ ok: true, value: expected });
  });

  it('refuses text that does not fit the decimal separator, quoting it', () => {
    expect(reasonOf(parseQuantity('12,5', POINT))).toBe("'12,5' is not a number with decimal separator '.'");
    expect(reasonOf(parseQuantity('1.234.5', POINT))).toContain("'1.234.5'");
    expect(reasonOf(parseQuantity('1.234.5', COMMA))).toContain("'1.234.5'");
    expect(parseQuantity('1,23,456', POINT).ok).toBe(false);
    expect(parseQuantity('1,234 567.5', POINT).ok).toBe(false);
    expect(parseQuantity('12 kWh', POINT).ok).toBe(false);
    expect(parseQuantity('e5', POINT).ok).toBe(false);
  });

  it('refuses percentages, booleans, dates and non-finite numbers', () => {
    expect(reasonOf(parseQuantity('25%', POINT))).toContain('percentage');
    expect(reasonOf(parseQuantity(true, POINT))).toContain('true/false');
    expect(reasonOf(parseQuantity({ t: 'date', iso: '2021-04-01T00:00:00.000Z' }, POINT))).toContain('2021-04-01 is a date');
    expect(parseQuantity(Number.NaN, POINT).ok).toBe(false);
    expect(reasonOf(parseQuantity('1e999', POINT))).toContain('not a finite number');
  });

  it('reads text as quantityFromText does, which leaves out the reasons', () => {
    const texts = ['1234.5', ' 1,234.5 ', '1.234,5', '(12)', '-3', '+4', '\u22125', '.5', ',5', '1 234', '2021-01', 'London HQ', 'M-12', '25%', '1e999', '1e3', 'e5', '', '   ', '\u00A0', '12 kWh', '1,23,456'];
    for (const options of [POINT, COMMA]) {
      for (const text of texts) {
        const parsed = parseQuantity(text, options);
        expect(quantityFromText(text, options.decimalSeparator), `${text} (${options.decimalSeparator})`).toBe(parsed.ok && parsed.value !== null ? parsed.value : undefined);
      }
    }
  });

  it('uses a formula cached result and refuses a formula without one', () => {
    expect(parseQuantity({ t: 'formula', formula: 'B2*2', result: 84 }, POINT)).toEqual({ ok: true, value: 84 });
    expect(parseQuantity({ t: 'formula', formula: 'B2&""', result: '1,5' }, COMMA)).toEqual({ ok: true, value: 1.5 });
    expect(reasonOf(parseQuantity({ t: 'formula', formula: 'SUM(B2:B4)' }, POINT))).toBe(
      'formula =SUM(B2:B4) has no cached value: open and save the file in Excel',
    );
  });

  it('names the error code of error cells and error results', () => {
    expect(reasonOf(parseQuantity({ t: 'error', code: '#N/A' }, POINT))).toContain('#N/A');
    expect(reasonOf(parseQuantity({ t: 'formula', formula: 'B2/C2', result: { t: 'error', code: '#DIV/0!' } }, POINT))).toBe(
      'formula =B2/C2 results in the error #DIV/0!',
    );
  });
});

describe('percentages in number formats', () => {
  it('tells a multiplying percent sign from a literal one, reading only the positive section', () => {
    expect(percentFormatScale('0%')).toBe('fraction');
    expect(percentFormatScale('0.0%')).toBe('fraction');
    expect(percentFormatScale('#,##0.00%;[Red]-#,##0.00%')).toBe('fraction');
    expect(percentFormatScale('[Blue]0.0%')).toBe('fraction');
    expect(percentFormatScale('0.0"%"')).toBe('points');
    expect(percentFormatScale('0.0\\%')).toBe('points');
    expect(percentFormatScale('0.0" % of total"')).toBe('points');
    expect(percentFormatScale('0.00')).toBeNull();
    expect(percentFormatScale('General')).toBeNull();
    expect(percentFormatScale('0.0;"%"')).toBeNull();
    expect(percentFormatScale(undefined)).toBeNull();
  });

  it('shows a percent-formatted cell as Excel does, exactly', () => {
    expect(cellText({ t: 'percent', value: 0.539, format: '0.0%' })).toBe('53.9%');
    expect(cellText({ t: 'percent', value: 0.0005, format: '0.00%' })).toBe('0.05%');
    expect(cellText({ t: 'percent', value: 53.9, format: '0.0"%"' })).toBe('53.9%');
  });

  it('is never a quantity or a date', () => {
    expect(reasonOf(parseQuantity({ t: 'percent', value: 0.539, format: '0.0%' }, POINT))).toBe("53.9% is formatted as a percentage, not a quantity");
    expect(reasonOf(parsePeriod({ t: 'percent', value: 0.25, format: '0%' }, DMY))).toContain('is a percentage, not a date');
  });
});

describe('parseReportedNumber', () => {
  const fraction = (value: number, percent: string, decimals: number | null = 1) => ({ ok: true, value: { value, percent, decimals } });

  it('gives the same fraction for a percent-formatted cell, 53.9% as text, and 53.9 beside a % unit', () => {
    expect(parseReportedNumber({ t: 'percent', value: 0.539, format: '0.0%' }, null, POINT)).toEqual(fraction(0.539, 'number-format'));
    expect(parseReportedNumber({ t: 'percent', value: 53.9, format: '0.0"%"' }, null, POINT)).toEqual(fraction(0.539, 'number-format'));
    expect(parseReportedNumber('53.9%', null, POINT)).toEqual(fraction(0.539, 'percent-text'));
    expect(parseReportedNumber('53,9 %', '%', COMMA)).toEqual(fraction(0.539, 'percent-text'));
    expect(parseReportedNumber(53.9, '%', POINT)).toEqual(fraction(0.539, 'unit-column', null));
    expect(parseReportedNumber('53.9', 'percent', POINT)).toEqual(fraction(0.539, 'unit-column'));
    // Exact: 1.1 % is 0.011, not 0.011000000000000001.
    expect(parseReportedNumber(1.1, '%', POINT)).toEqual(fraction(0.011, 'unit-column', null));
    expect(parseReportedNumber(-42, '% per year', POINT)).toEqual(fraction(-0.42, 'unit-column', null));
    expect(parseReportedNumber(0, '%', POINT)).toEqual(fraction(0, 'unit-column', null));
    // What the company showed sets the precision: '0%' shows whole points, '38.0%' one decimal.
    expect(parseReportedNumber({ t: 'percent', value: 0.38, format: '0%' }, null, POINT)).toEqual(fraction(0.38, 'number-format', 0));
    expect(parseReportedNumber('38.0%', null, POINT)).toEqual(fraction(0.38, 'percent-text', 1));
  });

  it('refuses a plain number from 0 to 1 beside a % unit as ambiguous, unless the mapping says which', () => {
    const reason = reasonOf(parseReportedNumber(0.539, '%', POINT));
    expect(reason).toContain("0.539 beside the unit '%' could be 0.539 % or 53.9 %");
    expect(reason).toContain('percentScale');
    expect(reasonOf(parseReportedNumber(-1, '%', POINT))).toContain('could be -1 % or -100 %');
    expect(parseReportedNumber(0.539, '%', { ...POINT, percentScale: 'fraction' })).toEqual(fraction(0.539, 'unit-column', null));
    expect(parseReportedNumber('0.539', '%', { ...POINT, percentScale: 'fraction' })).toEqual(fraction(0.539, 'unit-column', 1));
    expect(parseReportedNumber(0.539, '%', { ...POINT, percentScale: 'points' })).toEqual(fraction(0.00539, 'unit-column', null));
  });

  it('keeps other numbers as written, and refuses a percentage whose unit says otherwise', () => {
    expect(parseReportedNumber(6785.6, 'tCO2e', POINT)).toEqual({ ok: true, value: { value: 6785.6, percent: null, decimals: null } });
    expect(parseReportedNumber('1,215', null, POINT)).toEqual({ ok: true, value: { value: 1215, percent: null, decimals: 0 } });
    expect(parseReportedNumber('6 785,60', null, COMMA)).toEqual({ ok: true, value: { value: 6785.6, percent: null, decimals: 2 } });
    expect(reasonOf(parseReportedNumber('6%', 'tCO2e', POINT))).toBe("'6%' is written as a percentage, but its unit is 'tCO2e'");
    expect(reasonOf(parseReportedNumber({ t: 'percent', value: 0.06, format: '0%' }, 'tCO2e', POINT))).toContain('is formatted as a percentage');
    expect(parseReportedNumber(null, '%', POINT)).toEqual({ ok: true, value: null });
  });

  it('reads text with a percent sign in the column’s decimal separator, blank text as missing, and refuses a sign after no number', () => {
    expect(parseReportedNumber('25%', null, POINT)).toEqual(fraction(0.25, 'percent-text', 0));
    expect(parseReportedNumber('12,5 %', '%', COMMA)).toEqual(fraction(0.125, 'percent-text'));
    expect(parseReportedNumber('', '%', POINT)).toEqual({ ok: true, value: null });
    expect(reasonOf(parseReportedNumber('high%', null, POINT))).toBe("'high%' is not a number with decimal separator '.'");
    expect(reasonOf(parseReportedNumber('12,5 %', '%', POINT))).toBe("'12,5 %' is not a number with decimal separator '.'");
  });
});

describe('parsePeriod', () => {
  const day = (date: string) => ({ ok: true, value: { start: date, end: date, granularity: 'day' } });

  it('reads a date cell as its UTC day', () => {
    expect(parsePeriod({ t: 'date', iso: '2021-04-01T00:00:00.000Z' }, DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod({ t: 'formula', formula: 'DATE(2021,4,1)', result: { t: 'date', iso: '2021-04-01T00:00:00.000Z' } }, DMY)).toEqual(day('2021-04-01'));
  });

  it('reads Excel serials with the 1900 leap-year bug', () => {
    expect(parsePeriod(1, DMY)).toEqual(day('1900-01-01'));
    expect(parsePeriod(59, DMY)).toEqual(day('1900-02-28'));
    expect(reasonOf(parsePeriod(60, DMY))).toContain('1900-02-29');
    expect(parsePeriod(61, DMY)).toEqual(day('1900-03-01'));
    expect(parsePeriod(44287, DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod(44287.75, DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod(2958465, DMY)).toEqual(day('9999-12-31'));
  });

  it('refuses serials outside the plausible range', () => {
    expect(parsePeriod(0, DMY).ok).toBe(false);
    expect(parsePeriod(-5, DMY).ok).toBe(false);
    expect(parsePeriod(2958466, DMY).ok).toBe(false);
  });

  it('reads integers 1900–2100 as calendar years, not 1905 serials', () => {
    expect(parsePeriod(2023, DMY)).toEqual({ ok: true, value: { start: '2023-01-01', end: '2023-12-31', granularity: 'year' } });
  });

  it.each([
    ['2021-04', '2021-04-01', '2021-04-30'],
    ['2021/04', '2021-04-01', '2021-04-30'],
    ['04/2021', '2021-04-01', '2021-04-30'],
    ['Apr 2021', '2021-04-01', '2021-04-30'],
    ['April 2021', '2021-04-01', '2021-04-30'],
    ['Apr-21', '2021-04-01', '2021-04-30'],
    ['Sept 2021', '2021-09-01', '2021-09-30'],
    ['Feb 2024', '2024-02-01', '2024-02-29'],
  ])('reads the month %j', (text, start, end) => {
    expect(parsePeriod(text, DMY)).toEqual({ ok: true, value: { start, end, granularity: 'month' } });
  });

  it('reads day texts, with the order from the options', () => {
    expect(parsePeriod('2021-04-01', DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod('2021-04-01 00:00:00', { dayOrder: 'MDY' })).toEqual(day('2021-04-01'));
    expect(parsePeriod('01/04/2021', DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod('01/04/2021', { dayOrder: 'MDY' })).toEqual(day('2021-01-04'));
    expect(parsePeriod('1-Apr-21', { dayOrder: 'MDY' })).toEqual(day('2021-04-01'));
    expect(reasonOf(parsePeriod('01/04/2021', { dayOrder: 'YMD' }))).toContain('puts the year last');
  });

  it('refuses dates that do not exist', () => {
    expect(reasonOf(parsePeriod('31/02/2021', DMY))).toBe("'31/02/2021' is not a valid date");
    expect(parsePeriod('2021-13', DMY).ok).toBe(false);
    expect(parsePeriod('29/02/2023', DMY).ok).toBe(false);
    expect(parsePeriod('29/02/2024', DMY)).toEqual(day('2024-02-29'));
  });

  it('reads calendar quarters and years', () => {
    const q1 = { ok: true, value: { start: '2023-01-01', end: '2023-03-31', granularity: 'quarter' } };
    expect(parsePeriod('Q1 2023', DMY)).toEqual(q1);
    expect(parsePeriod('2023 Q1', DMY)).toEqual(q1);
    expect(parsePeriod('Q4-2023', DMY)).toEqual({ ok: true, value: { start: '2023-10-01', end: '2023-12-31', granularity: 'quarter' } });
    expect(parsePeriod('2023', DMY)).toEqual({ ok: true, value: { start: '2023-01-01', end: '2023-12-31', granularity: 'year' } });
  });

  it('reads fiscal-year labels by the engagement convention', () => {
    const fy2023 = { ok: true, value: { start: '2022-04-01', end: '2023-03-31', granularity: 'fiscal-year' } };
    expect(parsePeriod('FY2023', APRIL_END_YEAR)).toEqual(fy2023);
    expect(parsePeriod('FY23', APRIL_END_YEAR)).toEqual(fy2023);
    expect(parsePeriod('FY2022/23', APRIL_END_YEAR)).toEqual(fy2023);
    expect(parsePeriod('FY 2022-2023', APRIL_END_YEAR)).toEqual(fy2023);
    expect(parsePeriod('FY2022', { dayOrder: 'DMY', fiscal: { startMonth: 4, labelRule: 'start-year' } })).toEqual(fy2023);
    expect(parsePeriod('FY2022/23', { dayOrder: 'DMY', fiscal: { startMonth: 4, labelRule: 'start-year' } })).toEqual(fy2023);
  });

  it('handles fiscal years starting in January and in July', () => {
    expect(parsePeriod('FY2023', { dayOrder: 'DMY', fiscal: { startMonth: 1, labelRule: 'end-year' } })).toEqual({
      ok: true,
      value: { start: '2023-01-01', end: '2023-12-31', granularity: 'fiscal-year' },
    });
    expect(parsePeriod('FY24', { dayOrder: 'DMY', fiscal: { startMonth: 7, labelRule: 'end-year' } })).toEqual({
      ok: true,
      value: { start: '2023-07-01', end: '2024-06-30', granularity: 'fiscal-year' },
    });
  });

  it('refuses fiscal labels it cannot place', () => {
    expect(reasonOf(parsePeriod('FY2023', DMY))).toContain('fiscal-year start month');
    expect(reasonOf(parsePeriod('FY2022/24', APRIL_END_YEAR))).toContain('consecutive');
    expect(reasonOf(parsePeriod('FY2022/23', { dayOrder: 'DMY', fiscal: { startMonth: 1, labelRule: 'end-year' } }))).toContain('January');
  });

  it('reads blank as missing and refuses other values with a reason', () => {
    expect(parsePeriod(' ', DMY)).toEqual({ ok: true, value: null });
    expect(reasonOf(parsePeriod('Site 21', DMY))).toContain("'Site 21'");
    expect(parsePeriod(true, DMY).ok).toBe(false);
    expect(reasonOf(parsePeriod({ t: 'formula', formula: 'EDATE(A1,1)' }, DMY))).toContain('no cached value');
  });
});

describe('detectDayOrder', () => {
  it('proves day-first from a first part over 12', () => {
    expect(detectDayOrder(['01/04/2021', '13/04/2021', null, 44287])).toMatchObject({ ok: true, value: 'DMY' });
  });

  it('proves month-first from a second part over 12', () => {
    expect(detectDayOrder(['04/01/2021', '04/13/2021'])).toMatchObject({ ok: true, value: 'MDY' });
  });

  it('is ambiguous when every value fits both orders', () => {
    const result = detectDayOrder(['01/04/2021', '02/04/2021', '03/04/2021']);
    expect(result).toMatchObject({ ok: false, ambiguous: true });
    expect(result.reason).toContain("'01/04/2021'");
  });

  it('refuses conflicting evidence and dates valid in neither order', () => {
    const conflict = detectDayOrder(['13/04/2021', '04/13/2021']);
    expect(conflict.ok).toBe(false);
    expect(conflict).not.toHaveProperty('ambiguous');
    expect(conflict.reason).toContain('mixes');
    expect(detectDayOrder(['31/31/2021']).ok).toBe(false);
  });

  it('reports year-first columns as YMD and needs nothing without text dates', () => {
    expect(detectDayOrder(['2021-04-01', '2021-05-01'])).toMatchObject({ ok: true, value: 'YMD' });
    expect(detectDayOrder([44287, { t: 'date', iso: '2021-04-01T00:00:00.000Z' }] as Cell[])).toMatchObject({ ok: true, value: null });
  });
});

describe('detectDecimalSeparator', () => {
  it('finds the separator a column proves', () => {
    expect(detectDecimalSeparator(['1.234,5', '12'])).toMatchObject({ ok: true, value: ',' });
    expect(detectDecimalSeparator(['1,234.5', 7])).toMatchObject({ ok: true, value: '.' });
  });

  it("is ambiguous for '1,234' alone and refuses mixed columns", () => {
    expect(detectDecimalSeparator(['1,234'])).toMatchObject({ ok: false, ambiguous: true });
    expect(detectDecimalSeparator(['1,5', '2.5']).ok).toBe(false);
  });

  it('defaults to a point, saying so, when nothing depends on it', () => {
    const result = detectDecimalSeparator([12, '15', null]);
    expect(result).toMatchObject({ ok: true, value: '.' });
    expect(result.reason).toContain('default');
  });
});

describe('cells as the auditor sees them', () => {
  it('quotes a refused row cell by cell, blanks named, formulas by their result', () => {
    const cells: Cell[] = ['York Depot', { t: 'date', iso: '2022-06-01T00:00:00.000Z' }, null, 12.5, { t: 'formula', formula: 'B2*2', result: 84 }, { t: 'error', code: '#REF!' }, '', true];
    expect(rowAsRead(cells)).toBe('A=York Depot | B=2022-06-01 | C=(blank) | D=12.5 | E=84 | F=#REF! | G=(blank) | H=true');
  });

  it('collapses every kind of white space to one plain space and trims the ends', () => {
    expect(normalizeSpaces('\u00A0 York\u2009\u202F Depot \n')).toBe('York Depot');
  });
});

describe('numbers as written, for control totals', () => {
  it('counts a value a mapper read in its unit, and tells a blank from a cell that is not a number', () => {
    expect(controlReading(6785.6, 'kWh', '6 785,60')).toEqual({ kind: 'number', value: 6785.6, unit: 'kWh' });
    expect(controlReading(null, 'kWh', null)).toEqual({ kind: 'blank' });
    expect(controlReading(null, 'kWh', '   ')).toEqual({ kind: 'blank' });
    expect(controlReading(null, 'kWh', 'n/a')).toEqual({ kind: 'unreadable' });
    expect(controlReading(null, 'kWh', { t: 'error', code: '#N/A' })).toEqual({ kind: 'unreadable' });
  });

  it('gives a fraction as the exact percent points it stands for', () => {
    expect(fractionToPercentPoints(0.539)).toBe(53.9);
    expect(fractionToPercentPoints(0.2)).toBe(20);
    expect(fractionToPercentPoints(0.07)).toBe(7);
  });

  it('tells number text with either separator from other text', () => {
    expect(readsAsNumber('1.234,5')).toBe(true);
    expect(readsAsNumber('1,234.5')).toBe(true);
    expect(readsAsNumber('(12)')).toBe(true);
    expect(readsAsNumber('12 kWh')).toBe(false);
    expect(readsAsNumber('Total')).toBe(false);
  });

  it('reads parentheses as a minus only around the whole number', () => {
    expect(reasonOf(parseQuantity('12 (5)', POINT))).toBe("'12 (5)' is not a number with decimal separator '.'");
    expect(reasonOf(parseQuantity('(5) kWh', POINT))).toBe("'(5) kWh' is not a number with decimal separator '.'");
  });

  it('quotes a formula stored with its equals sign once', () => {
    expect(reasonOf(parseQuantity({ t: 'formula', formula: '=SUM(B2:B4)' }, POINT))).toBe('formula =SUM(B2:B4) has no cached value: open and save the file in Excel');
  });

  it('reads a leading plus, minus or minus sign (U+2212) as the sign', () => {
    expect(parseQuantity('+5', POINT)).toEqual({ ok: true, value: 5 });
    expect(parseQuantity('\u22125', POINT)).toEqual({ ok: true, value: -5 });
    expect(parseQuantity('- 5', POINT)).toEqual({ ok: true, value: -5 });
    expect(parseQuantity('( 5 )', POINT)).toEqual({ ok: true, value: -5 });
  });
});

describe('percent units and shown decimals', () => {
  it.each(['%', 'percent', 'Per cent', 'percentage', 'pct', '% per year', '%/yr', ' % '])('reads %j as a percent unit', (unit) => {
    expect(isPercentUnit(unit)).toBe(true);
  });

  it.each([null, undefined, '', 'tCO2e', 'percentile', 'pcts', 'kWh %'])('does not read %j as a percent unit', (unit) => {
    expect(isPercentUnit(unit)).toBe(false);
  });

  it('counts the decimals a format shows, in its first section, ignoring quoted text, colours and escapes', () => {
    expect(formatDecimals('0%')).toBe(0);
    expect(formatDecimals('0.0%')).toBe(1);
    expect(formatDecimals('#,##0.00')).toBe(2);
    expect(formatDecimals('0.0##')).toBe(3);
    expect(formatDecimals('0.00?')).toBe(3);
    expect(formatDecimals('0;0.000')).toBe(0);
    expect(formatDecimals('[Red]0.0" pts"')).toBe(1);
    expect(formatDecimals('"v."0')).toBe(0);
    expect(formatDecimals('0\\.000')).toBe(0);
  });

  it('turns percent points into the exact fraction they stand for', () => {
    expect(percentPointsToFraction(53.9)).toBe(0.539);
    expect(percentPointsToFraction(-1.1)).toBe(-0.011);
  });
});

describe('period shapes and their refusals', () => {
  it.each(['2021-04-01', '2021-04', '04/2021', 'Apr 2021', '1 Apr 2021', 'Q1 2023', '2023 Q1', 'FY2023', '2023', '31/02/2021'])(
    'tells %j has the shape of a period',
    (text) => {
      expect(looksLikePeriodText(`  ${text} `)).toBe(true);
    },
  );

  it.each(['Site 21', 'York Depot', '12', '2021-04-01x', 'Q5 2023'])('tells %j is not a period', (text) => {
    expect(looksLikePeriodText(text)).toBe(false);
  });

  it('reads a day with a month name in either position, and refuses one that does not exist', () => {
    const day = (date: string) => ({ ok: true, value: { start: date, end: date, granularity: 'day' } });
    expect(parsePeriod('1 April 2021', DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod('15/Sep/2021', { dayOrder: 'MDY' })).toEqual(day('2021-09-15'));
    expect(parsePeriod('2021-04-01T13:45:00Z', DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod('2021.04.01', DMY)).toEqual(day('2021-04-01'));
    expect(parsePeriod('01.04.21', DMY)).toEqual(day('2021-04-01'));
    expect(reasonOf(parsePeriod('31 Apr 2021', DMY))).toBe("'31 Apr 2021' is not a valid date");
  });

  it('names the month it cannot find, and the range of calendar years', () => {
    expect(reasonOf(parsePeriod('13/2021', DMY))).toBe("'13/2021' does not name a month");
    expect(reasonOf(parsePeriod('2021-00', DMY))).toBe("'2021-00' does not name a month");
    expect(reasonOf(parsePeriod('1899', DMY))).toBe("'1899' is outside the years 1900–2100 read as calendar years");
    expect(reasonOf(parsePeriod('2101', DMY))).toBe("'2101' is outside the years 1900–2100 read as calendar years");
    expect(parsePeriod('1900', DMY)).toEqual({ ok: true, value: { start: '1900-01-01', end: '1900-12-31', granularity: 'year' } });
    expect(parsePeriod(2100, DMY)).toEqual({ ok: true, value: { start: '2100-01-01', end: '2100-12-31', granularity: 'year' } });
    expect(parsePeriod(1899, DMY)).toEqual({ ok: true, value: { start: '1905-03-13', end: '1905-03-13', granularity: 'day' } });
  });

  it('quotes the value in every refusal', () => {
    expect(reasonOf(parsePeriod('Site 21', DMY))).toBe("'Site 21' is not a date or period this importer reads");
    expect(reasonOf(parsePeriod(true, DMY))).toBe('true is a true/false value, not a date');
    expect(reasonOf(parsePeriod(0, DMY))).toBe('0 is outside the range of Excel date serials (1 to 2958465)');
    expect(reasonOf(parsePeriod(60.5, DMY))).toBe("60.5 is Excel's 1900-02-29, a date that does not exist");
    expect(reasonOf(parsePeriod(Number.POSITIVE_INFINITY, DMY))).toBe('Infinity is not a date');
    expect(reasonOf(parsePeriod({ t: 'date', iso: 'not a date' }, DMY))).toBe("'not a date' is not a date");
    expect(reasonOf(parsePeriod('FY2023', DMY))).toBe("'FY2023' is a fiscal-year label: set the fiscal-year start month and label rule first");
  });
});

describe('whole-column reasons', () => {
  it('quotes up to three examples of what proves or refuses a day order', () => {
    expect(detectDayOrder(['13/04/2021', '14/04/2021', '15/04/2021', '16/04/2021']).reason).toBe(
      "'13/04/2021', '14/04/2021', '15/04/2021' can only be day-month-year",
    );
    expect(detectDayOrder(['04/13/2021']).reason).toBe("'04/13/2021' can only be month-day-year");
    expect(detectDayOrder(['13/04/2021', '04/13/2021']).reason).toBe(
      "the column mixes day-first dates ('13/04/2021') and month-first dates ('04/13/2021')",
    );
    expect(detectDayOrder(['31/31/2021']).reason).toBe("'31/31/2021' is not a valid date in either day order");
    expect(detectDayOrder(['01/04/2021']).reason).toBe("every date such as '01/04/2021' reads as day-month-year and as month-day-year");
    expect(detectDayOrder(['2021-04-01']).reason).toBe('all text dates are written year first');
    expect(detectDayOrder(['2021-04'])).toMatchObject({ ok: true, value: null });
    expect(detectDayOrder([]).reason).toBe('no text dates written as day, month and year, so none is needed');
  });

  it('decides a day order on a year-first date only when nothing else is there', () => {
    expect(detectDayOrder(['2021-04-01', '13/04/2021'])).toMatchObject({ ok: true, value: 'DMY' });
    expect(detectDayOrder(['2021-04-01', '01/04/2021'])).toMatchObject({ ok: false, ambiguous: true });
  });

  it('quotes what proves or refuses a decimal separator', () => {
    expect(detectDecimalSeparator(['1,234.5']).reason).toBe("'1,234.5' can only be read with a decimal point");
    expect(detectDecimalSeparator(['1.234,5']).reason).toBe("'1.234,5' can only be read with a decimal comma");
    expect(detectDecimalSeparator(['1,5', '2.5']).reason).toBe("the column mixes decimal points ('2.5') and decimal commas ('1,5')");
    expect(detectDecimalSeparator(['1,234']).reason).toBe("numbers such as '1,234' read differently with a decimal point and a decimal comma");
    expect(detectDecimalSeparator(['1 234']).reason).toBe("no number written as text depends on the separator; '.' is the default");
  });
});
