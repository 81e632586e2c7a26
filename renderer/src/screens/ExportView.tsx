import { useCallback, useState } from 'react';
import type { ExportDetailMode, ExportOutcome, ExportProgress } from '../../../shared/contract';
import { api } from '../api';
import { JobView } from '../components/JobView';
import { ShortHash } from '../components/ShortHash';
import { errorMessage } from '../format';
import { useJob } from '../useJob';

const EXPORT_EVENTS = { finished: 'export.finished', progress: 'export.progress' } as const;
const cancelExport = (jobId: string) => api.call('export.cancel', { jobId });

const DETAIL_OPTIONS: readonly { readonly mode: ExportDetailMode; readonly label: string; readonly hint: string }[] = [
  { mode: 'full', label: 'Full detail', hint: 'One row per calculation line, with its record and source row.' },
  { mode: 'summary', label: 'Summary detail', hint: 'One row per group of lines sharing a factor and boundary share: for very large engagements.' },
];

const PHASES: Readonly<Record<ExportProgress['phase'], string>> = { calculating: 'calculating', writing: 'writing', packing: 'packing evidence', done: 'done' };

function describeProgress(progress: ExportProgress): string {
  const rows = progress.phase === 'writing' && progress.totalRows > 0 ? ` ${progress.rowsWritten.toLocaleString('en-GB')} of ${progress.totalRows.toLocaleString('en-GB')} detail rows` : '';
  return `${PHASES[progress.phase]}${rows}`;
}

function ExportResult({ jobId, outcome }: { jobId: string; outcome: ExportOutcome }) {
  const [error, setError] = useState<string | null>(null);
  const reveal = () => api.call('export.reveal', { jobId }).catch((caught: unknown) => setError(errorMessage(caught)));
  return (
    <section className="card" aria-label="Export finished">
      <h2>Workbook exported</h2>
      <dl className="facts">
        <div><dt>Workbook</dt><dd>{outcome.workbookPath.split(/[\\/]/).pop()}</dd></div>
        <div><dt>SHA-256</dt><dd><ShortHash sha256={outcome.workbookSha256} /></dd></div>
        <div><dt>Sheets</dt><dd>{outcome.sheets.length}</dd></div>
        <div><dt>Detail rows</dt><dd>{outcome.detailRows.toLocaleString('en-GB')}</dd></div>
        <div><dt>Audit log</dt><dd>{outcome.auditEntries} entries, head <ShortHash sha256={outcome.auditHeadHash} /></dd></div>
        {outcome.evidencePackPath && <div><dt>Evidence pack</dt><dd>{outcome.evidencePackPath.split(/[\\/]/).pop()} ({outcome.evidenceFiles} source files)</dd></div>}
      </dl>
      <div className="step-actions">
        <button type="button" onClick={() => void reveal()}>Show in folder</button>
      </div>
      {error && <p role="alert" className="notice danger">{error}</p>}
    </section>
  );
}

/** The audited workbook: options, then a save dialog, progress with cancel, and the result. */
export function ExportView() {
  const [detail, setDetail] = useState<ExportDetailMode>('full');
  const [evidencePack, setEvidencePack] = useState(true);
  const job = useJob(EXPORT_EVENTS, cancelExport);
  const { start } = job;
  const exportNow = useCallback(() => start(() => api.call('export.start', { detail, evidencePack })), [start, detail, evidencePack]);
  const running = job.state.status === 'running';
  return (
    <div className="export-screen">
      <h1>Export</h1>
      <p className="muted">
        The audited workbook: a lead schedule whose every figure is a formula over the recalculation detail, the metrics, the factors and
        source files used, rejected rows, the audit log and a sign-off block. Imported text is always written as text.
      </p>
      <section className="card" aria-labelledby="export-options">
        <h2 id="export-options">Options</h2>
        <fieldset className="kind-choice" disabled={running}>
          <legend className="sr-only">Recalculation detail</legend>
          {DETAIL_OPTIONS.map((option) => (
            <label key={option.mode} className={option.mode === detail ? 'kind-option selected' : 'kind-option'}>
              <input type="radio" name="detail" value={option.mode} checked={option.mode === detail} onChange={() => setDetail(option.mode)} />
              <span><strong>{option.label}</strong><br /><span className="muted small">{option.hint}</span></span>
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={evidencePack} disabled={running} onChange={(event) => setEvidencePack(event.target.checked)} />
          Also write an evidence pack (.zip): the workbook, the source files kept as evidence, and a SHA-256 manifest
        </label>
        <div className="step-actions">
          <button type="button" className="primary" onClick={() => void exportNow()} disabled={running}>Export workbook…</button>
        </div>
      </section>
      <JobView job={job.state} runningLabel="Exporting" describe={describeProgress} cancelledMessage="Export cancelled: no file was written." onCancel={() => void job.cancel()}>
        {(outcome) => (job.state.status === 'finished' ? <ExportResult jobId={job.state.jobId} outcome={outcome} /> : null)}
      </JobView>
    </div>
  );
}
