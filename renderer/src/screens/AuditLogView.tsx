import { useEffect, useState } from 'react';
import { AUDIT_OPERATIONS, describeAuditEntry } from '../../../shared/audit-summary';
import type { AuditEntry, EngagementSummary } from '../../../shared/contract';
import { api } from '../api';
import { errorMessage, formatTimestamp } from '../format';

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
      <h1>Audit log</h1>
      <p className="muted">Append-only; each entry’s SHA-256 covers the previous entry’s hash. Refused files and cancelled imports are logged too.</p>
      <div className="toolbar" role="search">
        <label className="inline">
          Operation
          <select value={operation} onChange={(event) => setOperation(event.target.value)}>
            <option value="">All operations</option>
            {AUDIT_OPERATIONS.map((name) => <option key={name} value={name}>{describeAuditEntry(name, {}).title}</option>)}
          </select>
        </label>
        <label className="inline">
          Search
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder="File, site, actor…" />
        </label>
        <span className="muted small" role="status">{entries.length}{more ? '+' : ''} of {engagement.auditEntries} entries shown</span>
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
      <table className="grid audit-log" aria-label="Audit log">
        <thead>
          <tr><th scope="col" className="num">#</th><th scope="col">Time (UTC)</th><th scope="col">Actor</th><th scope="col">Operation</th><th scope="col">Summary</th><th scope="col">Hash</th></tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const description = describeAuditEntry(entry.operation, entry.params);
            return (
              <tr key={entry.seq} data-operation={entry.operation}>
                <td className="num">{entry.seq}</td>
                <td>{formatTimestamp(entry.at)}</td>
                <td>{entry.actor}</td>
                <td title={entry.operation}>{description.title}</td>
                <td className="summary-cell">
                  {description.summary}
                  <details>
                    <summary>Parameters (JSON)</summary>
                    <pre className="params">{JSON.stringify(entry.params, null, 2)}</pre>
                  </details>
                </td>
                <td><code className="hash short" title={entry.hash}>{entry.hash.slice(0, 16)}…</code></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {more && <button type="button" onClick={() => void load(entries[entries.length - 1]?.seq ?? 0, entries)}>Show more</button>}
    </>
  );
}
