/**
 * An import's rows, counted once each across its sheets: rows read = imported + rejected +
 * skipped. Rejections are counted twice over, honestly: the rows refused whole, and the reasons
 * (a row can have several, and an imported factor row can have values refused alone).
 */
import type { ImportOutcome, SheetControlTotal } from '../contract';

export interface RowCounts {
  readonly read: number;
  readonly imported: number;
  /** Refused whole: in no figure. */
  readonly rejected: number;
  /** Imported, with some of their values refused (a subset of `imported`). */
  readonly partlyRejected: number;
  readonly skipped: number;
  /** Every reason a row or value was refused. */
  readonly reasons: number;
}

export function rowCounts(outcome: Pick<ImportOutcome, 'sheets' | 'rejectedTotal'>): RowCounts {
  const sum = (of: (sheet: SheetControlTotal) => number) => outcome.sheets.reduce((total, sheet) => total + of(sheet), 0);
  const read = sum((sheet) => sheet.rowsRead);
  const imported = sum((sheet) => sheet.imported);
  const rejected = sum((sheet) => sheet.rejected);
  return {
    read,
    imported,
    rejected,
    partlyRejected: sum((sheet) => sheet.partlyRejected),
    skipped: sum((sheet) => sheet.skipped.total + sheet.skipped.note + sheet.skipped.blank + sheet.skipped['outside-table']),
    reasons: outcome.rejectedTotal,
  };
}
