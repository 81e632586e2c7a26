import { useCallback, useState } from 'react';
import type { ExportDetailMode, ExportOutcome, ExportProgress } from '../../../shared/contract';
import { api } from '../api';
import { JobView } from '../components/JobView';
import { ShortHash } from '../components/ShortHash';
import { errorMessage, formatCount } from '../format';
import { useHost } from '../useHost';
import { useJob } from '../useJob';
import { t } from '../../../shared/messages';

const EXPORT_EVENTS = { finished: 'export.finished', progress: 'export.progress' } as const;
const cancelExport = (jobId: string) => api.call('export.cancel', { jobId });

const DETAIL_OPTIONS: readonly { readonly mode: ExportDetailMode; readonly label: string; readonly hint: string }[] = [
  { mode: 'full', label: t.exportView.fullDetail, hint: t.exportView.oneRowPerCalculationLine },
  { mode: 'summary', label: t.exportView.summaryDetail, hint: t.exportView.oneRowPerGroupOf },
];

const PHASES: Readonly<Record<ExportProgress['phase'], string>> = { calculating: t.exportView.calculating, writing: t.exportView.writing, packing: t.exportView.packingEvidence, done: t.exportView.done };

function describeProgress(progress: ExportProgress): string {
  const rows = progress.phase === 'writing' && progress.totalRows > 0 ? t.exportView.ofDetailRows(formatCount(progress.rowsWritten), formatCount(progress.totalRows)) : '';
  return `${PHASES[progress.phase]}${rows}`;
}

function ExportResult({ jobId, outcome }: { jobId: string; outcome: ExportOutcome }) {
  const [error, setError] = useState<string | null>(null);
  const host = useHost();
  const reveal = () => api.call('export.reveal', { jobId }).catch((caught: unknown) => setError(errorMessage(caught)));
  return (
    <section className="card" aria-label={t.exportView.exportFinished}>
      <h2>{t.exportView.workbookExported}</h2>
      <dl className="facts">
        <div><dt>{t.exportView.workbook}</dt><dd>{outcome.workbookPath.split(/[\\/]/).pop()}</dd></div>
        <div><dt>{t.exportView.sha256}</dt><dd><ShortHash sha256={outcome.workbookSha256} /></dd></div>
        <div><dt>{t.exportView.sheets}</dt><dd>{outcome.sheets.length}</dd></div>
        <div><dt>{t.exportView.detailRows}</dt><dd>{formatCount(outcome.detailRows)}</dd></div>
        <div><dt>{t.exportView.auditLog}</dt><dd>{t.exportView.entriesHead(outcome.auditEntries)} <ShortHash sha256={outcome.auditHeadHash} /></dd></div>
        {outcome.evidencePackPath && <div><dt>{t.exportView.evidencePack}</dt><dd>{outcome.evidencePackPath.split(/[\\/]/).pop()} {t.exportView.sourceFiles(outcome.evidenceFiles)}</dd></div>}
      </dl>
      <div className="step-actions">
        <button type="button" onClick={() => void reveal()}>{host === 'browser' ? t.exportView.downloadWorkbook : t.exportView.showInFolder}</button>
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
      <h1>{t.exportView.export}</h1>
      <p className="muted">
        {t.exportView.theAuditedWorkbookALead}
      </p>
      <section className="card" aria-labelledby="export-options">
        <h2 id="export-options">{t.exportView.options}</h2>
        <fieldset className="kind-choice" disabled={running}>
          <legend className="sr-only">{t.exportView.recalculationDetail}</legend>
          {DETAIL_OPTIONS.map((option) => (
            <label key={option.mode} className={option.mode === detail ? 'kind-option selected' : 'kind-option'}>
              <input type="radio" name="detail" value={option.mode} checked={option.mode === detail} onChange={() => setDetail(option.mode)} />
              <span><strong>{option.label}</strong><br /><span className="muted small">{option.hint}</span></span>
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={evidencePack} disabled={running} onChange={(event) => setEvidencePack(event.target.checked)} />
          {t.exportView.alsoWriteAnEvidencePack}
        </label>
        <div className="step-actions">
          <button type="button" className="primary" onClick={() => void exportNow()} disabled={running}>{t.exportView.exportWorkbook}</button>
        </div>
      </section>
      <JobView job={job.state} runningLabel={t.exportView.exporting} describe={describeProgress} cancelledMessage={t.exportView.exportCancelledNoFileWas} onCancel={() => void job.cancel()}>
        {(outcome) => (job.state.status === 'finished' ? <ExportResult jobId={job.state.jobId} outcome={outcome} /> : null)}
      </JobView>
    </div>
  );
}
