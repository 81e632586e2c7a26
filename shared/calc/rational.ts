/**
 * Exact rational helpers for result lines and instrument matching. Quantities and factors are
 * taken as the decimals they were written as (see shortestDecimalRational), combined exactly and
 * rounded to a double once, so a figure does not depend on the order of its multiplications.
 */
import { addRationals, decimalRational, rational, shortestDecimalRational, type Rational } from './units';

export const ZERO: Rational = rational(0n);
export const ONE: Rational = rational(1n);

/** The exact value of a double as the shortest decimal that reads back as it. */
export const exactDecimal = shortestDecimalRational;

/** The exact ratio a conversion reports as text: a decimal ('1055.055852') or 'num/den' ('5/18'). */
export function ratioFromText(text: string): Rational {
  const [num = '', den] = text.split('/');
  return den === undefined ? decimalRational(num) : rational(BigInt(num), BigInt(den));
}

export function subtractRationals(a: Rational, b: Rational): Rational {
  return addRationals(a, rational(-b.num, b.den));
}

/** Negative, zero or positive as a is less than, equal to or greater than b. */
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
