// Exact rationals checked against independent references: JavaScript's own reading of decimal
// text (correctly rounded), IEEE division of exact small integers, and values worked by hand.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/random';
import {
  absoluteRational,
  addRationals,
  compareRationals,
  decimalRational,
  divideRationals,
  ExactDecimal,
  maxRational,
  minRational,
  multiplyRationals,
  productOfRationals,
  rational,
  ratioFromText,
  rationalToNumber,
  rationalToText,
  shortestDecimalRational,
  subtractRationals,
  sumRationals,
} from '../../../../shared/calc/rational';

const pair = (num: bigint, den: bigint = 1n) => ({ num, den });

describe('rational: lowest terms with a positive denominator', () => {
  it('reduces and moves the sign to the numerator', () => {
    expect(rational(4n, 6n)).toEqual(pair(2n, 3n));
    expect(rational(-4n, 6n)).toEqual(pair(-2n, 3n));
    expect(rational(4n, -6n)).toEqual(pair(-2n, 3n));
    expect(rational(-4n, -6n)).toEqual(pair(2n, 3n));
    expect(rational(0n, -7n)).toEqual(pair(0n));
    expect(rational(12n)).toEqual(pair(12n));
  });

  it('refuses a zero denominator', () => {
    expect(() => rational(1n, 0n)).toThrow(new RangeError('a rational needs a non-zero denominator'));
  });
});

describe('decimalRational: the exact value of decimal text', () => {
  it.each([
    ['0.45359237', pair(45359237n, 100000000n)],
    ['-12', pair(-12n)],
    ['1e-7', pair(1n, 10000000n)],
    ['1.5E3', pair(1500n)],
    ['2.5e+2', pair(250n)],
    ['0.0625', pair(1n, 16n)],
    ['-0.5', pair(-1n, 2n)],
    ['120e-1', pair(12n)],
  ])('%s', (text, expected) => {
    expect(decimalRational(text)).toEqual(expected);
  });

  it.each(['', 'abc', '1.', '.5', ' 1', '1 ', '1,5', '--1', '+1', '1e', '0x10', '1/2'])('refuses %j', (text) => {
    expect(() => decimalRational(text)).toThrow(new SyntaxError(`not a decimal number: '${text}'`));
  });

  it('takes a double as the shortest decimal that reads back as it, and refuses what is not finite', () => {
    expect(shortestDecimalRational(0.1)).toEqual(pair(1n, 10n));
    expect(shortestDecimalRational(-2.5e-8)).toEqual(pair(-1n, 40000000n));
    expect(shortestDecimalRational(1e21)).toEqual(pair(10n ** 21n));
    expect(() => shortestDecimalRational(Number.NaN)).toThrow(new RangeError('not a finite number: NaN'));
    expect(() => shortestDecimalRational(-Infinity)).toThrow(new RangeError('not a finite number: -Infinity'));
  });
});

