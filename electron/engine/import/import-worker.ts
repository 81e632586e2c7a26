/** Runs one import off the engine host's thread, on its own database connection. */
import type { ImportOutcome } from '../../../shared/contract';
import { connectToCheckedDatabase } from '../db/connection';
import { serveWorker } from '../workers/serve';
import type { ImportWorkerData, ImportWorkerProgress } from './import-job';
import { runImport } from './pipeline';

serveWorker<ImportWorkerData, ImportOutcome, ImportWorkerProgress>(async ({ engagementPath, nativeBinding, request }, signal, progress) => {
  const db = connectToCheckedDatabase(engagementPath, { nativeBinding });
  try {
    return await runImport(db, { ...request, signal, onProgress: progress });
  } finally {
    db.close();
  }
});
