// The monthly profile's edges: how series tie, a site without a name, negative readings, readings
// reaching past the months shown, and dates it cannot place.
import { describe, expect, it } from 'vitest';
import { fiscalMonths, profileSeries, type ProfileReading } from '../../../../shared/calc/monthly-profile';

const CALENDAR = { startMonth: 1, labelRule: 'end-year' } as const;
const months = fiscalMonths('2023-01-01', '2023-12-31', CALENDAR);

const reading = (fields: Partial<ProfileReading>): ProfileReading => ({ site: 'Leeds', meaning: 'consumption', unit: 'kWh', periodStart: '2023-01-01', periodEnd: '2023-01-31', quantity: 10, ...fields });

describe('fiscalMonths', () => {
  it('is empty for a date it cannot place in a fiscal year', () => {
    expect(fiscalMonths('2023-02-30', '2023-12-31', CALENDAR)).toEqual([]);
    expect(fiscalMonths('2023-01-01', 'soon', CALENDAR)).toEqual([]);
  });

  it('gives one fiscal year’s months for two dates in it', () => {
    expect(months.map((month) => month.label)).toEqual(['Jan-23', 'Feb-23', 'Mar-23', 'Apr-23', 'May-23', 'Jun-23', 'Jul-23', 'Aug-23', 'Sep-23', 'Oct-23', 'Nov-23', 'Dec-23']);
    expect(new Set(months.map((month) => month.fiscalYear))).toEqual(new Set(['FY2023']));
  });
});

describe('profileSeries', () => {
  it('adds readings of one site, meaning and unit into one series, and keeps the others apart', () => {
    const { series } = profileSeries(
      [
        reading({}),
        reading({ quantity: 5 }),
        reading({ unit: 'MWh', quantity: 1 }),
        reading({ meaning: 'generation', quantity: 2 }),
        reading({ site: null, quantity: 3 }),
        reading({ site: 'null', quantity: 4 }),
      ],
      months,
    );
    expect(series.map(({ site, meaning, unit, values }) => [site, meaning, unit, values[0]])).toEqual([
      ['Leeds', 'consumption', 'kWh', 15],
      ['null', 'consumption', 'kWh', 4],
      [null, 'consumption', 'kWh', 3],
      ['Leeds', 'generation', 'kWh', 2],
      ['Leeds', 'consumption', 'MWh', 1],
    ]);
  });

  it('orders series of equal size by site, then meaning, then unit', () => {
    const { series } = profileSeries(
      [reading({ site: 'York', unit: 'MWh' }), reading({ site: 'York', meaning: 'generation' }), reading({ site: 'Bath' }), reading({ site: 'York' })],
      months,
    );
    expect(series.map(({ site, meaning, unit }) => `${site} ${meaning} ${unit}`)).toEqual(['Bath consumption kWh', 'York consumption kWh', 'York consumption MWh', 'York generation kWh']);
  });

  it('sizes a series by its readings’ magnitudes, so a negative correction does not sink it', () => {
    const { series } = profileSeries([reading({ site: 'Bath', quantity: 20 }), reading({ site: 'York', quantity: -30 }), reading({ site: 'York', quantity: 5, periodStart: '2023-02-01', periodEnd: '2023-02-28' })], months);
    expect(series.map(({ site, values, gaps }) => [site, values.slice(0, 3), gaps])).toEqual([
      ['York', [-30, 5, null], 10],
      ['Bath', [20, null, null], 11],
    ]);
  });

  it('shows only the days of a reading that fall in the months shown', () => {
    // 10 December 2022 to 9 January 2023: 9 of its 31 days are in January.
    const { series, omitted } = profileSeries([reading({ periodStart: '2022-12-10', periodEnd: '2023-01-09', quantity: 31 })], months);
    expect(series[0]!.values.slice(0, 2)).toEqual([9, null]);
    expect([series[0]!.gaps, omitted]).toEqual([11, 0]);
    // A reading wholly outside them leaves every month a gap.
    expect(profileSeries([reading({ periodStart: '2024-01-01', periodEnd: '2024-01-31' })], months).series[0]!.gaps).toBe(12);
  });
});
