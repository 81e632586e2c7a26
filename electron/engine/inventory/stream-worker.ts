/**
 * A calculation's reader: reads the variant's records on a read-only connection of its own (one
 * snapshot for both passes), prices them (shared/calc/inventory.ts) and sends the lines and
 * findings to the calculation's writer in batches, at most MAX_BATCHES_IN_FLIGHT ahead of it.
 * Reading and pricing on this thread while the writer inserts on its own uses both cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InventoryCalculation, type CalcRecord, type InventorySink } from '../../../shared/calc/inventory';
import { connectReadOnly } from '../db/read-only';
import { BatchingSink } from './line-batches';
import { CalcRecordReader, selectNeedsMatching } from './store';
import { MAX_BATCHES_IN_FLIGHT, type StreamCommand, type StreamMessage, type StreamRequest } from './stream-protocol';

const port = parentPort!;
const request = workerData as StreamRequest;
let inFlight = 0;
let cancelled = false;
let wakeReader: (() => void) | null = null;

port.on('message', (command: StreamCommand) => {
  if (command.type === 'ack') inFlight--;
  if (command.type === 'cancel') cancelled = true;
  wakeReader?.();
});

const post = (message: StreamMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function main(): Promise<void> {
  const db = connectReadOnly(request.engagementPath, request);
  db.exec('BEGIN');
  try {
    const calculation = new InventoryCalculation(request);
    const pending: Parameters<ConstructorParameters<typeof BatchingSink>[0]>[] = [];
    const batching = new BatchingSink((lines, findings) => pending.push([lines, findings]));
    const discard: InventorySink = { line: () => undefined, finding: () => undefined };
    const sink = request.lines ? batching : discard;
    /** Sends what is batched, waiting while the writer is MAX_BATCHES_IN_FLIGHT behind. */
    const send = async () => {
      for (const [lines, findings] of pending.splice(0)) {
        while (inFlight >= MAX_BATCHES_IN_FLIGHT && !cancelled) await new Promise<void>((resolve) => (wakeReader = resolve));
        if (cancelled) throw new Error('cancelled');
        inFlight++;
        post({ type: 'batch', lines, findings }, [lines.recordIds.buffer, lines.groupIds.buffer, lines.pricingIds.buffer, lines.quantities.buffer, lines.charged.buffer, lines.tco2e.buffer] as ArrayBuffer[]);
      }
    };
    if (selectNeedsMatching(db, request.records)) {
      for (const selection of ['electricity-and-instruments', 'facility-energy-consumed'] as const) {
        const reader = new CalcRecordReader(db, request.records, selection);
        while (reader.readChunk((record) => calculation.scope2Flow(record)));
      }
    }
    const reader = new CalcRecordReader(db, request.records);
    const add = (record: CalcRecord) => calculation.add(record, sink);
    while (reader.readChunk(add)) await send();
    const outcome = calculation.finish();
    batching.flush();
    await send();
    post({ type: 'done', periods: outcome.periods, groups: request.lines ? batching.groups(outcome.groups) : [], pricings: batching.pricings() });
  } finally {
    db.exec('COMMIT');
    db.close();
  }
}

main()
  .catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
  .finally(() => port.close());
