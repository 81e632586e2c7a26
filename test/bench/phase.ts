/**
 * One measured phase of the benchmark, run in its own process so its peak RSS is its own.
 * Prints one JSON line: { phase, ms, rows, peakRssMb }. A phase that does untimed work around
 * what it measures (copying a file first) returns its own time.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engagement } from '../../electron/engine/engagement/handle';
import { previewImport } from '../../electron/engine/import/preview';
import { startImportJob } from '../../electron/engine/import/import-job';
import { bareCsvParse, bareExceljsRead } from '../../electron/engine/import/readers/bare-read';
import { mappingSchema } from '../../shared/import/mapping';
import { bareRecordPass, calculateCopy, prepareCalculation, sqliteGroupBy, traceFirstPage, type Timed } from './calculation';
import { firstRecordsPage, pagesById, pagesByQuantity, pagesBySite, prepareTables, recordsCsv } from './tables';
import { bareStreamingWrite, exportEngagement, exportStoredLines, exportWriterOnly, prepareExportEngagement } from './export';

/** The import of a file into a new engagement, on its suggested mapping; timed from the import's start (the engagement and the mapping are made before). */
async function importFile(file: string): Promise<Timed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-'));
  try {
    const engagement = Engagement.create(path.join(dir, 'bench.carbonaudit'), { entityName: 'Bench', fiscalYearStartMonth: 4 }, { actor: 'bench' });
    const mapping = mappingSchema.parse((await previewImport(engagement.db, file, 'activity')).mapping);
    const started = performance.now();
    // Through the import worker, as the app and the CLI run it.
    const outcome = await startImportJob({ engagementPath: engagement.filePath, request: { filePath: file, mapping, actor: 'bench', settings: engagement.settings() } }, () => undefined).result;
    const ms = performance.now() - started;
    engagement.close();
    if (outcome.rejectedTotal > 0) throw new Error(`benchmark file had ${outcome.rejectedTotal} rejected rows: ${outcome.rejected[0]?.reason}`);
    return { rows: outcome.recordsCreated, ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor a CSV import is measured against: SQLite's own CSV import of the same file into a new database. */
async function sqliteImport(file: string): Promise<Timed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-floor-'));
  try {
    const started = performance.now();
    execFileSync('sqlite3', [path.join(dir, 'floor.sqlite'), '.mode csv', `.import ${file} readings`]);
    const ms = performance.now() - started;
    const rows = Number(execFileSync('sqlite3', [path.join(dir, 'floor.sqlite'), 'SELECT count(*) FROM readings'], { encoding: 'utf8' }).trim());
    return { rows, ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PHASES: Record<string, (file: string) => Promise<number | Timed>> = {
  'bare-xlsx': bareExceljsRead,
  'bare-csv': bareCsvParse,
  'sqlite3-import': sqliteImport,
  import: importFile,
  'calc-prepare': prepareCalculation,
  'sqlite-group-by': sqliteGroupBy,
  'bare-records': bareRecordPass,
  calculate: calculateCopy,
  trace: traceFirstPage,
  'export-prepare': prepareExportEngagement,
  export: exportEngagement,
  'export-stored': exportStoredLines,
  'export-writer': exportWriterOnly,
  'bare-write': bareStreamingWrite,
  'table-prepare': prepareTables,
  'table-first': firstRecordsPage,
  'table-page-id': pagesById,
  'table-page-site': pagesBySite,
  'table-page-quantity': pagesByQuantity,
  'table-csv': recordsCsv,
};

async function main(): Promise<void> {
  const [phase, file] = process.argv.slice(2);
  const run = phase ? PHASES[phase] : undefined;
  if (!run || !file) throw new Error(`usage: phase.ts <${Object.keys(PHASES).join('|')}> <file>`);
  const started = performance.now();
  const result = await run(file);
  const { rows, ms } = typeof result === 'number' ? { rows: result, ms: performance.now() - started } : result;
  process.stdout.write(`${JSON.stringify({ phase, ms: Math.round(ms), rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

void main();
