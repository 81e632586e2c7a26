/**
 * Audit sampling, pure and reproducible: the same seed over the same population (same items, same
 * order, same tCO2e) selects the same items, on any machine. Two methods:
 *
 * - random: simple random selection without replacement (a partial Fisher–Yates shuffle of the
 *   stratum's items driven by the seeded PRNG); each item equally likely.
 * - mus: monetary-unit sampling by tCO2e, systematic with a random start. Each gram of CO2e is a
 *   sampling unit; with total T grams and size n the interval is J = T / n, the start r is uniform
 *   in [0, J), and the item holding unit r + kJ (k = 0 … n − 1) is selected. An item of v grams is
 *   selected with probability min(1, v / J): in proportion to its tCO2e, and with certainty when it
 *   is at least one interval (then it may be hit more than once; `hits` says how often). Items with
 *   no positive tCO2e cannot be selected by MUS and are counted apart. All arithmetic is on whole
 *   grams in BigInt, so there is no rounding in the selection itself.
 *
 * Stratified (by site or activity): the size is allocated to strata in proportion to their item
 * count (random) or tCO2e (mus), largest remainder first, at least one per stratum when the size
 * allows, never more than a stratum holds (random); each stratum is then sampled on its own, in
 * stratum-name order, from one PRNG stream.
 */
import { compareText } from '../calc/inventory-totals';
import { xoshiro128StarStar, type Prng } from './prng';

export const SAMPLE_METHODS = ['random', 'mus'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];
export const SAMPLE_STRATIFICATIONS = ['site', 'activity'] as const;
export type SampleStratification = (typeof SAMPLE_STRATIFICATIONS)[number];

/** One item of a population, in the population's canonical order. */
export interface PopulationItem {
  /** Stable key, e.g. 'record:42' or 'line:42:FY2023:location'. */
  readonly key: string;
  readonly site: string | null;
  readonly activity: string;
  readonly tco2e: number | null;
}

export interface SampleRequest {
  readonly method: SampleMethod;
  readonly size: number;
  readonly seed: bigint;
  readonly stratifyBy: SampleStratification | null;
}

export interface SelectedItem {
  /** Position in the population (0-based). */
  readonly index: number;
  readonly key: string;
  readonly stratum: string;
  /** 1-based order in which the item was drawn (over all strata). */
  readonly drawOrder: number;
  /** MUS: how many sampling points fell in the item (more than one for items above the interval); random: 1. */
  readonly hits: number;
}

export interface StratumSummary {
  readonly stratum: string;
  readonly items: number;
  readonly tco2e: number;
  readonly allocated: number;
  readonly selected: number;
  /** MUS only: the sampling interval in tCO2e and the random start within it. */
  readonly intervalTco2e: number | null;
  readonly startTco2e: number | null;
}

export interface SampleOutcome {
  readonly items: readonly SelectedItem[];
  readonly strata: readonly StratumSummary[];
  /** MUS: items left out of the population because their tCO2e is unknown, zero or negative. */
  readonly notSampleable: number;
}

export const NO_STRATUM = '(all)';
const NO_SITE = '(no site)';
/** Sampling units per tCO2e: one gram. */
const UNITS_PER_TONNE = 1_000_000;

export function stratumOf(item: PopulationItem, stratifyBy: SampleStratification | null): string {
  if (stratifyBy === 'site') return item.site ?? NO_SITE;
  if (stratifyBy === 'activity') return item.activity;
  return NO_STRATUM;
}

/** Whole grams of CO2e: what MUS counts. */
export function musUnits(tco2e: number | null): bigint {
  return tco2e === null || !(tco2e > 0) ? 0n : BigInt(Math.round(tco2e * UNITS_PER_TONNE));
}

const tonnes = (units: bigint) => Number(units) / UNITS_PER_TONNE;

