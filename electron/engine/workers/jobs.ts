import type { ImportOutcome } from '../../../shared/contract';
import type { CalcWorkerData, CalcWorkerResult } from '../inventory/calc-worker';
import type { ImportWorkerData, ImportWorkerProgress } from '../import/import-worker';
import { startWorker, type WorkerJob } from './spawn';

/** The import heap is smaller: rows stream through, so a file of any size fits. */
export const IMPORT_WORKER_HEAP_MB = 512;

export function startImportJob(data: ImportWorkerData, onProgress: (progress: ImportWorkerProgress) => void): WorkerJob<ImportOutcome> {
  return startWorker<ImportOutcome, ImportWorkerProgress>('import-worker', data, onProgress, IMPORT_WORKER_HEAP_MB);
}

export function startCalcJob<Op extends CalcWorkerData['op']>(data: Extract<CalcWorkerData, { op: Op }>): WorkerJob<Extract<CalcWorkerResult, { op: Op }>> {
  return startWorker('calc-worker', data);
}
