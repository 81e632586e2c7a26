import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { EngineError } from '../../../electron/engine/errors';
import { startImportJob } from '../../../electron/engine/import/import-job';
import { previewImport } from '../../../electron/engine/import/preview';
import { runImport } from '../../../electron/engine/import/pipeline';
import { mappingSchema } from '../../../shared/import/mapping';
import { importFootprint, newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'carbon-audit');
const LEGACY_XLS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'conversion-factors-2021-flat-file-automatic-processing.xls');

/** A long-layout CSV of monthly electricity readings. */
function writeReadingsCsv(file: string, rows: number): void {
  const lines = ['Site,Month,Activity,Quantity,Unit'];
  for (let i = 0; i < rows; i++) lines.push(`Site ${i % 50},2022-${String((i % 12) + 1).padStart(2, '0')},Electricity,${1000 + (i % 997)},kWh`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function csvMapping(engagement: Engagement, file: string) {
  return mappingSchema.parse((await previewImport(engagement.db, file, 'activity')).mapping);
}

describe('an import commits completely or not at all', () => {
  const tempDir = useTempDir();

  it('refuses a legacy .xls with a clear message and changes nothing', async () => {
    const engagement = newEngagement(tempDir());
    const before = importFootprint(engagement);
    const mapping = mappingSchema.parse({ version: 1, kind: 'factors', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 0 }, layout: 'long', columns: [], decimalSeparator: '.' });
    const attempt = runImport(engagement.db, { filePath: LEGACY_XLS, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    await expect(attempt).rejects.toThrow(EngineError);
    await expect(attempt).rejects.toThrow(/\.xls.*save (it )?as \.xlsx/i);
    expect(importFootprint(engagement)).toEqual(before);
    engagement.close();
  });

  it('rolls back everything when cancelled part-way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'readings.csv');
    writeReadingsCsv(file, 200_000);
    const engagement = newEngagement(dir);
    const mapping = await csvMapping(engagement, file);
    const before = importFootprint(engagement);
    const controller = new AbortController();
    let progressSeen = 0;
    const attempt = runImport(engagement.db, {
      filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings(), signal: controller.signal,
      onProgress: (progress) => {
        progressSeen = progress.rowsRead;
        controller.abort();
      },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'cancelled' });
    expect(progressSeen).toBeGreaterThan(0);
    expect(importFootprint(engagement)).toEqual(before);
    expect(engagement.db.pragma('integrity_check', { simple: true })).toBe('ok');
    engagement.close();
  });

  it('runs in a worker thread, reporting progress, and cancels there too', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'readings.csv');
    writeReadingsCsv(file, 20_000);
    const engagement = newEngagement(dir);
    const mapping = await csvMapping(engagement, file);
    const progress: number[] = [];
    const fileBytesBefore = fs.statSync(engagement.filePath).size;
    const job = startImportJob({ engagementPath: engagement.filePath, request: { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() } }, (p) => progress.push(p.rowsRead));
    const outcome = await job.result;
    expect(outcome.recordsCreated).toBe(20_000);
    expect(importFootprint(engagement).activity_record).toBe(20_000);
    // The worker checkpoints after sending the outcome: the engagement file itself, not only its WAL, comes to hold the import.
    // The copy grows the file as it goes: wait for the size the import needs, not for its first change.
    const importedBytes = fileBytesBefore + 1024 * 1024;
    const deadline = Date.now() + 30_000;
    while (fs.statSync(engagement.filePath).size <= importedBytes && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.statSync(engagement.filePath).size).toBeGreaterThan(importedBytes);

    // Same file name, so the mapping's sheet (a CSV's sheet is its name) applies.
    fs.mkdirSync(path.join(dir, 'next'));
    const big = path.join(dir, 'next', 'readings.csv');
    writeReadingsCsv(big, 300_000);
    const before = importFootprint(engagement);
    const cancelled = startImportJob({ engagementPath: engagement.filePath, request: { filePath: big, mapping, ...TEST_ACTOR, settings: engagement.settings() } }, () => cancelled.cancel());
    await expect(cancelled.result).rejects.toMatchObject({ code: 'cancelled' });
    expect(importFootprint(engagement)).toEqual(before);
    // An engagement the worker cannot open fails with why, not a bare worker error.
    const missing = startImportJob({ engagementPath: path.join(dir, 'gone.carbonaudit'), request: { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() } }, () => undefined);
    await expect(missing.result).rejects.toMatchObject({ message: expect.stringContaining('unable to open database file') });
    engagement.close();
  });

  it('saves nothing when more than half of the rows would be rejected, unless told to; half exactly is saved', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    /** Four readings, `bad` of them in a unit no activity is measured in. */
    const readings = (name: string, bad: number) => {
      const file = path.join(dir, name);
      const units = ['kWh', 'kWh', 'kWh', 'kWh'].map((unit, index) => (index < bad ? 'furlongs' : unit));
      fs.writeFileSync(file, `Site,Month,Activity,Quantity,Unit\n${units.map((unit, index) => `Leeds,2022-0${index + 4},Electricity,${1000 + index},${unit}`).join('\n')}\n`);
      return file;
    };
    const mostlyBad = readings('mostly-bad.csv', 3);
    const mapping = await csvMapping(engagement, mostlyBad);
    const before = importFootprint(engagement);
    const refused = await runImport(engagement.db, { filePath: mostlyBad, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(refused).toMatchObject({ committed: false, shortfall: 'more than half of the data rows would be rejected (3 of 4)' });
    expect(importFootprint(engagement)).toEqual(before);

    const allowed = await runImport(engagement.db, { filePath: mostlyBad, mapping, ...TEST_ACTOR, settings: engagement.settings(), allowEmpty: true });
    expect(allowed).toMatchObject({ committed: true, shortfall: 'more than half of the data rows would be rejected (3 of 4)' });
    expect(importFootprint(engagement)).toMatchObject({ source_file: 1, activity_record: 1, rejected_row: 3 });

    const halfBad = readings('half-bad.csv', 2);
    expect(await runImport(engagement.db, { filePath: halfBad, mapping: await csvMapping(engagement, halfBad), ...TEST_ACTOR, settings: engagement.settings() })).toMatchObject({ committed: true, shortfall: null });
    expect(importFootprint(engagement)).toMatchObject({ source_file: 2, activity_record: 3, rejected_row: 5 });
    engagement.close();
  });

  it('leaves the engagement intact and unchanged when the importing process is killed (SIGKILL)', async () => {
    const KILL_AT_WAL_BYTES = 4 * 1024 * 1024;
    const dir = tempDir();
    const file = path.join(dir, 'big.csv');
    writeReadingsCsv(file, 400_000);
    const engagement = newEngagement(dir);
    const before = importFootprint(engagement);
    engagement.close();

    const child = spawn(CLI, ['import', engagement.filePath, file], { stdio: 'ignore' });
    const wal = `${engagement.filePath}-wal`;
    const walBytes = () => (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
    // Kill once the import is writing: its uncommitted pages are already in the WAL.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null && walBytes() <= KILL_AT_WAL_BYTES) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const walAtKill = walBytes();
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // Otherwise the kill came before the import wrote anything, and the test would prove nothing.
    expect(walAtKill).toBeGreaterThan(KILL_AT_WAL_BYTES);

    const reopened = Engagement.open(engagement.filePath, TEST_ACTOR);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(importFootprint(reopened)).toEqual(before);
    expect(reopened.verifyAuditLog()).toMatchObject({ intact: true });
    reopened.close();
  });
});
