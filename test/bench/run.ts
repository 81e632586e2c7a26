/**
 * `npm run bench`: import throughput and memory against the bare readers, on generated files.
 *
 * For each format it imports a file of BENCH_ROWS rows (default 1,000,000) and one a quarter
 * that size, each phase in its own process so peak RSS is measured per phase; the import's time
 * is compared with a bare streaming read of the same file in the same run (target: within 1.3x).
 * Peak RSS at both sizes shows whether memory grows with the file. Then it calculates an
 * engagement of BENCH_ROWS activity records and reports records/s and peak RSS, and exports one of
 * BENCH_ROWS calculation lines beside a bare exceljs streaming write (see exportSection).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DIR = path.resolve(__dirname, '..', '..', '.bench');
const PHASE = path.join(__dirname, 'phase.ts');
const TSX = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
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

interface PhaseResult { phase: string; ms: number; rows: number; peakRssMb: number }

function measure(phase: string, file: string): PhaseResult {
  const output = execFileSync(TSX, [PHASE, phase, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop()!) as PhaseResult;
}

/** `BENCH_ONLY=export` (or a comma list of import, calculate, export) runs only those sections. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'import,calculate,export').split(',').map((name) => name.trim()));

async function importSection(): Promise<string> {
  const report: string[] = [];
  for (const [format, write, bare] of [['xlsx', writeXlsx, 'bare-xlsx'], ['csv', writeCsv, 'bare-csv']] as const) {
    for (const rows of [Math.round(ROWS / 4), ROWS]) {
      const file = await ensureFile(format, rows, write);
      const bareRun = measure(bare, file);
      const importRun = measure('import', file);
      report.push(
        `${format.padEnd(5)} ${String(rows).padStart(9)} rows  import ${(importRun.ms / 1000).toFixed(1).padStart(6)} s  ${Math.round(rows / (importRun.ms / 1000)).toLocaleString('en-GB').padStart(9)} rows/s  peak RSS ${String(importRun.peakRssMb).padStart(5)} MB  |  bare read ${(bareRun.ms / 1000).toFixed(1).padStart(6)} s, peak RSS ${String(bareRun.peakRssMb).padStart(5)} MB  |  import / bare ${(importRun.ms / bareRun.ms).toFixed(2)}x`,
      );
      process.stderr.write(`${report.at(-1)}\n`);
    }
  }
  return `Import benchmark (target: import within 1.3x of the bare read; peak RSS flat across sizes)\n${report.join('\n')}`;
}

function calculateSection(): string {
  const calculation = measure('calculate', String(ROWS));
  return `Calculation benchmark\ncalculate ${String(ROWS).padStart(9)} records  ${(calculation.ms / 1000).toFixed(1).padStart(6)} s  ${Math.round(ROWS / (calculation.ms / 1000)).toLocaleString('en-GB').padStart(9)} records/s  peak RSS ${String(calculation.peakRssMb).padStart(5)} MB`;
}

/**
 * The export of BENCH_ROWS calculation lines end to end, the workbook writer alone on the same
 * number of rows, and a bare exceljs streaming write of as many plain rows of the same width.
 * Target: the writer within 1.5x of the bare write, peak RSS under 500 MB. The end-to-end figure
 * includes today's in-memory calculation, which dominates its memory.
 */
function exportSection(): string {
  const line = (label: string, run: PhaseResult, bare: PhaseResult) =>
    `${label.padEnd(34)} ${String(run.rows).padStart(9)} rows  ${(run.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${String(run.peakRssMb).padStart(5)} MB  |  ${(run.ms / bare.ms).toFixed(2)}x the bare write`;
  const bare = measure('bare-write', String(ROWS));
  process.stderr.write(`bare write ${bare.ms} ms\n`);
  const writer = measure('export-writer', String(ROWS));
  process.stderr.write(`${line('workbook writer alone', writer, bare)}\n`);
  measure('export-prepare', String(ROWS));
  const whole = measure('export', String(ROWS));
  return [
    'Export benchmark (target: the writer within 1.5x of a bare exceljs streaming write, peak RSS under 500 MB)',
    `${'bare exceljs streaming write'.padEnd(34)} ${String(bare.rows).padStart(9)} rows  ${(bare.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${String(bare.peakRssMb).padStart(5)} MB`,
    line('workbook writer alone', writer, bare),
    line('export incl. calculation', whole, bare),
  ].join('\n');
}

async function main(): Promise<void> {
  const sections: string[] = [];
  if (ONLY.has('import')) sections.push(await importSection());
  if (ONLY.has('calculate')) sections.push(calculateSection());
  if (ONLY.has('export')) sections.push(exportSection());
  process.stdout.write(`\n${sections.join('\n\n')}\n`);
}

void main();
