import { Fragment, useEffect, useState } from 'react';
import type { EngagementSummary, ImportFindingView, SourceFileSummary } from '../../../shared/contract';
import { api } from '../api';
import { ShortHash } from '../components/ShortHash';
import { Timestamp } from '../components/Timestamp';
import { countOf, errorMessage, formatBytes, formatCount } from '../format';
import { KIND_LABELS } from './import/format';
import { FindingsTable } from './import/ImportResults';
import { RejectedRows } from './RejectedRows';
import { t } from '../../../shared/messages';

/** '190 reasons, 66 imported rows with values refused': what the rejected rows' list holds beyond one reason a row refused whole. */
function rejectionDetail(source: SourceFileSummary): string {
  const reasons = countOf(source.rejectionReasons, t.sourcesView.reason, t.sourcesView.reasons);
  return source.rowsPartlyRejected === 0 ? reasons : t.sourcesView.reasonsAndPartlyRejected(reasons, formatCount(source.rowsPartlyRejected));
}

/** The register's columns: an opened file's rejected rows span them all. */
const COLUMNS = 12;

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
      <h1>{t.sourcesView.sourceFiles}</h1>
      <p className="muted">{t.sourcesView.everyImportedFileIdentifiedBy}</p>
      {error && <p role="alert" className="notice danger">{error}</p>}
      {sources?.length === 0 && <p className="card muted">{t.sourcesView.noFilesImportedYetUse}</p>}
      {sources && sources.length > 0 && (
        <table className="grid source-register" aria-label={t.sourcesView.sourceFiles}>
          <thead>
            <tr>
              <th>{t.sourcesView.file}</th>
              <th>{t.sourcesView.sheet}</th>
              <th>{t.sourcesView.kind}</th>
              <th>{t.sourcesView.format}</th>
              <th className="num">{t.sourcesView.size}</th>
              <th>{t.sourcesView.sha256}</th>
              <th>{t.sourcesView.importedAtUtc}</th>
              <th>{t.sourcesView.by}</th>
              <th className="num">{t.sourcesView.rowsRead}</th>
              <th className="num">{t.sourcesView.imported}</th>
              <th className="num">{t.sourcesView.rejected}</th>
              <th>{t.sourcesView.evidence}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => (
              <Fragment key={source.id}>
              <tr>
                <td className="file-name">{source.fileName}</td>
                <td>{source.sheet ?? '—'}</td>
                <td>{KIND_LABELS[source.kind]}</td>
                <td>{source.format.toUpperCase()}</td>
                <td className="num">{formatBytes(source.sizeBytes)}</td>
                <td><ShortHash sha256={source.sha256} /></td>
                <td><Timestamp iso={source.importedAt} /></td>
                <td>{source.importedBy}</td>
                <td className="num">{formatCount(source.rowsRead)}</td>
                <td className="num">{formatCount(source.rowsImported)}</td>
                <td className="num">
                  {source.rejectionReasons === 0 ? 0 : (
                    <button type="button" className="figure-link" aria-expanded={opened === source.id} aria-label={t.sourcesView.rejectedRowsOf(formatCount(source.rowsRejected), source.fileName)} onClick={() => setOpened(opened === source.id ? null : source.id)}>
                      {formatCount(source.rowsRejected)}
                    </button>
                  )}
                  {source.rejectionReasons !== source.rowsRejected && <div className="muted small">{rejectionDetail(source)}</div>}
                </td>
                <td>{source.evidenceStored ? t.sourcesView.stored : t.sourcesView.notStored}</td>
              </tr>
              {opened === source.id && (
                <tr className="source-detail"><td colSpan={COLUMNS}><RejectedRows sourceFileId={source.id} /></td></tr>
              )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {findings.length > 0 && (
        <section className="card import-findings" aria-label={t.sourcesView.whatImportsFoundInThe}>
          <FindingsTable findings={findings} total={findings.length} />
          <p className="muted small">{t.sourcesView.whereAFileGivesOne}</p>
        </section>
      )}
    </>
  );
}
