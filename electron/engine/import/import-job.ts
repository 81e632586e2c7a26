import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportOutcome } from '../../../shared/contract';
import { EngineError, type EngineErrorCode } from '../errors';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker';

/** The worker's heap ceiling: rows stream through, so a file of any size fits. */
export const IMPORT_WORKER_HEAP_MB = 1536;

export interface ImportJob {
  readonly outcome: Promise<ImportOutcome>;
  cancel(): void;
}

/**
 * The worker script: beside the bundle (out/node, out/main) when built; when the engine itself
 * runs from TypeScript source (tests), the source file loaded through tsx's require hook.
 */
function workerEntry(): { script: string; eval: boolean } {
  const bundled = path.join(__dirname, 'import-worker.js');
  if (fs.existsSync(bundled)) return { script: bundled, eval: false };
  const source = path.join(__dirname, 'import-worker.ts');
  return { script: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
}

export function startImportJob(data: ImportWorkerData, onProgress: (progress: Extract<ImportWorkerMessage, { type: 'progress' }>) => void): ImportJob {
  const entry = workerEntry();
  const worker = new Worker(entry.script, {
    eval: entry.eval,
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: IMPORT_WORKER_HEAP_MB },
  });
  const outcome = new Promise<ImportOutcome>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') onProgress(message);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.outcome);
      } else {
        settled = true;
        reject(new EngineError(message.code as EngineErrorCode, message.message, message.details));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      const outOfMemory = /heap|memory/i.test(error.message);
      reject(new EngineError('refused', outOfMemory ? `Import stopped: the file needs more than the ${IMPORT_WORKER_HEAP_MB} MB the importer may use. Nothing was changed.` : `Import failed: ${error.message}. Nothing was changed.`));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new EngineError('refused', `Import worker stopped unexpectedly (exit code ${code}). Nothing was changed.`));
    });
  });
  return { outcome, cancel: () => worker.postMessage('cancel') };
}
