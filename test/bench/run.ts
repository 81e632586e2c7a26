/**
 * `npm run bench`: the engine against the floors it is measured by, on generated data of
 * BENCH_ROWS (default 1,000,000) and a quarter of that, every phase in its own process so its
 * peak RSS is its own, each floor measured in the same run as what it is the floor of:
 * - import: xlsx against a bare exceljs streaming read of the same file (time within 1.3x, peak
 *   RSS under 300 MB); CSV against SQLite's own `.import` of it (within 3x);
 * - calculation: the stored calculation against a bare better-sqlite3 pass reading every record
 *   (within 3x, peak RSS under 400 MB) and SQLite's own GROUP BY over them, then the first page of
 *   a trace of the largest figure (under 300 ms);
 * - export: the workbook writer against a bare exceljs streaming write (see exportSection);
 * - tables: the records table of BENCH_ROWS records: time to its first rows; by three sort orders
 *   the first page (with the count), per page anywhere in it and its last page; every row to CSV.
 * BENCH_REPEAT=n measures every pair n times and reports medians (the machine may be shared);
 * BENCH_ONLY=import,calculate,export,tables picks sections.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import WORKER_ENTRIES from '../../electron/engine/workers/entries.json';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, '.bench');
/** The phases and the engine's workers bundled as the app bundles them (never shipped: out/bench is not packaged). */
const BUNDLE_DIR = path.join(ROOT, 'out', 'bench');

async function bundlePhases(): Promise<void> {
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
    entryPoints: { phase: path.join(__dirname, 'phase.ts'), ...Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, file]) => [name, path.join(ROOT, file)])) },
    outdir: BUNDLE_DIR,
  });
}
const SITES = ['London HQ', 'Manchester', 'DC North', 'DC South', 'Leeds', 'Bristol', 'Glasgow', 'Cardiff'];

