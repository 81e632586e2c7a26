/** Targets and the figures the company reported (claims): one item per data row, or the row is rejected. */
import type { RawRow } from '../../../../shared/import/cell';
import { NUMERIC_ROLES } from '../../../../shared/import/mapping';
import { mapClaimRow, mapTargetRow, referenceReading, type RowResult } from '../../../../shared/import/reference-rows';
import { claimWriter, targetWriter } from '../store';
import { tableRows, type RowContext, type RowHandler } from './handler';

function referenceRows<Draft>(context: RowContext, mapRow: (row: RawRow) => RowResult<Draft>, write: (rawRowId: number, draft: Draft) => void): RowHandler {
  const { mapping, totals } = context;
  // Numeric columns are totalled per sheet for the control totals.
  const numericColumns = mapping.columns.filter((column) => NUMERIC_ROLES.includes(column.role));
  return {
    row: tableRows(context, (sheet, row, rawRowId, tally) => {
      for (const column of numericColumns) totals.column(sheet, column.column, column.header, referenceReading(mapping, column, row));
      context.flushRawRows();
      const result = mapRow(row);
      if (!result.ok) {
        context.rejectRow(sheet, row.rowNumber, result.rejections);
        return;
      }
      write(rawRowId, result.draft);
      totals.recordsCreated++;
      tally.imported++;
    }),
    finish: () => undefined,
  };
}

export function targetRows(context: RowContext): RowHandler {
  return referenceRows(context, (row) => mapTargetRow(context.mapping, row), targetWriter(context.db, context.sourceFileId));
}

export function claimRows(context: RowContext): RowHandler {
  return referenceRows(context, (row) => mapClaimRow(context.mapping, row, context.fiscal), claimWriter(context.db, context.sourceFileId));
}
