import { TRACE_CSV_COLUMNS } from '../../../shared/calc/trace';
import { TABLE_COLUMNS, type TableColumnId, type TableName } from '../../../shared/tables';
import { t } from '../../../shared/messages';

/** A browsable table's column heading, from the catalogue. */
export function columnHeading<T extends TableName>(table: T, column: TableColumnId<T>): string {
  return (t.tableColumns[table] as Readonly<Record<TableColumnId<T>, string>>)[column];
}

/** Every column's heading in the table's order: its header row, and the CSV it exports. */
export function tableHeadings(table: TableName): string[] {
  return TABLE_COLUMNS[table].map((column) => columnHeading(table, column.id as TableColumnId<typeof table>));
}

/** The headings of a trace written as CSV. */
export const TRACE_CSV_HEADINGS: readonly string[] = TRACE_CSV_COLUMNS.map((column) => t.traceCsvColumns[column]);
