/**
 * Runs one import off the main thread, on its own database connection. Messages to the parent:
 * progress while reading, then exactly one 'done' or 'failed'. A 'cancel' message aborts the
 * read; the pipeline then rolls back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportOutcome } from '../../../shared/contract';
import { connectToCheckedDatabase } from '../db/connection';
import { EngineError } from '../errors';
import { runImport, type ImportRequest } from './pipeline';

export interface ImportWorkerData {
  readonly engagementPath: string;
  readonly nativeBinding?: string;
  readonly request: Omit<ImportRequest, 'signal' | 'onProgress'>;
}

export type ImportWorkerMessage =
  | { readonly type: 'progress'; readonly rowsRead: number; readonly bytesRead: number; readonly totalBytes: number }
  | { readonly type: 'done'; readonly outcome: ImportOutcome }
  | { readonly type: 'failed'; readonly code: string; readonly message: string; readonly details?: unknown };

const port = parentPort!;
const { engagementPath, nativeBinding, request } = workerData as ImportWorkerData;
const controller = new AbortController();
port.on('message', (message: unknown) => {
  if (message === 'cancel') controller.abort();
});

const post = (message: ImportWorkerMessage) => port.postMessage(message);
const db = connectToCheckedDatabase(engagementPath, { nativeBinding });

runImport(db, { ...request, signal: controller.signal, onProgress: (progress) => post({ type: 'progress', ...progress }) })
  .then((outcome) => post({ type: 'done', outcome }))
  .catch((error: unknown) => {
    if (error instanceof EngineError) post({ type: 'failed', code: error.code, message: error.message, details: error.details });
    else post({ type: 'failed', code: 'internal', message: error instanceof Error ? error.message : String(error) });
  })
  .finally(() => {
    db.close();
    port.close();
  });
