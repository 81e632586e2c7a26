import { useState } from 'react';
import type { ApiInput, TableCsvOutcome } from '../../../shared/contract';
import { api } from '../api';
import { formatNumber } from '../format';
import { useAction } from '../useAction';
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
  const [saved, setSaved] = useState<TableCsvOutcome | null>(null);
  const reveal = useAction((jobId: string) => api.call('export.reveal', { jobId }));
  const save = useAction(async () => {
    const outcome = await api.call('export.tableCsv', { query, headers: [...headers] });
    setSaved(outcome);
    if (outcome && host === 'browser') await reveal.run(outcome.jobId);
  });
  const busy = save.busy;
  const error = save.error ?? reveal.error;
  return (
    <span className="csv-export">
      <button type="button" onClick={() => void save.run()} disabled={busy} aria-label={t.exportCsvButton.exportCsvOf(what)}>
        {busy ? t.exportCsvButton.exporting : t.exportCsvButton.exportCsv}
      </button>
      <span role="status" className="muted small">
        {saved && t.exportCsvButton.savedRowsTo(formatNumber(saved.rows), saved.fileName)}
      </span>
      {saved && host === 'electron' && <button type="button" className="link" onClick={() => void reveal.run(saved.jobId)}>{t.exportCsvButton.showInFolder}</button>}
      {error && <span role="alert" className="error small">{error}</span>}
    </span>
  );
}
