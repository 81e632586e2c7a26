import { describe, expect, it } from 'vitest';
import { calculate, expected } from './inventory-fixture';

describe('the reconciliation fixture', () => {
  it('calculates what plain arithmetic gives', () => {
    const result = calculate();
    expect(result.findings).toEqual([]);
    for (const period of result.periods) {
      const want = expected(period.label as 'FY2022');
      expect(period.scope1).toBeCloseTo(want.scope1, 9);
      expect(period.scope2Location).toBeCloseTo(want.location, 9);
      expect(period.scope2Market).toBeCloseTo(want.market, 9);
      expect(period.metrics.pue).toBeCloseTo(want.pue, 12);
      expect(period.metrics.dataCentreCleanShare).toBeCloseTo(want.dataCentreCleanShare, 12);
      expect(period.metrics.cleanShare).toBeCloseTo(want.cleanShare, 12);
    }
  });
});
