import { describe, expect, it } from 'vitest';
import type { CalcRecord } from '../../../../shared/calc/inventory-types';
import { evaluateTargets, readTarget, retirementsByYear, type TargetInput, type TargetResult } from '../../../../shared/reconcile/targets';
import { calculate, FISCAL, fixtureRecords } from './inventory-fixture';

const SOURCE = { fileName: 'targets.xlsx', sheet: 'Targets', rowNumber: 2 };
let nextId = 1;
function target(metric: string, value: number, fields: Partial<TargetInput> = {}): TargetInput {
  return { id: nextId++, metric, value, unit: null, percent: null, basePeriod: null, targetPeriod: 'FY2030', notes: null, source: SOURCE, ...fields };
}

const percent = { unit: '%', percent: 'unit-column' } as const;

// Retired removals of 100 t and credits of 300 t in FY2023: records of their own, never in a scope.
const RETIRED: CalcRecord[] = [
  { id: 900, site: null, periodStart: '2022-04-01', periodEnd: '2023-03-31', activity: 'retired_removals', meaning: 'metric', quantity: 100, unit: 'tCO2e', unitBasis: null, scope3Category: null, region: null, instrument: null },
  { id: 901, site: null, periodStart: '2022-04-01', periodEnd: '2023-03-31', activity: 'retired_credits', meaning: 'metric', quantity: 300_000, unit: 'kgCO2e', unitBasis: null, scope3Category: null, region: null, instrument: null },
];

function evaluate(targets: TargetInput[]): TargetResult[] {
  const records = [...fixtureRecords(), ...RETIRED];
  const periods = calculate(records).periods;
  const retirements = retirementsByYear(records, FISCAL);
  return evaluateTargets({ targets, decisions: new Map(), uncorrected: periods, corrected: periods, retirementsUncorrected: retirements, retirementsCorrected: retirements });
}

const year = (result: TargetResult, period: string) => result.years.find((entry) => entry.period === period)!;

