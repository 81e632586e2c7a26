/** Runs one export off the main thread, on its own database connection. */
import type { ExportOutcome, ExportProgress } from '../../../shared/contract';
import { connectToCheckedDatabase } from '../db/connection';
import { Engagement } from '../engagement';
import { exportWorkbook, type ExportWorkerData } from '../export/service';
import { serveWorker } from './serve';

serveWorker<ExportWorkerData, ExportOutcome, ExportProgress>(async ({ engagementPath, nativeBinding, actor, request }, signal, progress) => {
  const engagement = Engagement.attach(connectToCheckedDatabase(engagementPath, { nativeBinding }), engagementPath, actor);
  try {
    return await exportWorkbook(engagement, request, { signal, onProgress: progress });
  } finally {
    engagement.close();
  }
});
