import { useEffect, useState } from 'react';
import type { EngagementSummary, SourceFileSummary } from '../../../shared/contract';
import { api } from '../api';
import { PagedTable } from '../components/PagedTable';

/**
 * Every activity record of the engagement, however many: sorted, searched and paged by the engine,
 * each opening the row it was read from under its sheet's own headers.
 */
export function RecordsView({ engagement }: { engagement: EngagementSummary }) {
  const [sources, setSources] = useState<readonly SourceFileSummary[]>([]);
  const [sourceFileId, setSourceFileId] = useState<number | null>(null);
  useEffect(() => {
    api.call('import.sources', {}).then((files) => setSources(files.filter((file) => file.kind === 'activity')), () => setSources([]));
  }, [engagement.auditEntries]);
  return (
    <>
      <h1>Records</h1>
      <p className="muted">Every activity record as imported (source data is never edited). Open a record to see the row it was read from, with the rows around it.</p>
      <PagedTable
        label="Records"
        testId="records-table"
        table="records"
        filters={{ ...(sourceFileId === null ? {} : { sourceFileId }) }}
        revision={engagement.auditEntries}
        searchPlaceholder="Site, activity, unit or note"
        opensSourceRows
        rowNoun="record"
        rowData={(row) => ({ 'data-record': String(row.key) })}
        toolbar={(
          <label className="inline">
            Source file
            <select value={sourceFileId ?? ''} onChange={(event) => setSourceFileId(event.target.value === '' ? null : Number(event.target.value))}>
              <option value="">All files</option>
              {sources.map((source) => <option key={source.id} value={source.id}>{source.fileName}{source.sheet ? ` › ${source.sheet}` : ''}</option>)}
            </select>
          </label>
        )}
      />
    </>
  );
}
