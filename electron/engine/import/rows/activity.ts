/**
 * Activity rows: each data row becomes records (one per quantity column in a wide layout) and
 * claims (one per claim column), or is rejected whole. Twin columns are checked on every data row;
 * what they find is stored as import findings.
 */
import { createActivityRowMapper } from '../../../../shared/import/records';
import { controlReading } from '../../../../shared/import/values';
import { activityRecordWriter, claimWriter, importFindingWriter } from '../store';
import { tableRows, type RowContext, type RowHandler } from './handler';

export function activityRows(context: RowContext): RowHandler {
  const { mapping, totals } = context;
  const mapRow = createActivityRowMapper(mapping, { fiscal: context.fiscal, earliestPeriodStart: context.earliestPeriodStart });
  const records = activityRecordWriter(context.db, context.sourceFileId, context.flushRawRows, context.recordIndexes);
  const claims = claimWriter(context.db, context.sourceFileId);
  const findings = importFindingWriter(context.db, context.sourceFileId);
  const headers = headersByColumn(mapping);
  return {
    row: tableRows(context, (sheet, row, rawRowId, tally) => {
      const mapped = mapRow(row);
      for (const [column, value] of mapped.quantities) totals.column(sheet, column, headers.get(column) ?? '', controlReading(value, mapped.quantityUnits.get(column) ?? null, row.cells[column]));
      for (const check of mapped.twinChecks) {
        const finding = totals.twinChecked(sheet, row.rowNumber, check);
        if (finding) {
          context.flushRawRows();
          findings(rawRowId, finding);
        }
      }
      if (mapped.rejections.length > 0) {
        context.rejectRow(sheet, row.rowNumber, mapped.rejections);
        return;
      }
      for (const record of mapped.records) records.add(rawRowId, record);
      if (mapped.claims.length > 0) context.flushRawRows();
      for (const claim of mapped.claims) claims(rawRowId, claim);
      totals.recordsCreated += mapped.records.length;
      totals.claimsCreated += mapped.claims.length;
      tally.imported++;
    }),
    finish: () => records.flush(),
  };
}

/** Each column's header (the mapping maps a column once), looked up once rather than per quantity of every row. */
function headersByColumn(mapping: RowContext['mapping']): ReadonlyMap<number, string> {
  return new Map(mapping.columns.map((column) => [column.column, column.header]));
}
