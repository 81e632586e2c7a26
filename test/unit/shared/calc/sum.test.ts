import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/random';
import { ExactSum, fsum, ulp } from '../../../../shared/calc/sum';
import { CountedSum } from '../../../../shared/calc/inventory-totals';


/** A double with a random 53-bit significand, sign and binary exponent in [minExp, maxExp]. */
function randomDouble(random: () => number, minExp: number, maxExp: number): number {
  const significand = 2 ** 52 + Math.floor(random() * 2 ** 20) * 2 ** 32 + Math.floor(random() * 2 ** 32);
  const exponent = minExp + Math.floor(random() * (maxExp - minExp + 1));
  const sign = random() < 0.5 ? -1 : 1;
  return sign * significand * 2 ** -52 * 2 ** exponent;
}

function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

// Independent reference: every finite double is an integer multiple of 2^-1074, so the exact sum
// is a BigInt in those units; it is then rounded to a double bit by bit, ties to even.
const BITS = new DataView(new ArrayBuffer(8));

function toUnitsOfMinSubnormal(x: number): bigint {
  BITS.setFloat64(0, x);
  const bits = BITS.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const magnitude = biasedExponent === 0 ? fraction : (fraction | (1n << 52n)) << BigInt(biasedExponent - 1);
  return bits >> 63n === 1n ? -magnitude : magnitude;
}

function fromUnitsOfMinSubnormal(units: bigint): number {
  const negative = units < 0n;
  let magnitude = negative ? -units : units;
  let bits: bigint;
  if (magnitude < 1n << 53n) {
    // Subnormals and the lowest binade: the bit pattern is the count itself.
    bits = magnitude;
  } else {
    let shift = magnitude.toString(2).length - 53;
    const kept = magnitude >> BigInt(shift);
    const dropped = magnitude - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    magnitude = dropped > half || (dropped === half && kept % 2n === 1n) ? kept + 1n : kept;
    if (magnitude === 1n << 53n) {
      magnitude >>= 1n;
      shift += 1;
    }
    const biasedExponent = BigInt(shift + 1);
    if (biasedExponent >= 2047n) return negative ? -Infinity : Infinity;
    bits = (biasedExponent << 52n) | (magnitude - (1n << 52n));
  }
  BITS.setBigUint64(0, negative ? bits | (1n << 63n) : bits);
  return BITS.getFloat64(0);
}

function referenceSum(values: readonly number[]): number {
  return fromUnitsOfMinSubnormal(values.reduce((total, x) => total + toUnitsOfMinSubnormal(x), 0n));
}

/** Exact hexadecimal float 0x1.<hex>p<exp>: 53-bit significand scaled by a power of two. */
function hexFloat(sign: 1 | -1, fractionHex: string, exponent: number): number {
  return sign * Number(BigInt(`0x1${fractionHex}`)) * 2 ** -52 * 2 ** exponent;
}

