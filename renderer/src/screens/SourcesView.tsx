import { Fragment, useEffect, useState } from 'react';
import type { EngagementSummary, ImportFindingView, SourceChangeOutcome, SourceFileSummary } from '../../../shared/contract';
import { api } from '../api';
import { ReasonAction } from '../components/ReasonAction';
import { ShortHash } from '../components/ShortHash';
import { Timestamp } from '../components/Timestamp';
import { countOf, errorMessage, formatBytes, formatCount, formatTimestamp } from '../format';
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
const COLUMNS = 13;

/** What the auditor chose to replace, with why: the import wizard imports the corrected file in its place. */
export interface SourceReplacement {
  readonly sourceFileId: number;
  readonly fileName: string;
  readonly kind: SourceFileSummary['kind'];
  readonly reason: string;
}

/** In use or withdrawn (who, when, why), reinstated, and the files it replaced or was replaced by. */
function SourceStatus({ source, nameOf }: { source: SourceFileSummary; nameOf: (id: number) => string }) {
  const { withdrawal } = source;
  const out = withdrawal !== null && withdrawal.reinstated === null;
  return (
    <>
      <strong className={out ? 'status-withdrawn' : undefined}>{out ? t.sourcesView.withdrawn : t.sourcesView.inUse}</strong>
      {withdrawal && <div className="small">{t.sourcesView.withdrawnBy(formatTimestamp(withdrawal.at), withdrawal.by, withdrawal.reason)}</div>}
      {withdrawal?.replacedBy != null && <div className="small">{t.sourcesView.replacedBy(withdrawal.replacedBy, nameOf(withdrawal.replacedBy))}</div>}
      {withdrawal?.reinstated && <div className="small">{t.sourcesView.reinstatedBy(formatTimestamp(withdrawal.reinstated.at), withdrawal.reinstated.by, withdrawal.reinstated.reason)}</div>}
      {source.replaces !== null && <div className="small">{t.sourcesView.replaces(source.replaces, nameOf(source.replaces))}</div>}
      {out && <div className="muted small">{t.sourcesView.outOfTheCalculation}</div>}
    </>
  );
}

/** Withdraw, reinstate or replace a file, each with the auditor's reason. A factor file is a factor-set version: none of them. */
function SourceActions({ source, onChanged, onReplace }: { source: SourceFileSummary; onChanged: (outcome: SourceChangeOutcome) => void; onReplace: (replacement: SourceReplacement) => void }) {
  if (source.kind === 'factors') return <span className="muted small">{t.sourcesView.factorSetsAreVersions}</span>;
  const out = source.withdrawal !== null && source.withdrawal.reinstated === null;
  const replace = (
    <ReasonAction
      key="replace"
      className="link"
      label={t.sourcesView.replace}
      reasonLabel={t.sourcesView.whyReplaced(source.fileName)}
      placeholder={t.sourcesView.why}
      confirm={t.sourcesView.replaceConfirm}
      onConfirm={async (reason) => onReplace({ sourceFileId: source.id, fileName: source.fileName, kind: source.kind, reason })}
    />
  );
  if (out) {
    return (
      <div className="source-actions">
        <ReasonAction
          key="reinstate"
          className="link"
          label={t.sourcesView.reinstate}
          reasonLabel={t.sourcesView.whyReinstated(source.fileName)}
          placeholder={t.sourcesView.why}
          confirm={t.sourcesView.reinstateConfirm}
          onConfirm={async (reason) => onChanged(await api.call('sources.reinstate', { sourceFileId: source.id, reason }))}
        />
        {source.withdrawal?.replacedBy == null && replace}
      </div>
    );
  }
  return (
    <div className="source-actions">
      <ReasonAction
        key="withdraw"
        className="link"
        label={t.sourcesView.withdraw}
        reasonLabel={t.sourcesView.whyWithdrawn(source.fileName)}
        placeholder={t.sourcesView.why}
        confirm={t.sourcesView.withdrawConfirm}
        onConfirm={async (reason) => onChanged(await api.call('sources.withdraw', { sourceFileId: source.id, reason }))}
      />
      {replace}
    </div>
  );
}

/** What a withdrawal or reinstatement moved, said once it is done. */
function changeMessage(outcome: SourceChangeOutcome): string {
  return t.sourcesView.changed(
    outcome.fileName,
    outcome.withdrawal.reinstated === null ? t.sourcesView.changedWithdrawn : t.sourcesView.changedReinstated,
    countOf(outcome.records, t.sourcesView.record, t.sourcesView.records),
    countOf(outcome.claims, t.sourcesView.claim, t.sourcesView.claims),
    countOf(outcome.targets, t.sourcesView.target, t.sourcesView.targets),
  );
}

/** The source-file register: every imported file, its fingerprint, what became of its rows, and whether it is in use. */
export function SourcesView({ engagement, onReplace }: { engagement: EngagementSummary; onReplace: (replacement: SourceReplacement) => void }) {
  const [sources, setSources] = useState<readonly SourceFileSummary[] | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const [findings, setFindings] = useState<readonly ImportFindingView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  useEffect(() => {
    api.call('import.sources', {}).then(setSources, (caught: unknown) => setError(errorMessage(caught)));
    api.call('import.findings', {}).then(setFindings, (caught: unknown) => setError(errorMessage(caught)));
  }, [engagement.auditEntries]);
  const nameOf = (id: number) => sources?.find((source) => source.id === id)?.fileName ?? String(id);
  return (
    <>
      <h1>{t.sourcesView.sourceFiles}</h1>
      <p className="muted">{t.sourcesView.everyImportedFileIdentifiedBy}</p>
      {error && <p role="alert" className="notice danger">{error}</p>}
      {changed && <p role="status" className="notice warning">{changed}</p>}
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
              <th>{t.sourcesView.status}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => (
              <Fragment key={source.id}>
              <tr className={source.withdrawal !== null && source.withdrawal.reinstated === null ? 'withdrawn' : undefined}>
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
                <td className="source-status">
                  <SourceStatus source={source} nameOf={nameOf} />
                  <SourceActions source={source} onChanged={(outcome) => setChanged(changeMessage(outcome))} onReplace={onReplace} />
                </td>
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
