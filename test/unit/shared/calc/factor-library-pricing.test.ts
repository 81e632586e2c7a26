// A library's pricings: equally good candidates listed in factor order, and one remembered pricing
// per pool, never another pool's (a scope, an instrument or a factor set of its own).
import { describe, expect, it } from 'vitest';
import { FactorLibrary, type FactorPool, type PricingResult } from '../../../../shared/calc/factor-library';
import { factor, request } from '../../../helpers/factor-selection';

const SETTINGS = { fiscal: { startMonth: 1, labelRule: 'end-year' }, gwpBasis: 'AR5', consolidationApproach: 'operational-control', defaultRegion: 'UK' } as const;
const AVERAGE: FactorPool = { activityKey: 'natural_gas', kind: 'average', scope: 'Scope 1' };

const candidateIds = (result: PricingResult) => (result.ok ? [] : (result.candidates ?? []).map((pricing) => pricing.factorId));
const pricedBy = (result: PricingResult) => (result.ok ? result.pricing.factorId : `${result.kind}: ${result.reason}`);

describe('equally good factors', () => {
  it('are listed in factor order, whatever order the library was given them in', () => {
    const library = new FactorLibrary([factor(9), factor(2), factor(5), factor(7)], SETTINGS);
    const result = library.price(AVERAGE, request());
    expect(result.ok).toBe(false);
    expect(candidateIds(result)).toEqual([2, 5, 7, 9]);
  });

  it('leave out a candidate that has no usable value, rather than list it unpriced', () => {
    const library = new FactorLibrary([factor(1), factor(2, { co2ePerUnitKg: null, gases: [] }), factor(3)], SETTINGS);
    expect(candidateIds(library.price(AVERAGE, request()))).toEqual([1, 3]);
  });
});

describe('a remembered pricing', () => {
  it("is the pool's own: a pool of another scope is priced from its own factors", () => {
    const library = new FactorLibrary([factor(1, { scope: 'Scope 1', co2ePerUnitKg: 2 }), factor(2, { scope: 'Scope 3', co2ePerUnitKg: 0.4 })], SETTINGS);
    expect(pricedBy(library.price({ ...AVERAGE, scope: 'Scope 1' }, request()))).toBe(1);
    expect(pricedBy(library.price({ ...AVERAGE, scope: 'Scope 3' }, request()))).toBe(2);
  });

  it("is the instrument's own: each instrument is priced at the factor named for it", () => {
    const library = new FactorLibrary([factor(1, { activityKey: 'electricity', unitText: 'kWh', scope: null, variant: 'PPA-North' }), factor(2, { activityKey: 'electricity', unitText: 'kWh', scope: null, variant: 'PPA-South' })], SETTINGS);
    const instrument = (variant: string): FactorPool => ({ activityKey: 'electricity', kind: 'average', scope: 'Scope 2', variant });
    const kwh = request({ unit: { ...request().unit, id: 'kWh', dimension: 'energy' } });
    expect(pricedBy(library.price(instrument('PPA-North'), kwh))).toBe(1);
    expect(pricedBy(library.price(instrument('PPA-South'), kwh))).toBe(2);
  });

  it("is the factor set's own for a biogenic companion", () => {
    const library = new FactorLibrary([factor(1, { biogenic: true, factorSetId: 1 }), factor(2, { biogenic: true, factorSetId: 2, setKey: 'desnz-2024' })], SETTINGS);
    const companion = (factorSetId: number): FactorPool => ({ activityKey: 'natural_gas', kind: 'biogenic', scope: null, factorSetId });
    expect(pricedBy(library.price(companion(1), request()))).toBe(1);
    expect(pricedBy(library.price(companion(2), request()))).toBe(2);
  });
});
