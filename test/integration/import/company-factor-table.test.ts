/**
 * The factor table companies send (issue 8, item 6): `Activity | Scope | Basis | Unit |
 * kg CO2e per unit | Source`, the numerator in the value column's header, the unit of activity
 * per row, a basis column deciding the Scope 2 method and a scope column checked against the
 * activity. Imported on the mapping the suggestion proposes, unchanged, the calculation uses the
 * location, residual-mix and instrument factors as the basis column says, with the same figures
 * as the same factors given in the app's long layout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { runImport } from '../../../electron/engine/import/pipeline';
import { previewImport } from '../../../electron/engine/import/preview';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { inventoryResults } from '../../../electron/engine/inventory/results';
import { mappingSchema, type Mapping, type MappingKind } from '../../../shared/import/mapping';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { UK_COMPANY_FACTORS, writeCompanyFactorTable } from '../../helpers/factor-table';
import { useTempDir } from '../../helpers/temp';

const COMPANY_ROWS = UK_COMPANY_FACTORS;
/** The same factors as the app's long layout writes them: a residual mix named in the activity text. */
const LONG_LAYOUT = [
  'Activity,Factor,Factor unit,Source',
  'Electricity,0.207,kg CO2e/kWh,DESNZ 2024',
  'Residual mix electricity,0.302,kg CO2e/kWh,AIB residual mix 2023',
  'Renewable electricity,0,kg CO2e/kWh,Contractual instruments (REGOs)',
  'Natural gas,2.02,kg CO2e/m3,DESNZ 2024',
  'Diesel,2.51,kg CO2e/litre,DESNZ 2024',
].join('\n');
/** One site's year: grid electricity, part of it covered by REGOs, gas and diesel. */
const ACTIVITY = [
  'Site,Month,Electricity (kWh),Renewable electricity (kWh),Natural gas (m3),Diesel (L)',
  'London,2023-04,10000,4000,500,100',
  'London,2023-05,12000,4000,450,80',
].join('\n');

async function suggested(engagement: Engagement, file: string, kind: MappingKind): Promise<Mapping> {
  return mappingSchema.parse((await previewImport(engagement.db, file, kind)).mapping);
}

async function importSuggested(engagement: Engagement, file: string, kind: MappingKind) {
  return runImport(engagement.db, { filePath: file, mapping: await suggested(engagement, file, kind), ...TEST_ACTOR, settings: engagement.settings() });
}

