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

/** The number of bits of a positive integer (hexadecimal text is four times shorter than binary). */
function bitLength(n: bigint): number {
  const hex = n.toString(16);
  return hex.length * 4 - Math.clz32(Number.parseInt(hex[0] ?? '0', 16)) + 28;
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
  return quotientToNumber(r.num, r.den);
}

/** The double nearest to num/den (den positive, the fraction in any terms), ties to even. */
function quotientToNumber(num: bigint, den: bigint): number {
  const negative = num < 0n;
  const value = nearestDouble(negative ? -num : num, den);
  if (!Number.isFinite(value)) throw new RangeError(`${num}/${den} is beyond the range of doubles`);
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

// ---------------------------------------------------------------------------------------------
// Decimals times a constant, at the speed of a calculation's inner loop

/** Exact powers of ten as doubles (10^22 is the largest one a double holds exactly). */
const EXACT_POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
/** Up to this many digits, an integer is a safe integer as a double. */
const SAFE_DIGITS = 15;
/** Decimals with at most 15 digits are told apart by the doubles they read as. */
const QUICK_LIMIT = 1e15;
const MAX_QUICK_PLACES = 8;

/**
 * The exact decimal a double stands for (its shortest round-trip text, as shortestDecimalRational
 * takes it): digits × 10^exponent. Read once per quantity and multiplied by many constants.
 */
export class ExactDecimal {
  private constructor(
    /** The digits as a safe integer, when there are at most 15 of them; else NaN and `bigDigits`. */
    readonly digits: number,
    readonly bigDigits: bigint | null,
    readonly exponent: number,
  ) {}

  static of(x: number): ExactDecimal {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    // Most quantities have a few decimals: n / 10^k that reads back as x and has at most 15
    // digits is the shortest decimal's value, since no two such decimals read as one double.
    for (let places = 0; places <= MAX_QUICK_PLACES && Math.abs(x) < QUICK_LIMIT; places++) {
      const power = EXACT_POWERS_OF_TEN[places] as number;
      const digits = x * power;
      if (Math.abs(digits) >= QUICK_LIMIT) break;
      if (Number.isInteger(digits) && digits / power === x) return new ExactDecimal(digits, null, -places);
    }
    const text = String(x);
    const e = text.indexOf('e');
    const mantissa = e < 0 ? text : text.slice(0, e);
    let exponent = e < 0 ? 0 : Number(text.slice(e + 1));
    const point = mantissa.indexOf('.');
    let digitText = mantissa;
    if (point >= 0) {
      digitText = mantissa.slice(0, point) + mantissa.slice(point + 1);
      exponent -= mantissa.length - point - 1;
    }
    const digitCount = digitText.length - (digitText.startsWith('-') ? 1 : 0);
    return digitCount <= SAFE_DIGITS ? new ExactDecimal(Number(digitText), null, exponent) : new ExactDecimal(Number.NaN, BigInt(digitText), exponent);
  }
}

/**
 * Multiplication by one exact rational, rounded once to the nearest double (ties to even):
 * `times(d)` is rationalToNumber(d × factor), exactly. When the decimal's digits times the
 * factor's numerator, and the factor's denominator times the decimal's power of ten, are both
 * safe integers, it is one IEEE division of two exact doubles, which rounds correctly by
 * itself; otherwise it divides BigInts.
 */
export class ExactScale {
  private readonly num: number | null;
  private readonly den: number | null;

  constructor(readonly factor: Rational) {
    this.num = safeNumber(factor.num);
    this.den = safeNumber(factor.den);
  }

  times(d: ExactDecimal): number {
    if (d.bigDigits === null && this.num !== null && this.den !== null) {
      const numerator = d.digits * this.num;
      if (Math.abs(numerator) <= Number.MAX_SAFE_INTEGER) {
        const power = EXACT_POWERS_OF_TEN[Math.abs(d.exponent)];
        if (power !== undefined) {
          const top = d.exponent >= 0 ? numerator * power : numerator;
          const bottom = d.exponent >= 0 ? this.den : this.den * power;
          // `|| 0`: -0 would differ from the exact path's 0.
          if (Math.abs(top) <= Number.MAX_SAFE_INTEGER && bottom <= Number.MAX_SAFE_INTEGER) return top / bottom || 0;
        }
      }
    }
    const digits = d.bigDigits ?? BigInt(d.digits);
    const scale = 10n ** BigInt(Math.abs(d.exponent));
    return d.exponent >= 0
      ? quotientToNumber(digits * this.factor.num * scale, this.factor.den)
      : quotientToNumber(digits * this.factor.num, this.factor.den * scale);
  }
}

function safeNumber(n: bigint): number | null {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : null;
}