describe('arithmetic', () => {
  const third = rational(1n, 3n);
  const sixth = rational(1n, 6n);

  it('adds, subtracts, multiplies and divides exactly, in lowest terms', () => {
    expect(addRationals(third, sixth)).toEqual(pair(1n, 2n));
    expect(subtractRationals(third, sixth)).toEqual(pair(1n, 6n));
    expect(subtractRationals(sixth, third)).toEqual(pair(-1n, 6n));
    expect(multiplyRationals(third, rational(-3n, 4n))).toEqual(pair(-1n, 4n));
    expect(divideRationals(third, rational(-2n, 9n))).toEqual(pair(-3n, 2n));
    expect(() => divideRationals(third, rational(0n))).toThrow(RangeError);
  });

  it('sums and multiplies lists, the empty ones being 0 and 1', () => {
    expect(sumRationals([third, sixth, rational(-1n, 2n), rational(7n, 4n)])).toEqual(pair(7n, 4n));
    expect(sumRationals([])).toEqual(pair(0n));
    expect(productOfRationals(rational(2n, 3n), rational(9n, 4n), rational(-5n))).toEqual(pair(-15n, 2n));
    expect(productOfRationals()).toEqual(pair(1n));
  });

  it('compares by value, whatever the terms', () => {
    expect(compareRationals(third, sixth)).toBe(1);
    expect(compareRationals(sixth, third)).toBe(-1);
    expect(compareRationals(third, { num: 2n, den: 6n })).toBe(0);
    expect(compareRationals(rational(-1n, 2n), rational(-1n, 3n))).toBe(-1);
    expect(minRational(third, sixth)).toEqual(sixth);
    expect(minRational(rational(-1n), third)).toEqual(pair(-1n));
    expect(maxRational(third, sixth)).toEqual(third);
    expect(maxRational(sixth, third)).toEqual(third);
    expect(maxRational(rational(-1n), rational(-2n))).toEqual(pair(-1n));
  });

  it('takes the absolute value', () => {
    expect(absoluteRational(rational(-5n, 3n))).toEqual(pair(5n, 3n));
    expect(absoluteRational(rational(5n, 3n))).toEqual(pair(5n, 3n));
    expect(absoluteRational(rational(0n))).toEqual(pair(0n));
  });
});

