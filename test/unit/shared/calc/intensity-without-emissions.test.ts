// A year with a denominator but no Scope 1 or Scope 2: no intensity, never zero per unit.
import { describe, expect, it } from 'vitest';
import { IntensityTotals } from '../../../../shared/calc/intensity';

describe('intensity without emissions', () => {
  it('gives no location-based intensity when neither Scope 1 nor location-based Scope 2 has a figure', () => {
    const totals = new IntensityTotals();
    totals.add({ activity: 'revenue', unit: 'currency:GBP', quantity: 250 }, [{ label: 'FY2024', start: '2024-01-01', end: '2024-12-31', days: 366, totalDays: 366 }]);
    const metrics = totals.metrics([
      { label: 'FY2024', start: '2024-01-01', end: '2024-12-31', net: null, scope1: null, scope2Location: null, scope12Location: null, scope2Market: null, scope3: 40, scope3ByCategory: {}, biogenic: null, avoided: null, sites: [], metrics: { pue: null, cleanShare: null, dataCentreCleanShare: null, electricityKwh: null, cleanKwh: null, itKwh: null, facilityKwh: null } },
    ]);
    expect(metrics.get('FY2024')).toEqual([{ denominator: 'revenue', unit: 'currency:GBP', quantity: 250, netTco2ePerUnit: null, locationTco2ePerUnit: null }]);
  });
});
