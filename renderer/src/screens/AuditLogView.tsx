import { useState } from 'react';
import { AUDIT_OPERATIONS, describeAuditEntry } from '../../../shared/audit-summary';
import type { EngagementSummary } from '../../../shared/contract';
import { PagedTable } from '../components/PagedTable';
import { t } from '../messages';

/** Where the entry's parameters are among the audit log's columns (shown inside the summary, exported as their own column). */
const PARAMS = 5;

/**
 * The audit log as a reader sees it: time, actor, the operation in words and a summary, with the
 * entry's JSON on demand; filtered, searched and sorted in SQL and read a page at a time.
 */
export function AuditLogView({ engagement }: { engagement: EngagementSummary }) {
  const [operation, setOperation] = useState('');
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
        rowData={(row) => ({ 'data-operation': String(row.cells[3]) })}
        render={RENDER}
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
    </>
  );
}

const RENDER = {
  operation: (value: unknown) => <span title={String(value)}>{describeAuditEntry(String(value), {}).title}</span>,
  summary: (value: unknown, row: { readonly cells: readonly unknown[] }) => (
    <span className="summary-cell">
      {String(value ?? '')}
      <details>
        <summary>{t.auditLogView.parametersJson}</summary>
        <pre className="params">{JSON.stringify(JSON.parse(String(row.cells[PARAMS])), null, 2)}</pre>
      </details>
    </span>
  ),
  hash: (value: unknown) => <code className="hash short" title={String(value)}>{String(value).slice(0, 16)}…</code>,
};
