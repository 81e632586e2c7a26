/** An import on its own worker thread (import-worker.ts), with progress and cancel. */
import type { ImportOutcome } from '../../../shared/contract';
import { startWorker, STREAMING_YOUNG_GENERATION_MB, type WorkerJob } from '../workers/spawn';
import type { ImportRequest } from './pipeline';

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

/** The import heap is smaller: rows stream through, so a file of any size fits. */
export const IMPORT_WORKER_HEAP_MB = 512;

export function startImportJob(data: ImportWorkerData, onProgress: (progress: ImportWorkerProgress) => void): WorkerJob<ImportOutcome> {
  return startWorker<ImportOutcome, ImportWorkerProgress>('import-worker', data, { onProgress, heapMb: IMPORT_WORKER_HEAP_MB, youngGenerationMb: STREAMING_YOUNG_GENERATION_MB });
}
