import { useCallback } from 'react';
import type { ApiInput, ImportOutcome, ImportProgress } from '../../../../shared/contract';
import { api } from '../../api';
import { formatCount } from '../../format';
import { useJob, type JobState } from '../../useJob';
import { t } from '../../../../shared/messages';

export type ImportJobState = JobState<ImportOutcome, ImportProgress>;

const IMPORT_EVENTS = { finished: 'import.finished', progress: 'import.progress' } as const;
const cancelImport = (jobId: string) => api.call('import.cancel', { jobId });

export const describeRowsRead = (progress: ImportProgress) => t.useImportJob.rowsRead(formatCount(progress.rowsRead));

/** One import job at a time (a dry run or the real import), with its progress and how it ended. */
export function useImportJob() {
  const job = useJob(IMPORT_EVENTS, cancelImport);
  const { start: startJob } = job;
  const start = useCallback((input: ApiInput<'import.start'>) => startJob(() => api.call('import.start', input)), [startJob]);
  return { ...job, start };
}
