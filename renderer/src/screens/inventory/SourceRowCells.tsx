import type { TraceLine } from '../../../../shared/contract';
import { columnLetter } from '../../../../shared/import/cell';
import { GridCell } from '../import/SheetGrid';

/** The source row exactly as read from the file, with its spreadsheet column letters. */
export function SourceRowCells({ source }: { source: TraceLine['source'] }) {
  return (
    <div className="sheet-scroll">
      <table className="sheet" aria-label={`Row ${source.rowNumber} of ${source.sheet} as read`}>
        <thead>
          <tr>
            <th className="row-number" aria-label="Row" />
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
