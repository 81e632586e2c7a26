import { describe, expect, it } from 'vitest';
import { allocateByDays } from '../../../../shared/calc/fiscal';
import { IntensityTotals, type IntensityMetric } from '../../../../shared/calc/intensity';
import type { CalcRecord, PeriodResult } from '../../../../shared/calc/inventory-types';

const FISCAL = { startMonth: 4, labelRule: 'end-year' } as const;

function denominator(id: number, activity: string, start: string, end: string, quantity: number, unit: string): CalcRecord {
  return { id, site: null, periodStart: start, periodEnd: end, activity, meaning: 'denominator', quantity, unit, unitBasis: null, scope3Category: null, region: null, instrument: null };
}

/** The intensities of the periods, adding every denominator record as the calculation does. */
function intensityMetrics(records: readonly CalcRecord[], periods: readonly Omit<PeriodResult, 'intensities'>[]): Map<string, IntensityMetric[]> {
  const totals = new IntensityTotals();
  for (const record of records) {
    const allocation = allocateByDays(record.periodStart, record.periodEnd, FISCAL);
    if (allocation.ok) totals.add(record, allocation.value);
  }
  return totals.metrics(periods);
}

function period(label: string, net: number | null, scope1: number | null, scope2Location: number | null): Omit<PeriodResult, 'intensities'> {
  return { label, start: '', end: '', net, scope1, scope2Location, scope12Location: null, scope2Market: null, scope3: null, scope3ByCategory: {}, biogenic: null, avoided: null, sites: [], metrics: { pue: null, cleanShare: null, dataCentreCleanShare: null, electricityKwh: null, cleanKwh: null, itKwh: null, facilityKwh: null } };
}

describe('intensity metrics', () => {
  it('divides net and location-based emissions by the year’s denominator, split by days across fiscal years', () => {
    const records = [
      denominator(1, 'revenue', '2022-04-01', '2023-03-31', 500_000_000, 'currency:GBP'),
      // Calendar-year floor area: 90 of 365 days fall in FY2023 (Jan–Mar 2023), 275 in FY2024.
      denominator(2, 'floor_area', '2023-01-01', '2023-12-31', 36_500, 'm2'),
      denominator(3, 'orders', '2022-04-01', '2023-03-31', 0, 'count'),
    ];
    const metrics = intensityMetrics(records, [period('FY2023', 1000, 400, 800)]).get('FY2023')!;
    expect(metrics).toEqual([
      { denominator: 'floor_area', unit: 'm2', quantity: 9_000, netTco2ePerUnit: 1000 / 9_000, locationTco2ePerUnit: 1200 / 9_000 },
      { denominator: 'orders', unit: 'count', quantity: 0, netTco2ePerUnit: null, locationTco2ePerUnit: null },
      { denominator: 'revenue', unit: 'currency:GBP', quantity: 500_000_000, netTco2ePerUnit: 1000 / 500_000_000, locationTco2ePerUnit: 1200 / 500_000_000 },
    ]);
  });

  it('keeps different units of one denominator apart and gives null without emissions', () => {
    const records = [
      denominator(1, 'revenue', '2022-04-01', '2023-03-31', 100, 'currency:GBP'),
      denominator(2, 'revenue', '2022-04-01', '2023-03-31', 120, 'currency:USD'),
    ];
    const metrics = intensityMetrics(records, [period('FY2023', null, null, null)]).get('FY2023')!;
    expect(metrics.map((metric) => [metric.unit, metric.quantity, metric.netTco2ePerUnit])).toEqual([
      ['currency:GBP', 100, null],
      ['currency:USD', 120, null],
    ]);
  });
});
