/**
 * Market-based Scope 2 (GHG Protocol Scope 2 Guidance): contractual instruments cover a site's
 * electricity consumption first; only the uncovered remainder is charged at the residual mix.
 *
 * Matching window: one site's fiscal month. Each consumption and instrument record is spread over
 * the fiscal months it touches in proportion to days, exactly. In each site × month,
 * covered = min(instruments, consumption):
 * - a consumption record is charged its uncovered fraction, (consumption − covered) / consumption;
 * - an instrument is charged its counted fraction, covered / instruments: 1 unless instruments
 *   exceed consumption, when every instrument in the window is capped in proportion (never a
 *   negative emission) and the months are reported.
 * Records with equal periods are spread alike, so matching them month by month gives the same
 * result as matching them period by period. Instruments never add to consumption.
 *
 * Matching takes two passes over the records: the first adds every flow to its windows (memory
 * grows with sites × months, not with records); the second asks each record's charge, which
 * depends only on its site, its months and its role, never on its own quantity.
 */
import {
  compareRationals,
  divideRationals,
  maxRational,
  minRational,
  ONE,
  productOfRationals,
  rational,
  type Rational,
  subtractRationals,
  sumRationals,
  ZERO,
} from './rational';
import { fromEpochDay, toEpochDay } from '../civil-date';
import { fiscalMonthOf, fiscalYearOf, type FiscalResult, type FiscalSettings } from './fiscal';

/** The days a period spends in one fiscal month. */
export interface MonthShare {
  /** e.g. 'FY2024 M01'. */
  readonly month: string;
  readonly fiscalYear: string;
  readonly days: number;
}

/** The fiscal months a period (both ends inclusive, valid ISO dates) touches, with its days in each. */
export function fiscalMonthShares(periodStart: string, periodEnd: string, settings: FiscalSettings): FiscalResult<readonly MonthShare[]> {
  const shares: MonthShare[] = [];
  const last = toEpochDay(periodEnd);
  for (let cursor = toEpochDay(periodStart); cursor <= last; ) {
    const date = fromEpochDay(cursor);
    const month = fiscalMonthOf(date, settings);
    if (!month.ok) return month;
    const year = fiscalYearOf(date, settings);
    if (!year.ok) return year;
    const shareEnd = Math.min(toEpochDay(month.value.end), last);
    shares.push({ month: month.value.label, fiscalYear: year.value.label, days: shareEnd - cursor + 1 });
    cursor = shareEnd + 1;
  }
  return { ok: true, value: shares };
}

export type FlowRole = 'consumption' | 'instrument';

/** Where a record's electricity falls: a site, its fiscal months and whether it is consumed or an instrument. */
export interface FlowWindows {
  readonly site: string | null;
  readonly role: FlowRole;
  readonly months: readonly MonthShare[];
}

export interface FlowCharge {
  /** Per fiscal year: the fraction of the record's quantity in that year the market-based figure charges. */
  readonly chargedFractionByYear: ReadonlyMap<string, Rational>;
  /** Instruments only: the fiscal months in which the site's instruments exceeded its consumption. */
  readonly cappedMonths: readonly string[];
  /** The fraction of the record's whole quantity counted after matching (counted kWh = kWh × this). */
  readonly countedFraction: Rational;
}

/**
 * An exact running sum of rationals that reduces to lowest terms only when its denominator grows
 * large: records of a window mostly share a denominator, and then adding is one BigInt addition.
 */
class RationalSum {
  private num = 0n;
  private den = 1n;

  add(value: Rational): void {
    if (value.den === this.den) {
      this.num += value.num;
      return;
    }
    this.num = this.num * value.den + value.num * this.den;
    this.den *= value.den;
    if (this.den > REDUCE_ABOVE) {
      const reduced = rational(this.num, this.den);
      this.num = reduced.num;
      this.den = reduced.den;
    }
  }

  value(): Rational {
    return rational(this.num, this.den);
  }
}

const REDUCE_ABOVE = 1n << 256n;

interface Window {
  readonly consumption: RationalSum;
  readonly instruments: RationalSum;
}

interface WindowFractions {
  readonly uncovered: Rational;
  readonly counted: Rational;
}

function windowKey(site: string | null, month: string): string {
  return `${site === null ? '\u0000' : `=${site}`}\u0001${month}`;
}

