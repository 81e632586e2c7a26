import { Worker } from 'node:worker_threads';
import type { ReadLimits, ReadRowsOptions, RowBatch, SourceReader } from './readers';
import { SourceRefusedError } from './readers';
import type { ReadWorkerCommand, ReadWorkerMessage } from './read-protocol';
import { unpackRows } from './read-protocol';
import { STREAMING_YOUNG_GENERATION_MB, workerEntry } from '../workers/spawn';
import { nextTurn } from '../next-turn';

export type OpenedSource = Pick<SourceReader, 'format' | 'hasMacros' | 'encoding' | 'delimiter' | 'batches'>;

/**
 * Opens a source on a reader thread (sniffing, the ZIP guard and parsing all happen there) and
 * hands back its rows as they are parsed, acknowledging each batch so the reader stays at most a
 * few batches ahead. Refusals arrive as SourceRefusedError, as from openSource.
 */
export async function openSourceInWorker(path: string, limits?: Partial<ReadLimits>): Promise<OpenedSource> {
  const entry = workerEntry('read-worker');
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: { path, limits }, resourceLimits: { maxYoungGenerationSizeMb: STREAMING_YOUNG_GENERATION_MB } });
  const inbox: ReadWorkerMessage[] = [];
  let waiting: (() => void) | null = null;
  let crashed: Error | null = null;
  worker.on('message', (message: ReadWorkerMessage) => {
    inbox.push(message);
    waiting?.();
  });
  worker.on('error', (error) => {
    crashed = error;
    waiting?.();
  });
  const send = (command: ReadWorkerCommand) => worker.postMessage(command);
  const next = async (): Promise<ReadWorkerMessage> => {
    while (inbox.length === 0) {
      if (crashed) throw crashed;
      await new Promise<void>((resolve) => (waiting = resolve));
      waiting = null;
    }
    return inbox.shift()!;
  };
  const fail = (message: Extract<ReadWorkerMessage, { type: 'failed' }>): never => {
    void worker.terminate();
    if (message.refusal) throw new SourceRefusedError(message.refusal, message.message);
    throw new Error(message.message);
  };

  const opened = await next();
  if (opened.type === 'failed') fail(opened);
  if (opened.type !== 'opened') throw new Error(`reader thread sent '${opened.type}' before opening the file`);
  return {
    format: opened.format,
    hasMacros: opened.hasMacros,
    encoding: opened.encoding as SourceReader['encoding'],
    delimiter: opened.delimiter as SourceReader['delimiter'],
    /** One pass over the rows, parsed on the reader thread, in the batches it sends. */
    async *batches(options: ReadRowsOptions = {}): AsyncGenerator<RowBatch> {
      const cancel = () => send({ type: 'cancel' });
      options.signal?.addEventListener('abort', cancel);
      try {
        send({ type: 'read', sheet: options.sheet });
        for (;;) {
          const message = await next();
          if (message.type === 'failed') {
            if (message.cancelled) options.signal?.throwIfAborted();
            fail(message);
          }
          if (message.type === 'end') {
            options.onProgress?.(message.progress);
            return;
          }
          if (message.type !== 'rows') continue;
          send({ type: 'ack' });
          // Let queued messages in (a cancel) once a batch: the inbox alone never yields to the event loop.
          await nextTurn();
          options.signal?.throwIfAborted();
          yield { sheet: message.sheet, rows: unpackRows(message.rows), cellsJson: message.cellsJson };
          options.onProgress?.(message.progress);
        }
      } finally {
        options.signal?.removeEventListener('abort', cancel);
        void worker.terminate();
      }
    },
  };
}