describe('fsum', () => {
  it('sums ten 0.1 to exactly 1, where a running sum does not', () => {
    const tenths = Array.from({ length: 10 }, () => 0.1);
    expect(tenths.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(fsum(tenths)).toBe(1);
  });

  it('keeps small terms that cancelling large ones would swallow', () => {
    expect(fsum([1e100, 1, -1e100])).toBe(1);
    expect(fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])).toBe(1e-100);
  });

  it('matches the cases Python tests math.fsum with', () => {
    expect(fsum([])).toBe(0);
    expect(fsum([0])).toBe(0);
    // A negative zero sums to zero, never to a -0 that would print as '-0'.
    expect(fsum([-0])).toBe(0);
    expect(fsum([2 ** 53, -0.5, -(2 ** -54)])).toBe(2 ** 53 - 1);
    expect(fsum([2 ** 53, 1, 2 ** -100])).toBe(2 ** 53 + 2);
    expect(fsum([2 ** 53 + 10, 1, 2 ** -100])).toBe(2 ** 53 + 12);
    expect(fsum([2 ** 53 - 4, 0.5, 2 ** -54])).toBe(2 ** 53 - 3);
    expect(fsum([1e16 - 2, 1 - 2 ** -53, -(1e16 - 2), -(1 - 2 ** -53)])).toBe(0);
    const harmonic = Array.from({ length: 1000 }, (_, i) => 1 / (i + 1));
    expect(fsum(harmonic)).toBe(hexFloat(1, 'df11f45f4e61a', 2));
    const alternating = Array.from({ length: 1000 }, (_, i) => (-1) ** (i + 1) / (i + 1));
    expect(fsum(alternating)).toBe(hexFloat(-1, '62a2af1bd3624', -1));
  });

  it('breaks a tie hidden below the last partial the right way (round half even across partials)', () => {
    // 1e16 + 1 is a tie between 1e16 and 1e16 + 2; the 1e-16 makes it closer to 1e16 + 2.
    expect(fsum([1e-16, 1, 1e16])).toBe(1e16 + 2);
    expect(fsum([1e16, 1, 1e-16])).toBe(1e16 + 2);
    expect(fsum([1e16, 1])).toBe(1e16);
    // The same tie with an exact addition on the way: no zero partial may stand between the tie and the 1e-16 breaking it.
    expect(fsum([-(2 ** 52), -1e-16, 7, -1e16])).toBe(-14503599627370490);
  });

  it('keeps adding partials while the additions are exact, below the largest two', () => {
    // The correctly rounded sum needs more than the largest two partials: stopping after them
    // gives 910282497240252.2, misjudging the error of an exact addition 910282497240253.2.
    const values = [-56423.64600151882, 1903083242555684, 9007199254740992, -10000000000000000];
    expect(fsum(values)).toBe(910282497240252.4);
    expect(fsum(values)).toBe(referenceSum(values));
  });

  it('handles subnormals exactly', () => {
    expect(fsum([Number.MIN_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE])).toBe(Number.MIN_VALUE);
    expect(fsum([2 ** -1022, -Number.MIN_VALUE])).toBe(2 ** -1022 - Number.MIN_VALUE);
  });

  it('accepts any iterable', () => {
    function* values(): Generator<number> {
      yield 0.1;
      yield 0.2;
    }
    expect(fsum(values())).toBe(0.30000000000000004);
    expect(fsum(new Set([0.5, 0.25]))).toBe(0.75);
  });

  it('refuses NaN and infinities, naming the value', () => {
    expect(() => fsum([1, Number.NaN])).toThrow(new RangeError('cannot sum a non-finite value (NaN)'));
    expect(() => fsum([Infinity])).toThrow(new RangeError('cannot sum a non-finite value (Infinity)'));
    expect(() => fsum([-Infinity, 1])).toThrow(new RangeError('cannot sum a non-finite value (-Infinity)'));
  });

  it('refuses a total beyond the double range instead of returning Infinity', () => {
    expect(() => fsum([Number.MAX_VALUE, Number.MAX_VALUE])).toThrow(/double range/);
  });

  it('matches an exact BigInt reference on random inputs of similar magnitude', () => {
    const random = seededRandom(1);
    for (let trial = 0; trial < 300; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 50) }, () => randomDouble(random, -20, 20));
      expect(fsum(values)).toBe(referenceSum(values));
    }
  });

  it('matches the reference on random inputs spanning the whole exponent range', () => {
    const random = seededRandom(2);
    for (let trial = 0; trial < 300; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 50) }, () => randomDouble(random, -1074 + 52, 1000));
      expect(fsum(values)).toBe(referenceSum(values));
    }
  });

  it('matches the reference under heavy cancellation', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 300; trial++) {
      const values: number[] = [];
      for (let i = 0; i < 20; i++) {
        const big = randomDouble(random, 0, 60);
        values.push(big, -big * (1 + (random() - 0.5) * 2 ** -40), randomDouble(random, -60, 0));
      }
      expect(fsum(values)).toBe(referenceSum(values));
    }
  });

  it('gives the identical result under any order', () => {
    const random = seededRandom(4);
    for (let trial = 0; trial < 100; trial++) {
      const values = Array.from({ length: 200 }, () => randomDouble(random, -30, 30));
      const expected = fsum(values);
      for (let order = 0; order < 5; order++) {
        expect(Object.is(fsum(shuffled(values, random)), expected)).toBe(true);
      }
      expect(fsum([...values].reverse())).toBe(expected);
    }
  });
});

