import { describe, expect, it } from 'vitest';
import type { PeriodResult, SiteResult } from '../../../shared/calc/inventory-types';
import { jobSteps, topSites, unpricedProgress, yearOnYear, type EngagementProgress } from '../../../shared/overview';

const NOTHING = { sourceFiles: 0, sitesConfigured: 0, sites: 0, factorSets: 0, calculatedYears: 0, unpriced: { records: 0, atStake: null }, claimFiles: 0, exports: 0 } as EngagementProgress;

describe('the job’s steps', () => {
  it('starts at import on a new engagement', () => {
    const steps = jobSteps(NOTHING);
    expect(steps.map((step) => step.id)).toEqual(['import', 'boundary', 'factors', 'calculate', 'reconcile', 'export']);
    expect(steps.find((step) => !step.done)?.id).toBe('import');
  });

  it('moves on as the engagement fills, and counts partly configured boundaries as not done', () => {
    const steps = jobSteps({ ...NOTHING, sourceFiles: 2, sites: 4, sitesConfigured: 1, factorSets: 2, calculatedYears: 2 });
    expect(steps.filter((step) => step.done).map((step) => step.id)).toEqual(['import', 'factors', 'calculate']);
    const configured = jobSteps({ ...NOTHING, sourceFiles: 2, sites: 4, sitesConfigured: 4 }).find((step) => step.id === 'boundary');
    expect(configured).toEqual({ id: 'boundary', done: true });
  });

  it('counts the stored findings that leave records unpriced, not caveats or double counts', () => {
    const group = (kind: string, count: number, atStake: { low: number; high: number } | null) => ({ causeId: count, kind, cause: kind, count, atStake, atStakeKnown: atStake === null ? 0 : count, examples: [] });
    const findings = { total: 100, groupsTotal: 4, groups: [group('calorific-basis-ambiguous', 73, { low: 131.706, high: 145.939 }), group('no-factor', 2, { low: 1, high: 1 }), group('double-count', 24, { low: 1684.483, high: 1684.483 }), group('scope3-category', 1, null)] } as never;
    const unpriced = unpricedProgress(findings);
    expect(unpriced.records).toBe(75);
    expect(unpriced.atStake!.low).toBeCloseTo(132.706, 9);
    expect(unpriced.atStake!.high).toBeCloseTo(146.939, 9);
    expect(jobSteps({ ...NOTHING, calculatedYears: 2, unpriced }).find((step) => step.id === 'calculate')!.done).toBe(false);
    expect(jobSteps({ ...NOTHING, calculatedYears: 2 }).find((step) => step.id === 'calculate')!.done).toBe(true);
  });
});

describe('year on year', () => {
  it('is relative for tonnes and ratios, in points for shares, and absent without a base', () => {
    expect(yearOnYear(110, 100, 'tonnes')).toBeCloseTo(0.1, 12);
    expect(yearOnYear(1.2, 1.5, 'ratio')).toBeCloseTo(-0.2, 12);
    expect(yearOnYear(0.38, 0.15, 'share')).toBeCloseTo(0.23, 12);
    expect(yearOnYear(5, 0, 'tonnes')).toBeNull();
    expect(yearOnYear(5, null, 'tonnes')).toBeNull();
  });
});

describe('top sites', () => {
  it('orders sites by net emissions and leaves out those without any', () => {
    const site = (name: string | null, net: number | null) => ({ site: name, net }) as SiteResult;
    const period = { sites: [site('A', 5), site('B', 50), site('C', null), site(null, 7)] } as unknown as PeriodResult;
    expect(topSites(period, 2)).toEqual([{ site: 'B', net: 50 }, { site: null, net: 7 }]);
  });
});
