/**
 * The writer's side of a calculation's stream worker: starts it and hands over its batches as
 * they come, acknowledging each once it is taken, then its outcome.
 */
import { Worker } from 'node:worker_threads';
import { EngineError } from '../errors';
import { workerEntry } from '../workers/spawn';
import type { StreamCommand, StreamMessage, StreamRequest } from './stream-protocol';

type Batch = Extract<StreamMessage, { type: 'batch' }>;
type Done = Extract<StreamMessage, { type: 'done' }>;

/** Runs the stream worker; `onBatch` takes each batch in order (synchronously), and the outcome is returned at the end. */
export async function streamInWorker(request: StreamRequest, onBatch: (batch: Batch) => void, signal?: AbortSignal): Promise<Done> {
  const entry = workerEntry('calc-stream-worker');
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: request });
  const inbox: StreamMessage[] = [];
  let waiting: (() => void) | null = null;
  let crashed: Error | null = null;
  worker.on('message', (message: StreamMessage) => {
    inbox.push(message);
    waiting?.();
  });
  worker.on('error', (error) => {
    crashed = error;
    waiting?.();
  });
  worker.on('exit', (code) => {
    crashed ??= new Error(`the calculation's reader stopped (exit code ${code})`);
    waiting?.();
  });
  const send = (command: StreamCommand) => worker.postMessage(command);
  const cancel = () => send({ type: 'cancel' });
  signal?.addEventListener('abort', cancel);
  try {
    for (;;) {
      while (inbox.length === 0) {
        if (crashed) throw crashed;
        await new Promise<void>((resolve) => (waiting = resolve));
        waiting = null;
      }
      const message = inbox.shift()!;
      signal?.throwIfAborted();
      if (message.type === 'failed') throw new EngineError('calculation', `The calculation failed: ${message.message}`);
      if (message.type === 'done') return message;
      onBatch(message);
      send({ type: 'ack' });
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    void worker.terminate();
  }
}
