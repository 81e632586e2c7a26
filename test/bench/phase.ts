/**
 * One measured phase of the benchmark, run in its own process so its peak RSS is its own.
 * Prints one JSON line: { phase, ms, rows, peakRssMb }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engagement } from '../../electron/engine/engagement/handle';
import { previewImport } from '../../electron/engine/import/preview';
import { startImportJob } from '../../electron/engine/import/import-job';
import { bareCsvParse, bareExceljsRead } from '../../electron/engine/import/readers/bare-read';
import { mappingSchema } from '../../shared/import/mapping';
import { calculate } from '../../electron/engine/inventory/calculate';
import { loadFactorLibrary } from '../../electron/engine/factors/library';
import { insertGeneratedRecords } from '../helpers/generated-records';
import { bareStreamingWrite, exportEngagement, exportWriterOnly, prepareExportEngagement } from './export';

async function importFile(file: string): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-'));
  try {
    const engagement = Engagement.create(path.join(dir, 'bench.carbonaudit'), { entityName: 'Bench', fiscalYearStartMonth: 4 }, { actor: 'bench' });
    const mapping = mappingSchema.parse((await previewImport(engagement.db, file, 'activity')).mapping);
    // Through the import worker, as the app and the CLI run it.
    const outcome = await startImportJob({ engagementPath: engagement.filePath, request: { filePath: file, mapping, actor: 'bench', settings: engagement.settings() } }, () => undefined).result;
    engagement.close();
    if (outcome.rejectedTotal > 0) throw new Error(`benchmark file had ${outcome.rejectedTotal} rejected rows: ${outcome.rejected[0]?.reason}`);
    return outcome.recordsCreated;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds an engagement of `count` monthly records in the benchmark folder (once), then times calculate. */
async function calculateRecords(countText: string): Promise<number> {
  const count = Number(countText);
  const file = path.resolve(__dirname, '..', '..', '.bench', `calculate-${count}.carbonaudit`);
  if (!fs.existsSync(file)) {
    const engagement = Engagement.create(`${file}.partial`, { entityName: 'Bench', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, { actor: 'bench' });
    loadFactorLibrary(engagement);
    insertGeneratedRecords(engagement, count);
    engagement.close();
    fs.renameSync(`${file}.partial`, file);
  }
  const engagement = Engagement.open(file, { actor: 'bench' });
  const result = calculate(engagement);
  engagement.close();
  if (result.findings.length > 0) throw new Error(`benchmark records had findings: ${result.findings[0]?.message}`);
  return count;
}

const PHASES: Record<string, (file: string) => Promise<number>> = {
  'bare-xlsx': bareExceljsRead,
  'bare-csv': bareCsvParse,
  import: importFile,
  calculate: calculateRecords,
  'export-prepare': prepareExportEngagement,
  export: exportEngagement,
  'export-writer': exportWriterOnly,
  'bare-write': bareStreamingWrite,
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
