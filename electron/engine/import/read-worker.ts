/**
 * Parses a source file on its own thread and streams its rows to the thread that writes them,
 * so parsing and database writes use both cores. At most MAX_BATCHES_IN_FLIGHT batches wait
 * unacknowledged, so a fast reader cannot fill memory ahead of a slow writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawRow } from '../../../shared/import/cell';
import { openSource, SourceRefusedError, type ReadLimits, type ReadProgress } from './readers';
import type { ReadWorkerCommand, ReadWorkerMessage } from './read-protocol';
import { CELLS_PER_BATCH, MAX_BATCHES_IN_FLIGHT, packRows, ROWS_PER_BATCH } from './read-protocol';

const port = parentPort!;
const { path, limits } = workerData as { path: string; limits?: Partial<ReadLimits> };
const controller = new AbortController();
let inFlight = 0;
let wakeWriter: (() => void) | null = null;
let readSheet: ((sheet: string | undefined) => void) | null = null;

port.on('message', (command: ReadWorkerCommand) => {
  if (command.type === 'cancel') controller.abort();
  if (command.type === 'ack') inFlight--;
  if (command.type === 'read') readSheet?.(command.sheet);
  if (command.type !== 'read') wakeWriter?.();
});

const post = (message: ReadWorkerMessage) => port.postMessage(message);

async function backpressure(): Promise<void> {
  while (inFlight >= MAX_BATCHES_IN_FLIGHT && !controller.signal.aborted) {
    await new Promise<void>((resolve) => (wakeWriter = resolve));
  }
}

async function main(): Promise<void> {
  const reader = await openSource(path, { limits });
  const sheetToRead = new Promise<string | undefined>((resolve) => (readSheet = resolve));
  post({ type: 'opened', format: reader.format, hasMacros: reader.hasMacros, encoding: reader.encoding, delimiter: reader.delimiter });
  const sheet = await sheetToRead;
  let batch: RawRow[] = [];
  let batchCells = 0;
  // Each CSV row's cells serialised here as its raw row stores them: a CSV reader thread waits on
  // the writing thread, so this is work taken off the slower thread. A workbook's reader thread
  // (exceljs parsing XML) is the slower one, so there the writing thread serialises.
  const serialiseHere = reader.format === 'csv';
  let batchJson: string[] = [];
  let batchSheet = '';
  let progress: ReadProgress = { bytesRead: 0, totalBytes: 0, rows: 0 };
  const flush = async () => {
    if (batch.length === 0) return;
    await backpressure();
    inFlight++;
    post({ type: 'rows', sheet: batchSheet, rows: packRows(batch), ...(serialiseHere ? { cellsJson: batchJson } : {}), progress });
    batch = [];
    batchCells = 0;
    batchJson = [];
  };
  for await (const read of reader.batches({ sheet, signal: controller.signal, onProgress: (latest) => (progress = latest) })) {
    if (read.sheet !== batchSheet) await flush();
    batchSheet = read.sheet;
    for (const row of read.rows) {
      if (batchCells + row.cells.length > CELLS_PER_BATCH) await flush();
      batch.push(row);
      batchCells += row.cells.length;
      if (serialiseHere) batchJson.push(JSON.stringify(row.cells));
      if (batch.length >= ROWS_PER_BATCH || batchCells >= CELLS_PER_BATCH) await flush();
    }
  }
  await flush();
  post({ type: 'end', progress });
}

main()
  .catch((error: unknown) => {
    if (controller.signal.aborted) return post({ type: 'failed', cancelled: true, message: 'cancelled' });
    if (error instanceof SourceRefusedError) return post({ type: 'failed', cancelled: false, refusal: error.code, message: error.message });
    post({ type: 'failed', cancelled: false, message: error instanceof Error ? error.message : String(error) });
  })
  .finally(() => port.close());
