/**
 * Imports that end without records: a mapping that yields none is not saved unless the auditor
 * allows it, and not registered (so the corrected import of the same file is not taken for a
 * duplicate); refused files and cancelled
 * imports change no data but are logged in the audit trail; the register names each import's sheet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSourceFiles, previewFile, startImport } from '../../../electron/engine/import/service';
import { mappingSchema } from '../../../shared/import/mapping';
import { importFootprint, newEngagement } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const LEGACY_XLS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'conversion-factors-2021-flat-file-automatic-processing.xls');

function writeReadingsCsv(file: string, rows: number): void {
  const lines = ['Site,Month,Activity,Quantity,Unit'];
  for (let i = 0; i < rows; i++) lines.push(`Site ${i % 7},2022-${String((i % 12) + 1).padStart(2, '0')},Electricity,${1000 + i},kWh`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function lastAuditEntry(engagement: ReturnType<typeof newEngagement>) {
  const entry = engagement.db.prepare('SELECT operation, params_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { operation: string; params_json: string };
  return { operation: entry.operation, params: JSON.parse(entry.params_json) as Record<string, unknown> };
}

describe('imports that end without records', () => {
  const tempDir = useTempDir();

  it('does not save a zero-record import nor register the file, logs the attempt, and the corrected mapping imports it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'readings.csv');
    writeReadingsCsv(file, 24);
    const engagement = newEngagement(dir);
    const suggested = mappingSchema.parse((await previewFile(engagement, file, 'activity')).mapping);
    const wrong = { ...suggested, table: { ...suggested.table, firstDataRowNumber: 500 } };

    // The dry run reports the empty outcome for the wizard to show; it is not an error.
    const dryRun = await startImport(engagement, { filePath: file, mapping: wrong, dryRun: true }, () => undefined).result;
    expect(dryRun.recordsCreated).toBe(0);

    const before = importFootprint(engagement);
    const attempt = await startImport(engagement, { filePath: file, mapping: wrong }, () => undefined).result;
    expect(attempt).toMatchObject({ committed: false, recordsCreated: 0, shortfall: expect.stringContaining('nothing would be imported') });
    expect(listSourceFiles(engagement)).toEqual([]);
    expect(importFootprint(engagement)).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    expect(lastAuditEntry(engagement)).toMatchObject({ operation: 'import.refused', params: { file: 'readings.csv', kind: 'activity', reason: attempt.shortfall } });

    const outcome = await startImport(engagement, { filePath: file, mapping: suggested }, () => undefined).result;
    expect(outcome.recordsCreated).toBe(24);
    expect(listSourceFiles(engagement)).toMatchObject([{ fileName: 'readings.csv', sheet: suggested.sheet ?? null, rowsImported: 24 }]);
    expect(engagement.verifyAuditLog()).toMatchObject({ intact: true });
    engagement.close();
  });

  it('logs a file refused when chosen, and changes nothing else', async () => {
    const engagement = newEngagement(tempDir());
    const before = importFootprint(engagement);
    await expect(previewFile(engagement, LEGACY_XLS, 'factors')).rejects.toMatchObject({ code: 'refused' });
    expect(importFootprint(engagement)).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    expect(lastAuditEntry(engagement)).toMatchObject({ operation: 'import.refused', params: { file: path.basename(LEGACY_XLS), kind: 'factors', reason: expect.stringMatching(/\.xls/) } });
    engagement.close();
  });

  it('logs a cancelled import, and changes nothing else', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'readings.csv');
    writeReadingsCsv(file, 300_000);
    const engagement = newEngagement(dir);
    const mapping = mappingSchema.parse((await previewFile(engagement, file, 'activity')).mapping);
    const before = importFootprint(engagement);
    const job = startImport(engagement, { filePath: file, mapping }, () => job.cancel());
    await expect(job.result).rejects.toMatchObject({ code: 'cancelled' });
    expect(importFootprint(engagement)).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    expect(lastAuditEntry(engagement)).toMatchObject({ operation: 'import.cancelled', params: { file: 'readings.csv', kind: 'activity' } });
    engagement.close();
  });
});
