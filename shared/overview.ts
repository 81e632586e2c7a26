/**
 * The Overview's reading of an engagement: where the job stands (import → boundary → factors →
 * calculate → reconcile → export) and the headline figures per fiscal year with the change on
 * the year before. Pure, so the screen and its tests agree.
 */
import type { PeriodResult, TonnesRange } from './calc/inventory-types';
import type { FindingsSummary } from './contract';
import { UNPRICED_KINDS } from './reconcile/missing-inputs';

export interface EngagementProgress {
  readonly sourceFiles: number;
  readonly sitesConfigured: number;
  readonly sites: number;
  readonly factorSets: number;
  readonly calculatedYears: number;
  /** Records the stored calculation could not price (its findings of those kinds), and the tCO2e at stake where known. */
  readonly unpriced: { readonly records: number; readonly atStake: TonnesRange | null };
  readonly claimFiles: number;
  readonly exports: number;
}

export type JobStepId = 'import' | 'boundary' | 'factors' | 'calculate' | 'reconcile' | 'export';

/** A step of the job, done or not (the UI words it, from the step's id and the engagement's progress). */
export interface JobStep {
  readonly id: JobStepId;
  readonly done: boolean;
}

/** The job's steps in order, each done or not; the first not done is what to do next. */
export function jobSteps(progress: EngagementProgress): JobStep[] {
  return [
    { id: 'import', done: progress.sourceFiles > 0 },
    { id: 'boundary', done: progress.sites > 0 && progress.sitesConfigured === progress.sites },
    { id: 'factors', done: progress.factorSets > 0 },
    // Calculated is not done while records could not be priced: the figures miss them.
    { id: 'calculate', done: progress.calculatedYears > 0 && progress.unpriced.records === 0 },
    { id: 'reconcile', done: progress.claimFiles > 0 },
    { id: 'export', done: progress.exports > 0 },
  ];
}

/** The stored findings that leave records unpriced: how many, and the tCO2e at stake summed where known. */
export function unpricedProgress(findings: FindingsSummary): EngagementProgress['unpriced'] {
  const groups = findings.groups.filter((group) => UNPRICED_KINDS.includes(group.kind));
  const staked = groups.flatMap((group) => (group.atStake === null ? [] : [group.atStake]));
  return {
    records: groups.reduce((total, group) => total + group.count, 0),
    atStake: staked.length === 0 ? null : { low: staked.reduce((sum, range) => sum + range.low, 0), high: staked.reduce((sum, range) => sum + range.high, 0) },
  };
}

export type HeadlineKey = 'scope1' | 'scope2Location' | 'scope2Market' | 'scope3' | 'net' | 'pue' | 'cleanShare' | 'dataCentreCleanShare';

/** The Overview's headline figures in order, each read as tonnes, a ratio or a share (the UI names them by key). */
export const HEADLINES: readonly { readonly key: HeadlineKey; readonly kind: 'tonnes' | 'ratio' | 'share' }[] = [
  { key: 'scope1', kind: 'tonnes' },
  { key: 'scope2Location', kind: 'tonnes' },
  { key: 'scope2Market', kind: 'tonnes' },
  { key: 'scope3', kind: 'tonnes' },
  { key: 'net', kind: 'tonnes' },
  { key: 'pue', kind: 'ratio' },
  { key: 'cleanShare', kind: 'share' },
  { key: 'dataCentreCleanShare', kind: 'share' },
];

export function headlineValue(period: PeriodResult, key: HeadlineKey): number | null {
  switch (key) {
    case 'pue':
    case 'cleanShare':
    case 'dataCentreCleanShare':
      return period.metrics[key];
    default:
      return period[key];
  }
}

/**
 * The change on the year before: relative for tonnes and PUE, in percentage points for shares;
 * null without both years' values, or from a zero.
 */
export function yearOnYear(current: number | null, previous: number | null, kind: 'tonnes' | 'ratio' | 'share'): number | null {
  if (current === null || previous === null) return null;
  if (kind === 'share') return current - previous;
  return previous === 0 ? null : (current - previous) / previous;
}

/** The sites weighing most in a year, by net emissions, largest first (null: the records that name no site). */
export function topSites(period: PeriodResult, count: number): { readonly site: string | null; readonly net: number }[] {
  return period.sites
    .filter((site): site is typeof site & { net: number } => site.net !== null)
    .map((site) => ({ site: site.site, net: site.net }))
    .sort((a, b) => b.net - a.net || (a.site ?? '').localeCompare(b.site ?? ''))
    .slice(0, count);
}
