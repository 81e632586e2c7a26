/**
 * One measured phase of the benchmark, run in its own process so its peak RSS is its own.
 * Prints one JSON line: { phase, ms, rows, peakRssMb }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engagement } from '../../electron/engine/engagement';
import { previewImport } from '../../electron/engine/import/preview';
import { runImport } from '../../electron/engine/import/pipeline';
import { bareCsvParse, bareExceljsRead } from '../../electron/engine/import/readers/bare-read';
import { mappingSchema } from '../../shared/import/mapping';

async function importFile(file: string): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-'));
  try {
    const engagement = Engagement.create(path.join(dir, 'bench.carbonaudit'), { entityName: 'Bench', fiscalYearStartMonth: 4 }, { actor: 'bench' });
    const mapping = mappingSchema.parse((await previewImport(engagement.db, file, 'activity')).mapping);
    const outcome = await runImport(engagement.db, { filePath: file, mapping, actor: 'bench', settings: engagement.settings() });
    engagement.close();
    if (outcome.rejectedTotal > 0) throw new Error(`benchmark file had ${outcome.rejectedTotal} rejected rows: ${outcome.rejected[0]?.reason}`);
    return outcome.recordsCreated;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PHASES: Record<string, (file: string) => Promise<number>> = {
  'bare-xlsx': bareExceljsRead,
  'bare-csv': bareCsvParse,
  import: importFile,
};

async function main(): Promise<void> {
  const [phase, file] = process.argv.slice(2);
  const run = phase ? PHASES[phase] : undefined;
  if (!run || !file) throw new Error(`usage: phase.ts <${Object.keys(PHASES).join('|')}> <file>`);
  const started = performance.now();
  const rows = await run(file);
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ phase, ms: Math.round(ms), rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

void main();
