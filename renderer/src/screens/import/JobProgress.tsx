import type { ReactNode } from 'react';
import type { ImportOutcome, ImportProgress } from '../../../../shared/contract';
import type { ImportJobState } from './useImportJob';

function ProgressBar({ label, progress, onCancel, canCancel }: { label: string; progress: ImportProgress | null; onCancel: () => void; canCancel: boolean }) {
  const percent = Math.round(progress?.percent ?? 0);
  return (
    <div className="job-progress" role="status">
      <div className="job-progress-head">
        <span>{label}</span>
        <span className="muted">{progress ? `${percent}% · ${progress.rowsRead.toLocaleString('en-GB')} rows read` : 'Starting…'}</span>
      </div>
      <progress max={100} value={percent} aria-label={label} />
      <div>
        <button type="button" onClick={onCancel} disabled={!canCancel}>Cancel</button>
      </div>
    </div>
  );
}

interface Props {
  job: ImportJobState;
  runningLabel: string;
  cancelledMessage: string;
  onCancel: () => void;
  children: (outcome: ImportOutcome) => ReactNode;
}

/** A job as it runs (progress and Cancel), how it failed or was cancelled, or what it produced. */
export function JobView({ job, runningLabel, cancelledMessage, onCancel, children }: Props) {
  switch (job.status) {
    case 'idle':
      return null;
    case 'running':
      return <ProgressBar label={runningLabel} progress={job.progress} onCancel={onCancel} canCancel={job.jobId !== null} />;
    case 'cancelled':
      return <p role="status" className="notice">{cancelledMessage}</p>;
    case 'failed':
      return <p role="alert" className="notice danger">{job.message}</p>;
    case 'finished':
      return children(job.outcome);
  }
}
