import { describe, expect, it } from 'vitest';
import type { FiscalSettings } from '../../../../shared/calc/fiscal';
import { ONE, rational, rationalToText } from '../../../../shared/calc/rational';
import { fiscalMonthShares, InstrumentMatching, type FlowCharge, type FlowRole, type FlowWindows, type MonthShare } from '../../../../shared/calc/scope2-market';

const APRIL: FiscalSettings = { startMonth: 4, labelRule: 'end-year' };

function months(start: string, end: string): readonly MonthShare[] {
  const shares = fiscalMonthShares(start, end, APRIL);
  if (!shares.ok) throw new Error(shares.reason);
  return shares.value;
}

function flow(site: string | null, role: FlowRole, start: string, end: string): FlowWindows {
  return { site, role, months: months(start, end) };
}

/** A charge with its fractions as exact text ('0.4', '31/61'). */
function shown(charge: FlowCharge): { byYear: Record<string, string>; capped: readonly string[]; counted: string } {
  return {
    byYear: Object.fromEntries([...charge.chargedFractionByYear].map(([year, fraction]) => [year, rationalToText(fraction)])),
    capped: charge.cappedWindows,
    counted: rationalToText(charge.countedFraction),
  };
}

/** Adds every flow with its kWh, then returns each flow's charge, in the same order. */
function match(window: 'fiscal-year' | 'fiscal-month', flows: readonly [FlowWindows, bigint][]): ReturnType<typeof shown>[] {
  const matching = new InstrumentMatching(window);
  for (const [windows, kwh] of flows) matching.add(windows, rational(kwh));
  return flows.map(([windows]) => shown(matching.chargeOf(windows)));
}

describe('fiscal month shares', () => {
  it('splits a period into the fiscal months it touches, with its days in each', () => {
    expect(months('2023-03-20', '2023-05-10')).toEqual([
      { month: 'FY2023 M12', fiscalYear: 'FY2023', days: 12 },
      { month: 'FY2024 M01', fiscalYear: 'FY2024', days: 30 },
      { month: 'FY2024 M02', fiscalYear: 'FY2024', days: 10 },
    ]);
    expect(months('2023-04-01', '2023-04-01')).toEqual([{ month: 'FY2024 M01', fiscalYear: 'FY2024', days: 1 }]);
  });
});

