import { useCallback, useState } from 'react';
import { ApiError, type ApiInput, type ImportFinished, type ImportOutcome, type ImportProgress } from '../../../../shared/contract';
import { api } from '../../api';

export type ImportJobState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly jobId: string | null; readonly progress: ImportProgress | null }
  | { readonly status: 'finished'; readonly outcome: ImportOutcome }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string };

interface JobListener {
  onStarted(jobId: string): void;
  onProgress(progress: ImportProgress): void;
}

/**
 * Starts an import job and settles with its `import.finished` event: the outcome, or null when
 * it was cancelled. Events are heard from before the call, since a small file can finish before
 * `import.start` has even returned its job id.
 */
function runImportJob(input: ApiInput<'import.start'>, listener: JobListener): Promise<ImportOutcome | null> {
  return new Promise((resolve, reject) => {
    let jobId: string | null = null;
    const finishedBeforeStart: ImportFinished[] = [];
    const settle = (finished: ImportFinished): void => {
      stopListening();
      if (finished.ok) resolve(finished.outcome);
      else if (finished.cancelled) resolve(null);
      else reject(new ApiError(finished.error.code, finished.error.message, finished.error.details));
    };
    const stopFinished = api.on('import.finished', (finished) => {
      if (jobId === null) finishedBeforeStart.push(finished);
      else if (finished.jobId === jobId) settle(finished);
    });
    const stopProgress = api.on('import.progress', (progress) => {
      if (progress.jobId === jobId) listener.onProgress(progress);
    });
    const stopListening = (): void => {
      stopFinished();
      stopProgress();
    };
    api.call('import.start', input).then(
      (started) => {
        jobId = started.jobId;
        listener.onStarted(started.jobId);
        const finished = finishedBeforeStart.find((event) => event.jobId === started.jobId);
        if (finished) settle(finished);
      },
      (error: unknown) => {
        stopListening();
        reject(error);
      },
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One import job at a time (a dry run or the real import), with its progress and how it ended. */
export function useImportJob() {
  const [state, setState] = useState<ImportJobState>({ status: 'idle' });

  const start = useCallback(async (input: ApiInput<'import.start'>) => {
    setState({ status: 'running', jobId: null, progress: null });
    try {
      const outcome = await runImportJob(input, {
        onStarted: (jobId) => setState((current) => (current.status === 'running' ? { ...current, jobId } : current)),
        onProgress: (progress) => setState((current) => (current.status === 'running' ? { ...current, progress } : current)),
      });
      setState(outcome ? { status: 'finished', outcome } : { status: 'cancelled' });
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
    }
  }, []);

  const cancel = useCallback(async () => {
    if (state.status !== 'running' || state.jobId === null) return;
    try {
      await api.call('import.cancel', { jobId: state.jobId });
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
    }
  }, [state]);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, start, cancel, reset };
}
