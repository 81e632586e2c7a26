import { parentPort, workerData } from 'node:worker_threads';
import { EngineError } from '../errors';
import { CANCEL_MESSAGE, type WorkerMessage, type WorkerRequest } from './protocol';

/**
 * The worker side: runs `work` once with the worker's data, reports progress, and posts exactly
 * one 'done' or 'failed'. A cancel message from the parent aborts the signal. `afterReply` runs
 * once the answer is posted, whatever it was: clean-up the parent need not wait for.
 */
export function serveWorker<Data, Result, Progress>(
  work: (data: Data, signal: AbortSignal, progress: (progress: Progress) => void) => Promise<Result>,
  afterReply?: () => void,
): void {
  const port = parentPort!;
  const controller = new AbortController();
  port.on('message', (message: unknown) => {
    if (message === CANCEL_MESSAGE) controller.abort();
  });
  const post = (message: WorkerMessage<Result, Progress>) => port.postMessage(message);
  work(workerData as Data, controller.signal, (progress) => post({ type: 'progress', progress }))
    .then((result) => post({ type: 'done', result }), (error: unknown) => post(failure(error)))
    .finally(() => {
      try {
        afterReply?.();
      } finally {
        port.close();
      }
    });
}

/**
 * The worker side of a pool (pool.ts): serves one request after another for as long as the pool
 * keeps the worker, each answered with exactly one 'done' or 'failed'.
 */
export function serveRequests<Data, Result>(work: (data: Data) => Promise<Result>): void {
  const port = parentPort!;
  const post = (message: WorkerMessage<Result, never>) => port.postMessage(message);
  port.on('message', (request: WorkerRequest<Data>) => {
    work(request.data).then((result) => post({ type: 'done', result }), (error: unknown) => post(failure(error)));
  });
}

function failure(error: unknown): WorkerMessage<never, never> {
  if (error instanceof EngineError) return { type: 'failed', code: error.code, message: error.message, details: error.details };
  return { type: 'failed', code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
