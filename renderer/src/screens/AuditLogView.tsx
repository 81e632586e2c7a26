import { useEffect, useState } from 'react';
import type { AuditEntry, EngagementSummary } from '../../../shared/contract';
import { api } from '../api';

export function AuditLogView({ engagement }: { engagement: EngagementSummary }) {
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  useEffect(() => {
    void api.call('audit.entries', { afterSeq: 0, limit: 1000 }).then(setEntries);
  }, [engagement.auditEntries]);
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">Append-only; each entry’s SHA-256 covers the previous entry’s hash.</p>
      <table className="grid">
        <thead>
          <tr><th>#</th><th>Time (UTC)</th><th>Actor</th><th>Operation</th><th>Parameters</th><th>Hash</th></tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td className="num">{entry.seq}</td>
              <td>{entry.at.replace('T', ' ').replace('Z', '')}</td>
              <td>{entry.actor}</td>
              <td><code>{entry.operation}</code></td>
              <td className="params">{JSON.stringify(entry.params)}</td>
              <td><code className="hash short">{entry.hash.slice(0, 16)}…</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
