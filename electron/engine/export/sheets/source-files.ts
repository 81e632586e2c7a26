/** Source files: the register of every imported file, with its SHA-256 and the rows it gave. */
import type { Cell } from '../book/book';
import { formula } from '../book/book';
import { cellRef } from '../book/refs';
import { tableHeaderRow, writeTable, type TableColumn } from '../book/table';
import { TICK } from './tick-marks';
import { selectSourceFiles } from '../store';
import { sourceWithdrawalOf } from '../../db/source-withdrawal-sql';
import type { SourceWithdrawal } from '../../../../shared/withdrawal';
import type { SheetModule } from './sheet-module';

export const SOURCES_SHEET = 'Source files';

/**
 * Skipped where the counts stored cannot give it: a version that counted a factor file's every
 * refused value as a rejected row stored more rejected rows than read minus imported.
 */
const SKIPPED_NOT_RECORDED = 'Not recorded by the version that imported it';

const NOTES = [
  `Every imported file, as registered at import ${TICK.hashed}. Rows read = imported + rejected + skipped (totals, notes, blank rows, rows outside the table), each row counted once: imported if it gave at least one record, factor, target or claim; rejected if refused whole. Imported, values refused: imported rows with a value refused alone (a published factor file's row gives one factor per gas, unit or treatment). Reasons: every reason on the Rejected rows sheet (a row can have several). Skipped reads "${SKIPPED_NOT_RECORDED.toLowerCase()}" where an earlier version counted every refused value of a factor file as a rejected row, so imported + rejected exceeds the rows read.`,
  'Evidence: whether the original bytes are kept in the engagement (and so in the evidence pack). Status: a withdrawn file stays here, with its rows and records, but none of its records, claims or targets is in the calculation, the reconciliation or the checks; adjustments on its records correct nothing while it is withdrawn. Replaces / Replaced by: the file imported in its place (withdrawn and imported in one transaction). A reinstated file counts again. Every withdrawal and reinstatement is in the audit log.',
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
  { header: 'Status', style: 'text' },
  { header: 'Withdrawn at (UTC)', style: 'dateTime' },
  { header: 'Withdrawn by', style: 'text' },
  { header: 'Why withdrawn', style: 'clipped', width: 40 },
  { header: 'Replaced by', style: 'integer' },
  { header: 'Replaces', style: 'integer' },
  { header: 'Reinstated at (UTC)', style: 'dateTime' },
  { header: 'Reinstated by', style: 'text' },
  { header: 'Why reinstated', style: 'clipped', width: 40 },
];
const C = { read: 10, imported: 11, rejected: 12 } as const;

/** In use, withdrawn or reinstated, with the latest withdrawal's who, when and why, and the files it replaced or was replaced by. */
function withdrawalCells(withdrawal: SourceWithdrawal | null, replaces: number | null): Cell[] {
  const status = withdrawal === null ? 'In use' : withdrawal.reinstated === null ? 'Withdrawn' : 'In use (reinstated)';
  return [
    { value: status, style: 'text' },
    { value: withdrawal === null ? null : new Date(withdrawal.at), style: 'dateTime' },
    { value: withdrawal?.by ?? null, style: 'text' },
    { value: withdrawal?.reason ?? null, style: 'clipped' },
    { value: withdrawal?.replacedBy ?? null, style: 'integer' },
    { value: replaces, style: 'integer' },
    { value: withdrawal?.reinstated ? new Date(withdrawal.reinstated.at) : null, style: 'dateTime' },
    { value: withdrawal?.reinstated?.by ?? null, style: 'text' },
    { value: withdrawal?.reinstated?.reason ?? null, style: 'clipped' },
  ];
}

export const sourceFilesSheet: SheetModule = {
  tabs: () => [{ name: SOURCES_SHEET, description: 'Every imported file: SHA-256, rows read, imported, rejected and skipped; in use or withdrawn, by whom, when and why' }],
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
        skipped < 0 ? { value: SKIPPED_NOT_RECORDED, style: 'text' } : { value: formula(`${cellRef(C.read, r)}-${cellRef(C.imported, r)}-${cellRef(C.rejected, r)}`, skipped), style: 'count' },
        { value: source.rows_partly_rejected, style: 'count' },
        { value: source.rejection_reasons, style: 'count' },
        { value: source.stored === 1 ? 'Kept' : `Not kept: ${source.omitted_reason ?? 'no evidence recorded'}`, style: 'text' },
        ...withdrawalCells(sourceWithdrawalOf(source), source.replaces),
      ];
    });
    await writeTable(book, { name: SOURCES_SHEET, title: 'Source files', notes: NOTES, columns: COLUMNS }, rows);
  },
};