function reading(i: number): [string, string, string, number, string] {
  const month = `20${21 + Math.floor((i % 24) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return [SITES[i % SITES.length]!, month, i % 3 === 0 ? 'Natural gas' : 'Electricity', 1000 + (i % 9973) / 4, i % 3 === 0 ? 'm3' : 'kWh'];
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Readings');
  sheet.addRow(['Site', 'Month', 'Activity', 'Quantity', 'Unit', 'Meter', 'Notes']).commit();
  for (let i = 0; i < rows; i++) sheet.addRow([...reading(i), `M-${i % 5000}`, i % 50 === 0 ? 'estimated' : null]).commit();
  sheet.commit();
  await workbook.commit();
}

function writeCsv(file: string, rows: number): void {
  const out = fs.openSync(file, 'w');
  let chunk = 'Site,Month,Activity,Quantity,Unit,Meter,Notes\n';
  for (let i = 0; i < rows; i++) {
    const [site, month, activity, quantity, unit] = reading(i);
    chunk += `${site},${month},${activity},${quantity},${unit},M-${i % 5000},${i % 50 === 0 ? 'estimated' : ''}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

async function ensureFile(name: string, rows: number, write: (file: string, rows: number) => Promise<void> | void): Promise<string> {
  const file = path.join(DIR, `${name}-${rows}.${name}`);
  if (!fs.existsSync(file)) {
    process.stderr.write(`generating ${path.basename(file)}…\n`);
    fs.mkdirSync(DIR, { recursive: true });
    await write(`${file}.partial`, rows);
    fs.renameSync(`${file}.partial`, file);
  }
  return file;
}

interface PhaseResult { phase: string; ms: number; cpuMs: number | null; rows: number; peakRssMb: number; also: Record<string, number> }

function measureOnce(phase: string, file: string): PhaseResult {
  const output = execFileSync(process.execPath, [path.join(BUNDLE_DIR, 'phase.js'), phase, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop()!) as PhaseResult;
}

const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Each phase of a group run REPEAT times, alternating, so a busy moment falls on all of them alike; medians. */
function measure(phases: readonly string[], file: string): PhaseResult[] {
  const runs = phases.map(() => [] as PhaseResult[]);
  for (let round = 0; round < REPEAT; round++) phases.forEach((phase, index) => runs[index]!.push(measureOnce(phase, file)));
  return runs.map((results, index) => ({
    phase: phases[index]!,
    rows: results[0]!.rows,
    ms: median(results.map((result) => result.ms)),
    cpuMs: results.every((result) => result.cpuMs !== null) ? median(results.map((result) => result.cpuMs!)) : null,
    peakRssMb: median(results.map((result) => result.peakRssMb)),
    also: Object.fromEntries(Object.keys(results[0]!.also).map((name) => [name, median(results.map((result) => result.also[name]!))])),
  }));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
/** A phase's CPU time beside its wall time: on a busy machine the wall time stretches, the CPU time much less. */
const cpu = (run: PhaseResult) => (run.cpuMs === null ? '' : ` (CPU ${(run.cpuMs / 1000).toFixed(1)} s)`);
const cpuRatio = (run: PhaseResult, floor: PhaseResult) => (run.cpuMs === null || floor.cpuMs === null ? '' : `, ${(run.cpuMs / floor.cpuMs).toFixed(2)}x its CPU`);
const mb = (run: PhaseResult) => `${String(run.peakRssMb).padStart(5)} MB`;
const count = (rows: number) => String(rows).padStart(9);

/** `BENCH_ONLY=export` (or a comma list of import, calculate, export, tables) runs only those sections. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'import,calculate,export,tables').split(',').map((name) => name.trim()));

async function importSection(): Promise<string> {
  const report: string[] = [];
  for (const rows of [Math.round(ROWS / 4), ROWS]) {
    const xlsx = await ensureFile('xlsx', rows, writeXlsx);
    const [bare, imported] = measure(['bare-xlsx', 'import'], xlsx);
    report.push(
      `xlsx ${count(rows)} rows  import ${seconds(imported!.ms)}${cpu(imported!)}  peak RSS ${mb(imported!)}  |  bare exceljs read ${seconds(bare!.ms)}${cpu(bare!)}  peak RSS ${mb(bare!)}  |  ` +
        `${(imported!.ms / bare!.ms).toFixed(2)}x its time${cpuRatio(imported!, bare!)}, ${(imported!.peakRssMb / bare!.peakRssMb).toFixed(2)}x its memory`,
    );
    process.stderr.write(`${report.at(-1)}\n`);
  }
  for (const rows of [Math.round(ROWS / 4), ROWS]) {
    const csv = await ensureFile('csv', rows, writeCsv);
    const [floor, parse, imported] = measure(['sqlite3-import', 'bare-csv', 'import'], csv);
    report.push(
      `csv  ${count(rows)} rows  import ${seconds(imported!.ms)}${cpu(imported!)}  peak RSS ${mb(imported!)}  |  sqlite3 .import ${seconds(floor!.ms)}${cpu(floor!)}  |  ` +
        `${(imported!.ms / floor!.ms).toFixed(2)}x the floor${cpuRatio(imported!, floor!)}  (papaparse alone ${seconds(parse!.ms).trim()})`,
    );
    process.stderr.write(`${report.at(-1)}\n`);
  }
  return `Import benchmark (targets: xlsx within 1.3x of a bare exceljs read and under 300 MB; CSV within 3x of sqlite3 .import)\n${report.join('\n')}`;
}

function calculateSection(): string {
  const report: string[] = [];
  for (const records of [Math.round(ROWS / 4), ROWS]) {
    measureOnce('calc-prepare', String(records));
    const [groupBy, bare, calculated] = measure(['sqlite-group-by', 'bare-records', 'calculate'], String(records));
    const [trace] = measure(['trace'], String(records));
    report.push(
      `calculate ${count(records)} records  ${seconds(calculated!.ms)}${cpu(calculated!)}  peak RSS ${mb(calculated!)}  ${count(calculated!.rows)} lines stored  |  ` +
        `bare record pass ${seconds(bare!.ms)}${cpu(bare!)} (${(calculated!.ms / bare!.ms).toFixed(2)}x${cpuRatio(calculated!, bare!)})  |  SQLite GROUP BY ${seconds(groupBy!.ms).trim()} (${(calculated!.ms / groupBy!.ms).toFixed(2)}x)  |  ` +
        `trace first page of ${count(trace!.rows).trim()} lines ${Math.round(trace!.ms)} ms`,
    );
    process.stderr.write(`${report.at(-1)}\n`);
  }
  return `Calculation benchmark (targets: within 3x of the bare pass, peak RSS under 400 MB, first trace page under 300 ms)\n${report.join('\n')}`;
}

/**
 * The export of BENCH_ROWS calculation lines end to end, the workbook writer alone on the same
 * number of rows, and a bare exceljs streaming write of as many plain rows of the same width.
 * Target: the writer within 1.5x of the bare write, peak RSS under 500 MB. The end-to-end figures:
 * a fresh engagement (the export calculates and stores first) and one already calculated (the
 * export streams its stored lines).
 */
function exportSection(): string {
  const line = (label: string, run: PhaseResult, bare: PhaseResult) =>
    `${label.padEnd(34)} ${String(run.rows).padStart(9)} rows  ${(run.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${String(run.peakRssMb).padStart(5)} MB  |  ${(run.ms / bare.ms).toFixed(2)}x the bare write`;
  measureOnce('export-prepare', String(ROWS));
  const [bare, writer, whole, stored] = measure(['bare-write', 'export-writer', 'export', 'export-stored'], String(ROWS)) as [PhaseResult, PhaseResult, PhaseResult, PhaseResult];
  process.stderr.write(`${line('workbook writer alone', writer, bare)}\n`);
  return [
    'Export benchmark (target: the writer within 1.5x of a bare exceljs streaming write, peak RSS under 500 MB)',
    `${'bare exceljs streaming write'.padEnd(34)} ${String(bare.rows).padStart(9)} rows  ${(bare.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${String(bare.peakRssMb).padStart(5)} MB`,
    line('workbook writer alone', writer, bare),
    line('export incl. calculation', whole, bare),
    line('export of stored lines', stored, bare),
  ].join('\n');
}

/** The records table as the UI pages it: first rows, then by each sort its first page, pages anywhere in it and its end, then the whole table as CSV. */
function tablesSection(): string {
  measureOnce('table-prepare', String(ROWS));
  const [first, byId, bySite, byQuantity, csv] = measure(['table-first', 'table-page-id', 'table-page-site', 'table-page-quantity', 'table-csv'], String(ROWS)) as [PhaseResult, PhaseResult, PhaseResult, PhaseResult, PhaseResult];
  const ms = (value: number) => `${String(Math.round(value)).padStart(4)} ms`;
  const sorted = (label: string, run: PhaseResult) =>
    `  sorted by ${label.padEnd(8)} (largest first)  first page with the count ${ms(run.also.sort!)}  |  per page, ${run.rows} pages spread to the end ${ms(run.ms)}  |  last page ${ms(run.also.end!)}`;
  const report = [
    `records table ${count(first.rows)} records, pages of 200  first rows (with the count) ${ms(first.ms)}`,
    sorted('record', byId),
    sorted('site', bySite),
    sorted('quantity', byQuantity),
    `records table as CSV ${count(csv.rows)} rows  ${seconds(csv.ms)}  peak RSS ${mb(csv)}`,
  ];
  process.stderr.write(`${report.join('\n')}\n`);
  return `Tables benchmark (the UI's page requests against the records table; every row to CSV)\n${report.join('\n')}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  await bundlePhases();
  const sections: string[] = [];
  if (ONLY.has('import')) sections.push(await importSection());
  if (ONLY.has('calculate')) sections.push(calculateSection());
  if (ONLY.has('export')) sections.push(exportSection());
  if (ONLY.has('tables')) sections.push(tablesSection());
  const minutes = (performance.now() - started) / 60_000;
  process.stdout.write(`\n${sections.join('\n\n')}\n\nThe benchmark took ${minutes.toFixed(1)} min (BENCH_ROWS=${ROWS}, BENCH_REPEAT=${REPEAT}, generating missing files included).\n`);
}

void main();
