/**
 * The sampling PRNG: xoshiro128** 1.1 (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", 2021; reference code at prng.di.unimi.it), its 128-bit state filled from the seed by
 * two outputs of SplitMix64 as the authors recommend (low then high 32 bits of each). Pure integer
 * arithmetic, so the same seed gives the same numbers on every machine and in every version: a
 * sample can be drawn again years later and select the same items. Never Math.random.
 *
 * The test pins its outputs to the reference C implementation's for three seeds.
 */

const MASK_64 = (1n << 64n) - 1n;
/** The largest seed: any unsigned 64-bit integer. */
export const MAX_SEED = MASK_64;

/** A seed as the auditor types it: a whole number from 0 to 2^64 − 1, in decimal. */
export function parseSeed(text: string): { readonly ok: true; readonly seed: bigint } | { readonly ok: false; readonly reason: string } {
  const trimmed = text.trim();
  if (!/^\d{1,20}$/.test(trimmed)) return { ok: false, reason: `seed '${text}' is not a whole number from 0 to ${MAX_SEED}` };
  const seed = BigInt(trimmed);
  return seed > MAX_SEED ? { ok: false, reason: `seed ${trimmed} is above ${MAX_SEED}` } : { ok: true, seed };
}

/** SplitMix64 (Steele, Lea and Flood 2014), used only to expand the seed into the generator's state. */
function splitMix64(seed: bigint): () => bigint {
  let x = seed & MASK_64;
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK_64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
    return z ^ (z >> 31n);
  };
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

export interface Prng {
  /** The next 32-bit output, 0 to 2^32 − 1. */
  nextUint32(): number;
  /** A uniform whole number from 0 to bound − 1 (bound ≥ 1), without modulo bias. */
  below(bound: bigint): bigint;
}

export function xoshiro128StarStar(seed: bigint): Prng {
  const next64 = splitMix64(seed);
  const a = next64();
  const b = next64();
  let s0 = Number(a & 0xffffffffn);
  let s1 = Number(a >> 32n);
  let s2 = Number(b & 0xffffffffn);
  let s3 = Number(b >> 32n);

  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  }

  /**
   * Rejection sampling: draw as many 32-bit words as the bound needs, keep the bits below its
   * length, and draw again when the number is not below the bound (less than half the time).
   */
  function below(bound: bigint): bigint {
    if (bound < 1n) throw new RangeError('the bound of a uniform draw must be at least 1');
    const bits = (bound - 1n).toString(2).length;
    const words = Math.ceil(bits / 32);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let value = 0n;
      for (let word = 0; word < words; word++) value = (value << 32n) | BigInt(nextUint32());
      value &= mask;
      if (value < bound) return value;
    }
  }

  return { nextUint32, below };
}
