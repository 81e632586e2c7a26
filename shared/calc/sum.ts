/**
 * Deterministic exact summation of doubles (Shewchuk's algorithm, as in Python's math.fsum).
 *
 * Audited totals must not depend on the order rows arrive in: a naive running sum does, in
 * its last digits. These sums keep the exact value as a list of non-overlapping partials and
 * round once, correctly, at the end, so any order of the same values gives the same double.
 */

/**
 * Running exact sum. `value()` is the correctly rounded (ties to even) sum of everything added.
 *
 * NaN and ±Infinity are refused: an audited figure never contains them. An intermediate
 * total beyond the double range (about 1.8e308) is refused too, rather than reported as
 * Infinity; carbon figures are nowhere near it.
 */
export class ExactSum {
  /**
   * Non-overlapping partials, increasing in magnitude; their exact sum is the running total.
   * `add` writes the next partials into the spare array and swaps, so adding allocates nothing
   * and a refused value leaves the sum as it was.
   */
  private partials: number[] = [];
  private spare: number[] = [];
  private count = 0;

  /** Adds x, or throws and leaves the sum unchanged. */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`cannot sum a non-finite value (${x})`);
    const partials = this.partials;
    const next = this.spare;
    let kept = 0;
    let current = x;
    for (let i = 0; i < this.count; i++) {
      const partial = partials[i] as number;
      const currentIsBigger = Math.abs(current) >= Math.abs(partial);
      const big = currentIsBigger ? current : partial;
      const small = currentIsBigger ? partial : current;
      // Two-sum: hi + lo equals big + small exactly.
      const hi = big + small;
      const lo = small - (hi - big);
      if (lo !== 0) next[kept++] = lo;
      current = hi;
    }
    if (!Number.isFinite(current)) throw new RangeError('sum exceeds the double range');
    if (current !== 0) next[kept++] = current;
    this.spare = partials;
    this.partials = next;
    this.count = kept;
  }

  /** Adds everything another exact sum holds, exactly: sums of parts combine into the sum of the whole. */
  addSum(other: ExactSum): void {
    for (const partial of other.exactParts()) this.add(partial);
  }

  /** The non-overlapping doubles whose exact sum is the total: what a stored sum keeps to be combined later. */
  exactParts(): number[] {
    return this.partials.slice(0, this.count);
  }

  value(): number {
    const partials = this.partials;
    let n = this.count;
    if (n === 0) return 0;
    let hi = partials[--n] as number;
    let lo = 0;
    // Add partials from the largest down until the addition becomes inexact.
    while (n > 0) {
      const x = hi;
      const y = partials[--n] as number;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way case: the partials still below may break a tie that hi + lo rounded to even,
    // e.g. [1e-16, 1, 1e16] must round up. Without this fix-up the result could differ by one
    // unit in the last place depending on order.
    const below = n > 0 ? (partials[n - 1] as number) : 0;
    if ((lo < 0 && below < 0) || (lo > 0 && below > 0)) {
      const twiceLo = lo * 2;
      const candidate = hi + twiceLo;
      if (twiceLo === candidate - hi) hi = candidate;
    }
    return hi;
  }
}

/** Correctly rounded sum of the values, independent of their order. */
export function fsum(values: Iterable<number>): number {
  const sum = new ExactSum();
  for (const value of values) sum.add(value);
  return sum.value();
}

/**
 * The gap between |x| and the next larger double: 2^(e − 52) for |x| in [2^e, 2^(e+1)), and the
 * smallest subnormal for subnormal x and zero. Multiples of ulp(x) up to |x| are all doubles.
 */
export function ulp(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`no unit in the last place for ${x}`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const biasedExponent = view.getUint16(0) >> 4;
  // Subnormals share the spacing of the smallest normal binade.
  const spacingExponent = Math.max(biasedExponent, 1) - 1075;
  const bits = spacingExponent >= -1022
    ? BigInt(spacingExponent + 1023) << 52n
    : 1n << BigInt(spacingExponent + 1074);
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}
