/** A cancelled or killed export leaves nothing under the final name and the engagement as it was. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { exportWorkbook, startExport } from '../../../electron/engine/export/service';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { insertGeneratedRecords } from '../../helpers/generated-records';
import { useTempDir } from '../../helpers/temp';
import { buildTwoYearEngagement } from '../../helpers/two-year-engagement';

const CLI = path.resolve(__dirname, '..', '..', '..', 'node_modules', '.bin', 'carbon-audit');

/** An engagement of generated records whose factor versions are already frozen (so exporting changes nothing but its own log entry). */
async function largeEngagement(dir: string, records: number): Promise<Engagement> {
  const engagement = newEngagement(dir, { defaultRegion: 'UK' });
  loadFactorLibrary(engagement);
  insertGeneratedRecords(engagement, records);
  await calculate(engagement);
  return engagement;
}

const auditEntries = (engagement: Engagement) => (engagement.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('an interrupted export', () => {
  const tempDir = useTempDir();

  it('leaves no file under either name when cancelled mid-write, and logs nothing', async () => {
    const dir = tempDir();
    const engagement = await largeEngagement(dir, 30_000);
    const before = auditEntries(engagement);
    const workbookPath = path.join(dir, 'audited.xlsx');
    const evidencePackPath = path.join(dir, 'audited.zip');
    let cancelledAt = -1;
    const job = startExport(engagement, { workbookPath, detail: 'full', evidencePackPath }, (progress) => {
      if (progress.phase === 'writing' && progress.rowsWritten > 0 && cancelledAt < 0) {
        cancelledAt = progress.rowsWritten;
        job.cancel();
      }
    });
    await expect(job.result).rejects.toMatchObject({ code: 'cancelled' });
    expect(cancelledAt).toBeGreaterThan(0);
    expect(fs.readdirSync(dir).filter((name) => name.includes('audited'))).toEqual([]);
    expect(auditEntries(engagement)).toBe(before);
    engagement.close();
  });

  it('leaves nothing under the final name when the exporting process is killed (SIGKILL) mid-write', async () => {
    const dir = tempDir();
    const engagement = await largeEngagement(dir, 40_000);
    const before = auditEntries(engagement);
    engagement.close();
    const workbookPath = path.join(dir, 'audited.xlsx');

    const child = spawn(CLI, ['export', engagement.filePath, workbookPath], { stdio: 'ignore' });
    const partial = () => fs.readdirSync(dir).find((name) => name.startsWith('.audited.xlsx.') && name.endsWith('.partial'));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && !(partial() && fs.statSync(path.join(dir, partial()!)).size > 64 * 1024)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(partial()).toBeDefined();
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    expect(fs.existsSync(workbookPath)).toBe(false);
    const reopened = Engagement.open(engagement.filePath, TEST_ACTOR);
    expect(auditEntries(reopened)).toBe(before);
    expect(reopened.verifyAuditLog()).toMatchObject({ intact: true });
    reopened.close();
  });
});

describe('an evidence pack', () => {
  const tempDir = useTempDir();

  it('is refused, and nothing written, when the evidence kept no longer matches its SHA-256 from import', async () => {
    const dir = tempDir();
    const { engagement } = await buildTwoYearEngagement(dir);
    engagement.db.prepare('UPDATE source_evidence_chunk SET bytes = ? WHERE source_file_id = 2 AND chunk_index = 0').run(Buffer.from('not the original bytes'));
    await calculate(engagement);
    const before = auditEntries(engagement);
    const workbookPath = path.join(dir, 'audited.xlsx');
    await expect(exportWorkbook(engagement, { workbookPath, detail: 'full', evidencePackPath: path.join(dir, 'audited.zip') })).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('(source file 2) does not match the SHA-256 recorded at import'),
    });
    expect(fs.readdirSync(dir).filter((name) => name.includes('audited'))).toEqual([]);
    expect(auditEntries(engagement)).toBe(before);
    engagement.close();
  });
});
