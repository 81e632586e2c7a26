/**
 * Calculation benchmark phases (each run in its own process by run.ts, so peak RSS is its own):
 * - calc-prepare: builds an engagement of N generated records in the benchmark folder (untimed, once);
 * - bare-records: a bare better-sqlite3 pass reading every record of it, the columns the calculation reads;
 * - sqlite-group-by: SQLite's own GROUP BY summing every record's quantity per site, activity and unit;
 * - calculate: the stored calculation of a fresh copy (the copy is made before the clock starts);
 * - trace: the first page of the largest figure of that calculated copy, in a new process.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Engagement } from '../../electron/engine/engagement/handle';
import { calculate } from '../../electron/engine/inventory/calculate';
import { inventoryResults, traceFigure } from '../../electron/engine/inventory/service';
import { loadFactorLibrary } from '../../electron/engine/factors/library';
import { insertGeneratedRecords } from '../helpers/generated-records';

const BENCH_DIR = path.resolve(__dirname, '..', '..', '.bench');

export interface Timed {
  readonly rows: number;
  /** The measured part's time, when the phase does untimed work besides. */
  readonly ms: number;
  /** The CPU time of that part, every thread and waited-for child process; null where it cannot be read. */
  readonly cpuMs?: number | null;
  /** Further times a phase measures beside its main one, in ms by name (a table's sort, its last page…). */
  readonly also?: Readonly<Record<string, number>>;
}

/** An engagement of `count` generated records on the default library, built once in the benchmark folder under `name`. */
export function generatedEngagement(name: string, count: number): string {
  const file = path.join(BENCH_DIR, `${name}.carbonaudit`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(BENCH_DIR, { recursive: true });
    const engagement = Engagement.create(`${file}.partial`, { entityName: 'Bench', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, { actor: 'bench' });
    loadFactorLibrary(engagement);
    insertGeneratedRecords(engagement, count);
    engagement.close();
    fs.renameSync(`${file}.partial`, file);
  }
  return file;
}

const generated = (count: number) => generatedEngagement(`calculate-${count}`, count);

const calculated = (count: number) => path.join(BENCH_DIR, `calculated-${count}.carbonaudit`);

export async function prepareCalculation(countText: string): Promise<number> {
  generated(Number(countText));
  return Number(countText);
}

/** Every record read once, as the calculation's columns, with nothing done to them: the floor a calculation is measured against. */
export async function bareRecordPass(countText: string): Promise<number> {
  const db = new Database(generated(Number(countText)), { readonly: true });
  let rows = 0;
  const statement = db.prepare('SELECT id, site, period_start, period_end, activity, meaning, quantity, unit, unit_basis, scope3_category, region, instrument FROM activity_record ORDER BY id').raw();
  for (const _row of statement.iterate()) rows++;
  db.close();
  return rows;
}

/** SQLite summing every record in C, without a row reaching JavaScript: the lowest floor there is. */
export async function sqliteGroupBy(countText: string): Promise<number> {
  const db = new Database(generated(Number(countText)), { readonly: true });
  const groups = db.prepare('SELECT site, activity, unit, sum(quantity) FROM activity_record GROUP BY site, activity, unit').raw().all();
  const { records } = db.prepare('SELECT count(*) AS records FROM activity_record').get() as { records: number };
  db.close();
  if (groups.length === 0) throw new Error('no records to group');
  return records;
}

export async function calculateCopy(countText: string): Promise<Timed> {
  const count = Number(countText);
  const copy = calculated(count);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  fs.copyFileSync(generated(count), copy);
  const engagement = Engagement.open(copy, { actor: 'bench' });
  const started = performance.now();
  // This process's threads (the calculation's workers are threads of it): its CPU beside its wall time, as for the import.
  const cpuStarted = process.cpuUsage();
  const run = await calculate(engagement);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  engagement.close();
  if (run.findingCount > 0) throw new Error(`benchmark records had ${run.findingCount} findings`);
  return { rows: run.lineCount, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** The first page of the figure with the most lines (net: Scope 1 and market-based Scope 2) of the latest year. */
export async function traceFirstPage(countText: string): Promise<Timed> {
  const engagement = Engagement.open(calculated(Number(countText)), { actor: 'bench' });
  const latest = inventoryResults(engagement).periods.at(-1)!.label;
  const started = performance.now();
  const page = traceFigure(engagement, { figure: `${latest}.net`, page: 0, pageSize: 100, sort: 'record', descending: false });
  const ms = performance.now() - started;
  engagement.close();
  if (page.lines.length !== 100) throw new Error(`the first page of ${latest}.net has ${page.lines.length} lines`);
  return { rows: page.lineCount, ms };
}
