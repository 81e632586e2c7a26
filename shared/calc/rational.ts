/**
 * Exact rational numbers: quantities and factors are taken as the decimals they were written as
 * (see shortestDecimalRational), combined exactly and rounded to a double once, so a figure does
 * not depend on the order of its multiplications. Unit sizes, conversions, result lines and
 * instrument matching all compute with these.
 */

/** An exact rational number in lowest terms with a positive denominator. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('a rational needs a non-zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den);
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

/** Exact value of decimal text such as '0.45359237', '-12' or '1e-7'. */
export function decimalRational(text: string): Rational {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) throw new SyntaxError(`not a decimal number: '${text}'`);
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  const exponent = Number(exponentText) - fraction.length;
  return exponent >= 0 ? rational(digits * 10n ** BigInt(exponent)) : rational(digits, 10n ** BigInt(-exponent));
}

/**
 * The exact value of the shortest decimal that reads back as x: 0.1 is taken as 1/10, not as the
 * binary double nearest to it. Quantities come from decimal text, and this recovers that text.
 */
export function shortestDecimalRational(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return decimalRational(String(x));
}

export function addRationals(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function multiplyRationals(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function divideRationals(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den, a.den * b.num);
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** num/den (both non-negative) rounded to the nearest integer, ties to even. */
function divideRoundingToEven(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  const twiceRemainder = 2n * (num - quotient * den);
  const roundUp = twiceRemainder > den || (twiceRemainder === den && quotient % 2n === 1n);
  return roundUp ? quotient + 1n : quotient;
}

/** num/den × 2^power as a pair of integers, shifting whichever side keeps it exact. */
function scaled(num: bigint, den: bigint, power: number): [bigint, bigint] {
  return power >= 0 ? [num << BigInt(power), den] : [num, den << BigInt(-power)];
}

/** 2^exponent, exact for exponents in [-1022, 1023]; Infinity above. */
function powerOfTwo(exponent: number): number {
  return exponent >= 0 ? Number(1n << BigInt(exponent)) : 1 / Number(1n << BigInt(-exponent));
}

/** The double nearest to num/den (non-negative), ties to even; Infinity beyond the double range. */
function nearestDouble(num: bigint, den: bigint): number {
  if (num << 1022n < den) {
    // Below 2^-1022 the doubles are exactly the multiples of 2^-1074.
    return Number(divideRoundingToEven(num << 1074n, den)) * Number.MIN_VALUE;
  }
  // The binary exponent e with 2^e ≤ num/den < 2^(e+1).
  let exponent = bitLength(num) - bitLength(den);
  const [lowNum, lowDen] = scaled(den, 1n, exponent);
  if (lowNum > num * lowDen) exponent -= 1;
  // num/den = significand × 2^(e − 52), with a 53-bit significand rounded once here; scaling by
  // powers of two within the normal range is exact.
  const [scaledNum, scaledDen] = scaled(num, den, 52 - exponent);
  const significand = Number(divideRoundingToEven(scaledNum, scaledDen));
  return significand * powerOfTwo(-52) * powerOfTwo(exponent);
}

/** The double nearest to r (ties to even): the single rounding an exact computation gets. */
export function rationalToNumber(r: Rational): number {
  const negative = r.num < 0n;
  const value = nearestDouble(negative ? -r.num : r.num, r.den);
  if (!Number.isFinite(value)) throw new RangeError(`${rationalToText(r)} is beyond the range of doubles`);
  return negative ? -value : value;
}

/** Decimal text when r has a terminating expansion ('1055.055852'), otherwise 'num/den' ('5/18'). */
export function rationalToText(r: Rational): string {
  let twos = 0n;
  let fives = 0n;
  let rest = r.den;
  while (rest % 2n === 0n) [rest, twos] = [rest / 2n, twos + 1n];
  while (rest % 5n === 0n) [rest, fives] = [rest / 5n, fives + 1n];
  if (rest !== 1n) return `${r.num}/${r.den}`;
  const places = twos > fives ? twos : fives;
  const digitsValue = r.num * (10n ** places / r.den);
  const digits = (digitsValue < 0n ? -digitsValue : digitsValue).toString().padStart(Number(places) + 1, '0');
  const pointAt = digits.length - Number(places);
  const text = places === 0n ? digits : `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return digitsValue < 0n ? `-${text}` : text;
}

export const ZERO: Rational = rational(0n);
export const ONE: Rational = rational(1n);

/** The exact ratio a conversion reports as text: a decimal ('1055.055852') or 'num/den' ('5/18'). */
export function ratioFromText(text: string): Rational {
  const [num = '', den] = text.split('/');
  return den === undefined ? decimalRational(num) : rational(BigInt(num), BigInt(den));
}

export function subtractRationals(a: Rational, b: Rational): Rational {
  return addRationals(a, rational(-b.num, b.den));
}

/** Negative, zero or positive as a is less than, equal to or greater than b. */
export function absoluteRational(value: Rational): Rational {
  return value.num < 0n ? rational(-value.num, value.den) : value;
}

export function compareRationals(a: Rational, b: Rational): number {
  const difference = a.num * b.den - b.num * a.den;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function minRational(a: Rational, b: Rational): Rational {
  return compareRationals(a, b) <= 0 ? a : b;
}

export function maxRational(a: Rational, b: Rational): Rational {
  return compareRationals(a, b) >= 0 ? a : b;
}

export function sumRationals(values: Iterable<Rational>): Rational {
  let total = ZERO;
  for (const value of values) total = addRationals(total, value);
  return total;
}

/** The exact product, reduced to lowest terms once rather than after every multiplication. */
export function productOfRationals(...factors: readonly Rational[]): Rational {
  let num = 1n;
  let den = 1n;
  for (const factor of factors) {
    num *= factor.num;
    den *= factor.den;
  }
  return rational(num, den);
}
