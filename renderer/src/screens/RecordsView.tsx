import { useEffect, useState } from 'react';
import type { EngagementSummary, SourceFileSummary } from '../../../shared/contract';
import { api } from '../api';
import { PagedTable } from '../components/PagedTable';
import { t } from '../../../shared/messages';
import { activityName } from '../labels';
import { RECORD_STATUSES, TABLE_COLUMNS, type RecordStatus } from '../../../shared/tables';

const RECORD_STATUS_LABELS: Readonly<Record<RecordStatus, string>> = { 'in-use': t.sourcesView.inUse, withdrawn: t.sourcesView.withdrawn };
const columnOf = (id: string) => TABLE_COLUMNS.records.findIndex((column) => column.id === id);
const STATUS_COLUMN = columnOf('status');
const WITHDRAWAL_COLUMN = columnOf('withdrawal');

/**
 * Every activity record of the engagement, however many: sorted, searched and paged by the engine,
 * each opening the row it was read from under its sheet's own headers.
 */
export function RecordsView({ engagement }: { engagement: EngagementSummary }) {
  const [sources, setSources] = useState<readonly SourceFileSummary[]>([]);
  const [sourceFileId, setSourceFileId] = useState<number | null>(null);
  const [status, setStatus] = useState<RecordStatus | null>(null);
  useEffect(() => {
    api.call('import.sources', {}).then((files) => setSources(files.filter((file) => file.kind === 'activity')), () => setSources([]));
  }, [engagement.auditEntries]);
  return (
    <>
      <h1>{t.recordsView.records}</h1>
      <p className="muted">{t.recordsView.intro}</p>
      <PagedTable
        label={t.recordsView.records}
        testId="records-table"
        table="records"
        filters={{ ...(sourceFileId === null ? {} : { sourceFileId }), ...(status === null ? {} : { status }) }}
        revision={engagement.auditEntries}
        searchPlaceholder={t.recordsView.searchPlaceholder}
        opensSourceRows
        rowNoun={t.recordsView.record}
        rowData={(row) => ({ 'data-record': String(row.key), ...(row.cells[STATUS_COLUMN] === 'withdrawn' ? { 'data-withdrawn': 'true' } : {}) })}
        render={{
          activity: (value) => activityName(String(value)),
          // A withdrawn file's record is marked before its file's name, the withdrawal (who, when, why) on hover; the
          // status and the withdrawal are columns of their own in the CSV, kept off screen so a row stays one line.
          source: (value, row) => (
            <>
              {row.cells[STATUS_COLUMN] === 'withdrawn' && <span className="badge withdrawn" title={String(row.cells[WITHDRAWAL_COLUMN])}>{t.sourcesView.withdrawn}</span>}
              {value}
            </>
          ),
        }}
        hidden={['status', 'withdrawal']}
        toolbar={(
          <>
            <label className="inline">
              {t.recordsView.sourceFile}
              <select value={sourceFileId ?? ''} onChange={(event) => setSourceFileId(event.target.value === '' ? null : Number(event.target.value))}>
                <option value="">{t.recordsView.allFiles}</option>
                {sources.map((source) => <option key={source.id} value={source.id}>{source.fileName}{source.sheet ? ` › ${source.sheet}` : ''}</option>)}
              </select>
            </label>
            <label className="inline">
              {t.tableColumns.records.status}
              <select value={status ?? ''} onChange={(event) => setStatus(event.target.value === '' ? null : event.target.value as RecordStatus)}>
                <option value="">{t.recordsView.anyStatus}</option>
                {RECORD_STATUSES.map((value) => <option key={value} value={value}>{RECORD_STATUS_LABELS[value]}</option>)}
              </select>
            </label>
          </>
        )}
      />
    </>
  );
}