describe('instrument matching', () => {
  const april = (site: string | null, role: FlowRole) => flow(site, role, '2023-04-01', '2023-04-30');
  const may = (site: string | null, role: FlowRole) => flow(site, role, '2023-05-01', '2023-05-31');

  it('covers consumption with an instrument of another month of the same fiscal year, by default', () => {
    const [consumption, instrument] = match('fiscal-year', [
      [april('York', 'consumption'), 100n],
      [may('York', 'instrument'), 60n],
    ]);
    expect(consumption).toEqual({ byYear: { FY2024: '0.4' }, capped: [], counted: '0.4' });
    expect(instrument).toEqual({ byYear: { FY2024: '1' }, capped: [], counted: '1' });
  });

  it('matches month by month under the stricter setting: an instrument of May covers nothing in April', () => {
    const [consumption, instrument] = match('fiscal-month', [
      [april('York', 'consumption'), 100n],
      [may('York', 'instrument'), 60n],
    ]);
    expect(consumption).toEqual({ byYear: { FY2024: '1' }, capped: [], counted: '1' });
    expect(instrument).toEqual({ byYear: { FY2024: '0' }, capped: ['FY2024 M02'], counted: '0' });
  });

  it('caps every instrument of a window in proportion when instruments exceed consumption, and names the window once', () => {
    const [consumption, first, second] = match('fiscal-year', [
      [april('York', 'consumption'), 50n],
      [april('York', 'instrument'), 200n],
      // Over two months of one fiscal year: its window is named once.
      [flow('York', 'instrument', '2023-04-01', '2023-05-31'), 100n],
    ]);
    expect(consumption).toEqual({ byYear: { FY2024: '0' }, capped: [], counted: '0' });
    expect(first).toEqual({ byYear: { FY2024: '1/6' }, capped: ['FY2024'], counted: '1/6' });
    expect(second).toEqual({ byYear: { FY2024: '1/6' }, capped: ['FY2024'], counted: '1/6' });
  });

  it('charges a record per fiscal year by its days in each, and counts the whole by days', () => {
    // 610 kWh over 31 days of FY2023 and 30 of FY2024: 310 and 300 kWh; the instrument covers half of FY2024's.
    const [consumption, instrument] = match('fiscal-year', [
      [flow('York', 'consumption', '2023-03-01', '2023-04-30'), 610n],
      [april('York', 'instrument'), 150n],
    ]);
    expect(consumption).toEqual({ byYear: { FY2023: '1', FY2024: '0.5' }, capped: [], counted: '46/61' });
    expect(instrument).toEqual({ byYear: { FY2024: '1' }, capped: [], counted: '1' });
  });

  it('weights the months of one fiscal year by days, exactly, whatever the records’ denominators', () => {
    // 100 kWh over April (30 days) and May (31): 3000/61 kWh in April, plus 10 kWh of another record.
    // April: 3610/61 kWh consumed, 50 covered, so 56/361 uncovered; May: nothing covered.
    const [spread, single, instrument] = match('fiscal-month', [
      [flow('York', 'consumption', '2023-04-01', '2023-05-31'), 100n],
      [april('York', 'consumption'), 10n],
      [april('York', 'instrument'), 50n],
    ]);
    expect(spread).toEqual({ byYear: { FY2024: '211/361' }, capped: [], counted: '211/361' });
    expect(single).toEqual({ byYear: { FY2024: '56/361' }, capped: [], counted: '56/361' });
    expect(instrument).toEqual({ byYear: { FY2024: '1' }, capped: [], counted: '1' });
  });

  it('matches within a site only: another site’s instruments, or those of records without a site, cover nothing', () => {
    const matching = new InstrumentMatching();
    matching.add(april('Leeds', 'instrument'), rational(100n));
    matching.add(april(null, 'instrument'), rational(30n));
    matching.add(april('York', 'consumption'), rational(100n));
    matching.add(april(null, 'consumption'), rational(60n));
    const york = matching.chargeOf(april('York', 'consumption'));
    expect(shown(york)).toEqual({ byYear: {}, capped: [], counted: '1' });
    expect(york.countedFraction).toBe(ONE);
    expect(shown(matching.chargeOf(april(null, 'consumption')))).toEqual({ byYear: { FY2024: '0.5' }, capped: [], counted: '0.5' });
    expect(shown(matching.chargeOf(april('Leeds', 'instrument')))).toEqual({ byYear: { FY2024: '0' }, capped: ['FY2024'], counted: '0' });
  });

  it('keeps records without a site apart from a site named "null"', () => {
    const [named, siteless] = match('fiscal-year', [
      [april('null', 'instrument'), 100n],
      [april(null, 'consumption'), 100n],
    ]);
    expect(named).toEqual({ byYear: { FY2024: '0' }, capped: ['FY2024'], counted: '0' });
    expect(siteless).toEqual({ byYear: {}, capped: [], counted: '1' });
  });

  it('gives a fraction of 1 as the ONE constant, so callers can tell an unmatched year by identity', () => {
    const matching = new InstrumentMatching();
    matching.add(flow('York', 'consumption', '2023-03-01', '2023-04-30'), rational(610n));
    matching.add(april('York', 'instrument'), rational(150n));
    const charge = matching.chargeOf(flow('York', 'consumption', '2023-03-01', '2023-04-30'));
    expect(charge.chargedFractionByYear.get('FY2023')).toBe(ONE);
  });

  it('charges zero consumption and zero instruments in full, never dividing by zero', () => {
    const [consumption, instrument] = match('fiscal-year', [
      [april('York', 'consumption'), 0n],
      [april('York', 'instrument'), 0n],
    ]);
    expect(consumption).toEqual({ byYear: { FY2024: '1' }, capped: [], counted: '1' });
    expect(instrument).toEqual({ byYear: { FY2024: '1' }, capped: [], counted: '1' });
  });

  it('refuses a flow added after charges were asked for', () => {
    const matching = new InstrumentMatching();
    matching.add(april('York', 'instrument'), rational(10n));
    matching.chargeOf(april('York', 'instrument'));
    expect(() => matching.add(april('York', 'consumption'), rational(10n))).toThrow(
      'instrument matching already settled: add every flow before asking for charges',
    );
  });
});
