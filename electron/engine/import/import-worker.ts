/** Runs one import off the main thread, on its own database connection. */
import type { ImportOutcome } from '../../../shared/contract';
import { connectToCheckedDatabase } from '../db/connection';
import { runImport, type ImportRequest } from './pipeline';
import { serveWorker } from '../workers/serve';

export interface ImportWorkerData {
  readonly engagementPath: string;
  readonly nativeBinding?: string;
  readonly request: Omit<ImportRequest, 'signal' | 'onProgress'>;
}

export interface ImportWorkerProgress {
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

serveWorker<ImportWorkerData, ImportOutcome, ImportWorkerProgress>(async ({ engagementPath, nativeBinding, request }, signal, progress) => {
  const db = connectToCheckedDatabase(engagementPath, { nativeBinding });
  try {
    return await runImport(db, { ...request, signal, onProgress: progress });
  } finally {
    db.close();
  }
});
