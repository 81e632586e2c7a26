import type { ReactNode } from 'react';
import type { JobState } from '../useJob';
import { t } from '../../../shared/messages';

function ProgressBar({ label, percent, detail, onCancel, canCancel }: { label: string; percent: number | null; detail: string; onCancel: () => void; canCancel: boolean }) {
  const rounded = Math.round(percent ?? 0);
  return (
    <div className="job-progress" role="status">
      <div className="job-progress-head">
        <span>{label}</span>
        <span className="muted">{percent === null ? t.jobView.starting : `${rounded}%${detail ? ` · ${detail}` : ''}`}</span>
      </div>
      <progress max={100} value={rounded} aria-label={label} />
      <div>
        <button type="button" onClick={onCancel} disabled={!canCancel}>{t.jobView.cancel}</button>
      </div>
    </div>
  );
}

interface Props<Outcome, Progress extends { readonly percent: number }> {
  job: JobState<Outcome, Progress>;
  runningLabel: string;
  cancelledMessage: string;
  /** What the progress line says beside the percentage (rows read, rows written…). */
  describe: (progress: Progress) => string;
  onCancel: () => void;
  children: (outcome: Outcome) => ReactNode;
}

/** A job as it runs (progress and Cancel), how it failed or was cancelled, or what it produced. */
export function JobView<Outcome, Progress extends { readonly percent: number }>({ job, runningLabel, cancelledMessage, describe, onCancel, children }: Props<Outcome, Progress>) {
  switch (job.status) {
    case 'idle':
      return null;
    case 'running':
      return <ProgressBar label={runningLabel} percent={job.progress?.percent ?? null} detail={job.progress ? describe(job.progress) : ''} onCancel={onCancel} canCancel={job.jobId !== null} />;
    case 'cancelled':
      return <p role="status" className="notice">{cancelledMessage}</p>;
    case 'failed':
      return <p role="alert" className="notice danger">{job.message}</p>;
    case 'finished':
      return children(job.outcome);
  }
}
