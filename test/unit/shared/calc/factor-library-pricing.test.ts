// What a factor library prices a request at: each pool by its own factors, however many pools of the
// same activity were priced before (the library remembers its answers), and the candidates of an
// ambiguous choice in the order of their ids, each with a usable value.
import { describe, expect, it } from 'vitest';
import { FactorLibrary, type FactorPool, type PricingResult } from '../../../../shared/calc/factor-library';
import type { CalcFactor } from '../../../../shared/calc/inventory-types';
import { factor, request, unit } from '../../../helpers/factor-selection';

const SETTINGS = { fiscal: { startMonth: 1, labelRule: 'end-year' }, gwpBasis: 'AR5', consolidationApproach: 'operational-control', defaultRegion: 'UK' } as const;
const KWH = request({ unit: unit('kWh') });

function pricedFactor(result: PricingResult): number | null {
  if (!result.ok) throw new Error(`${result.kind}: ${result.reason}`);
  return result.pricing.factorId;
}

/** Each pool priced by a library that has priced every other pool first, and by a library of its own. */
function pricedAfterOthers(factors: readonly CalcFactor[], pools: readonly FactorPool[]): { shared: (number | null)[]; alone: (number | null)[] } {
  const library = new FactorLibrary(factors, SETTINGS);
  return {
    shared: pools.map((pool) => pricedFactor(library.price(pool, KWH))),
    alone: pools.map((pool) => pricedFactor(new FactorLibrary(factors, SETTINGS).price(pool, KWH))),
  };
}

describe('FactorLibrary.price over several pools of one activity', () => {
  it('prices each scope at that scope’s factor', () => {
    const factors = [
      factor(1, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', co2ePerUnitKg: 0.2 }),
      factor(2, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 3', co2ePerUnitKg: 0.02 }),
    ];
    const pools: FactorPool[] = [
      { activityKey: 'electricity', kind: 'average', scope: 'Scope 2' },
      { activityKey: 'electricity', kind: 'average', scope: 'Scope 3' },
    ];
    expect(pricedAfterOthers(factors, pools)).toEqual({ shared: [1, 2], alone: [1, 2] });
  });

  it('prices each instrument at the supplier factor named for it', () => {
    const factors = [
      factor(1, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', variant: 'PPA Solar North', co2ePerUnitKg: 0 }),
      factor(2, { activityKey: 'electricity', unitText: 'kWh', scope: 'Scope 2', variant: 'Green Tariff B', co2ePerUnitKg: 0.05 }),
    ];
    const pools: FactorPool[] = [
      { activityKey: 'electricity', kind: 'average', scope: 'Scope 2', variant: 'PPA Solar North' },
      { activityKey: 'electricity', kind: 'average', scope: 'Scope 2', variant: 'Green Tariff B' },
    ];
    expect(pricedAfterOthers(factors, pools)).toEqual({ shared: [1, 2], alone: [1, 2] });
  });

  it('takes each biogenic companion from its own main factor’s set', () => {
    const factors = [
      factor(1, { activityKey: 'wood', unitText: 'kWh', biogenic: true, factorSetId: 1, co2ePerUnitKg: 0.35 }),
      factor(2, { activityKey: 'wood', unitText: 'kWh', biogenic: true, factorSetId: 2, setKey: 'desnz-2023-revised', co2ePerUnitKg: 0.36 }),
    ];
    const pools: FactorPool[] = [
      { activityKey: 'wood', kind: 'biogenic', scope: null, factorSetId: 1 },
      { activityKey: 'wood', kind: 'biogenic', scope: null, factorSetId: 2 },
    ];
    expect(pricedAfterOthers(factors, pools)).toEqual({ shared: [1, 2], alone: [1, 2] });
  });
});

describe('FactorLibrary candidates', () => {
  const POOL: FactorPool = { activityKey: 'natural_gas', kind: 'average', scope: 'Scope 1' };

  it('lists a pool’s factors in the order of their ids, whatever order they were loaded in', () => {
    const library = new FactorLibrary([factor(3), factor(1), factor(4), factor(2), factor(5)], SETTINGS);
    expect(library.factorsIn(POOL).map(({ id }) => id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('prices the equally good factors of an ambiguous choice in the order of their ids', () => {
    const library = new FactorLibrary([factor(3, { co2ePerUnitKg: 3 }), factor(1, { co2ePerUnitKg: 1 }), factor(2, { co2ePerUnitKg: 2 })], SETTINGS);
    const result = library.price(POOL, request());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.candidates?.map(({ factorId }) => factorId)).toEqual([1, 2, 3]);
  });

  it('leaves a candidate without a usable value out of what is at stake', () => {
    const library = new FactorLibrary([factor(1, { co2ePerUnitKg: 2 }), factor(2, { co2ePerUnitKg: null, gases: [] })], SETTINGS);
    const result = library.price(POOL, request());
    expect(result).toMatchObject({ ok: false, kind: 'ambiguous-factor' });
    expect(!result.ok && result.candidates).toEqual([
      expect.objectContaining({ factorId: 1, factorSetKey: 'desnz-2023', factorUnit: 'cubic metres', notes: [] }),
    ]);
  });
});
