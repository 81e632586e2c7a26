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
 */
import {
  addRationals,
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

export interface ElectricityFlow {
  readonly recordId: number;
  readonly site: string | null;
  readonly role: 'consumption' | 'instrument';
  /** The record's whole quantity in kWh, exact. */
  readonly kwh: Rational;
  readonly months: readonly MonthShare[];
}

export interface FlowCharge {
  /** Per fiscal year: the fraction of the record's quantity in that year the market-based figure charges. */
  readonly chargedFractionByYear: ReadonlyMap<string, Rational>;
  /** Instruments only: the fiscal months in which the site's instruments exceeded its consumption. */
  readonly cappedMonths: readonly string[];
  /** The kWh charged after matching: uncovered consumption, or instruments as far as consumption allows. */
  readonly countedKwh: Rational;
}

interface Window {
  consumption: Rational;
  instruments: Rational;
}

function windowKey(site: string | null, month: string): string {
  return JSON.stringify([site, month]);
}

/** The charge of every flow, by record id. */
export function matchInstruments(flows: readonly ElectricityFlow[]): ReadonlyMap<number, FlowCharge> {
  const windows = new Map<string, Window>();
  const monthlyKwh = new Map<number, readonly Rational[]>();
  for (const flow of flows) {
    const totalDays = BigInt(flow.months.reduce((days, share) => days + share.days, 0));
    const kwhByMonth = flow.months.map((share) => productOfRationals(flow.kwh, rational(BigInt(share.days), totalDays)));
    monthlyKwh.set(flow.recordId, kwhByMonth);
    flow.months.forEach((share, index) => {
      const key = windowKey(flow.site, share.month);
      const window = windows.get(key) ?? { consumption: ZERO, instruments: ZERO };
      const kwh = kwhByMonth[index] ?? ZERO;
      if (flow.role === 'consumption') window.consumption = addRationals(window.consumption, kwh);
      else window.instruments = addRationals(window.instruments, kwh);
      windows.set(key, window);
    });
  }

  const fractions = new Map<string, { uncovered: Rational; counted: Rational }>(
    [...windows].map(([key, window]) => [key, { uncovered: uncoveredFraction(window), counted: countedFraction(window) }]),
  );
  const charges = new Map<number, FlowCharge>();
  for (const flow of flows) {
    const weighted = new Map<string, { days: number; fractionDays: Rational }>();
    const cappedMonths: string[] = [];
    const counted: Rational[] = [];
    flow.months.forEach((share, index) => {
      const window = fractions.get(windowKey(flow.site, share.month)) ?? { uncovered: ONE, counted: ONE };
      const fraction = flow.role === 'consumption' ? window.uncovered : window.counted;
      if (flow.role === 'instrument' && compareRationals(fraction, ONE) < 0) cappedMonths.push(share.month);
      counted.push(productOfRationals(monthlyKwh.get(flow.recordId)?.[index] ?? ZERO, fraction));
      const year = weighted.get(share.fiscalYear) ?? { days: 0, fractionDays: ZERO };
      year.days += share.days;
      year.fractionDays = addRationals(year.fractionDays, productOfRationals(fraction, rational(BigInt(share.days))));
      weighted.set(share.fiscalYear, year);
    });
    const chargedFractionByYear = new Map(
      [...weighted].map(([year, { days, fractionDays }]) => [year, divideRationals(fractionDays, rational(BigInt(days)))]),
    );
    charges.set(flow.recordId, { chargedFractionByYear, cappedMonths, countedKwh: sumRationals(counted) });
  }
  return charges;
}

function coveredOf(window: Window): Rational {
  return minRational(maxRational(window.instruments, ZERO), maxRational(window.consumption, ZERO));
}

function uncoveredFraction(window: Window): Rational {
  if (compareRationals(window.consumption, ZERO) <= 0) return ONE;
  return divideRationals(subtractRationals(window.consumption, coveredOf(window)), window.consumption);
}

function countedFraction(window: Window): Rational {
  if (compareRationals(window.instruments, ZERO) <= 0) return ONE;
  return divideRationals(coveredOf(window), window.instruments);
}
