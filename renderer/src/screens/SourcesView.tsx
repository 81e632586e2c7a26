import { Fragment, useEffect, useState } from 'react';
import type { EngagementSummary, ImportFindingView, SourceFileSummary } from '../../../shared/contract';
import { api } from '../api';
import { ShortHash } from '../components/ShortHash';
import { errorMessage, formatBytes, formatTimestamp } from '../format';
import { KIND_LABELS } from './import/format';
import { FindingsTable } from './import/ImportResults';
import { RejectedRows } from './RejectedRows';

/** The source-file register: every imported file, its fingerprint and what became of its rows. */
export function SourcesView({ engagement }: { engagement: EngagementSummary }) {
  const [sources, setSources] = useState<readonly SourceFileSummary[] | null>(null);
  const [findings, setFindings] = useState<readonly ImportFindingView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  useEffect(() => {
    api.call('import.sources', {}).then(setSources, (caught: unknown) => setError(errorMessage(caught)));
    api.call('import.findings', {}).then(setFindings, (caught: unknown) => setError(errorMessage(caught)));
  }, [engagement.auditEntries]);
  return (
    <>
      <h1>Source files</h1>
      <p className="muted">Every imported file, identified by its SHA-256; the original bytes are kept as evidence unless over the size cap.</p>
      {error && <p role="alert" className="notice danger">{error}</p>}
      {sources?.length === 0 && <p className="card muted">No files imported yet. Use Import to add one.</p>}
      {sources && sources.length > 0 && (
        <table className="grid" aria-label="Source files">
          <thead>
            <tr>
              <th>File</th>
              <th>Sheet</th>
              <th>Kind</th>
              <th>Format</th>
              <th className="num">Size</th>
              <th>SHA-256</th>
              <th>Imported at (UTC)</th>
              <th>By</th>
              <th className="num">Rows read</th>
              <th className="num">Imported</th>
              <th className="num">Rejected</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => (
              <Fragment key={source.id}>
              <tr>
                <td>{source.fileName}</td>
                <td>{source.sheet ?? '—'}</td>
                <td>{KIND_LABELS[source.kind]}</td>
                <td>{source.format.toUpperCase()}</td>
                <td className="num">{formatBytes(source.sizeBytes)}</td>
                <td><ShortHash sha256={source.sha256} /></td>
                <td>{formatTimestamp(source.importedAt)}</td>
                <td>{source.importedBy}</td>
                <td className="num">{source.rowsRead}</td>
                <td className="num">{source.rowsImported}</td>
                <td className="num">
                  {source.rowsRejected === 0 ? 0 : (
                    <button type="button" className="figure-link" aria-expanded={opened === source.id} aria-label={`${source.rowsRejected} rejected rows of ${source.fileName}`} onClick={() => setOpened(opened === source.id ? null : source.id)}>
                      {source.rowsRejected}
                    </button>
                  )}
                </td>
                <td>{source.evidenceStored ? 'Stored' : 'Not stored'}</td>
              </tr>
              {opened === source.id && (
                <tr className="source-detail"><td colSpan={11}><RejectedRows sourceFileId={source.id} /></td></tr>
              )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {findings.length > 0 && (
        <section className="card import-findings" aria-label="What imports found in the data">
          <FindingsTable findings={findings} total={findings.length} />
          <p className="muted small">Where a file gives one quantity in two units, the column not imported is checked against the one imported: these rows disagree beyond rounding, or hold the quantity only in the twin.</p>
        </section>
      )}
    </>
  );
}
