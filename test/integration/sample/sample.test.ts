/** The sample service leaves nothing behind when a build fails, and refuses a manifest that does not parse. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSampleEngagement, readSampleManifest, SAMPLE_MANIFEST } from '../../../electron/engine/sample/service';
import { TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const SAMPLE_DIR = path.resolve(__dirname, '..', '..', '..', 'resources', 'sample');

/** A copy of the shipped sample whose manifest `edit` changes. */
function sampleCopy(dir: string, edit: (manifest: Record<string, unknown>) => void): string {
  const copy = path.join(dir, 'sample');
  fs.cpSync(SAMPLE_DIR, copy, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(copy, SAMPLE_MANIFEST), 'utf8')) as Record<string, unknown>;
  edit(manifest);
  fs.writeFileSync(path.join(copy, SAMPLE_MANIFEST), JSON.stringify(manifest));
  return copy;
}

describe('the sample engagement service', () => {
  const tempDir = useTempDir();

  it('removes the half-built engagement when an import fails, so a retry starts clean', async () => {
    const dir = tempDir();
    const copy = sampleCopy(dir, (manifest) => {
      const imports = manifest.imports as { file: string }[];
      imports[imports.length - 1]!.file = 'missing.csv';
    });
    const target = path.join(dir, 'sample.carbonaudit');
    await expect(buildSampleEngagement(target, TEST_ACTOR, { dir: copy })).rejects.toThrow(/missing\.csv/);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('sample.carbonaudit'))).toEqual([]);
  });

  it('refuses a manifest that does not match its schema, naming the field', () => {
    const copy = sampleCopy(tempDir(), (manifest) => {
      manifest.dataCentres = 'DC Slough';
    });
    expect(() => readSampleManifest(copy)).toThrow(/sample\.json is not valid: dataCentres/);
  });

  it('refuses a data centre that is not one of the boundary sites', () => {
    const copy = sampleCopy(tempDir(), (manifest) => {
      manifest.dataCentres = ['DC Nowhere'];
    });
    expect(() => readSampleManifest(copy)).toThrow(/dataCentres: every data centre is one of the sites/);
  });
});
