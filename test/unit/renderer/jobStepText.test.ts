/** The Overview's job steps in the catalogue's words: what is done, or what to do next. */
import { describe, expect, it } from 'vitest';
import { jobSteps, type EngagementProgress } from '../../../shared/overview';
import { jobStepText } from '../../../renderer/src/screens/overview/jobStepText';

const NOTHING = { sourceFiles: 0, sitesConfigured: 0, sites: 0, factorSets: 0, calculatedYears: 0, unpriced: { records: 0, atStake: null }, claimFiles: 0, exports: 0 } as EngagementProgress;

const details = (progress: typeof NOTHING) => Object.fromEntries(jobSteps(progress).map((step) => [step.id, jobStepText(step, progress).detail]));

describe('job step text', () => {
  it('says what to do on a new engagement', () => {
    expect(jobSteps(NOTHING).map((step) => jobStepText(step, NOTHING).label)).toEqual([
      'Import the company’s data', 'Set the boundary', 'Load emission factors', 'Calculate the inventory', 'Reconcile the reported figures', 'Export the audited workbook',
    ]);
    expect(details(NOTHING)).toMatchObject({ import: 'Import activity data from spreadsheets', boundary: 'Sites appear once activity data is imported', calculate: 'Needs data and factors' });
  });

  it('counts what is done, one and many, and says a partly configured boundary counts the rest in full', () => {
    expect(details({ ...NOTHING, sourceFiles: 2, sites: 4, sitesConfigured: 1, factorSets: 1, calculatedYears: 2, claimFiles: 1, exports: 1 })).toEqual({
      import: '2 imports in the register',
      boundary: '1 of 4 sites configured; the rest count in full',
      factors: '1 factor set loaded',
      calculate: '2 fiscal years calculated',
      reconcile: '1 file of reported figures imported',
      export: 'Exported 1 time',
    });
    expect(details({ ...NOTHING, sites: 4, sitesConfigured: 4 }).boundary).toBe('4 of 4 sites configured');
  });

  it('keeps the calculation open while records could not be priced, with the tCO2e at stake', () => {
    const progress = { ...NOTHING, sourceFiles: 2, sites: 1, sitesConfigured: 1, factorSets: 1, calculatedYears: 2, claimFiles: 1 };
    const steps = jobSteps({ ...progress, unpriced: { records: 73, atStake: { low: 131.706, high: 145.939 } } });
    expect(steps.find((step) => !step.done)?.id).toBe('calculate');
    expect(details({ ...progress, unpriced: { records: 73, atStake: { low: 131.706, high: 145.939 } } }).calculate).toBe('2 fiscal years calculated; 73 records could not be priced (131.706 to 145.939 tCO2e at stake): resolve the calculation findings');
    expect(details({ ...progress, unpriced: { records: 1, atStake: null } }).calculate).toBe('2 fiscal years calculated; 1 record could not be priced (tCO2e at stake unknown): resolve the calculation findings');
  });
});
