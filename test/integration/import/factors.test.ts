import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../electron/engine/import/pipeline';
import type { Mapping } from '../../../shared/import/mapping';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const DESNZ_2020 = path.resolve(__dirname, '../../fixtures/Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.xlsx');
const FACTOR_MAPPING: Mapping = {
  version: 1, kind: 'factors', sheet: 'Factors by Category', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 0 }, layout: 'long', columns: [], decimalSeparator: '.',
};

describe('importing the DESNZ 2020 flat file as a factor set', () => {
  const tempDir = useTempDir();

  it('stores every factor row as a frozen factor set, linked to its raw rows, with no END or blank row', async () => {
    const engagement = newEngagement(tempDir());
    const outcome = await runImport(engagement.db, { filePath: DESNZ_2020, mapping: FACTOR_MAPPING, ...TEST_ACTOR, settings: engagement.settings() });
    const set = engagement.db.prepare('SELECT set_key, year, gwp_basis, origin, source_file_id FROM factor_set').get();
    expect(set).toEqual({ set_key: 'desnz-2020', year: 2020, gwp_basis: 'AR4', origin: 'import', source_file_id: outcome.sourceFileId });
    const factors = engagement.db.prepare('SELECT count(*) AS n FROM emission_factor').get() as { n: number };
    expect(factors.n).toBe(outcome.recordsCreated);
    expect(factors.n).toBe(2399);

    const diesel = engagement.db.prepare(
      `SELECT f.co2e_per_unit_kg, f.gases_json, w.row_number, w.cells_json FROM emission_factor f JOIN raw_row w ON w.id = f.raw_row_id
        WHERE f.activity_key = 'diesel' AND f.unit_text = 'litres' AND f.path_json LIKE '%Diesel (average biofuel blend)%' AND f.scope = 'Scope 1'`,
    ).all() as { co2e_per_unit_kg: number; gases_json: string; row_number: number; cells_json: string }[];
    expect(diesel).toHaveLength(1);
    expect(diesel[0]!.co2e_per_unit_kg).toBe(2.54603);
    const gases = JSON.parse(diesel[0]!.gases_json).gases as { gas: string; value: number; alreadyCo2e: boolean }[];
    expect(gases.filter((gas) => gas.gas !== 'CO2e').map((gas) => [gas.gas, gas.value, gas.alreadyCo2e]).sort()).toEqual([
      ['CH4', 0.00025, true], ['CO2', 2.51072, true], ['N2O', 0.03506, true],
    ]);
    expect(JSON.parse(diesel[0]!.cells_json)).toContain('Diesel (average biofuel blend)');

    // Every row between the header and END is a factor row or listed with its reason; END is never a factor.
    const [sheet] = outcome.sheets;
    expect(sheet!.dataRows).toBe(7509);
    expect(sheet!.rejected).toBe(outcome.rejectedTotal);
    expect(outcome.rejected.some((issue) => /< 1/.test(issue.reason))).toBe(true);
    const endRow = engagement.db.prepare("SELECT row_number FROM raw_row, json_each(raw_row.cells_json) AS cell WHERE cell.value = 'END'").get() as { row_number: number } | undefined;
    expect(endRow).toBeDefined();
    expect(engagement.db.prepare('SELECT count(*) AS n FROM emission_factor f JOIN raw_row w ON w.id = f.raw_row_id WHERE w.row_number >= ?').get(endRow!.row_number)).toEqual({ n: 0 });
    engagement.close();
  });
});
