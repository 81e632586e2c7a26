import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EngineError, type EngineErrorCode } from '../errors';
import WORKER_ENTRIES from './entries.json';
import { CANCEL_MESSAGE, type WorkerMessage } from './protocol';

/** A worker's heap ceiling: imports stream rows and calculations hold one engagement's records. */
export const WORKER_HEAP_MB = 4096;

/** Every worker's bundle name and source file: the build scripts bundle the same list. */
export type WorkerName = keyof typeof WORKER_ENTRIES;

/** The project root, from this file in the source tree (electron/engine/workers). */
const SOURCE_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface WorkerJob<Result> {
  readonly result: Promise<Result>;
  cancel(): void;
}

/**
 * The worker script: beside the bundle (out/node, out/main) when built; when the engine itself
 * runs from TypeScript source (tests), the source file loaded through tsx's require hook.
 */
export function workerEntry(name: WorkerName): { script: string; eval: boolean } {
  const bundled = path.join(__dirname, `${name}.js`);
  if (fs.existsSync(bundled)) return { script: bundled, eval: false };
  const source = path.join(SOURCE_ROOT, WORKER_ENTRIES[name]);
  return { script: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
}

export interface WorkerOptions<Progress> {
  readonly onProgress?: (progress: Progress) => void;
  /** Heap ceiling in MB (default WORKER_HEAP_MB). */
  readonly heapMb?: number;
  /** Ceiling of the young generation in MB (V8's default otherwise); see STREAMING_YOUNG_GENERATION_MB. */
  readonly youngGenerationMb?: number;
}

/**
 * The young generation of a thread that streams rows through: they die young, so a small nursery
 * keeps them all the same, while V8's default lets each busy thread grow one of 48 MB (an xlsx
 * import's reader and writer threads together were then 35 MB over the import's memory target).
 */
export const STREAMING_YOUNG_GENERATION_MB = 16;

/** Runs one piece of engine work on its own thread (and its own database connection). */
export function startWorker<Result, Progress = never>(name: WorkerName, data: unknown, options: WorkerOptions<Progress> = {}): WorkerJob<Result> {
  const { onProgress = () => undefined, heapMb = WORKER_HEAP_MB, youngGenerationMb } = options;
  const entry = workerEntry(name);
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngGenerationMb } });
  const result = new Promise<Result>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: WorkerMessage<Result, Progress>) => {
      if (message.type === 'progress') return onProgress(message.progress);
      settled = true;
      if (message.type === 'done') resolve(message.result);
      else reject(new EngineError(message.code as EngineErrorCode, message.message, message.details));
    });
    worker.on('error', (error) => {
      settled = true;
      const outOfMemory = /heap|memory/i.test(error.message);
      reject(new EngineError('refused', outOfMemory ? `Stopped: the work needs more than the ${heapMb} MB it may use. Nothing was changed.` : `Failed: ${error.message}. Nothing was changed.`));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new EngineError('refused', `The worker stopped unexpectedly (exit code ${code}). Nothing was changed.`));
    });
  });
  return { result, cancel: () => worker.postMessage(CANCEL_MESSAGE) };
}
