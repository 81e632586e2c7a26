import { useEffect, useState } from 'react';
import type { RejectedRowPage } from '../../../shared/contract';
import { columnLetter } from '../../../shared/import/cell';
import { api } from '../api';
import { errorMessage } from '../format';
import { SourceRowCells } from './inventory/SourceRowCells';
import { t } from '../messages';

const PAGE_SIZE = 100;

/** The rows one import refused: each reason beside the row's cells as read from the file. */
export function RejectedRows({ sourceFileId }: { sourceFileId: number }) {
  const [page, setPage] = useState<RejectedRowPage | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('import.rejectedRows', { sourceFileId, offset, limit: PAGE_SIZE }).then(setPage, (caught: unknown) => setError(errorMessage(caught)));
  }, [sourceFileId, offset]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!page) return <p className="muted">{t.rejectedRows.loading}</p>;
  return (
    <div className="rejected-rows">
      <table className="grid" aria-label={t.rejectedRows.rejectedRows}>
        <thead><tr><th>{t.rejectedRows.where}</th><th>{t.rejectedRows.reason}</th><th>{t.rejectedRows.theRowAsRead}</th></tr></thead>
        <tbody>
          {page.rows.map((rejected) => (
            <tr key={rejected.id}>
              <td className="nowrap">{t.rejectedRows.row(rejected.row.sheet, rejected.row.rowNumber)}{rejected.column !== null && t.rejectedRows.column(columnLetter(rejected.column))}</td>
              <td>{rejected.reason}</td>
              <td>{rejected.row.cells.length > 0 ? <SourceRowCells source={rejected.row} /> : <span className="muted">{t.rejectedRows.notKept}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.total > PAGE_SIZE && (
        <div className="inline-form">
          <span className="muted small">{t.rejectedRows.of(offset + 1, offset + page.rows.length, page.total)}</span>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{t.rejectedRows.previous}</button>
          <button type="button" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>{t.rejectedRows.next}</button>
        </div>
      )}
    </div>
  );
}
