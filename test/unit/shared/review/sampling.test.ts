import { describe, expect, it } from 'vitest';
import { parseSeed, xoshiro128StarStar } from '../../../../shared/review/prng';
import { allocate, drawSample, type PopulationItem } from '../../../../shared/review/sampling';

describe('the sampling PRNG (xoshiro128** seeded by SplitMix64)', () => {
  it('gives the reference C implementation’s outputs', () => {
    // From the authors' xoshiro128starstar.c and splitmix64.c, seeded as documented in prng.ts.
    const expected: [bigint, number[]][] = [
      [0n, [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774]],
      [42n, [1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222]],
      [18446744073709551615n, [477689756, 2493998634, 555695776, 607808419, 61340979, 301466976]],
    ];
    for (const [seed, outputs] of expected) {
      const prng = xoshiro128StarStar(seed);
      expect(outputs.map(() => prng.nextUint32())).toEqual(outputs);
    }
  });

  it('draws whole numbers below a bound uniformly, above 2^32 too', () => {
    const prng = xoshiro128StarStar(7n);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[Number(prng.below(3n))]!++;
    for (const count of counts) expect(count).toBeGreaterThan(9_600);
    const big = 10n ** 15n;
    for (let i = 0; i < 1000; i++) expect(prng.below(big)).toBeLessThan(big);
  });

  it('reads a seed as a whole number up to 2^64 − 1 and refuses anything else', () => {
    expect(parseSeed(' 42 ')).toEqual({ ok: true, seed: 42n });
    expect(parseSeed('18446744073709551615')).toEqual({ ok: true, seed: 18446744073709551615n });
    for (const bad of ['18446744073709551616', '-1', '4.2', 'abc', '']) expect(parseSeed(bad).ok).toBe(false);
  });
});

function population(tonnes: readonly number[], sites: readonly string[] = ['A']): PopulationItem[] {
  return tonnes.map((tco2e, i) => ({ key: `record:${i + 1}`, site: sites[i % sites.length]!, activity: i % 2 === 0 ? 'electricity' : 'natural_gas', tco2e }));
}

const keys = (outcome: ReturnType<typeof drawSample>) => outcome.items.map((item) => item.key);

describe('random sampling', () => {
  const items = population(Array.from({ length: 200 }, (_, i) => i + 1));

  it('selects the same items with the same seed, and different ones with another', () => {
    const first = drawSample(items, { method: 'random', size: 10, seed: 2024n, stratifyBy: null });
    expect(keys(first)).toHaveLength(10);
    expect(new Set(keys(first)).size).toBe(10);
    expect(keys(drawSample(items, { method: 'random', size: 10, seed: 2024n, stratifyBy: null }))).toEqual(keys(first));
    expect(keys(drawSample(items, { method: 'random', size: 10, seed: 2025n, stratifyBy: null }))).not.toEqual(keys(first));
  });

  it('gives every item the same chance', () => {
    const small = population([1, 1, 1, 1, 1]);
    const counts = new Map<string, number>();
    for (let seed = 0n; seed < 5000n; seed++) {
      for (const key of keys(drawSample(small, { method: 'random', size: 2, seed, stratifyBy: null }))) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const count of counts.values()) expect(count / 5000).toBeCloseTo(0.4, 1);
  });

  it('stratified by site, allocates in proportion to each site’s items, at least one each, and samples within it', () => {
    const bySite = population(Array.from({ length: 100 }, () => 1), ['North', 'North', 'North', 'South']);
    const outcome = drawSample(bySite, { method: 'random', size: 8, seed: 1n, stratifyBy: 'site' });
    expect(outcome.strata.map((stratum) => [stratum.stratum, stratum.items, stratum.allocated])).toEqual([['North', 75, 6], ['South', 25, 2]]);
    for (const item of outcome.items) expect(bySite[item.index]!.site).toBe(item.stratum);
  });

  it('never selects more items than the population holds', () => {
    expect(drawSample(population([1, 2, 3]), { method: 'random', size: 10, seed: 3n, stratifyBy: null }).items).toHaveLength(3);
  });
});

describe('monetary-unit sampling', () => {
  it('selects each item in proportion to its tCO2e, and an item above the interval always', () => {
    // Total 20 t, size 2: interval 10 t, so the chances are 0.1, 0.2, 0.3, 0.4 and 1.
    const items = population([1, 2, 3, 4, 10]);
    const counts = new Map<string, number>();
    const runs = 4000;
    for (let seed = 0n; seed < BigInt(runs); seed++) {
      const outcome = drawSample(items, { method: 'mus', size: 2, seed, stratifyBy: null });
      expect(outcome.strata[0]!.intervalTco2e).toBe(10);
      for (const key of keys(outcome)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const share = (key: string) => (counts.get(key) ?? 0) / runs;
    expect(share('record:5')).toBe(1);
    for (const [key, chance] of [['record:1', 0.1], ['record:2', 0.2], ['record:3', 0.3], ['record:4', 0.4]] as const) {
      expect(Math.abs(share(key) - chance), key).toBeLessThan(0.03);
    }
  });

  it('counts the hits of an item larger than the interval, and leaves items without positive tCO2e out', () => {
    const items = population([0.5, 30, 0, -2, 0.5]);
    const outcome = drawSample(items, { method: 'mus', size: 4, seed: 9n, stratifyBy: null });
    expect(outcome.notSampleable).toBe(2);
    const big = outcome.items.find((item) => item.key === 'record:2')!;
    expect(big.hits).toBeGreaterThanOrEqual(3);
    expect(outcome.items.reduce((sum, item) => sum + item.hits, 0)).toBe(4);
  });

  it('selects the same items with the same seed, and different ones with another', () => {
    const items = population(Array.from({ length: 500 }, (_, i) => ((i * 7919) % 97) + 1));
    const first = keys(drawSample(items, { method: 'mus', size: 25, seed: 11n, stratifyBy: 'activity' }));
    expect(keys(drawSample(items, { method: 'mus', size: 25, seed: 11n, stratifyBy: 'activity' }))).toEqual(first);
    expect(keys(drawSample(items, { method: 'mus', size: 25, seed: 12n, stratifyBy: 'activity' }))).not.toEqual(first);
  });
});

describe('allocation to strata', () => {
  it('is proportional by largest remainder, at least one each when the size allows, capped at each stratum’s items', () => {
    expect(allocate([50n, 30n, 20n], [100, 100, 100], 10)).toEqual([5, 3, 2]);
    expect(allocate([98n, 1n, 1n], [100, 100, 100], 5)).toEqual([3, 1, 1]);
    expect(allocate([98n, 1n, 1n], [100, 100, 100], 2)).toEqual([2, 0, 0]);
    expect(allocate([10n, 10n], [1, 100], 6)).toEqual([1, 5]);
  });
});
