/** Runs one export off the engine host's thread, on its own database connections. */
import type { ExportOutcome, ExportProgress } from '../../../shared/contract';
import { Engagement } from '../engagement/handle';
import { serveWorker } from '../workers/serve';
import { exportWorkbook, type ExportWorkerData } from './service';

serveWorker<ExportWorkerData, ExportOutcome, ExportProgress>(async ({ engagementPath, nativeBinding, actor, request }, signal, progress) => {
  const engagement = Engagement.connect(engagementPath, { actor, nativeBinding });
  try {
    return await exportWorkbook(engagement, request, { signal, onProgress: progress });
  } finally {
    engagement.close();
  }
});