describe('rationalToNumber: the nearest double, ties to even', () => {
  it('agrees with JavaScript reading the same decimal text, over the whole range of doubles', () => {
    const random = seededRandom(16);
    const mismatches: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const digitCount = 1 + Math.floor(random() * 40);
      let digits = String(1 + Math.floor(random() * 9));
      for (let d = 1; d < digitCount; d++) digits += String(Math.floor(random() * 10));
      const exponent = Math.floor(random() * 680) - 360;
      const text = `${random() < 0.5 ? '-' : ''}${digits}e${exponent}`;
      const expected = Number(text);
      if (!Number.isFinite(expected)) continue;
      const actual = rationalToNumber(decimalRational(text));
      if (!Object.is(actual, expected)) mismatches.push(`${text}: ${actual} not ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with IEEE division of two exact integers', () => {
    const random = seededRandom(61);
    const mismatches: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const num = Math.floor(random() * 2 ** (1 + Math.floor(random() * 53)));
      const den = 1 + Math.floor(random() * 2 ** (1 + Math.floor(random() * 52)));
      const actual = rationalToNumber(rational(BigInt(num), BigInt(den)));
      if (!Object.is(actual, num / den)) mismatches.push(`${num}/${den}: ${actual} not ${num / den}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('rounds a tie to the even significand, in the normal and the subnormal range', () => {
    expect(rationalToNumber(rational(2n ** 53n + 1n))).toBe(2 ** 53);
    expect(rationalToNumber(rational(2n ** 53n + 3n))).toBe(2 ** 53 + 4);
    expect(rationalToNumber(rational(-(2n ** 53n) - 3n))).toBe(-(2 ** 53) - 4);
    expect(rationalToNumber(rational(2n ** 53n + 1n, 2n ** 60n))).toBe(2 ** -7);
    // Half the smallest subnormal rounds to zero, one and a half of it to two.
    expect(rationalToNumber(rational(1n, 2n ** 1075n))).toBe(0);
    expect(rationalToNumber(rational(3n, 2n ** 1075n))).toBe(2 * Number.MIN_VALUE);
    expect(rationalToNumber(rational(2n ** 1075n + 1n, 2n ** 2150n))).toBe(Number.MIN_VALUE);
  });

  it('is exact at the edges of the normal range, and refuses what rounds beyond it', () => {
    expect(rationalToNumber(rational(1n, 2n ** 1022n))).toBe(2 ** -1022);
    expect(rationalToNumber(rational(2n ** 52n - 1n, 2n ** 1074n))).toBe(2 ** -1022 - Number.MIN_VALUE);
    expect(rationalToNumber(rational(2n ** 1022n - 1n, 2n ** 2044n))).toBe(2 ** -1022);
    expect(rationalToNumber(rational(2n ** 1023n))).toBe(2 ** 1023);
    const max = 2n ** 1024n - 2n ** 971n;
    expect(rationalToNumber(rational(max))).toBe(Number.MAX_VALUE);
    expect(rationalToNumber(rational(max + 2n ** 970n - 1n))).toBe(Number.MAX_VALUE);
    // Half-way to 2^1024 rounds up to even: beyond the doubles.
    expect(() => rationalToNumber(rational(max + 2n ** 970n))).toThrow(new RangeError(`${max + 2n ** 970n}/1 is beyond the range of doubles`));
    expect(() => rationalToNumber(rational(-(2n ** 1026n), 3n))).toThrow(/^-\d+\/3 is beyond the range of doubles$/);
  });

  it('keeps the sign of small and large values', () => {
    expect(rationalToNumber(rational(-1n, 3n))).toBe(-1 / 3);
    expect(rationalToNumber(rational(-1n, 2n ** 1074n))).toBe(-Number.MIN_VALUE);
    expect(rationalToNumber(rational(0n))).toBe(0);
  });
});

describe('rationalToText and ratioFromText', () => {
  it.each([
    [pair(263763963n, 250000n), '1055.055852'],
    [pair(5n, 18n), '5/18'],
    [pair(-7n, 3n), '-7/3'],
    [pair(1n, 8n), '0.125'],
    [pair(-1n, 16n), '-0.0625'],
    [pair(1n, 20n), '0.05'],
    [pair(7n, 40n), '0.175'],
    [pair(3n), '3'],
    [pair(-3n), '-3'],
    [pair(0n), '0'],
    [pair(1n, 1000000n), '0.000001'],
    [pair(123n, 10n), '12.3'],
  ])('%o is %s, and reads back as itself', (value, text) => {
    expect(rationalToText(value)).toBe(text);
    expect(ratioFromText(text)).toEqual(value);
  });
});

describe('ExactDecimal: the digits and power of ten of a double', () => {
  // A power of ten of -0 and of 0 are the same.
  const parts = (decimal: ExactDecimal) => [decimal.digits, decimal.bigDigits, decimal.exponent + 0];

  it.each([
    [123.456, 123456, -3],
    [-0.05, -5, -2],
    [42, 42, 0],
    [1.5e-7, 15, -8],
    [1e21, 1, 21],
    [-2.5e-12, -25, -13],
    [123456789.123456, 123456789123456, -6],
    [999999999999999, 999999999999999, 0],
  ])('%d', (x, digits, exponent) => {
    expect(parts(ExactDecimal.of(x))).toEqual([digits, null, exponent]);
  });

  it('keeps up to fifteen digits read from its text as a number, whatever the sign', () => {
    expect(parts(ExactDecimal.of(1.23456789012345e-10))).toEqual([123456789012345, null, -24]);
    expect(parts(ExactDecimal.of(-1.23456789012345e-10))).toEqual([-123456789012345, null, -24]);
    expect(parts(ExactDecimal.of(-1.2345678901234e-10))).toEqual([-12345678901234, null, -23]);
  });

  it('refuses what is not a finite number, naming it', () => {
    expect(() => ExactDecimal.of(Number.NaN)).toThrow(new RangeError('not a finite number: NaN'));
    expect(() => ExactDecimal.of(Infinity)).toThrow(new RangeError('not a finite number: Infinity'));
  });

  it('keeps more than fifteen digits as a BigInt', () => {
    expect(parts(ExactDecimal.of(1234567890123456.8))).toEqual([Number.NaN, 12345678901234568n, -1]);
    expect(parts(ExactDecimal.of(-1.2345678901234568e-5))).toEqual([Number.NaN, -12345678901234568n, -21]);
    expect(parts(ExactDecimal.of(1e15))).toEqual([Number.NaN, 1000000000000000n, 0]);
  });
});
