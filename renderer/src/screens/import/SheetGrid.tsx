import { Fragment } from 'react';
import type { Cell, RawRow } from '../../../../shared/import/cell';
import { columnLetter, isFormulaCell } from '../../../../shared/import/cell';
import { rowScanOptions, type MappingKind } from '../../../../shared/import/mapping';
import { cellKind, createRowScanner, type RowVerdict, type TableBounds } from '../../../../shared/import/table';
import { cellText } from '../../../../shared/import/values';
import { t } from '../../../../shared/messages';

interface RowMark {
  readonly label: string;
  /** A CSS class: how the row stands out in the grid. */
  readonly tone: 'header' | 'first-data' | 'total' | 'note' | 'end' | 'outside' | 'data';
  /** Why, on hover: what a totals row adds up to, or where it does not. */
  readonly why?: string;
}

const ENDING_LABELS: Readonly<Record<Exclude<RowVerdict, { inTable: true }>['why'], string>> = {
  'before-first-data-row': '',
  'after-last-data-row': t.sheetGrid.afterTheLastDataRow,
  'end-marker': t.sheetGrid.endTheTableEnds,
  'blank-run': t.sheetGrid.blankRowsTheTableEnds,
};

/** How each previewed row will be read with these bounds, by the same scanner the import uses. */
function markRows(rows: readonly RawRow[], bounds: TableBounds, columnCount: number, kind: MappingKind): Map<number, RowMark> {
  const scan = createRowScanner(bounds, columnCount, rowScanOptions(kind));
  const marks = new Map<number, RowMark>();
  let ended = false;
  for (const row of rows) {
    const verdict = scan(row);
    if (row.rowNumber === bounds.headerRowNumber) marks.set(row.rowNumber, { label: t.sheetGrid.header, tone: 'header' });
    else if (!verdict.inTable) {
      const endsHere: boolean = !ended && verdict.why !== 'before-first-data-row';
      marks.set(row.rowNumber, { label: endsHere ? ENDING_LABELS[verdict.why] : '', tone: endsHere && verdict.why === 'end-marker' ? 'end' : 'outside' });
      ended ||= endsHere;
    } else if (verdict.kind === 'total') marks.set(row.rowNumber, { label: t.sheetGrid.totalSkipped, tone: 'total', why: verdict.reason });
    else if (verdict.kind === 'unbalanced-total') marks.set(row.rowNumber, { label: t.sheetGrid.totalThatDoesNotAdd, tone: 'total', why: verdict.reason });
    else if (verdict.kind === 'note') marks.set(row.rowNumber, { label: t.sheetGrid.noteSkipped, tone: 'note' });
    else if (row.rowNumber === bounds.firstDataRowNumber) marks.set(row.rowNumber, { label: t.sheetGrid.firstDataRow, tone: 'first-data' });
    else marks.set(row.rowNumber, { label: '', tone: 'data' });
  }
  return marks;
}

/** One cell as the sheet shows it: numbers right-aligned, formulas in italics with the formula on hover. */
export function GridCell({ cell }: { cell: Cell | undefined }) {
  const kind = cellKind(cell);
  const text = cellText(cell);
  const className = [kind === 'number' ? 'num' : '', isFormulaCell(cell) ? 'formula' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <td className={className} title={isFormulaCell(cell) ? `=${cell.formula.replace(/^=/, '')}` : text || undefined}>
      {text}
    </td>
  );
}

/** Readers skip empty rows; the grid shows where they were, as a spreadsheet would. */
function BlankRowsBefore({ row, previousRowNumber, width }: { row: RawRow; previousRowNumber: number; width: number }) {
  const first = previousRowNumber + 1;
  const last = row.rowNumber - 1;
  if (last < first) return null;
  return (
    <tr className="row-blank">
      <th scope="row" className="row-number">{first === last ? first : `${first}–${last}`}</th>
      <td colSpan={width + 1} className="row-mark">{first === last ? t.sheetGrid.blankRow : t.sheetGrid.blankRows}</td>
    </tr>
  );
}

/** The first rows of a sheet as a spreadsheet shows them, with the table's bounds marked. */
export function SheetGrid({ rows, bounds, columnCount, kind }: { rows: readonly RawRow[]; bounds: TableBounds; columnCount: number; kind: MappingKind }) {
  const marks = markRows(rows, bounds, columnCount, kind);
  const width = Math.max(columnCount, ...rows.map((row) => row.cells.length));
  const letters = Array.from({ length: width }, (_, column) => columnLetter(column));
  return (
    // Focusable, so its last columns are reached by keyboard when the sheet is wider than the window.
    <div className="sheet-scroll" tabIndex={0} role="region" aria-label={t.sheetGrid.sheetPreviewScrollable}>
      <table className="sheet" aria-label={t.sheetGrid.sheetPreview}>
        <thead>
          <tr>
            <th className="row-number"><span className="sr-only">{t.sheetGrid.row}</span></th>
            <th className="row-mark"><span className="sr-only">{t.sheetGrid.readAs}</span></th>
            {letters.map((letter) => <th key={letter}>{letter}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <Fragment key={row.rowNumber}>
              <BlankRowsBefore row={row} previousRowNumber={rows[index - 1]?.rowNumber ?? 0} width={width} />
              <tr className={`row-${marks.get(row.rowNumber)?.tone ?? 'data'}`} data-row={row.rowNumber}>
                <th scope="row" className="row-number">{row.rowNumber}</th>
                <td className="row-mark" title={marks.get(row.rowNumber)?.why}>{marks.get(row.rowNumber)?.label}</td>
                {letters.map((letter, column) => <GridCell key={letter} cell={row.cells[column]} />)}
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