/** Each month's share of a period's days, exactly. */
function monthFractions(months: readonly MonthShare[]): Rational[] {
  const totalDays = BigInt(months.reduce((days, share) => days + share.days, 0));
  return months.map((share) => rational(BigInt(share.days), totalDays));
}

/** What matching leaves of a record whose site-months hold no instrument: all of it. */
const UNMATCHED: FlowCharge = { chargedFractionByYear: new Map(), cappedMonths: [], countedFraction: ONE };

export class InstrumentMatching {
  private readonly windows = new Map<string, Window>();
  private readonly sitesWithInstruments = new Set<string | null>();
  private fractions: Map<string, WindowFractions> | null = null;

  /** First pass: a record's whole quantity in kWh (exact) goes into the windows of its months. */
  add(flow: FlowWindows, kwh: Rational): void {
    if (this.fractions) throw new Error('instrument matching already settled: add every flow before asking for charges');
    const fractions = monthFractions(flow.months);
    flow.months.forEach((share, index) => {
      const key = windowKey(flow.site, share.month);
      let window = this.windows.get(key);
      if (!window) {
        window = { consumption: new RationalSum(), instruments: new RationalSum() };
        this.windows.set(key, window);
      }
      const monthly = fractions.length === 1 ? kwh : productOfRationals(kwh, fractions[index] ?? ZERO);
      (flow.role === 'consumption' ? window.consumption : window.instruments).add(monthly);
    });
    if (flow.role === 'instrument') this.sitesWithInstruments.add(flow.site);
  }

  /**
   * Second pass: what the market-based figure charges of a record with these windows. A fraction
   * of 1 is always the ONE constant, so callers can tell an unmatched year by identity.
   */
  chargeOf(flow: FlowWindows): FlowCharge {
    // Consumption at a site without instruments is charged in full.
    if (flow.role === 'consumption' && !this.sitesWithInstruments.has(flow.site)) return UNMATCHED;
    const fractions = this.settled();
    const weighted = new Map<string, { days: number; fractionDays: Rational[] }>();
    const cappedMonths: string[] = [];
    const counted: Rational[] = [];
    const shares = monthFractions(flow.months);
    flow.months.forEach((share, index) => {
      const window = fractions.get(windowKey(flow.site, share.month)) ?? { uncovered: ONE, counted: ONE };
      const fraction = flow.role === 'consumption' ? window.uncovered : window.counted;
      if (flow.role === 'instrument' && compareRationals(fraction, ONE) < 0) cappedMonths.push(share.month);
      counted.push(productOfRationals(shares[index] ?? ZERO, fraction));
      const year = weighted.get(share.fiscalYear) ?? { days: 0, fractionDays: [] };
      year.days += share.days;
      year.fractionDays.push(productOfRationals(fraction, rational(BigInt(share.days))));
      weighted.set(share.fiscalYear, year);
    });
    const chargedFractionByYear = new Map(
      [...weighted].map(([year, { days, fractionDays }]) => [year, oneAsOne(divideRationals(sumRationals(fractionDays), rational(BigInt(days))))]),
    );
    return { chargedFractionByYear, cappedMonths, countedFraction: sumRationals(counted) };
  }

  private settled(): Map<string, WindowFractions> {
    this.fractions ??= new Map(
      [...this.windows].map(([key, window]) => {
        const totals = { consumption: window.consumption.value(), instruments: window.instruments.value() };
        return [key, { uncovered: uncoveredFraction(totals), counted: countedFraction(totals) }];
      }),
    );
    return this.fractions;
  }
}

function oneAsOne(fraction: Rational): Rational {
  return compareRationals(fraction, ONE) === 0 ? ONE : fraction;
}

interface WindowTotals {
  readonly consumption: Rational;
  readonly instruments: Rational;
}

function coveredOf(window: WindowTotals): Rational {
  return minRational(maxRational(window.instruments, ZERO), maxRational(window.consumption, ZERO));
}

function uncoveredFraction(window: WindowTotals): Rational {
  if (compareRationals(window.consumption, ZERO) <= 0) return ONE;
  return divideRationals(subtractRationals(window.consumption, coveredOf(window)), window.consumption);
}

function countedFraction(window: WindowTotals): Rational {
  if (compareRationals(window.instruments, ZERO) <= 0) return ONE;
  return divideRationals(coveredOf(window), window.instruments);
}
