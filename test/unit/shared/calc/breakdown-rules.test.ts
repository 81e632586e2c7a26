// The breakdown's edges: records starting before their fiscal year, many lines of one period,
// the order of the parts, and refusals that stop the breakdown with their reason.
import { describe, expect, it } from 'vitest';
import { breakdownByPeriod, PeriodBreakdown } from '../../../../shared/calc/breakdown';

const APRIL = { startMonth: 4, labelRule: 'end-year' } as const;

describe('PeriodBreakdown', () => {
  it('spreads only the days inside the fiscal year, over the quarters they fall in', () => {
    // 1 March to 31 May 2023: the FY2024 line covers April and May only (30 + 31 days of 61).
    const result = breakdownByPeriod([{ fiscalYear: 'FY2024', periodStart: '2023-03-01', periodEnd: '2023-05-31', tco2e: 61 }], 'month', APRIL);
    expect(result).toEqual({
      ok: true,
      value: [
        { label: 'FY2024 M01', start: '2023-04-01', end: '2023-04-30', tco2e: 30 },
        { label: 'FY2024 M02', start: '2023-05-01', end: '2023-05-31', tco2e: 31 },
      ],
    });
  });

  it('adds many lines of one period and lists the parts by start, whatever order the lines came in', () => {
    const lines = [
      { fiscalYear: 'FY2023', periodStart: '2023-01-01', periodEnd: '2023-03-31', tco2e: 1 },
      { fiscalYear: 'FY2023', periodStart: '2022-04-01', periodEnd: '2022-09-30', tco2e: 183 },
      { fiscalYear: 'FY2023', periodStart: '2022-04-01', periodEnd: '2022-09-30', tco2e: -183 / 2 },
      { fiscalYear: 'FY2023', periodStart: '2023-01-01', periodEnd: '2023-03-31', tco2e: 2 },
    ];
    const result = breakdownByPeriod(lines, 'quarter', APRIL);
    expect(result).toEqual({
      ok: true,
      value: [
        { label: 'FY2023 Q1', start: '2022-04-01', end: '2022-06-30', tco2e: 45.5 },
        { label: 'FY2023 Q2', start: '2022-07-01', end: '2022-09-30', tco2e: 46 },
        { label: 'FY2023 Q4', start: '2023-01-01', end: '2023-03-31', tco2e: 3 },
      ],
    });
  });

  it('stops at the first line it cannot place, with its reason, and ignores the lines after it', () => {
    const breakdown = new PeriodBreakdown('month', APRIL);
    breakdown.add({ fiscalYear: 'FY2023', periodStart: '2022-04-01', periodEnd: '2022-04-30', tco2e: 1 });
    breakdown.add({ fiscalYear: 'FY2024', periodStart: '2022-04-01', periodEnd: '2022-04-30', tco2e: 1 });
    breakdown.add({ fiscalYear: 'next year', periodStart: '2022-04-01', periodEnd: '2022-04-30', tco2e: 1 });
    expect(breakdown.result()).toEqual({ ok: false, reason: "a FY2024 line's period 2022-04-01..2022-04-30 lies outside FY2024" });
  });

  it('refuses a fiscal year it cannot read and a quantity it cannot split', () => {
    const unreadable = breakdownByPeriod([{ fiscalYear: 'next year', periodStart: '2022-04-01', periodEnd: '2022-04-30', tco2e: 1 }], 'quarter', APRIL);
    expect(unreadable.ok).toBe(false);
    const notANumber = breakdownByPeriod([{ fiscalYear: 'FY2023', periodStart: '2022-04-01', periodEnd: '2022-05-31', tco2e: Number.NaN }], 'month', APRIL);
    expect(notANumber).toEqual({ ok: false, reason: 'quantity NaN is not a finite number' });
  });

  it('keeps a record period met once before its lines are forgotten: the same parts the second time', () => {
    const line = { fiscalYear: 'FY2023', periodStart: '2022-05-15', periodEnd: '2022-06-14', tco2e: 31 };
    const result = breakdownByPeriod([line, line], 'month', APRIL);
    expect(result).toEqual({
      ok: true,
      value: [
        { label: 'FY2023 M02', start: '2022-05-01', end: '2022-05-31', tco2e: 34 },
        { label: 'FY2023 M03', start: '2022-06-01', end: '2022-06-30', tco2e: 28 },
      ],
    });
  });
});
