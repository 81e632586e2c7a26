// An import's row counts over its sheets: read = imported + rejected + skipped, whatever the sheet.
import { describe, expect, it } from 'vitest';
import type { SheetControlTotal } from '../../../../shared/contract';
import { rowCounts } from '../../../../shared/import/row-counts';

const sheet = (name: string, counts: Omit<SheetControlTotal, 'sheet' | 'dataRows'>): SheetControlTotal => ({ sheet: name, dataRows: counts.imported + counts.rejected, ...counts });

describe('the row counts of an import', () => {
  it('add each count over the sheets, every kind of skipped row included, with the reasons as the import counted them', () => {
    const counts = rowCounts({
      sheets: [
        sheet('Electricity', { rowsRead: 20, imported: 12, rejected: 3, partlyRejected: 1, skipped: { total: 1, note: 2, blank: 1, 'outside-table': 1 } }),
        sheet('Fuel', { rowsRead: 31, imported: 17, rejected: 5, partlyRejected: 2, skipped: { total: 2, note: 0, blank: 3, 'outside-table': 4 } }),
      ],
      rejectedTotal: 11,
    });
    expect(counts).toEqual({ read: 51, imported: 29, rejected: 8, partlyRejected: 3, skipped: 14, reasons: 11 });
    expect(counts.read).toBe(counts.imported + counts.rejected + counts.skipped);
  });

  it('are zero for an import without sheets', () => {
    expect(rowCounts({ sheets: [], rejectedTotal: 0 })).toEqual({ read: 0, imported: 0, rejected: 0, partlyRejected: 0, skipped: 0, reasons: 0 });
  });
});
