import { Worker } from 'node:worker_threads';
import { EngineError, type EngineErrorCode } from '../errors';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { workerEntry, type WorkerName } from './spawn';

export interface PoolOptions {
  /** Heap ceiling of each worker, in MB. */
  readonly heapMb: number;
  /** A request running longer is refused and its worker stopped. */
  readonly timeLimitMs: number;
  /** Workers kept warm between requests. */
  readonly idle?: number;
}

/**
 * Workers that serve short requests (serveRequests) and are kept warm between them: a new worker
 * spends most of a short request loading its modules. Each request runs on a worker of its own
 * (an idle one, or a new one), under the pool's heap and time limits; a worker that runs out of
 * either is stopped and never reused. Idle workers do not keep the process alive.
 */
export class WorkerPool<Data, Result> {
  private readonly idle: Worker[] = [];

  constructor(
    private readonly name: WorkerName,
    private readonly options: PoolOptions,
  ) {}

  run(data: Data): Promise<Result> {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    return new Promise<Result>((resolve, reject) => {
      const finish = (reuse: boolean, outcome: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reuse && this.idle.length < (this.options.idle ?? 1)) {
          worker.unref();
          this.idle.push(worker);
        } else {
          void worker.terminate();
        }
        outcome();
      };
      const timer = setTimeout(() => {
        finish(false, () => reject(new EngineError('refused', `Stopped: reading the file took longer than the ${Math.round(this.options.timeLimitMs / 1000)} s it may take. Nothing was changed.`)));
      }, this.options.timeLimitMs);
      const onMessage = (message: WorkerMessage<Result, never>) => {
        if (message.type === 'done') finish(true, () => resolve(message.result));
        else if (message.type === 'failed') finish(true, () => reject(new EngineError(message.code as EngineErrorCode, message.message, message.details)));
      };
      const onError = (error: Error) => {
        const outOfMemory = /heap|memory/i.test(error.message);
        finish(false, () => reject(new EngineError('refused', outOfMemory ? `Stopped: reading the file needs more than the ${this.options.heapMb} MB it may use. Nothing was changed.` : `Failed: ${error.message}. Nothing was changed.`)));
      };
      const onExit = (code: number) => finish(false, () => reject(new EngineError('refused', `The worker stopped unexpectedly (exit code ${code}). Nothing was changed.`)));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ type: 'request', data } satisfies WorkerRequest<Data>);
    });
  }

  /** Stops the idle workers (a running request's worker stops when it is done). */
  close(): void {
    for (const worker of this.idle.splice(0)) void worker.terminate();
  }

  private spawn(): Worker {
    const entry = workerEntry(this.name);
    const worker = new Worker(entry.script, { eval: entry.eval, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    // An idle worker that dies (it should not) is dropped from the pool.
    worker.once('exit', () => {
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
    });
    return worker;
  }
}
