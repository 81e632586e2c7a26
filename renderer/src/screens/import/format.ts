import type { ImportOutcome, MappingKind } from '../../../../shared/contract';
import { rowCounts } from '../../../../shared/import/row-counts';
import { countOf } from '../../format';
import { t } from '../../../../shared/messages';

export const KIND_LABELS: Readonly<Record<MappingKind, string>> = {
  activity: t.format.activityData,
  factors: t.format.emissionFactors,
  targets: t.format.targets,
  claims: t.format.reportedFigures,
};

/** An import's (or a validation's) counts as its summary line words them: '1 record', ' and 2 claims' (nothing when none). */
export const importCounts = {
  records: (count: number) => countOf(count, t.importCounts.record, t.importCounts.records),
  rows: (count: number) => countOf(count, t.importCounts.row, t.importCounts.rows),
  totalsOrNotesRows: (count: number) => countOf(count, t.importCounts.totalsOrNotesRow, t.importCounts.totalsOrNotesRows),
  andClaims: (count: number) => (count > 0 ? t.importCounts.andClaims(countOf(count, t.importCounts.claim, t.importCounts.claims)) : ''),
  andFindings: (count: number) => (count > 0 ? t.importCounts.andFindings(countOf(count, t.importCounts.finding, t.importCounts.findings)) : ''),
  /** Rows rejected whole ('2 rows'), and the imported rows with values refused, when there are any. */
  rejectedRows: (outcome: ImportOutcome) => {
    const rows = rowCounts(outcome);
    return `${importCounts.rows(rows.rejected)}${rows.partlyRejected > 0 ? t.importCounts.andPartlyRejected(importCounts.rows(rows.partlyRejected)) : ''}`;
  },
};
