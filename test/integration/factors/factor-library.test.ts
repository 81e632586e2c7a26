import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFactorLibrary } from '../../../scripts/build-factor-library';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const LIBRARY_DIR = fileURLToPath(new URL('../../../resources/factor-library/', import.meta.url));
const MAX_FILE_BYTES = 5 * 1024 * 1024;

describe('shipped factor library', () => {
  it('is exactly what the parsers make of the published files, so it cannot drift', async () => {
    const built = await buildFactorLibrary(
      fixture('Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx'),
      fixture('ghg-emission-factors-hub-2025.xlsx'),
    );
    expect([...built.keys()].sort()).toEqual((await readdir(LIBRARY_DIR)).sort());
    for (const [name, text] of built) {
      expect(await readFile(`${LIBRARY_DIR}${name}`, 'utf8'), name).toBe(text);
      expect(Buffer.byteLength(text), name).toBeLessThan(MAX_FILE_BYTES);
    }
  });
});
