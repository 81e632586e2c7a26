/**
 * The Overview's reading of an engagement: where the job stands (import → boundary → factors →
 * calculate → reconcile → export) and the headline figures per fiscal year with the change on
 * the year before. Pure, so the screen and its tests agree.
 */
import type { PeriodResult } from './calc/inventory-types';

export interface EngagementProgress {
  readonly sourceFiles: number;
  readonly sitesConfigured: number;
  readonly sites: number;
  readonly factorSets: number;
  readonly calculatedYears: number;
  readonly claimFiles: number;
  readonly exports: number;
}

export type JobStepId = 'import' | 'boundary' | 'factors' | 'calculate' | 'reconcile' | 'export';

export interface JobStep {
  readonly id: JobStepId;
  readonly label: string;
  readonly done: boolean;
  /** What is done, or what to do next. */
  readonly detail: string;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The job's steps in order, each done or not; the first not done is what to do next. */
export function jobSteps(progress: EngagementProgress): JobStep[] {
  return [
    { id: 'import', label: 'Import the company’s data', done: progress.sourceFiles > 0, detail: progress.sourceFiles > 0 ? `${plural(progress.sourceFiles, 'import')} in the register` : 'Import activity data from spreadsheets' },
    {
      id: 'boundary',
      label: 'Set the boundary',
      done: progress.sites > 0 && progress.sitesConfigured === progress.sites,
      detail: progress.sites === 0
        ? 'Sites appear once activity data is imported'
        : `${progress.sitesConfigured} of ${plural(progress.sites, 'site')} configured${progress.sitesConfigured < progress.sites ? '; the rest count in full' : ''}`,
    },
    { id: 'factors', label: 'Load emission factors', done: progress.factorSets > 0, detail: progress.factorSets > 0 ? `${plural(progress.factorSets, 'factor set')} loaded` : 'Load the default library or import a factor table' },
    { id: 'calculate', label: 'Calculate the inventory', done: progress.calculatedYears > 0, detail: progress.calculatedYears > 0 ? `${plural(progress.calculatedYears, 'fiscal year')} calculated` : 'Needs data and factors' },
    { id: 'reconcile', label: 'Reconcile the reported figures', done: progress.claimFiles > 0, detail: progress.claimFiles > 0 ? `${plural(progress.claimFiles, 'file')} of reported figures imported` : 'Import the company’s reported figures' },
    { id: 'export', label: 'Export the audited workbook', done: progress.exports > 0, detail: progress.exports > 0 ? `Exported ${plural(progress.exports, 'time')}` : 'Export once the figures are reviewed' },
  ];
}

export type HeadlineKey = 'scope1' | 'scope2Location' | 'scope2Market' | 'scope3' | 'net' | 'pue' | 'cleanShare' | 'dataCentreCleanShare';

export const HEADLINES: readonly { readonly key: HeadlineKey; readonly label: string; readonly kind: 'tonnes' | 'ratio' | 'share' }[] = [
  { key: 'scope1', label: 'Scope 1', kind: 'tonnes' },
  { key: 'scope2Location', label: 'Scope 2 (location-based)', kind: 'tonnes' },
  { key: 'scope2Market', label: 'Scope 2 (market-based)', kind: 'tonnes' },
  { key: 'scope3', label: 'Scope 3', kind: 'tonnes' },
  { key: 'net', label: 'Net (Scope 1 + market-based Scope 2)', kind: 'tonnes' },
  { key: 'pue', label: 'PUE (data centres)', kind: 'ratio' },
  { key: 'cleanShare', label: 'Clean-electricity share', kind: 'share' },
  { key: 'dataCentreCleanShare', label: 'Data-centre clean share', kind: 'share' },
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

/** The sites weighing most in a year, by net emissions, largest first. */
export function topSites(period: PeriodResult, count: number): { readonly site: string; readonly net: number }[] {
  return period.sites
    .filter((site): site is typeof site & { net: number } => site.net !== null)
    .map((site) => ({ site: site.site ?? '(no site)', net: site.net }))
    .sort((a, b) => b.net - a.net || a.site.localeCompare(b.site))
    .slice(0, count);
}
