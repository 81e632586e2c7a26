import { parentPort, workerData } from 'node:worker_threads';
import { EngineError } from '../errors';
import { CANCEL_MESSAGE, type WorkerMessage } from './protocol';

/**
 * The worker side: runs `work` once with the worker's data, reports progress, and posts exactly
 * one 'done' or 'failed'. A cancel message from the parent aborts the signal.
 */
export function serveWorker<Data, Result, Progress>(
  work: (data: Data, signal: AbortSignal, progress: (progress: Progress) => void) => Promise<Result>,
): void {
  const port = parentPort!;
  const controller = new AbortController();
  port.on('message', (message: unknown) => {
    if (message === CANCEL_MESSAGE) controller.abort();
  });
  const post = (message: WorkerMessage<Result, Progress>) => port.postMessage(message);
  work(workerData as Data, controller.signal, (progress) => post({ type: 'progress', progress }))
    .then((result) => post({ type: 'done', result }))
    .catch((error: unknown) => {
      if (error instanceof EngineError) post({ type: 'failed', code: error.code, message: error.message, details: error.details });
      else post({ type: 'failed', code: 'internal', message: error instanceof Error ? error.message : String(error) });
    })
    .finally(() => port.close());
}
