import { useState } from 'react';
import { AUDIT_OPERATIONS, describeAuditEntry } from '../../../shared/audit-summary';
import type { EngagementSummary } from '../../../shared/contract';
import type { TableRow } from '../../../shared/tables';
import { PagedTable } from '../components/PagedTable';
import { t } from '../../../shared/messages';
import { usePanel } from '../usePanel';

/** Where the entry's number, operation and parameters are among the audit log's columns (the parameters are exported as their own column). */
const SEQ = 0;
const OPERATION = 3;
const PARAMS = 5;

/**
 * The audit log as a reader sees it: time, actor, the operation in words and a summary, with the
 * entry's JSON on demand in a panel under the log (a row is one line, so it cannot grow to show
 * it); filtered, searched and sorted in SQL and read a page at a time.
 */
export function AuditLogView({ engagement }: { engagement: EngagementSummary }) {
  const [operation, setOperation] = useState('');
  const [opened, setOpened] = useState<TableRow | null>(null);
  const render = {
    operation: (value: unknown) => <span title={String(value)}>{describeAuditEntry(String(value), {}).title}</span>,
    // The button first in a flex row, so a long summary is cut short before it, never it.
    summary: (value: unknown, row: TableRow) => (
      <span className="summary-cell">
        <span className="summary-text" title={String(value ?? '')}>{String(value ?? '')}</span>
        <button type="button" className="link" aria-expanded={opened?.key === row.key} aria-controls="entry-json" onClick={() => setOpened(row)} aria-label={t.auditLogView.jsonOfEntry(String(row.cells[SEQ]))}>
          {t.auditLogView.json}
        </button>
      </span>
    ),
    hash: (value: unknown) => <code className="hash short" title={String(value)}>{String(value).slice(0, 16)}…</code>,
  };
  return (
    <>
      <h1>{t.auditLogView.auditLog}</h1>
      <p className="muted">{t.auditLogView.appendOnlyEachEntrysSha}</p>
      <PagedTable
        label={t.auditLogView.auditLog}
        table="audit-log"
        filters={{ ...(operation ? { operation } : {}) }}
        revision={engagement.auditEntries}
        hidden={['params']}
        searchPlaceholder={t.auditLogView.fileSiteActor}
        rowData={(row) => ({ 'data-operation': String(row.cells[OPERATION]) })}
        render={render}
        toolbar={(
          <label className="inline">
            {t.auditLogView.operation}
            <select value={operation} onChange={(event) => setOperation(event.target.value)}>
              <option value="">{t.auditLogView.allOperations}</option>
              {AUDIT_OPERATIONS.map((name) => <option key={name} value={name}>{describeAuditEntry(name, {}).title}</option>)}
            </select>
          </label>
        )}
      />
      {opened && <EntryParameters key={String(opened.key)} entry={opened} onClose={() => setOpened(null)} />}
    </>
  );
}

/** One entry's parameters as stored, pretty-printed; Escape closes it and focus moves into it when it opens. */
function EntryParameters({ entry, onClose }: { entry: TableRow; onClose: () => void }) {
  const { headingProps, panelProps } = usePanel(onClose);
  return (
    <section id="entry-json" className="card entry-json" aria-labelledby="entry-json-heading" data-testid="entry-json" {...panelProps}>
      <div className="panel-head">
        <h2 id="entry-json-heading" {...headingProps}>
          {t.auditLogView.parametersOfEntry(String(entry.cells[SEQ]))} <span className="muted">{describeAuditEntry(String(entry.cells[OPERATION]), {}).title}</span>
        </h2>
        <button type="button" onClick={onClose}>{t.auditLogView.close}</button>
      </div>
      <pre className="params">{JSON.stringify(JSON.parse(String(entry.cells[PARAMS])), null, 2)}</pre>
    </section>
  );
}
