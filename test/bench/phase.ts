/**
 * One measured phase of the benchmark, run in its own process so its peak RSS is its own.
 * Prints one JSON line: { phase, ms, cpuMs, rows, peakRssMb, also }. A phase that does untimed work
 * around what it measures (copying a file first) returns its own time.
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

/**
 * CPU milliseconds used so far by this process (all its threads) and the child processes it
 * waited for; null where the children's share cannot be read (it comes from /proc). On a shared
 * machine wall time stretches with the load while CPU time barely does, so both are reported.
 */
function cpuMsSoFar(): number | null {
  const own = process.cpuUsage();
  let children: number;
  try {
    // Fields 16 and 17 of /proc/self/stat: children's user and system time, in clock ticks (100 a second on Linux).
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
  return (own.user + own.system) / 1000 + children;
}

function cpuMsSince(start: number | null): number | null {
  const now = cpuMsSoFar();
  return start === null || now === null ? null : now - start;
}

/**
 * This process's peak RSS in MB, all threads. Linux carries the getrusage maximum over exec, so a
 * phase spawned by a runner holding 275 MB would report at least that; /proc's VmHWM starts
 * afresh at exec. Elsewhere, getrusage's figure.
 */
function peakRssMb(): number {
  try {
    const highWaterMark = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (highWaterMark) return Math.round(Number(highWaterMark[1]) / 1024);
  } catch {
    // no /proc: getrusage below
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** What the suggest-mapping phase prints: the mapping the preview of a file suggests. */
async function suggestMapping(file: string): Promise<void> {
  process.stdout.write(JSON.stringify((await previewImport(null, file, 'activity')).mapping));
}

/**
 * The import of a file into a new engagement, on its suggested mapping; timed from the import's
 * start (the engagement and the mapping are made before). The preview runs in a process of its
 * own, as the app runs it on a worker of its own: its memory is the preview's, not the import's.
 */
async function importFile(file: string): Promise<Timed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-'));
  try {
    const engagement = Engagement.create(path.join(dir, 'bench.carbonaudit'), { entityName: 'Bench', fiscalYearStartMonth: 4 }, { actor: 'bench' });
    const mapping = mappingSchema.parse(JSON.parse(execFileSync(process.execPath, [__filename, 'suggest-mapping', file], { encoding: 'utf8', maxBuffer: 1 << 20 })));
    const started = performance.now();
    const cpuStarted = cpuMsSoFar();
    // Through the import worker, as the app and the CLI run it.
    const outcome = await startImportJob({ engagementPath: engagement.filePath, request: { filePath: file, mapping, actor: 'bench', settings: engagement.settings() } }, () => undefined).result;
    const ms = performance.now() - started;
    const cpuMs = cpuMsSince(cpuStarted);
    engagement.close();
    if (outcome.rejectedTotal > 0) throw new Error(`benchmark file had ${outcome.rejectedTotal} rejected rows: ${outcome.rejected[0]?.reason}`);
    return { rows: outcome.recordsCreated, ms, cpuMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor a CSV import is measured against: SQLite's own CSV import of the same file into a new database. */
async function sqliteImport(file: string): Promise<Timed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-bench-floor-'));
  try {
    const started = performance.now();
    const cpuStarted = cpuMsSoFar();
    execFileSync('sqlite3', [path.join(dir, 'floor.sqlite'), '.mode csv', `.import ${file} readings`]);
    const ms = performance.now() - started;
    const cpuMs = cpuMsSince(cpuStarted);
    const rows = Number(execFileSync('sqlite3', [path.join(dir, 'floor.sqlite'), 'SELECT count(*) FROM readings'], { encoding: 'utf8' }).trim());
    return { rows, ms, cpuMs };
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
  if (phase === 'suggest-mapping' && file) return suggestMapping(file);
  const run = phase ? PHASES[phase] : undefined;
  if (!run || !file) throw new Error(`usage: phase.ts <${Object.keys(PHASES).join('|')}> <file>`);
  const started = performance.now();
  const cpuStarted = cpuMsSoFar();
  const result = await run(file);
  const { rows, ms, cpuMs = null, also = {} } = typeof result === 'number' ? { rows: result, ms: performance.now() - started, cpuMs: cpuMsSince(cpuStarted) } : result;
  process.stdout.write(`${JSON.stringify({ phase, ms: Math.round(ms), cpuMs: cpuMs === null ? null : Math.round(cpuMs), rows, peakRssMb: peakRssMb(), also })}\n`);
}

void main();