describe('targets (FY2022 → FY2023: net 1,250 → 1,005 t, Scope 1 250 → 225 t, PUE 1.25 → 1.2, data-centre clean share 20 % → 41.7 %)', () => {
  it('never nets retired removals or credits inside a scope', () => {
    expect(calculate([...fixtureRecords(), ...RETIRED]).periods).toEqual(calculate().periods);
    expect(retirementsByYear(RETIRED, FISCAL)).toEqual(new Map([['FY2023', { removals: 100, credits: 300 }]]));
  });

  it('absolute level by a year: a straight pathway from the first year to the level, and a projection', () => {
    const [result] = evaluate([target('Net emissions at most 800 tCO2e', 800, { unit: 'tCO2e' })]);
    expect(result).toMatchObject({ figure: 'net', kind: 'absolute', targetValue: 800, status: 'on-track', direction: 'at-most' });
    expect(year(result!, 'FY2022')).toEqual({ period: 'FY2022', pathway: 1250, actual: 1250, actualUncorrected: 1250, onTrack: true });
    expect(year(result!, 'FY2023')).toMatchObject({ pathway: 1193.75, actual: 1005, onTrack: true });
    expect(year(result!, 'FY2030')).toMatchObject({ pathway: 800, actual: null, onTrack: null });
    expect(result!.years).toHaveLength(9);
    expect(result!.projection).toEqual({
      method: 'ordinary least-squares line through the 2 years of actuals FY2022–FY2023, extrapolated to FY2030; the line falls below zero, where emissions cannot go, before then',
      value: -710,
      meetsTarget: true,
    });
  });

  it('% reduction against a base year', () => {
    const [result] = evaluate([target('Reduce Scope 1 emissions by 42%', 0.42, { ...percent, basePeriod: 'FY2022' })]);
    expect(result).toMatchObject({ kind: 'percent-vs-base', baseValue: 250, targetValue: 145, status: 'on-track' });
    expect(year(result!, 'FY2023').pathway).toBe(236.875);
    expect(result!.projection.value).toBe(50);
  });

  it('% change on the prior year', () => {
    const [result] = evaluate([target('Scope 1 down 5% on the prior year', -0.05, { ...percent, targetPeriod: 'FY2025' })]);
    expect(result).toMatchObject({ kind: 'percent-vs-prior', targetValue: null, status: 'on-track' });
    expect(year(result!, 'FY2022').pathway).toBeNull();
    expect(year(result!, 'FY2023')).toMatchObject({ pathway: 237.5, actual: 225, onTrack: true });
    expect(result!.projection).toMatchObject({ value: 175, meetsTarget: true });
  });

  it('metric thresholds: PUE at most, clean share at least', () => {
    const [pue, share] = evaluate([
      target('Average PUE of our data centres', 1.1, { targetPeriod: 'FY2025' }),
      target('Data-centre clean electricity share', 0.8, { unit: '%', percent: 'percent-text', targetPeriod: 'FY2027' }),
    ]);
    expect(pue).toMatchObject({ figure: 'pue', kind: 'threshold', direction: 'at-most', targetValue: 1.1, status: 'on-track' });
    expect(year(pue!, 'FY2023')).toMatchObject({ pathway: 1.2, actual: 1.2, onTrack: true });
    expect(pue!.projection.value).toBe(1.1);
    expect(share).toMatchObject({ figure: 'data_centre_clean_share', kind: 'threshold', direction: 'at-least', targetValue: 0.8, status: 'on-track' });
    expect(year(share!, 'FY2023')).toMatchObject({ pathway: 0.32, onTrack: true });
  });

  it('a linear pathway: a fixed share of base-year emissions per year, not compounded', () => {
    const [result] = evaluate([target('Net emissions: cut 4.2% per year (linear)', 0.042, { ...percent, basePeriod: 'FY2022' })]);
    // 1,250 × (1 − 0.042 × 8) = 830, and 1,250 × (1 − 0.042) = 1,197.5 in FY2023; compounded it would be 1,250 × 0.958⁸.
    expect(result).toMatchObject({ kind: 'linear-pathway', targetValue: 830, status: 'on-track' });
    expect(year(result!, 'FY2023').pathway).toBe(1197.5);
    expect(year(result!, 'FY2026').pathway).toBe(1040);
  });

  it('net zero subtracts retired removals only; carbon neutral removals and credits', () => {
    const [netZero, neutral] = evaluate([
      target('Net zero (Scope 1 and 2)', 0, { targetPeriod: 'FY2040' }),
      target('Carbon neutral operations: Scope 1 and 2 net', 0, { targetPeriod: 'FY2025' }),
    ]);
    expect(netZero).toMatchObject({ figure: 'net', kind: 'net-zero', targetValue: 0 });
    expect(year(netZero!, 'FY2023')).toMatchObject({ actual: 905, actualUncorrected: 905 });
    expect(neutral).toMatchObject({ kind: 'carbon-neutral', targetValue: 0 });
    expect(year(neutral!, 'FY2023').actual).toBe(605);
  });

  it('says met or missed once the target year has actuals', () => {
    const [missed, met] = evaluate([
      target('Scope 1 at most 200 tCO2e', 200, { unit: 'tCO2e', targetPeriod: 'FY2023' }),
      target('Scope 1 at most 230 tCO2e', 230, { unit: 'tCO2e', targetPeriod: 'FY2023' }),
    ]);
    expect(missed!.status).toBe('missed');
    expect(met!.status).toBe('met');
  });

  it('is off track when the trend misses the level, though this year is on the pathway', () => {
    const [result] = evaluate([target('Scope 1 at most 100 tCO2e', 100, { unit: 'tCO2e', targetPeriod: 'FY2026' })]);
    // Pathway FY2023 = 250 − 150 / 4 = 212.5: 225 is above it.
    expect(result).toMatchObject({ status: 'off-track' });
    expect(result!.reason).toContain('off the pathway');
  });

  it('cannot assess what it cannot read, and says why', () => {
    const results = evaluate([
      target('Reduce Scope 1 emissions by 42%', 0.42, percent),
      target('Scope 1 emissions target', 0.42, { ...percent, basePeriod: 'FY2022' }),
      target('Scope 2 emissions at most 500 tCO2e', 500, { unit: 'tCO2e' }),
      target('Reduce Scope 1 by 10%', 0.1, { ...percent, basePeriod: 'FY2019' }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['not-assessable', 'not-assessable', 'not-assessable', 'not-assessable']);
    expect(results.map((result) => result.reason)).toEqual([
      'a percent-vs-base target needs its base year',
      "42 % is positive and the target's words do not say whether it is a reduction or an increase",
      expect.stringContaining('without saying location-based or market-based'),
      'no recomputed Scope 1 for the base year FY2019',
    ]);
  });

  it('follows the auditor’s reading of a target', () => {
    const plain = target('Scope 2 emissions at most 500 tCO2e', 500, { unit: 'tCO2e' });
    const decision = { figure: 'scope2_market', kind: 'absolute' as const, decidedBy: 'auditor', decidedAt: '2026-01-01' };
    expect(readTarget(plain, decision)).toMatchObject({ origin: 'confirmed', kind: 'absolute' });
  });
});
