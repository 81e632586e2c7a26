import { useEffect, useState } from 'react';
import { AUDIT_OPERATIONS, describeAuditEntry } from '../../../shared/audit-summary';
import type { AuditEntry, EngagementSummary } from '../../../shared/contract';
import { api } from '../api';
import { Timestamp } from '../components/Timestamp';
import { errorMessage } from '../format';
import { t } from '../messages';

const PAGE = 200;

/**
 * The audit log as a reader sees it: time, actor, the operation in words and a summary, with the
 * entry's JSON on demand; filtered by operation or text in SQL and read a page at a time.
 */
export function AuditLogView({ engagement }: { engagement: EngagementSummary }) {
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [operation, setOperation] = useState('');
  const [text, setText] = useState('');
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const filter = { ...(operation ? { operation } : {}), ...(text.trim() ? { text: text.trim() } : {}) };

  const load = async (afterSeq: number, previous: readonly AuditEntry[]): Promise<void> => {
    try {
      const page = await api.call('audit.entries', { afterSeq, limit: PAGE, ...filter });
      setEntries([...previous, ...page]);
      setMore(page.length === PAGE);
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  useEffect(() => {
    void load(0, []);
    // Reloaded whenever the log grows or the filter changes.
  }, [engagement.auditEntries, operation, text]);

  return (
    <>
      <h1>{t.auditLogView.auditLog}</h1>
      <p className="muted">{t.auditLogView.appendOnlyEachEntrysSha}</p>
      <div className="toolbar" role="search">
        <label className="inline">
          {t.auditLogView.operation}
          <select value={operation} onChange={(event) => setOperation(event.target.value)}>
            <option value="">{t.auditLogView.allOperations}</option>
            {AUDIT_OPERATIONS.map((name) => <option key={name} value={name}>{describeAuditEntry(name, {}).title}</option>)}
          </select>
        </label>
        <label className="inline">
          {t.auditLogView.search}
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder={t.auditLogView.fileSiteActor} />
        </label>
        <span className="muted small" role="status">{t.auditLogView.ofEntriesShown(entries.length, more ? '+' : '', engagement.auditEntries)}</span>
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
      <table className="grid audit-log" aria-label={t.auditLogView.auditLog}>
        <thead>
          <tr><th scope="col" className="num">#</th><th scope="col">{t.auditLogView.timeUtc}</th><th scope="col">{t.auditLogView.actor}</th><th scope="col">{t.auditLogView.operation}</th><th scope="col">{t.auditLogView.summary}</th><th scope="col">{t.auditLogView.hash}</th></tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const description = describeAuditEntry(entry.operation, entry.params);
            return (
              <tr key={entry.seq} data-operation={entry.operation}>
                <td className="num">{entry.seq}</td>
                <td><Timestamp iso={entry.at} /></td>
                <td>{entry.actor}</td>
                <td title={entry.operation}>{description.title}</td>
                <td className="summary-cell">
                  {description.summary}
                  <details>
                    <summary>{t.auditLogView.parametersJson}</summary>
                    <pre className="params">{JSON.stringify(entry.params, null, 2)}</pre>
                  </details>
                </td>
                <td><code className="hash short" title={entry.hash}>{entry.hash.slice(0, 16)}…</code></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {more && <button type="button" onClick={() => void load(entries[entries.length - 1]?.seq ?? 0, entries)}>{t.auditLogView.showMore}</button>}
    </>
  );
}
