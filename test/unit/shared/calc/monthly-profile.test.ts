/** The monthly profile: fiscal months labelled by the calendar, a missing month a gap (null), a quarterly bill spread by days. */
import { describe, expect, it } from 'vitest';
import { fiscalMonths, MAX_PROFILE_SERIES, profileSeries, type ProfileReading } from '../../../../shared/calc/monthly-profile';

const FISCAL = { startMonth: 4, labelRule: 'end-year' } as const;

const reading = (periodStart: string, periodEnd: string, quantity: number, site: string | null = 'Leeds'): ProfileReading => ({ site, meaning: 'consumption', unit: 'kWh', periodStart, periodEnd, quantity });

describe('the monthly profile', () => {
  it('covers whole fiscal years, April to March, labelled Apr-22 … Mar-23', () => {
    const months = fiscalMonths('2022-05-10', '2023-01-31', FISCAL);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ start: '2022-04-01', label: 'Apr-22', fiscalYear: 'FY2023' });
    expect(months[11]).toEqual({ start: '2023-03-01', label: 'Mar-23', fiscalYear: 'FY2023' });
    expect(fiscalMonths('2022-04-01', '2023-04-01', FISCAL).map((month) => month.fiscalYear)).toEqual([...Array(12).fill('FY2023'), ...Array(12).fill('FY2024')]);
  });

  it('leaves a month without records a gap, never a zero, and keeps a recorded zero', () => {
    const months = fiscalMonths('2022-04-01', '2023-03-31', FISCAL);
    const { series } = profileSeries([reading('2022-04-01', '2022-04-30', 100), reading('2022-06-01', '2022-06-30', 0)], months);
    expect(series[0]!.values.slice(0, 3)).toEqual([100, null, 0]);
    expect(series[0]!.gaps).toBe(10);
  });

  it('spreads a quarterly bill over its months by days', () => {
    const months = fiscalMonths('2022-04-01', '2023-03-31', FISCAL);
    const { series } = profileSeries([reading('2022-04-01', '2022-06-30', 9100)], months);
    // 30, 31 and 30 days of 91.
    expect(series[0]!.values.slice(0, 4)).toEqual([3000, 3100, 3000, null]);
  });

  it('shows the largest series first and says how many it leaves out', () => {
    const months = fiscalMonths('2022-04-01', '2023-03-31', FISCAL);
    const readings = Array.from({ length: MAX_PROFILE_SERIES + 2 }, (_, index) => reading('2022-04-01', '2022-04-30', index + 1, `Site ${String(index).padStart(2, '0')}`));
    const { series, omitted } = profileSeries(readings, months);
    expect(series).toHaveLength(MAX_PROFILE_SERIES);
    expect(series[0]!.site).toBe(`Site ${MAX_PROFILE_SERIES + 1}`);
    expect(omitted).toBe(2);
  });
});
