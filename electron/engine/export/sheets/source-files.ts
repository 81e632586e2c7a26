/** Source files: the register of every imported file, with its SHA-256 and the rows it gave. */
import type { Cell } from '../book/book';
import { formula } from '../book/book';
import { cellRef } from '../book/refs';
import { tableHeaderRow, writeTable, type TableColumn } from '../book/table';
import { TICK } from './tick-marks';
import { selectSourceFiles } from '../store';
import type { SheetModule } from './sheet-module';

export const SOURCES_SHEET = 'Source files';

const NOTES = [
  `Every imported file, as registered at import ${TICK.hashed}. Rows read = imported + rejected + skipped (totals, notes, blank rows, rows outside the table), each row counted once: imported if it gave at least one record, factor, target or claim; rejected if refused whole. Imported, values refused: imported rows with a value refused alone (a published factor file's row gives one factor per gas, unit or treatment). Reasons: every reason on the Rejected rows sheet (a row can have several).`,
  'Evidence: whether the original bytes are kept in the engagement (and so in the evidence pack).',
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'Id', style: 'integer' },
  { header: 'File', style: 'text' },
  { header: 'Kind', style: 'text' },
  { header: 'Format', style: 'text' },
  { header: 'Sheet', style: 'text' },
  { header: 'Size (bytes)', style: 'count' },
  { header: 'SHA-256', style: 'mono', width: 66 },
  { header: 'Imported at (UTC)', style: 'dateTime' },
  { header: 'Imported by', style: 'text' },
  { header: 'Rows read', style: 'count' },
  { header: 'Imported', style: 'count' },
  { header: 'Rejected', style: 'count' },
  { header: 'Skipped', style: 'count' },
  { header: 'Imported, values refused', style: 'count' },
  { header: 'Reasons', style: 'count' },
  { header: 'Evidence', style: 'text' },
];
const C = { read: 10, imported: 11, rejected: 12 } as const;

export const sourceFilesSheet: SheetModule = {
  tabs: () => [{ name: SOURCES_SHEET, description: 'Every imported file: SHA-256, rows read, imported, rejected and skipped' }],
  async write(book, context) {
    const firstRow = tableHeaderRow(NOTES) + 1;
    const rows = selectSourceFiles(context.db).map((source, index): Cell[] => {
      const r = firstRow + index;
      const skipped = source.rows_read - source.rows_imported - source.rows_rejected;
      return [
        { value: source.id, style: 'integer' },
        { value: source.file_name, style: 'text' },
        { value: source.kind, style: 'text' },
        { value: source.format, style: 'text' },
        { value: source.sheet ?? '(every sheet)', style: 'text' },
        { value: source.size_bytes, style: 'count' },
        { value: source.sha256, style: 'mono' },
        { value: new Date(source.imported_at), style: 'dateTime' },
        { value: source.imported_by, style: 'text' },
        { value: source.rows_read, style: 'count' },
        { value: source.rows_imported, style: 'count' },
        { value: source.rows_rejected, style: 'count' },
        { value: formula(`${cellRef(C.read, r)}-${cellRef(C.imported, r)}-${cellRef(C.rejected, r)}`, skipped), style: 'count' },
        { value: source.rows_partly_rejected, style: 'count' },
        { value: source.rejection_reasons, style: 'count' },
        { value: source.stored === 1 ? 'Kept' : `Not kept: ${source.omitted_reason ?? 'no evidence recorded'}`, style: 'text' },
      ];
    });
    await writeTable(book, { name: SOURCES_SHEET, title: 'Source files', notes: NOTES, columns: COLUMNS }, rows);
  },
};
