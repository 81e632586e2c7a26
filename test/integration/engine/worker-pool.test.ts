import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FilePreview } from '../../../electron/engine/import/preview';
import type { PreviewWorkerData } from '../../../electron/engine/import/preview-worker';
import { WorkerPool } from '../../../electron/engine/workers/pool';
import { useTempDir } from '../../helpers/temp';

describe('a pool of warm workers', () => {
  const tempDir = useTempDir();

  it('refuses a request over its time limit, stops that worker, and serves the next on a fresh one', async () => {
    const file = path.join(tempDir(), 'readings.csv');
    fs.writeFileSync(file, 'Site,Month,Electricity (kWh)\nLondon,2023-04,1200\n');
    const hasty = new WorkerPool<PreviewWorkerData, FilePreview>('preview-worker', { heapMb: 256, timeLimitMs: 1 });
    await expect(hasty.run({ filePath: file, kind: 'activity' })).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/took longer than/) });

    const pool = new WorkerPool<PreviewWorkerData, FilePreview>('preview-worker', { heapMb: 256, timeLimitMs: 60_000 });
    const first = await pool.run({ filePath: file, kind: 'activity' });
    expect(first.rows).toHaveLength(2);
    // A refusal is an answer, not a broken worker: the same pool goes on serving.
    await expect(pool.run({ filePath: path.join(path.dirname(file), 'missing.csv'), kind: 'activity' })).rejects.toThrow();
    expect((await pool.run({ filePath: file, kind: 'activity', sheet: 'readings' })).sheet).toBe('readings');
    pool.close();
  });
});
