import type { TraceLine } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { GridCell } from '../import/SheetGrid';
import { t } from '../../../../shared/messages';

/** The source row exactly as read from the file, with its spreadsheet column letters. */
export function SourceRowCells({ source }: { source: Pick<TraceLine['source'], 'sheet' | 'rowNumber' | 'cells'> }) {
  return (
    <div className="sheet-scroll" tabIndex={0} role="region" aria-label={t.sourceRowCells.rowOfAsReadScrollable(source.rowNumber, source.sheet)}>
      <table className="sheet" aria-label={t.sourceRowCells.rowOfAsRead(source.rowNumber, source.sheet)}>
        <thead>
          <tr>
            <th className="row-number"><span className="sr-only">{t.sourceRowCells.row}</span></th>
            {source.cells.map((_, column) => <th key={column}>{columnLetter(column)}</th>)}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" className="row-number">{source.rowNumber}</th>
            {source.cells.map((cell, column) => <GridCell key={column} cell={cell} />)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
