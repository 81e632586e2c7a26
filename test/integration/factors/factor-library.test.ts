import fs from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { libraryFolder, loadFactorLibrary, shippedLibrary, type FactorLibrary } from '../../../electron/engine/factors/library';
import { EngineError } from '../../../electron/engine/errors';
import { listFactors, listFactorSets } from '../../../electron/engine/factors/service';
import { buildFactorLibrary, libraryManifest, MANIFEST_PATH } from '../../../scripts/build-factor-library';
import { importFootprint, newEngagement } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const LIBRARY_DIR = fileURLToPath(new URL('../../../resources/factor-library/', import.meta.url));
const MAX_FILE_BYTES = 5 * 1024 * 1024;

describe('shipped factor library', () => {
  it('is exactly what the parsers make of the published files, so it cannot drift; the manifest records each file’s SHA-256', async () => {
    const built = await buildFactorLibrary(
      fixture('Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx'),
      fixture('ghg-emission-factors-hub-2025.xlsx'),
    );
    expect([...built.keys()].sort()).toEqual((await readdir(LIBRARY_DIR)).sort());
    for (const [name, text] of built) {
      expect(await readFile(`${LIBRARY_DIR}${name}`, 'utf8'), name).toBe(text);
      expect(Buffer.byteLength(text), name).toBeLessThan(MAX_FILE_BYTES);
    }
    expect(await readFile(MANIFEST_PATH, 'utf8')).toBe(libraryManifest(built));
  });
});

describe('loading a factor library', () => {
  const tempDir = useTempDir();

  /** A copy of the shipped library that a test may change. */
  function libraryCopy(): string {
    const dir = path.join(tempDir(), 'factor-library');
    fs.cpSync(LIBRARY_DIR, dir, { recursive: true });
    return dir;
  }

  /** Loading `library` is refused with `code` and `message`, and the engagement gains nothing, not even an audit entry. */
  function expectRefusedUnchanged(library: FactorLibrary, code: string, message: RegExp): void {
    const engagement = newEngagement(tempDir());
    const before = importFootprint(engagement);
    let caught: unknown;
    try {
      loadFactorLibrary(engagement, library);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).code).toBe(code);
    expect((caught as EngineError).message).toMatch(message);
    expect(importFootprint(engagement)).toEqual(before);
    engagement.close();
  }

  it('loads the shipped library after checking every file against its recorded hash', () => {
    const engagement = newEngagement(tempDir());
    const loads = loadFactorLibrary(engagement, shippedLibrary(libraryCopy()));
    expect(loads.map((load) => [load.setKey, load.added])).toEqual([['desnz-2020', true], ['epa-hub-2025', true]]);
    engagement.close();
  });

  it('lists a set’s factors a page at a time, searched in SQL, with the total that match', () => {
    const engagement = newEngagement(tempDir());
    loadFactorLibrary(engagement, shippedLibrary(LIBRARY_DIR));
    const desnz = listFactorSets(engagement).find((set) => set.setKey === 'desnz-2020')!;
    const first = listFactors(engagement, { factorSetId: desnz.id, text: '', offset: 0, limit: 25 });
    expect(first.total).toBe(desnz.factors);
    expect(first.rows).toHaveLength(25);
    const second = listFactors(engagement, { factorSetId: desnz.id, text: '', offset: 25, limit: 25 });
    expect(second.rows[0]!.id).toBeGreaterThan(first.rows[24]!.id);
    const gas = listFactors(engagement, { factorSetId: desnz.id, text: 'NATURAL GAS', offset: 0, limit: 500 });
    expect(gas.total).toBeGreaterThan(0);
    expect(gas.total).toBeLessThan(desnz.factors);
    for (const factor of gas.rows) expect(`${factor.label} ${factor.activityKey ?? ''}`.toLowerCase()).toMatch(/natural.gas/);
    engagement.close();
  });

  it('refuses a shipped library file changed after the build (a tampered factor), storing nothing', () => {
    const dir = libraryCopy();
    const file = path.join(dir, 'desnz-2020.json');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('"co2ePerUnitKg":0.18387,');
    // Still valid JSON and a valid factor set: only the hash can tell.
    fs.writeFileSync(file, text.replace('"co2ePerUnitKg":0.18387,', '"co2ePerUnitKg":0.08387,'));
    expectRefusedUnchanged(shippedLibrary(dir), 'corrupt', /desnz-2020\.json in the factor library .* was changed after Carbon Audit was built.*Reinstall/);
  });

  it('refuses a shipped library with a factor set added or missing', () => {
    const added = libraryCopy();
    fs.copyFileSync(path.join(added, 'epa-hub-2025.json'), path.join(added, 'epa-hub-2026.json'));
    expectRefusedUnchanged(shippedLibrary(added), 'corrupt', /should hold desnz-2020\.json, epa-hub-2025\.json but holds desnz-2020\.json, epa-hub-2025\.json, epa-hub-2026\.json/);
    const missing = libraryCopy();
    fs.rmSync(path.join(missing, 'desnz-2020.json'));
    expectRefusedUnchanged(shippedLibrary(missing), 'corrupt', /but holds epa-hub-2025\.json\. Reinstall/);
  });

  it('validates every file of a folder the user names against the factor-set schema', () => {
    const dir = libraryCopy();
    const file = path.join(dir, 'epa-hub-2025.json');
    const set = JSON.parse(fs.readFileSync(file, 'utf8')) as { meta: Record<string, unknown>; factors: { gases: Record<string, unknown>[] }[] };
    set.meta.gwpBasis = 'AR7';
    set.factors[2]!.gases[0]!.value = '103.69';
    fs.writeFileSync(file, JSON.stringify(set));
    expectRefusedUnchanged(libraryFolder(dir), 'invalid-input', /epa-hub-2025\.json is not a valid factor set: meta\.gwpBasis: .*; factors\.2\.gases\.0\.value: .*number/);

    fs.writeFileSync(file, '{"meta":');
    expectRefusedUnchanged(libraryFolder(dir), 'invalid-input', /epa-hub-2025\.json is not a factor set: it is not valid JSON/);
  });
});
