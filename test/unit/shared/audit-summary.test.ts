import { describe, expect, it } from 'vitest';
import { AUDIT_OPERATIONS, describeAuditEntry } from '../../../shared/audit-summary';

describe('describeAuditEntry', () => {
  it('summarises an import by file, sheet, kind and counts', () => {
    const params = {
      file: 'company.xlsx', kind: 'activity', duplicateOf: null,
      controlTotals: { sheets: [{ sheet: 'UK offices', rejected: 1 }], recordsCreated: 96, rejectedTotal: 2 },
    };
    expect(describeAuditEntry('import', params)).toEqual({ title: 'File imported', summary: 'company.xlsx › UK offices (activity): 96 records, 1 row rejected' });
  });

  it('names a refused file with its reason, and a cancelled import', () => {
    expect(describeAuditEntry('import.refused', { file: 'old.xls', kind: 'factors', sheet: null, reason: 'Legacy .xls: save it as .xlsx' }))
      .toEqual({ title: 'File refused', summary: 'old.xls (factors): Legacy .xls: save it as .xlsx' });
    expect(describeAuditEntry('import.cancelled', { file: 'big.xlsx', kind: 'activity', sheet: 'Meters', reason: 'cancelled' }))
      .toEqual({ title: 'Import cancelled', summary: 'big.xlsx › Meters (activity): nothing was imported' });
  });

  it('says what a what-if copy was copied from, at which entry, and why', () => {
    const params = { engagementId: 'c0', copiedFrom: { engagementId: 'a1', file: 'group.carbonaudit', auditEntries: 42, auditHeadHash: 'ff' }, reason: 'Leeds outside the boundary' };
    expect(describeAuditEntry('engagement.copy', params)).toEqual({ title: 'Engagement copied for a what-if', summary: 'from group.carbonaudit (engagement a1) at entry 42: Leeds outside the boundary' });
  });

  it('lists only the settings that changed', () => {
    expect(describeAuditEntry('engagement.updateSettings', { before: { baseYear: null, gwpBasis: 'AR5' }, after: { baseYear: 'FY2023', gwpBasis: 'AR5' } }).summary).toBe('baseYear');
  });

  it('shows an operation it does not know as is, and survives parameters of the wrong shape', () => {
    expect(describeAuditEntry('review.signOff', { by: 'x' })).toEqual({ title: 'review.signOff', summary: '' });
    for (const operation of AUDIT_OPERATIONS) expect(() => describeAuditEntry(operation, null)).not.toThrow();
  });
});