export function drawSample(population: readonly PopulationItem[], request: SampleRequest): SampleOutcome {
  if (!Number.isInteger(request.size) || request.size < 1) throw new RangeError('the sample size must be a whole number of at least 1');
  const prng = xoshiro128StarStar(request.seed);
  const strata = new Map<string, number[]>();
  let notSampleable = 0;
  population.forEach((item, index) => {
    if (request.method === 'mus' && musUnits(item.tco2e) === 0n) {
      notSampleable++;
      return;
    }
    const stratum = stratumOf(item, request.stratifyBy);
    const members = strata.get(stratum);
    if (members) members.push(index);
    else strata.set(stratum, [index]);
  });
  const names = [...strata.keys()].sort(compareText);
  const members = names.map((name) => strata.get(name)!);
  const weights = members.map((indexes) => (request.method === 'mus' ? indexes.reduce((sum, index) => sum + musUnits(population[index]!.tco2e), 0n) : BigInt(indexes.length)));
  const capacities = members.map((indexes) => (request.method === 'random' ? indexes.length : Number.MAX_SAFE_INTEGER));
  const allocation = allocate(weights, capacities, request.size);

  const items: SelectedItem[] = [];
  const summaries: StratumSummary[] = [];
  names.forEach((stratum, s) => {
    const indexes = members[s]!;
    const size = allocation[s]!;
    const drawn = request.method === 'random' ? randomDraw(indexes, size, prng) : musDraw(population, indexes, size, prng);
    for (const { index, hits } of drawn.selected) items.push({ index, key: population[index]!.key, stratum, drawOrder: items.length + 1, hits });
    summaries.push({
      stratum,
      items: indexes.length,
      tco2e: tonnes(indexes.reduce((sum, index) => sum + musUnits(population[index]!.tco2e), 0n)),
      allocated: size,
      selected: drawn.selected.length,
      intervalTco2e: drawn.interval,
      startTco2e: drawn.start,
    });
  });
  return { items, strata: summaries, notSampleable };
}

/**
 * Splits `size` over strata in proportion to `weights` (largest remainder, ties to the earlier
 * stratum), at least one each when the size allows, none above its capacity.
 */
export function allocate(weights: readonly bigint[], capacities: readonly number[], size: number): number[] {
  const allocation = weights.map(() => 0);
  const open = (s: number) => weights[s]! > 0n && allocation[s]! < capacities[s]!;
  let remaining = Math.min(size, capacities.reduce((sum, capacity, s) => sum + (weights[s]! > 0n ? capacity : 0), 0));
  const candidates = weights.map((_, s) => s).filter(open);
  if (remaining >= candidates.length) {
    for (const s of candidates) allocation[s] = 1;
    remaining -= candidates.length;
  }
  while (remaining > 0) {
    const live = weights.map((_, s) => s).filter(open);
    const total = live.reduce((sum, s) => sum + weights[s]!, 0n);
    const share = BigInt(remaining);
    const quotas = live.map((s) => ({ s, whole: Number((share * weights[s]!) / total), remainder: (share * weights[s]!) % total }));
    let given = 0;
    for (const quota of quotas) {
      const add = Math.min(quota.whole, capacities[quota.s]! - allocation[quota.s]!);
      allocation[quota.s]! += add;
      given += add;
    }
    const byRemainder = quotas.filter((quota) => open(quota.s)).sort((a, b) => (a.remainder === b.remainder ? a.s - b.s : a.remainder > b.remainder ? -1 : 1));
    for (const quota of byRemainder) {
      if (given >= remaining) break;
      allocation[quota.s]!++;
      given++;
    }
    remaining -= given;
  }
  return allocation;
}

interface Drawn {
  readonly selected: { index: number; hits: number }[];
  readonly interval: number | null;
  readonly start: number | null;
}

/** A partial Fisher–Yates shuffle: the first `size` positions after `size` uniform swaps. */
function randomDraw(indexes: readonly number[], size: number, prng: Prng): Drawn {
  const pool = [...indexes];
  const selected: { index: number; hits: number }[] = [];
  for (let i = 0; i < size; i++) {
    const j = i + Number(prng.below(BigInt(pool.length - i)));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    selected.push({ index: pool[i]!, hits: 1 });
  }
  return { selected, interval: null, start: null };
}

/**
 * Systematic MUS over whole grams: with T units and n points, point k is at (R + kT) / n for a
 * uniform R in [0, T); comparing R + kT with n × (cumulative units) keeps everything whole.
 */
function musDraw(population: readonly PopulationItem[], indexes: readonly number[], size: number, prng: Prng): Drawn {
  const units = indexes.map((index) => musUnits(population[index]!.tco2e));
  const total = units.reduce((sum, value) => sum + value, 0n);
  if (size === 0 || total === 0n) return { selected: [], interval: null, start: null };
  const n = BigInt(size);
  const start = prng.below(total);
  const selected: { index: number; hits: number }[] = [];
  let k = 0n;
  let cumulative = 0n;
  units.forEach((value, position) => {
    cumulative += value;
    let hits = 0;
    while (k < n && start + k * total < n * cumulative) {
      hits++;
      k++;
    }
    if (hits > 0) selected.push({ index: indexes[position]!, hits });
  });
  return { selected, interval: tonnes(total) / size, start: tonnes(start) / size };
}
