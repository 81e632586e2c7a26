import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/random';
import {
  decimalRational,
  ExactDecimal,
  ExactScale,
  productOfRationals,
  rational,
  rationalToNumber,
  shortestDecimalRational,
  type Rational,
} from '../../../../shared/calc/rational';

/** What a calculation's inner loop must give: the exact product of the decimal and the factor, rounded once. */
function reference(x: number, factor: Rational): number {
  return rationalToNumber(productOfRationals(shortestDecimalRational(x), factor));
}

const FACTORS: readonly Rational[] = [
  decimalRational('2.54603'),
  decimalRational('0.00023314'),
  // kWh per MJ and the like: not a decimal.
  rational(5n, 18n),
  decimalRational('0.45359237'),
  // A grid factor × a 40% share ÷ 1000: tonnes per kWh.
  productOfRationals(decimalRational('0.23314'), rational(2n, 5n), rational(1n, 1000n)),
  // A matched fraction with large terms: only the BigInt path can take it.
  rational(123456789012345678901n, 98765432109876543n),
  decimalRational('1e-9'),
  decimalRational('-3.5'),
  rational(0n),
];

describe('ExactScale: a decimal times a constant, rounded once', () => {
  it('agrees with the exact rational product on every kind of quantity, through both of its paths', () => {
    const random = seededRandom(9);
    const quantities = [0, -0, 1, 0.1, 0.3, 0.1 + 0.2, 100.125, 1e21, 1e22, 1.5e-7, 123456789012345, 1234567890123456, -42.5, 5e-324, 1.7976931348623157e298];
    for (let i = 0; i < 4_000; i++) {
      const kind = i % 4;
      quantities.push(
        kind === 0 ? Math.round(random() * 1e6) / 100 : kind === 1 ? random() * 10 ** Math.floor(random() * 20 - 10) : kind === 2 ? Math.floor(random() * 1e9) : (random() - 0.5) * 1e5,
      );
    }
    const mismatches: string[] = [];
    for (const factor of FACTORS) {
      const scale = new ExactScale(factor);
      for (const x of quantities) if (!Object.is(scale.times(ExactDecimal.of(x)), reference(x, factor))) mismatches.push(`${x} × ${factor.num}/${factor.den}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('takes the decimal a double was written as: 0.1 × 3 is 0.3, not the product of the binary doubles', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(new ExactScale(rational(3n)).times(ExactDecimal.of(0.1))).toBe(0.3);
  });

  it('gives 0, not −0, for a zero quantity', () => {
    expect(Object.is(new ExactScale(decimalRational('-3.5')).times(ExactDecimal.of(0)), 0)).toBe(true);
    expect(Object.is(new ExactScale(decimalRational('2')).times(ExactDecimal.of(-0)), 0)).toBe(true);
  });

  it('refuses a quantity that is not a finite number', () => {
    expect(() => ExactDecimal.of(Number.NaN)).toThrow(RangeError);
    expect(() => ExactDecimal.of(Infinity)).toThrow(RangeError);
  });
});
