/** Rejected rows: every source row an import refused, with its file, sheet, row, column and reason, beside the row as read. */
import { columnLetter, type Cell as SourceCell } from '../../../../shared/import/cell';
import { rowAsRead } from '../../../../shared/import/values';
import type { ReadableDb } from '../../db/handles';
import { countOf } from '../../../../shared/count-text';
import { countRejections, iterateRejectedRows } from '../store';
import type { Cell } from '../book/book';
import { writeTable, type TableColumn } from '../book/table';
import type { SheetModule } from './sheet-module';

export const REJECTED_SHEET = 'Rejected rows';

export const REJECTED_COLUMNS: readonly TableColumn[] = [
  { header: 'Source file', style: 'text' },
  { header: 'Source id', style: 'integer' },
  { header: 'Sheet', style: 'text' },
  { header: 'Row', style: 'integer' },
  { header: 'Column', style: 'text' },
  { header: 'Reason', style: 'clipped', width: 90 },
  { header: 'Row as read', style: 'clipped', width: 90 },
];

/** Every rejected row, streamed by a cursor in file, sheet and row order. */
export function* rejectedRows(db: ReadableDb): Generator<Cell[]> {
  for (const [file, sourceId, sheet, rowNumber, column, reason, cellsJson] of iterateRejectedRows(db)) {
    yield [
      { value: file, style: 'text' },
      { value: sourceId, style: 'integer' },
      { value: sheet, style: 'text' },
      { value: rowNumber, style: 'integer' },
      { value: column === null ? null : columnLetter(column), style: 'text' },
      { value: reason, style: 'clipped' },
      { value: cellsJson === null ? null : rowAsRead(JSON.parse(cellsJson) as SourceCell[]), style: 'clipped' },
    ];
  }
}

/** What the list holds: reasons, one a line, on rows refused whole or (a factor row) imported with values refused. */
function rejectionNote({ reasons, rows, partlyRejectedRows }: ReturnType<typeof countRejections>): string {
  if (reasons === 0) return 'None: no import rejected a row.';
  const partly = partlyRejectedRows === 0 ? '' : ` (${partlyRejectedRows} of them imported, with only the values named here refused)`;
  return `${countOf(reasons, 'reason')} on ${countOf(rows, 'row')}${partly}, one reason a line. What was refused is not in any figure; the source files keep it as it was.`;
}

export const rejectedRowsSheet: SheetModule = {
  tabs: () => [{ name: REJECTED_SHEET, description: 'Every row an import refused, with its reason' }],
  async write(book, context) {
    const count = countRejections(context.db);
    await writeTable(book, {
      name: REJECTED_SHEET,
      title: 'Rejected rows',
      notes: [rejectionNote(count)],
      columns: REJECTED_COLUMNS,
    }, rejectedRows(context.db), context.signal);
  },
};
