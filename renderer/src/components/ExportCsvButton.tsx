import { useState } from 'react';
import type { ApiInput, TableCsvOutcome } from '../../../shared/contract';
import { api } from '../api';
import { errorMessage, formatNumber } from '../format';
import { useHost } from '../useHost';
import { t } from '../../../shared/messages';

type CsvQueryInput = ApiInput<'export.tableCsv'>['query'];

/**
 * Saves every row a table's query matches as CSV (not only the rows in view) under the headings
 * the table shows, written by the engine a page at a time with the export's formula-injection
 * escaping: where the save dialog says on the desktop, as a download in the browser.
 */
export function ExportCsvButton({ query, headers, what }: { query: CsvQueryInput; headers: readonly string[]; what: string }) {
  const host = useHost();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<TableCsvOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = (jobId: string) => api.call('export.reveal', { jobId }).catch((caught: unknown) => setError(errorMessage(caught)));
  const exportCsv = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await api.call('export.tableCsv', { query, headers: [...headers] });
      setSaved(outcome);
      if (outcome && host === 'browser') await reveal(outcome.jobId);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="csv-export">
      <button type="button" onClick={() => void exportCsv()} disabled={busy} aria-label={t.exportCsvButton.exportCsvOf(what)}>
        {busy ? t.exportCsvButton.exporting : t.exportCsvButton.exportCsv}
      </button>
      <span role="status" className="muted small">
        {saved && t.exportCsvButton.savedRowsTo(formatNumber(saved.rows), saved.fileName)}
      </span>
      {saved && host === 'electron' && <button type="button" className="link" onClick={() => void reveal(saved.jobId)}>{t.exportCsvButton.showInFolder}</button>}
      {error && <span role="alert" className="error small">{error}</span>}
    </span>
  );
}