describe('a company factor table: activity, scope, basis, unit, value per unit', () => {
  const tempDir = useTempDir();

  async function engagementWith(factors: (dir: string) => Promise<string>): Promise<Engagement> {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    const factorFile = await factors(dir);
    const imported = await importSuggested(engagement, factorFile, 'factors');
    expect(imported).toMatchObject({ committed: true, recordsCreated: 5, rejectedTotal: 0 });
    const activity = path.join(dir, 'energy.csv');
    fs.writeFileSync(activity, ACTIVITY);
    expect(await importSuggested(engagement, activity, 'activity')).toMatchObject({ committed: true, recordsCreated: 8, rejectedTotal: 0 });
    return engagement;
  }

  it('is imported on the suggested mapping and priced as its basis column says, like the long layout', async () => {
    const company = await engagementWith(async (dir) => {
      const file = path.join(dir, 'factors.xlsx');
      await writeCompanyFactorTable(file, COMPANY_ROWS);
      return file;
    });
    const stored = company.db.prepare('SELECT activity_key, label, unit_text, scope, gases_json FROM emission_factor ORDER BY id').all() as { activity_key: string; label: string; unit_text: string; scope: string; gases_json: string }[];
    expect(stored.map((factor) => [factor.activity_key, factor.unit_text, factor.scope, JSON.parse(factor.gases_json).residualMix])).toEqual([
      ['electricity', 'kWh', 'Scope 2', false],
      ['electricity', 'kWh', 'Scope 2', true],
      ['clean_electricity', 'kWh', 'Scope 2', false],
      ['natural_gas', 'm3', 'Scope 1', false],
      ['diesel', 'litre', 'Scope 1', false],
    ]);

    await calculate(company);
    const [period] = inventoryResults(company).periods;
    // 22,000 kWh at the grid average; 14,000 uncovered at the residual mix, 8,000 under REGOs at 0.
    expect(period!.scope2Location).toBeCloseTo((22_000 * 0.207) / 1000, 12);
    expect(period!.scope2Market).toBeCloseTo((14_000 * 0.302) / 1000, 12);
    expect(period!.scope1).toBeCloseTo((950 * 2.02 + 180 * 2.51) / 1000, 12);

    const long = await engagementWith(async (dir) => {
      const file = path.join(dir, 'factors.csv');
      fs.writeFileSync(file, LONG_LAYOUT);
      return file;
    });
    await calculate(long);
    const [same] = inventoryResults(long).periods;
    for (const figure of ['scope1', 'scope2Location', 'scope2Market', 'net'] as const) expect(period![figure]).toBe(same![figure]);
    company.close();
    long.close();
  });

  it('refuses rows whose scope contradicts the activity, whose basis is unknown or market-side on a fuel, or that name no unit', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    const file = path.join(dir, 'factors.xlsx');
    await writeCompanyFactorTable(file, [
      ...COMPANY_ROWS,
      ['Natural gas', 2, null, 'm3', 2.02, 'typo'],
      ['Diesel', 1, 'market', 'litre', 2.51, 'typo'],
      ['Grid electricity', 2, 'average', 'kWh', 0.2, 'typo'],
      ['LPG', 1, null, null, 1.56, 'no unit'],
      ['Supplier tariff electricity', 2, 'supplier-specific', 'kWh', 0.05, 'Acme Energy'],
    ]);
    const outcome = await importSuggested(engagement, file, 'factors');
    expect(outcome.recordsCreated).toBe(6);
    expect(outcome.rejected.map((issue) => [issue.rowNumber, issue.reason])).toEqual([
      [7, "'Natural gas' is Natural gas, a Scope 1 activity, but the table says Scope 2"],
      [8, "a market factor is for electricity (market-based Scope 2), but 'Diesel' is Diesel (average biofuel blend)"],
      [9, "basis 'average' is not one of location, market, residual mix, supplier-specific, contractual"],
      [10, "the factor is per unit ('kg CO2e per unit'), but the row names no unit"],
    ]);
    const supplier = engagement.db.prepare("SELECT activity_key, path_json, gases_json FROM emission_factor WHERE label = 'Supplier tariff electricity'").get() as { activity_key: string; path_json: string; gases_json: string };
    expect(supplier.activity_key).toBe('electricity');
    expect(JSON.parse(supplier.path_json)).toEqual(['Supplier tariff electricity', 'market-based (supplier-specific)']);
    expect(JSON.parse(supplier.gases_json)).toMatchObject({ variant: 'Supplier tariff electricity', residualMix: false });
    engagement.close();
  });

  it('uses the unit typed for the value column in the mapping, and refuses a row whose unit contradicts it', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    const file = path.join(dir, 'factors.csv');
    fs.writeFileSync(file, 'Activity,Factor,Unit\nElectricity,0.207,kWh\nNatural gas,2.02,m3\nDiesel,2.51,litre\n');
    const mapping = await suggested(engagement, file, 'factors');
    expect(mapping.columns.map((column) => column.role)).toEqual(['activity', 'factor_value', 'unit']);
    const typed: Mapping = { ...mapping, columns: mapping.columns.map((column) => (column.role === 'factor_value' ? { ...column, unitText: 'kg CO2e/kWh' } : column)) };
    const outcome = await runImport(engagement.db, { filePath: file, mapping: typed, ...TEST_ACTOR, settings: engagement.settings(), allowEmpty: true });
    expect(outcome.recordsCreated).toBe(1);
    expect(outcome.rejected.map((issue) => issue.reason)).toEqual([
      "the factor unit 'kg CO2e/kWh' is per kWh, but the row's unit is 'm3'",
      "the factor unit 'kg CO2e/kWh' is per kWh, but the row's unit is 'litre'",
    ]);
    engagement.close();
  });
});
