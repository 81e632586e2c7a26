import type { ApiInput } from '../../../shared/contract';
import { api } from '../api';
import { useLoaded } from '../useLoaded';
import { GridCell } from '../screens/import/SheetGrid';
import { t } from '../../../shared/messages';

/** Rows either side of the one opened. */
const AROUND = 3;

type Row = { readonly rawRowId: number } | { readonly recordId: number };

/**
 * A row as read from its file, under the sheet's own headers (as the import's mapping named them),
 * with the rows stored around it; the row itself is marked.
 */
export function SourceRowContextView({ row }: { row: Row }) {
  const key = JSON.stringify(row);
  const { value: context, error } = useLoaded(
    () => api.call('tables.sourceRow', { ...(JSON.parse(key) as Row), around: AROUND } as ApiInput<'tables.sourceRow'>),
    [key],
    { resetOnChange: true },
  );
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!context) return <p className="muted">{t.sourceRowContext.loading}</p>;
  return (
    <div className="source-context" data-testid="source-context">
      <p className="small">
        <strong>{context.fileName}</strong>{t.sourceRowContext.sheetRow(context.sheet, context.rowNumber)}
        {context.headerRowNumber !== null && <span className="muted">{t.sourceRowContext.headersFromRow(context.headerRowNumber)}</span>}
      </p>
      <div className="sheet-scroll" tabIndex={0} role="region" aria-label={t.sourceRowContext.rowsAroundScrollable(context.rowNumber, context.sheet)}>
        <table className="sheet" aria-label={t.sourceRowContext.rowWithRowsAround(context.rowNumber, context.sheet)}>
          <thead>
            <tr>
              <th scope="col" className="row-number">{t.sourceRowContext.row}</th>
              {context.headers.map((header, column) => <th key={column} scope="col">{header}</th>)}
            </tr>
          </thead>
          <tbody>
            {context.rows.map((stored) => (
              <tr key={stored.rawRowId} className={stored.rowNumber === context.rowNumber ? 'current-row' : undefined} aria-current={stored.rowNumber === context.rowNumber ? 'true' : undefined}>
                <th scope="row" className="row-number">{stored.rowNumber}</th>
                {context.headers.map((_, column) => <GridCell key={column} cell={stored.cells[column]} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
