import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/random';
import {
  allocateByDays,
  allocateQuantity,
  calendarMonthLabel,
  fiscalMonthOf,
  fiscalQuarterOf,
  fiscalYearByLabel,
  fiscalYearOf,
  type FiscalResult,
  type FiscalSettings,
} from '../../../../shared/calc/fiscal';
import { daysInclusive, fromEpochDay, isIsoDate, toEpochDay } from '../../../../shared/civil-date';
import { fsum } from '../../../../shared/calc/sum';

const APRIL_END_YEAR: FiscalSettings = { startMonth: 4, labelRule: 'end-year' };
const APRIL_START_YEAR: FiscalSettings = { startMonth: 4, labelRule: 'start-year' };
const JANUARY_END_YEAR: FiscalSettings = { startMonth: 1, labelRule: 'end-year' };
const JANUARY_START_YEAR: FiscalSettings = { startMonth: 1, labelRule: 'start-year' };
const JULY_END_YEAR: FiscalSettings = { startMonth: 7, labelRule: 'end-year' };

function value<T>(result: FiscalResult<T>): T {
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

function reason<T>(result: FiscalResult<T>): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.reason;
}


describe('epoch days', () => {
  it('counts days from 1970-01-01 in UTC', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(toEpochDay('2023-04-01')).toBe(Date.UTC(2023, 3, 1) / 86_400_000);
  });

  it('round-trips every day from 1600 to 2400 and agrees with Date.UTC', () => {
    const first = toEpochDay('1600-01-01');
    const last = toEpochDay('2400-12-31');
    const mismatches: string[] = [];
    for (let day = first; day <= last; day++) {
      const date = fromEpochDay(day);
      if (toEpochDay(date) !== day || new Date(day * 86_400_000).toISOString().slice(0, 10) !== date) {
        mismatches.push(`${day} → ${date}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('handles the ends of the supported range', () => {
    expect(fromEpochDay(toEpochDay('0000-01-01'))).toBe('0000-01-01');
    expect(fromEpochDay(toEpochDay('9999-12-31'))).toBe('9999-12-31');
    expect(() => fromEpochDay(toEpochDay('9999-12-31') + 1)).toThrow(RangeError);
    expect(() => fromEpochDay(toEpochDay('0000-01-01') - 1)).toThrow(RangeError);
    expect(() => fromEpochDay(1.5)).toThrow(RangeError);
  });

  it('knows leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2023-01-01', '2023-12-31')).toBe(365);
  });

  it.each(['2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-5', '23-01-05', '2023-01-05T00:00', ''])(
    'refuses %j',
    (text) => {
      expect(isIsoDate(text)).toBe(false);
      expect(() => toEpochDay(text)).toThrow(RangeError);
    },
  );

  it('counts both ends of a period', () => {
    expect(daysInclusive('2023-04-01', '2023-04-01')).toBe(1);
    expect(daysInclusive('2022-04-01', '2023-03-31')).toBe(365);
    expect(daysInclusive('2023-04-01', '2024-03-31')).toBe(366);
    expect(() => daysInclusive('2023-04-02', '2023-04-01')).toThrow(/before it starts/);
  });
});

describe('fiscalYearOf', () => {
  it('labels April years by the year they end in under end-year', () => {
    const fy2023 = { label: 'FY2023', start: '2022-04-01', end: '2023-03-31' };
    expect(value(fiscalYearOf('2022-04-01', APRIL_END_YEAR))).toEqual(fy2023);
    expect(value(fiscalYearOf('2022-12-25', APRIL_END_YEAR))).toEqual(fy2023);
    expect(value(fiscalYearOf('2023-03-31', APRIL_END_YEAR))).toEqual(fy2023);
    expect(value(fiscalYearOf('2023-04-01', APRIL_END_YEAR)).label).toBe('FY2024');
    expect(value(fiscalYearOf('2022-03-31', APRIL_END_YEAR)).label).toBe('FY2022');
  });

  it('labels the same April year by the year it starts in under start-year', () => {
    expect(value(fiscalYearOf('2022-04-01', APRIL_START_YEAR))).toEqual({
      label: 'FY2022', start: '2022-04-01', end: '2023-03-31',
    });
    expect(value(fiscalYearOf('2023-03-31', APRIL_START_YEAR)).label).toBe('FY2022');
  });

  it('gives a January year the calendar year under either rule', () => {
    const fy2023 = { label: 'FY2023', start: '2023-01-01', end: '2023-12-31' };
    expect(value(fiscalYearOf('2023-01-01', JANUARY_END_YEAR))).toEqual(fy2023);
    expect(value(fiscalYearOf('2023-12-31', JANUARY_END_YEAR))).toEqual(fy2023);
    expect(value(fiscalYearOf('2023-06-15', JANUARY_START_YEAR))).toEqual(fy2023);
  });

  it('ends a fiscal year on the leap day when there is one', () => {
    expect(value(fiscalYearOf('2023-06-01', { startMonth: 3, labelRule: 'end-year' }))).toEqual({
      label: 'FY2024', start: '2023-03-01', end: '2024-02-29',
    });
    expect(value(fiscalYearOf('2024-06-01', { startMonth: 3, labelRule: 'end-year' })).end).toBe('2025-02-28');
  });

  it('handles a December start', () => {
    expect(value(fiscalYearOf('2023-12-01', { startMonth: 12, labelRule: 'end-year' }))).toEqual({
      label: 'FY2024', start: '2023-12-01', end: '2024-11-30',
    });
  });

  it('refuses invalid dates and settings', () => {
    expect(reason(fiscalYearOf('2023-02-30', APRIL_END_YEAR))).toMatch(/not a valid date/);
    expect(reason(fiscalYearOf('2023-01-01', { startMonth: 0, labelRule: 'end-year' }))).toMatch(/start month/);
    expect(reason(fiscalYearOf('2023-01-01', { startMonth: 13, labelRule: 'end-year' }))).toMatch(/start month/);
    expect(reason(fiscalYearOf('2023-01-01', { startMonth: 4.5, labelRule: 'end-year' }))).toMatch(/start month/);
    const badRule = { startMonth: 4, labelRule: 'ending-year' } as unknown as FiscalSettings;
    expect(reason(fiscalYearOf('2023-01-01', badRule))).toMatch(/label rule/);
  });

  it('takes the first supported year, 0000, as a fiscal year that fits in it', () => {
    expect(value(fiscalYearOf('0000-06-01', JANUARY_END_YEAR))).toEqual({ label: 'FY0000', start: '0000-01-01', end: '0000-12-31' });
    // April 0000 – March 0001, labelled by its start.
    expect(value(fiscalYearOf('0000-04-01', APRIL_START_YEAR))).toEqual({ label: 'FY0000', start: '0000-04-01', end: '0001-03-31' });
    expect(value(fiscalMonthOf('0000-04-01', APRIL_START_YEAR)).label).toBe('FY0000 M01');
  });

  it('refuses a fiscal year reaching outside years 0000–9999', () => {
    expect(reason(fiscalYearOf('0000-02-01', APRIL_END_YEAR))).toMatch(/outside years/);
    expect(reason(fiscalYearOf('9999-06-01', APRIL_END_YEAR))).toMatch(/outside years/);
    expect(reason(fiscalQuarterOf('9999-12-15', { startMonth: 2, labelRule: 'end-year' }))).toMatch(/outside years/);
    expect(value(fiscalYearOf('9999-12-31', JANUARY_END_YEAR)).end).toBe('9999-12-31');
  });
});

describe('fiscalQuarterOf and fiscalMonthOf', () => {
  it('numbers quarters from the fiscal year start', () => {
    expect(value(fiscalQuarterOf('2022-04-01', APRIL_END_YEAR))).toEqual({
      label: 'FY2023 Q1', start: '2022-04-01', end: '2022-06-30',
    });
    expect(value(fiscalQuarterOf('2022-11-15', APRIL_END_YEAR))).toEqual({
      label: 'FY2023 Q3', start: '2022-10-01', end: '2022-12-31',
    });
    expect(value(fiscalQuarterOf('2024-02-29', APRIL_END_YEAR))).toEqual({
      label: 'FY2024 Q4', start: '2024-01-01', end: '2024-03-31',
    });
    expect(value(fiscalQuarterOf('2022-11-15', APRIL_START_YEAR)).label).toBe('FY2022 Q3');
    expect(value(fiscalQuarterOf('2023-08-01', JANUARY_END_YEAR))).toEqual({
      label: 'FY2023 Q3', start: '2023-07-01', end: '2023-09-30',
    });
  });

  it('wraps quarters across the calendar year', () => {
    expect(value(fiscalQuarterOf('2023-01-10', { startMonth: 11, labelRule: 'end-year' }))).toEqual({
      label: 'FY2023 Q1', start: '2022-11-01', end: '2023-01-31',
    });
  });

  it('numbers months from the fiscal year start', () => {
    expect(value(fiscalMonthOf('2022-04-30', APRIL_END_YEAR))).toEqual({
      label: 'FY2023 M01', start: '2022-04-01', end: '2022-04-30',
    });
    expect(value(fiscalMonthOf('2024-02-10', APRIL_END_YEAR))).toEqual({
      label: 'FY2024 M11', start: '2024-02-01', end: '2024-02-29',
    });
    expect(value(fiscalMonthOf('2023-03-31', APRIL_END_YEAR)).label).toBe('FY2023 M12');
    expect(value(fiscalMonthOf('2023-12-31', JANUARY_START_YEAR))).toEqual({
      label: 'FY2023 M12', start: '2023-12-01', end: '2023-12-31',
    });
  });

  it('covers each fiscal year with its quarters and months, without gaps', () => {
    for (const settings of [APRIL_END_YEAR, JANUARY_END_YEAR, JULY_END_YEAR]) {
      const year = value(fiscalYearOf('2024-01-15', settings));
      let day = toEpochDay(year.start);
      for (let quarter = 1; quarter <= 4; quarter++) {
        const period = value(fiscalQuarterOf(fromEpochDay(day), settings));
        expect(period.label).toBe(`${year.label} Q${quarter}`);
        expect(period.start).toBe(fromEpochDay(day));
        day = toEpochDay(period.end) + 1;
      }
      expect(fromEpochDay(day - 1)).toBe(year.end);
    }
  });

  it('refuses invalid input', () => {
    expect(fiscalQuarterOf('2023-02-30', APRIL_END_YEAR).ok).toBe(false);
    expect(fiscalMonthOf('2023-02-01', { startMonth: 0, labelRule: 'end-year' }).ok).toBe(false);
  });
});

describe('fiscalYearByLabel', () => {
  it.each(['FY2023', 'fy2023', 'FY 2023', 'FY23', '2023', 'FY2022/23', '2022/23', '2022-23', 'FY2022-23', '2022/2023', '2022–23'])(
    'reads %j as the year April 2022 – March 2023 under end-year',
    (label) => {
      expect(value(fiscalYearByLabel(label, APRIL_END_YEAR))).toEqual({
        label: 'FY2023', start: '2022-04-01', end: '2023-03-31',
      });
    },
  );

  it('reads a single year by the label rule, and a split year by its calendar years', () => {
    expect(value(fiscalYearByLabel('FY2023', APRIL_START_YEAR))).toEqual({
      label: 'FY2023', start: '2023-04-01', end: '2024-03-31',
    });
    expect(value(fiscalYearByLabel('2022/23', APRIL_START_YEAR))).toEqual({
      label: 'FY2022', start: '2022-04-01', end: '2023-03-31',
    });
  });

  it('reads January years as calendar years under either rule', () => {
    for (const settings of [JANUARY_END_YEAR, JANUARY_START_YEAR]) {
      expect(value(fiscalYearByLabel('FY2023', settings))).toEqual({
        label: 'FY2023', start: '2023-01-01', end: '2023-12-31',
      });
    }
  });

  it('is the inverse of fiscalYearOf', () => {
    for (const settings of [APRIL_END_YEAR, APRIL_START_YEAR, JANUARY_END_YEAR, JULY_END_YEAR]) {
      for (const date of ['2019-01-01', '2020-02-29', '2021-07-01', '2022-06-30', '2023-12-31']) {
        const year = value(fiscalYearOf(date, settings));
        expect(value(fiscalYearByLabel(year.label, settings))).toEqual(year);
      }
    }
  });

  it('refuses text it cannot read, naming it', () => {
    for (const label of ['FY', 'year 2023', '2023Q1', 'FY202', '23', '', 'FY2023/2025']) {
      expect(reason(fiscalYearByLabel(label, APRIL_END_YEAR))).toContain(`'${label}'`);
    }
    expect(reason(fiscalYearByLabel('2022/24', APRIL_END_YEAR))).toMatch(/consecutive/);
  });

  it('reads a split year whose end is written with a leading zero, across a century', () => {
    expect(value(fiscalYearByLabel('1999/00', APRIL_END_YEAR))).toEqual({ label: 'FY2000', start: '1999-04-01', end: '2000-03-31' });
    expect(value(fiscalYearByLabel('FY2008/09', APRIL_END_YEAR))).toEqual({ label: 'FY2009', start: '2008-04-01', end: '2009-03-31' });
    expect(value(fiscalYearByLabel('FY09', APRIL_END_YEAR))).toEqual({ label: 'FY2009', start: '2008-04-01', end: '2009-03-31' });
    expect(reason(fiscalYearByLabel('1999/0', APRIL_END_YEAR))).toContain("'1999/0'");
  });

  it('refuses a split year when the fiscal year is the calendar year', () => {
    expect(reason(fiscalYearByLabel('2022/23', JANUARY_END_YEAR))).toMatch(/January/);
  });

  it('refuses invalid settings and years outside 0000–9999', () => {
    expect(fiscalYearByLabel('FY2023', { startMonth: 0, labelRule: 'end-year' }).ok).toBe(false);
    expect(reason(fiscalYearByLabel('FY0000', APRIL_END_YEAR))).toMatch(/outside years/);
    expect(reason(fiscalYearByLabel('FY9999', APRIL_START_YEAR))).toMatch(/outside years/);
    expect(value(fiscalYearByLabel('FY9999', APRIL_END_YEAR)).end).toBe('9999-03-31');
  });
});

describe('allocateByDays', () => {
  it('gives one share for a period inside one fiscal year', () => {
    expect(value(allocateByDays('2022-05-01', '2022-05-31', APRIL_END_YEAR))).toEqual([
      { label: 'FY2023', start: '2022-05-01', end: '2022-05-31', days: 31, totalDays: 31 },
    ]);
    expect(value(allocateByDays('2022-04-01', '2023-03-31', APRIL_END_YEAR))).toEqual([
      { label: 'FY2023', start: '2022-04-01', end: '2023-03-31', days: 365, totalDays: 365 },
    ]);
    expect(value(allocateByDays('2023-03-31', '2023-03-31', APRIL_END_YEAR))).toEqual([
      { label: 'FY2023', start: '2023-03-31', end: '2023-03-31', days: 1, totalDays: 1 },
    ]);
  });

  it('splits a quarterly bill across an April year end', () => {
    expect(value(allocateByDays('2023-02-15', '2023-05-14', APRIL_END_YEAR))).toEqual([
      { label: 'FY2023', start: '2023-02-15', end: '2023-03-31', days: 45, totalDays: 89 },
      { label: 'FY2024', start: '2023-04-01', end: '2023-05-14', days: 44, totalDays: 89 },
    ]);
    expect(value(allocateByDays('2023-02-15', '2023-05-14', APRIL_START_YEAR)).map((share) => share.label)).toEqual([
      'FY2022', 'FY2023',
    ]);
  });

  it('counts the leap day', () => {
    expect(value(allocateByDays('2024-02-01', '2024-04-30', APRIL_END_YEAR))).toEqual([
      { label: 'FY2024', start: '2024-02-01', end: '2024-03-31', days: 60, totalDays: 90 },
      { label: 'FY2025', start: '2024-04-01', end: '2024-04-30', days: 30, totalDays: 90 },
    ]);
  });

  it('splits a multi-year span into every fiscal year it touches', () => {
    const shares = value(allocateByDays('2020-01-01', '2023-12-31', APRIL_END_YEAR));
    expect(shares.map(({ label, days }) => [label, days])).toEqual([
      ['FY2020', 91],
      ['FY2021', 365],
      ['FY2022', 365],
      ['FY2023', 365],
      ['FY2024', 275],
    ]);
    expect(shares.every((share) => share.totalDays === 1461)).toBe(true);
    expect(shares.reduce((total, share) => total + share.days, 0)).toBe(1461);
  });

  it('uses calendar years for a January start', () => {
    expect(value(allocateByDays('2022-12-01', '2023-01-31', JANUARY_START_YEAR))).toEqual([
      { label: 'FY2022', start: '2022-12-01', end: '2022-12-31', days: 31, totalDays: 62 },
      { label: 'FY2023', start: '2023-01-01', end: '2023-01-31', days: 31, totalDays: 62 },
    ]);
  });

  it('refuses a period ending before it starts, invalid dates and invalid settings', () => {
    expect(reason(allocateByDays('2023-05-02', '2023-05-01', APRIL_END_YEAR))).toMatch(/before it starts/);
    expect(reason(allocateByDays('2023-02-30', '2023-05-01', APRIL_END_YEAR))).toMatch(/'2023-02-30'/);
    expect(reason(allocateByDays('2023-02-01', '2023-13-01', APRIL_END_YEAR))).toMatch(/'2023-13-01'/);
    expect(reason(allocateByDays('2023-02-01', '2023-03-01', { startMonth: 0, labelRule: 'end-year' }))).toMatch(/start month/);
  });
});

describe('allocateQuantity', () => {
  function sumInOrder(parts: readonly number[]): number {
    return parts.reduce((total, part) => total + part, 0);
  }

  function expectExactSplit(quantity: number, parts: readonly number[]): void {
    expect(sumInOrder(parts)).toBe(quantity);
    expect(sumInOrder([...parts].reverse())).toBe(quantity);
    expect(fsum(parts)).toBe(quantity);
  }

  it('splits 100 into thirds that add back to exactly 100', () => {
    const thirds = [1, 1, 1].map((days) => ({ days, totalDays: 3 }));
    const parts = value(allocateQuantity(100, thirds));
    expectExactSplit(100, parts);
    for (const part of parts) expect(Math.abs(part - 100 / 3)).toBeLessThan(1e-13);
  });

  it('keeps the whole quantity in a single share', () => {
    expect(value(allocateQuantity(1234.567, [{ days: 31, totalDays: 31 }]))).toEqual([1234.567]);
  });

  it('splits a real bill across an April year end', () => {
    const shares = value(allocateByDays('2023-02-15', '2023-05-14', APRIL_END_YEAR));
    const parts = value(allocateQuantity(12_345.67, shares));
    expectExactSplit(12_345.67, parts);
    expect(parts[0]).toBeCloseTo((12_345.67 * 45) / 89, 9);
  });

  it('adds up exactly on awkward values, in any order and by any summation', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 2000; trial++) {
      const shareCount = 1 + Math.floor(random() * 8);
      const days = Array.from({ length: shareCount }, () => 1 + Math.floor(random() * 400));
      const totalDays = days.reduce((a, b) => a + b, 0);
      const magnitude = 10 ** (Math.floor(random() * 24) - 12);
      const quantity = (random() < 0.2 ? -1 : 1) * random() * magnitude;
      const parts = value(allocateQuantity(quantity, days.map((d) => ({ days: d, totalDays }))));
      expect(parts).toHaveLength(shareCount);
      expectExactSplit(quantity, parts);
      parts.forEach((part, index) => {
        const ideal = (quantity * (days[index] as number)) / totalDays;
        expect(Math.abs(part - ideal)).toBeLessThanOrEqual(Math.abs(quantity) * 2 ** -50);
        if (part !== 0) expect(Math.sign(part)).toBe(Math.sign(quantity));
      });
    }
  });

  it('splits a negative quantity as the mirror image of the positive one', () => {
    const shares = [{ days: 1, totalDays: 3 }, { days: 2, totalDays: 3 }];
    const positive = value(allocateQuantity(0.1, shares));
    const negative = value(allocateQuantity(-0.1, shares));
    expect(negative).toEqual(positive.map((part) => -part));
    expectExactSplit(-0.1, negative);
  });

  it('splits zero into zeros', () => {
    expect(value(allocateQuantity(0, [{ days: 10, totalDays: 30 }, { days: 20, totalDays: 30 }]))).toEqual([0, 0]);
  });

  it('refuses inconsistent allocations and non-finite quantities', () => {
    expect(reason(allocateQuantity(1, []))).toMatch(/empty/);
    expect(reason(allocateQuantity(Number.NaN, [{ days: 1, totalDays: 1 }]))).toMatch(/finite/);
    expect(reason(allocateQuantity(1, [{ days: 1, totalDays: 3 }, { days: 1, totalDays: 3 }]))).toMatch(/add up to 2/);
    expect(reason(allocateQuantity(1, [{ days: 1, totalDays: 2 }, { days: 1, totalDays: 3 }]))).toMatch(/disagree/);
    expect(reason(allocateQuantity(1, [{ days: 0, totalDays: 0 }]))).toMatch(/positive/);
    expect(reason(allocateQuantity(1, [{ days: 1.5, totalDays: 1.5 }]))).toMatch(/whole/);
  });
});

describe('calendarMonthLabel', () => {
  it('labels each month of an April fiscal year by its calendar month, Apr-22 to Mar-23', () => {
    const labels = [];
    for (let month = 0; month < 12; month++) {
      const date = fromEpochDay(toEpochDay('2022-04-01') + month * 31);
      const fiscalMonth = fiscalMonthOf(date, APRIL_END_YEAR);
      if (!fiscalMonth.ok) throw new Error(fiscalMonth.reason);
      labels.push(calendarMonthLabel(fiscalMonth.value.start));
    }
    expect(labels).toEqual(['Apr-22', 'May-22', 'Jun-22', 'Jul-22', 'Aug-22', 'Sep-22', 'Oct-22', 'Nov-22', 'Dec-22', 'Jan-23', 'Feb-23', 'Mar-23']);
  });

  it('refuses what is not an ISO date', () => {
    expect(() => calendarMonthLabel('2022-13-01')).toThrow(/not an ISO date/);
    expect(() => calendarMonthLabel('FY2023 M01')).toThrow(/not an ISO date/);
    expect(() => calendarMonthLabel('x2022-04-01')).toThrow(/not an ISO date/);
    expect(() => calendarMonthLabel('2022-04-01x')).toThrow(/not an ISO date/);
  });
});
