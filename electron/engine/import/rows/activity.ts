/** Activity rows: each data row becomes records (one per quantity column in a wide layout) or is rejected whole. */
import { createActivityRowMapper } from '../../../../shared/import/records';
import { activityRecordWriter } from '../store';
import { tableRows, type RowContext, type RowHandler } from './handler';

export function activityRows(context: RowContext): RowHandler {
  const { mapping, totals } = context;
  const mapRow = createActivityRowMapper(mapping, { fiscal: context.fiscal, earliestPeriodStart: context.earliestPeriodStart });
  const records = activityRecordWriter(context.db, context.sourceFileId, context.flushRawRows);
  const headerOf = (column: number) => mapping.columns.find((candidate) => candidate.column === column)?.header ?? '';
  return {
    row: tableRows(context, (sheet, row, rawRowId, tally) => {
      const mapped = mapRow(row);
      for (const [column, value] of mapped.quantities) totals.column(sheet, column, headerOf(column), value);
      if (mapped.rejections.length > 0) {
        tally.rejected++;
        for (const rejection of mapped.rejections) context.reject(sheet, row.rowNumber, rejection);
        return;
      }
      for (const record of mapped.records) records.add(rawRowId, record);
      totals.recordsCreated += mapped.records.length;
      tally.imported++;
    }),
    finish: () => records.flush(),
  };
}