describe('ExactSum', () => {
  it('streams to the same result as fsum and can be read at any point', () => {
    const random = seededRandom(5);
    const values = Array.from({ length: 500 }, () => randomDouble(random, -10, 10));
    const sum = new ExactSum();
    values.forEach((value, index) => {
      sum.add(value);
      if (index % 100 === 99) expect(sum.value()).toBe(referenceSum(values.slice(0, index + 1)));
    });
    expect(sum.value()).toBe(fsum(values));
  });

  it('starts at zero', () => {
    expect(new ExactSum().value()).toBe(0);
  });

  it('refuses non-finite values and leaves the sum unchanged after a refusal', () => {
    const sum = new ExactSum();
    sum.add(Number.MAX_VALUE);
    expect(() => sum.add(Number.NaN)).toThrow(RangeError);
    expect(() => sum.add(Number.MAX_VALUE)).toThrow(RangeError);
    expect(sum.value()).toBe(Number.MAX_VALUE);
    sum.add(-Number.MAX_VALUE);
    expect(sum.value()).toBe(0);
  });
});

describe('ulp', () => {
  it('is the gap to the next larger double', () => {
    expect(ulp(1)).toBe(2 ** -52);
    expect(ulp(1.5)).toBe(2 ** -52);
    expect(ulp(2)).toBe(2 ** -51);
    expect(ulp(100)).toBe(2 ** -46);
    expect(ulp(-100)).toBe(2 ** -46);
    expect(ulp(2 ** 53)).toBe(2);
    expect(ulp(Number.MAX_VALUE)).toBe(2 ** 971);
    expect(1 + ulp(1)).toBeGreaterThan(1);
  });

  it('is the smallest subnormal at zero and among subnormals', () => {
    expect(ulp(0)).toBe(Number.MIN_VALUE);
    expect(ulp(Number.MIN_VALUE * 12345)).toBe(Number.MIN_VALUE);
    expect(ulp(2 ** -1022)).toBe(Number.MIN_VALUE);
  });

  it('refuses non-finite values, naming the value', () => {
    expect(() => ulp(Number.NaN)).toThrow(new RangeError('no unit in the last place for NaN'));
    expect(() => ulp(Infinity)).toThrow(new RangeError('no unit in the last place for Infinity'));
  });
});

describe('exact sums kept in parts and combined', () => {
  it('combines the exact parts of groups into exactly the sum of all their values, however they were grouped', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 100; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 200) }, () => randomDouble(random, -40, 40));
      const groups = Array.from({ length: 1 + Math.floor(random() * 8) }, () => new ExactSum());
      for (const value of values) groups[Math.floor(random() * groups.length)]!.add(value);
      // Stored and read back as their parts (as the engagement keeps a group of lines), then combined.
      const combined = new ExactSum();
      for (const group of groups) combined.addSum(CountedSum.of(1, JSON.parse(JSON.stringify(group.exactParts())) as number[]).sum);
      expect(combined.value()).toBe(referenceSum(values));
    }
  });

  it('leaves the sum as it was when a value is refused', () => {
    const sum = new ExactSum();
    sum.add(Number.MAX_VALUE);
    expect(() => sum.add(Number.MAX_VALUE)).toThrow(/double range/);
    sum.add(-1);
    expect(sum.value()).toBe(Number.MAX_VALUE - 1);
    expect(sum.exactParts()).toEqual([Number.MAX_VALUE, -1].sort((a, b) => Math.abs(a) - Math.abs(b)));
  });
});
