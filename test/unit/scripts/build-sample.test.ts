/** The committed sample files are exactly what scripts/build-sample.ts writes, byte for byte. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSample } from '../../../scripts/build-sample';

const SAMPLE_DIR = path.resolve(__dirname, '..', '..', '..', 'resources', 'sample');

describe('the sample engagement’s files', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'carbon-audit-sample-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('are what the generator writes, so a change to either shows in review', async () => {
    await buildSample(out);
    const written = fs.readdirSync(out).sort();
    expect(written.length).toBeGreaterThanOrEqual(4);
    expect(fs.readdirSync(SAMPLE_DIR).filter((name) => name !== 'README.md').sort()).toEqual(written);
    for (const name of written) expect(fs.readFileSync(path.join(out, name)).equals(fs.readFileSync(path.join(SAMPLE_DIR, name))), name).toBe(true);
  });
});
