// The breakdown at the edges of a day: a one-day record, and a record ending on the first day
// of a month, whose last day is a part of its own.
import { describe, expect, it } from 'vitest';
import { breakdownByPeriod } from '../../../../shared/calc/breakdown';

const APRIL = { startMonth: 4, labelRule: 'end-year' } as const;

describe('the breakdown of short and month-crossing records', () => {
  it('places a one-day record in its month', () => {
    expect(breakdownByPeriod([{ fiscalYear: 'FY2023', periodStart: '2022-04-15', periodEnd: '2022-04-15', tco2e: 2.5 }], 'month', APRIL)).toEqual({
      ok: true,
      value: [{ label: 'FY2023 M01', start: '2022-04-01', end: '2022-04-30', tco2e: 2.5 }],
    });
  });

  it('gives the first day of the next month its share: 16 days of April and 1 of May', () => {
    expect(breakdownByPeriod([{ fiscalYear: 'FY2023', periodStart: '2022-04-15', periodEnd: '2022-05-01', tco2e: 17 }], 'month', APRIL)).toEqual({
      ok: true,
      value: [
        { label: 'FY2023 M01', start: '2022-04-01', end: '2022-04-30', tco2e: 16 },
        { label: 'FY2023 M02', start: '2022-05-01', end: '2022-05-31', tco2e: 1 },
      ],
    });
  });

  it('keeps the one day of a record that ends on the first day of the fiscal year', () => {
    expect(breakdownByPeriod([{ fiscalYear: 'FY2023', periodStart: '2022-03-01', periodEnd: '2022-04-01', tco2e: 3 }], 'quarter', APRIL)).toEqual({
      ok: true,
      value: [{ label: 'FY2023 Q1', start: '2022-04-01', end: '2022-06-30', tco2e: 3 }],
    });
  });
});
