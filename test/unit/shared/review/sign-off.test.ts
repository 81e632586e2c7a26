import { describe, expect, it } from 'vitest';
import { areasChangedBy } from '../../../../shared/review/sign-off';

const source = (contents: Record<string, number>) => ({ sourceFileId: 3, file: 'fleet.csv', kind: 'activity', at: 't', by: 'auditor', reason: 'wrong unit', ...contents });

describe('the sign-off areas a source file’s withdrawal, reinstatement or replacement changes', () => {
  it('are the source data and the areas its contents feed, not every area', () => {
    for (const operation of ['source.withdraw', 'source.reinstate', 'source.replace']) {
      // Activity records feed the inventory, and the reconciliation compares claims and targets with the figures they move.
      expect(areasChangedBy(operation, source({ records: 2, claims: 0, targets: 0, adjustments: 0 }))).toEqual(['import', 'inventory', 'reconciliation']);
      // Claims and targets feed the reconciliation, and so do adjustments on its records (they stop correcting).
      expect(areasChangedBy(operation, source({ records: 0, claims: 1, targets: 0, adjustments: 0 }))).toEqual(['import', 'reconciliation']);
      expect(areasChangedBy(operation, source({ records: 0, claims: 0, targets: 4, adjustments: 0 }))).toEqual(['import', 'reconciliation']);
      expect(areasChangedBy(operation, source({ records: 2, claims: 0, targets: 0, adjustments: 1 }))).toEqual(['import', 'inventory', 'reconciliation']);
      // A file that holds nothing the figures read still changes the source register.
      expect(areasChangedBy(operation, source({ records: 0, claims: 0, targets: 0, adjustments: 0 }))).toEqual(['import']);
    }
  });

  it('take a count the entry does not record (an entry written before adjustments were counted) to be there', () => {
    expect(areasChangedBy('source.withdraw', source({ records: 2, claims: 0, targets: 0 }))).toEqual(['import', 'inventory', 'reconciliation']);
    expect(areasChangedBy('source.withdraw', {})).toEqual(['import', 'inventory', 'reconciliation']);
    expect(areasChangedBy('source.withdraw', null)).toEqual(['import', 'inventory', 'reconciliation']);
  });

  it('leave every other operation as it was: an unknown one still changes every area', () => {
    expect(areasChangedBy('mapping.save', {})).toEqual(['import']);
    expect(areasChangedBy('sources.unknown', {})).toEqual(['import', 'inventory', 'reconciliation', 'export']);
    // A what-if copy's sign-offs were made on the original: each shows as modified by the copy.
    expect(areasChangedBy('engagement.copy', { reason: 'what if' })).toEqual(['import', 'inventory', 'reconciliation', 'export']);
  });
});

describe('the sign-off areas an import changes', () => {
  const imported = (kind: string, recordsCreated: number, claimsCreated = 0) => ({ file: 'f.csv', kind, sourceFileId: 4, controlTotals: { recordsCreated, claimsCreated } });

  it('are those its withdrawal would change, by what its kind created', () => {
    expect(areasChangedBy('import', imported('activity', 3))).toEqual(areasChangedBy('source.withdraw', source({ records: 3, claims: 0, targets: 0, adjustments: 0 })));
    expect(areasChangedBy('import', imported('activity', 3))).toEqual(['import', 'inventory', 'reconciliation']);
    // Claims stated on activity rows feed the reconciliation.
    expect(areasChangedBy('import', imported('activity', 0, 1))).toEqual(['import', 'reconciliation']);
    // A claims or targets file's control totals count its claims or targets as created.
    expect(areasChangedBy('import', imported('claims', 2))).toEqual(['import', 'reconciliation']);
    expect(areasChangedBy('import', imported('targets', 2))).toEqual(['import', 'reconciliation']);
    // Nothing created, or a factor file's new factor-set version (recalculate moves the calculation to it): only the source data.
    expect(areasChangedBy('import', imported('activity', 0))).toEqual(['import']);
    expect(areasChangedBy('import', imported('factors', 40))).toEqual(['import']);
  });

  it('take what an entry does not say to be there', () => {
    expect(areasChangedBy('import', { kind: 'activity' })).toEqual(['import', 'inventory', 'reconciliation']);
    expect(areasChangedBy('import', {})).toEqual(['import', 'inventory', 'reconciliation']);
    expect(areasChangedBy('import', null)).toEqual(['import', 'inventory', 'reconciliation']);
  });

  it('leave an import that was refused or cancelled to the source data alone: it added nothing', () => {
    for (const operation of ['import.refused', 'import.cancelled']) expect(areasChangedBy(operation, { file: 'f.csv', kind: 'activity', sheet: null, reason: 'x' })).toEqual(['import']);
  });
});
