/**
 * What the import pipeline drives: one row handler per kind of import. The pipeline reads every
 * row, stores it as read and counts it; the handler turns rows into records (or factors, targets,
 * claims) and rejections. Activity, targets and claims read a mapped table row by row
 * (tableRows); factor files are parsed a whole sheet at a time.
 */
import type { FiscalSettings } from '../../../../shared/calc/fiscal';
import type { RawRow } from '../../../../shared/import/cell';
import { describeHeaderMismatches, headerMismatches } from '../../../../shared/import/headers';
import { mappedColumnCount, rowScanOptions, type Mapping } from '../../../../shared/import/mapping';
import { placeholderTest, withPlaceholdersBlank } from '../../../../shared/import/placeholders';
import type { Rejection } from '../../../../shared/import/records';
import { createRowScanner, type RowVerdict } from '../../../../shared/import/table';
import { cellText } from '../../../../shared/import/values';
import type { DeferredIndexes } from '../../db/deferred-indexes';
import type { WritableDb } from '../../db/handles';
import { EngineError } from '../../errors';
import type { ControlTotals, SheetTally } from '../control-totals';

export interface RowContext {
  readonly db: WritableDb;
  readonly mapping: Mapping;
  readonly sourceFileId: number;
  readonly fiscal: FiscalSettings;
  /** Records whose period starts before this date (the base year's start) are rejected. */
  readonly earliestPeriodStart: string | null;
  readonly totals: ControlTotals;
  /** Stores one reason a row was refused (a row can have several); counts the reason, not the row. */
  readonly reject: (sheet: string, rowNumber: number, rejection: Rejection) => void;
  /** Rejects a row whole: counts it once as a rejected row of its sheet and stores each of its reasons. */
  readonly rejectRow: (sheet: string, rowNumber: number, rejections: readonly Rejection[]) => void;
  /** Writes the raw rows read so far: what points to a raw row needs it stored first. */
  readonly flushRawRows: () => void;
  /** The activity records' indexes, which a large import builds again at its end (see DeferredIndexes). */
  readonly recordIndexes: DeferredIndexes;
}

export type RowCallback = (sheet: string, row: RawRow, rawRowId: number, tally: SheetTally) => void;

export interface RowHandler {
  /** Every row read, with the id of its stored raw row and its sheet's tally. */
  readonly row: RowCallback;
  /** After the last row (and after the raw rows are all written). */
  readonly finish: () => void;
}

/**
 * The rows of the mapped table on each sheet, as `dataRow` sees them: rows outside the table,
 * blank rows, totals and notes are counted as skipped (totals and notes listed with why). A data
 * row reaches `dataRow` with its placeholder cells blank (the raw row keeps them as read).
 *
 * The header row is checked against the mapping's headers. A mapping made for one sheet (a
 * template applied to next year's file) refuses the whole import when they differ, listing each
 * difference; a mapping for every sheet laid out the same way leaves a sheet whose headers differ
 * out, with its first difference as the reason.
 */
export function tableRows(context: RowContext, dataRow: RowCallback): RowCallback {
  const { mapping } = context;
  const columnCount = mappedColumnCount(mapping);
  let scanSheet = '';
  const scanOptions = rowScanOptions(mapping.kind, mapping.decimalSeparator);
  let scan = createRowScanner(mapping.table, columnCount, scanOptions);
  let sheetMatchesMapping = true;
  const isPlaceholder = placeholderTest(mapping.placeholders);
  return (sheet, row, rawRowId, tally) => {
    if (sheet !== scanSheet) {
      scanSheet = sheet;
      scan = createRowScanner(mapping.table, columnCount, scanOptions);
      sheetMatchesMapping = true;
    }
    if (row.rowNumber === mapping.table.headerRowNumber) {
      const mismatches = headerMismatches(mapping.columns, (column) => cellText(row.cells[column]));
      const [first] = mismatches;
      if (first && mapping.sheet) {
        throw new EngineError('refused', `The headers of sheet '${sheet}' (row ${row.rowNumber}) are not the ones the mapping was made for: ${describeHeaderMismatches(mismatches)}. Nothing was imported: map this sheet again, or correct the mapping.`);
      }
      if (first) {
        sheetMatchesMapping = false;
        context.reject(sheet, row.rowNumber, { column: first.column, reason: `sheet not imported: its header row does not match the mapping (${describeHeaderMismatches([first])})` });
      }
    }
    const verdict = scan(row);
    if (!verdict.inTable || !sheetMatchesMapping) {
      tally.skipped['outside-table']++;
      return;
    }
    if (isDataRow(context, sheet, row, verdict, tally)) dataRow(sheet, withPlaceholdersBlank(row, isPlaceholder), rawRowId, tally);
  };
}

/**
 * Counts a row of the table: a data row (true), or one listed with why it is not imported. Blank
 * rows are skipped; notes and totals rows are skipped and listed; a row labelled as a total whose
 * numbers do not add up is rejected, as neither data nor a total.
 */
export function isDataRow(context: RowContext, sheet: string, row: RawRow, verdict: Extract<RowVerdict, { inTable: true }>, tally: SheetTally): boolean {
  switch (verdict.kind) {
    case 'data':
      tally.dataRows++;
      return true;
    case 'blank':
      tally.skipped.blank++;
      return false;
    case 'unbalanced-total':
      tally.dataRows++;
      context.rejectRow(sheet, row.rowNumber, [{ column: null, reason: `${verdict.reason}: neither imported as data nor skipped as a totals row; check the sheet` }]);
      return false;
    case 'total':
    case 'note': {
      tally.skipped[verdict.kind]++;
      const reason = verdict.kind === 'total' ? `totals row: ${verdict.reason}; not imported as data` : `note row: '${cellText(row.cells.find((cell) => cell !== null))}'`;
      context.totals.skip({ sheet, rowNumber: row.rowNumber, column: null, reason });
      return false;
    }
  }
}
