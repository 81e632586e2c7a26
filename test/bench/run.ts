/**
 * `npm run bench`: import throughput and memory against the bare readers, on generated files.
 *
 * For each format it imports a file of BENCH_ROWS rows (default 1,000,000) and one a quarter
 * that size, each phase in its own process so peak RSS is measured per phase; the import's time
 * is compared with a bare streaming read of the same file in the same run (target: within 1.3x).
 * Peak RSS at both sizes shows whether memory grows with the file. Then it calculates an
 * engagement of BENCH_ROWS activity records and reports records/s and peak RSS.
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

async function main(): Promise<void> {
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
  const calculation = measure('calculate', String(ROWS));
  const calculationLine = `calculate ${String(ROWS).padStart(9)} records  ${(calculation.ms / 1000).toFixed(1).padStart(6)} s  ${Math.round(ROWS / (calculation.ms / 1000)).toLocaleString('en-GB').padStart(9)} records/s  peak RSS ${String(calculation.peakRssMb).padStart(5)} MB`;
  process.stdout.write(`\nImport benchmark (target: import within 1.3x of the bare read; peak RSS flat across sizes)\n${report.join('\n')}\n\nCalculation benchmark\n${calculationLine}\n`);
}

void main();
