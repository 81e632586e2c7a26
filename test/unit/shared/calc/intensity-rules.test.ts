// Intensity metrics' edges: years without denominators, emissions from one scope only, records that
// cannot be split, and the order denominators are listed in.
import { describe, expect, it } from 'vitest';
import { allocateByDays } from '../../../../shared/calc/fiscal';
import { IntensityTotals } from '../../../../shared/calc/intensity';
import type { PeriodResult } from '../../../../shared/calc/inventory-types';

const FISCAL = { startMonth: 1, labelRule: 'end-year' } as const;

function period(label: string, net: number | null, scope1: number | null, scope2Location: number | null): Omit<PeriodResult, 'intensities'> {
  return { label, start: '', end: '', net, scope1, scope2Location, scope12Location: null, scope2Market: null, scope3: null, scope3ByCategory: {}, biogenic: null, avoided: null, sites: [], metrics: { pue: null, cleanShare: null, dataCentreCleanShare: null, electricityKwh: null, cleanKwh: null, itKwh: null, facilityKwh: null } };
}

function totalsOf(records: readonly { activity: string; unit: string; quantity: number; start: string; end: string }[]): IntensityTotals {
  const totals = new IntensityTotals();
  for (const { activity, unit, quantity, start, end } of records) {
    const allocation = allocateByDays(start, end, FISCAL);
    if (!allocation.ok) throw new Error(allocation.reason);
    totals.add({ activity, unit, quantity }, allocation.value);
  }
  return totals;
}

describe('IntensityTotals', () => {
  it('divides by the denominators of each year apart, and lists no metrics for a year without any', () => {
    const totals = totalsOf([
      { activity: 'revenue', unit: 'currency:GBP', quantity: 1000, start: '2022-01-01', end: '2022-12-31' },
      { activity: 'revenue', unit: 'currency:GBP', quantity: 500, start: '2022-07-01', end: '2022-12-31' },
      { activity: 'revenue', unit: 'currency:GBP', quantity: 300, start: '2023-01-01', end: '2023-12-31' },
    ]);
    const metrics = totals.metrics([period('FY2022', 30, 10, 20), period('FY2023', 6, null, 9), period('FY2024', 1, 1, 1)]);
    expect([...metrics.keys()]).toEqual(['FY2022', 'FY2023']);
    expect(metrics.get('FY2022')).toEqual([{ denominator: 'revenue', unit: 'currency:GBP', quantity: 1500, netTco2ePerUnit: 30 / 1500, locationTco2ePerUnit: 30 / 1500 }]);
    // Scope 1 missing, location-based Scope 2 alone.
    expect(metrics.get('FY2023')).toEqual([{ denominator: 'revenue', unit: 'currency:GBP', quantity: 300, netTco2ePerUnit: 6 / 300, locationTco2ePerUnit: 9 / 300 }]);
  });

  it('takes Scope 1 alone when there is no location-based Scope 2', () => {
    const totals = totalsOf([{ activity: 'floor_area', unit: 'm2', quantity: 200, start: '2022-01-01', end: '2022-12-31' }]);
    expect(totals.metrics([period('FY2022', null, 50, null)]).get('FY2022')).toEqual([{ denominator: 'floor_area', unit: 'm2', quantity: 200, netTco2ePerUnit: null, locationTco2ePerUnit: 50 / 200 }]);
  });

  it('splits a record across years by days and counts a record it cannot split nowhere', () => {
    const totals = totalsOf([
      { activity: 'orders', unit: 'count', quantity: 730, start: '2022-07-02', end: '2023-07-01' },
      { activity: 'orders', unit: 'count', quantity: Number.NaN, start: '2022-01-01', end: '2022-12-31' },
    ]);
    const metrics = totals.metrics([period('FY2022', 1, 1, 1), period('FY2023', 1, 1, 1)]);
    // 183 days of 365 in 2022 (2 July to 31 December), 182 in 2023: 366 and 364, to the split's
    // rounding, adding up to the record exactly.
    const [first, second] = [metrics.get('FY2022')![0]!.quantity, metrics.get('FY2023')![0]!.quantity];
    expect(first).toBeCloseTo(366, 9);
    expect(second).toBeCloseTo(364, 9);
    expect(first + second).toBe(730);
  });

  it('lists denominators by activity, then unit, whatever order they came in', () => {
    const totals = totalsOf([
      { activity: 'revenue', unit: 'currency:USD', quantity: 1, start: '2022-01-01', end: '2022-12-31' },
      { activity: 'orders', unit: 'count', quantity: 1, start: '2022-01-01', end: '2022-12-31' },
      { activity: 'revenue', unit: 'currency:EUR', quantity: 1, start: '2022-01-01', end: '2022-12-31' },
      { activity: 'revenue', unit: 'currency:GBP', quantity: 1, start: '2022-01-01', end: '2022-12-31' },
    ]);
    const listed = totals.metrics([period('FY2022', 1, 1, 1)]).get('FY2022')!.map((metric) => `${metric.denominator} ${metric.unit}`);
    expect(listed).toEqual(['orders count', 'revenue currency:EUR', 'revenue currency:GBP', 'revenue currency:USD']);
  });
});
