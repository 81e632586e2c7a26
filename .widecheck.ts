import { openSourceInWorker } from './electron/engine/import/parallel-reader';
(async () => {
  const source = await openSourceInWorker('/tmp/widecheck/wide.csv');
  let rows = 0, cells = 0, batches = 0;
  for await (const batch of source.batches()) { batches++; for (const row of batch.rows) { rows++; cells += row.cells.length; } }
  console.log({ batches, rows, cells });
})().catch((e) => { console.error('ERR', e); process.exit(1); });
