import { useCallback, useState } from 'react';
import { ApiError, type ApiEvents } from '../../shared/contract';
import { api } from './api';

/** The event pairs of the engine's long-running jobs (import, export). */
type FinishedEvent = 'import.finished' | 'export.finished';
type ProgressEvent = 'import.progress' | 'export.progress';
type OutcomeOf<F extends FinishedEvent> = Extract<ApiEvents[F], { ok: true }>['outcome'];

export type JobState<Outcome, Progress> =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly jobId: string | null; readonly progress: Progress | null }
  | { readonly status: 'finished'; readonly jobId: string; readonly outcome: Outcome }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string };

type JobEnd<Outcome> = { readonly status: 'finished'; readonly jobId: string; readonly outcome: Outcome } | { readonly status: 'cancelled' } | { readonly status: 'not-started' };

/**
 * Starts a job and settles with its finished event. Events are heard from before the call, since
 * a small job can finish before the start call has even returned its id. A start that returns
 * null (the user closed the host's dialog) never ran.
 */
function runJob<F extends FinishedEvent, P extends ProgressEvent>(
  events: { readonly finished: F; readonly progress: P },
  start: () => Promise<{ readonly jobId: string } | null>,
  onStarted: (jobId: string) => void,
  onProgress: (progress: ApiEvents[P]) => void,
): Promise<JobEnd<OutcomeOf<F>>> {
  return new Promise((resolve, reject) => {
    let jobId: string | null = null;
    const finishedBeforeStart: ApiEvents[FinishedEvent][] = [];
    const settle = (finished: ApiEvents[FinishedEvent]): void => {
      stopListening();
      if (finished.ok) resolve({ status: 'finished', jobId: finished.jobId, outcome: finished.outcome as OutcomeOf<F> });
      else if (finished.cancelled) resolve({ status: 'cancelled' });
      else reject(new ApiError(finished.error.code, finished.error.message, finished.error.details));
    };
    const stopFinished = api.on(events.finished, (finished: ApiEvents[FinishedEvent]) => {
      if (jobId === null) finishedBeforeStart.push(finished);
      else if (finished.jobId === jobId) settle(finished);
    });
    const stopProgress = api.on(events.progress, (progress: ApiEvents[P]) => {
      if (progress.jobId === jobId) onProgress(progress);
    });
    const stopListening = (): void => {
      stopFinished();
      stopProgress();
    };
    start().then(
      (started) => {
        if (!started) {
          stopListening();
          resolve({ status: 'not-started' });
          return;
        }
        jobId = started.jobId;
        onStarted(started.jobId);
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

/** One job at a time, with its progress and how it ended; `cancel` asks the engine to stop it. */
export function useJob<F extends FinishedEvent, P extends ProgressEvent>(events: { readonly finished: F; readonly progress: P }, cancelJob: (jobId: string) => Promise<unknown>) {
  const [state, setState] = useState<JobState<OutcomeOf<F>, ApiEvents[P]>>({ status: 'idle' });

  const start = useCallback(async (call: () => Promise<{ readonly jobId: string } | null>) => {
    setState({ status: 'running', jobId: null, progress: null });
    try {
      const end = await runJob(
        events,
        call,
        (jobId) => setState((current) => (current.status === 'running' ? { ...current, jobId } : current)),
        (progress) => setState((current) => (current.status === 'running' ? { ...current, progress } : current)),
      );
      setState(end.status === 'not-started' ? { status: 'idle' } : end);
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
    }
  }, [events]);

  const cancel = useCallback(async () => {
    if (state.status !== 'running' || state.jobId === null) return;
    try {
      await cancelJob(state.jobId);
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
    }
  }, [state, cancelJob]);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, start, cancel, reset };
}
