import { describe, expect, it } from 'vitest';
import { breakdownByPeriod } from '../../../../shared/calc/breakdown';
import { fsum } from '../../../../shared/calc/sum';

const APRIL = { startMonth: 4, labelRule: 'end-year' } as const;

describe('breakdown of a fiscal-year figure by quarter and month', () => {
  it('puts monthly records in their fiscal month and quarter', () => {
    const lines = [
      { fiscalYear: 'FY2023', periodStart: '2022-04-01', periodEnd: '2022-04-30', tco2e: 10 },
      { fiscalYear: 'FY2023', periodStart: '2022-07-01', periodEnd: '2022-07-31', tco2e: 5 },
      { fiscalYear: 'FY2023', periodStart: '2023-03-01', periodEnd: '2023-03-31', tco2e: 2.5 },
    ];
    const quarters = breakdownByPeriod(lines, 'quarter', APRIL);
    expect(quarters).toEqual({
      ok: true,
      value: [
        { label: 'FY2023 Q1', start: '2022-04-01', end: '2022-06-30', tco2e: 10 },
        { label: 'FY2023 Q2', start: '2022-07-01', end: '2022-09-30', tco2e: 5 },
        { label: 'FY2023 Q4', start: '2023-01-01', end: '2023-03-31', tco2e: 2.5 },
      ],
    });
    const months = breakdownByPeriod(lines, 'month', APRIL);
    expect(months.ok && months.value.map((month) => month.label)).toEqual(['FY2023 M01', 'FY2023 M04', 'FY2023 M12']);
  });

  it('spreads a record spanning months by days, only within its fiscal year, adding back exactly', () => {
    // 2023-03-15..2023-04-14 is split across FY2023 and FY2024; this is the FY2023 line: 17 days of March.
    const lines = [
      { fiscalYear: 'FY2023', periodStart: '2023-03-15', periodEnd: '2023-04-14', tco2e: 17 },
      // A quarterly bill: 31 + 31 + 30 days in July, August, September.
      { fiscalYear: 'FY2023', periodStart: '2022-07-01', periodEnd: '2022-09-30', tco2e: 100 / 3 },
    ];
    const months = breakdownByPeriod(lines, 'month', APRIL);
    if (!months.ok) throw new Error(months.reason);
    expect(months.value.map((month) => [month.label, month.tco2e])).toEqual([
      ['FY2023 M04', (100 / 3) * (31 / 92)],
      ['FY2023 M05', (100 / 3) * (31 / 92)],
      ['FY2023 M06', expect.closeTo((100 / 3) * (30 / 92), 12)],
      ['FY2023 M12', 17],
    ].map(([label, value]) => [label, typeof value === 'number' ? expect.closeTo(value, 12) : value]));
    expect(fsum(months.value.map((month) => month.tco2e))).toBe(fsum([17, 100 / 3]));
  });

  it('refuses a line whose record lies outside its fiscal year', () => {
    const result = breakdownByPeriod([{ fiscalYear: 'FY2024', periodStart: '2022-04-01', periodEnd: '2022-04-30', tco2e: 1 }], 'month', APRIL);
    expect(result).toMatchObject({ ok: false });
  });
});
