/**
 * Variants, biogenic factors and validity through import (issue 15): a company factor table whose
 * columns say the refrigerant gas and the haul a factor is for, which row is outside of scopes,
 * and from when to when each grid factor is valid; an activity sheet whose columns say each
 * top-up's gas and each flight's haul. Both imported on the suggested mapping, unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engagement } from '../../../electron/engine/engagement/handle';
import { runImport } from '../../../electron/engine/import/pipeline';
import { previewImport } from '../../../electron/engine/import/preview';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { inventoryResults, listFindings } from '../../../electron/engine/inventory/results';
import { traceFigure } from '../../../electron/engine/inventory/trace';
import { mappingSchema, type Mapping, type MappingKind } from '../../../shared/import/mapping';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const FACTORS = [
  'Activity,Refrigerant,Haul,Scope,Unit,kg CO2e per unit,Valid from,Valid to,Source',
  'Refrigerant,R-410A,,1,kg,2088,,,DESNZ 2023',
  'Refrigerant,HFC-134a,,1,kg,1430,,,DESNZ 2023',
  'Flights,,Short-haul,3,passenger.km,0.151,,,DESNZ 2023',
  'Flights,,Long-haul,3,passenger.km,0.19,,,DESNZ 2023',
  'Diesel,,,1,litre,2.51,,,DESNZ 2023',
  'Diesel,,,Outside of scopes,litre,0.17,,,DESNZ 2023',
  'Grid electricity,,,2,kWh,0.20707,2023-04-01,2024-03-31,DESNZ 2023',
  'Grid electricity,,,2,kWh,0.19338,2024-04-01,2025-03-31,DESNZ 2024',
].join('\n');

const ACTIVITY = [
  'Site,Period start,Period end,Activity,Refrigerant,Haul,Quantity,Unit',
  'London,2023-06-01,2023-06-30,Refrigerant,R-410A,,2,kg',
  'London,2023-07-01,2023-07-31,Refrigerant,R-134a,,3,kg',
  'London,2023-08-01,2023-08-31,Refrigerant,R-22,,1,kg',
  'London,2023-09-01,2023-09-30,Flights,,Short haul,1000,passenger km',
  'London,2023-10-01,2023-10-31,Flights,,Long haul,5000,passenger km',
  'London,2023-11-01,2023-11-30,Diesel,,,100,litres',
  'London,2024-03-01,2024-04-30,Electricity,,,2000,kWh',
  'London,2024-05-01,2024-05-31,Electricity,,,1000,kWh',
  'London,2025-04-01,2025-04-30,Electricity,,,1500,kWh',
].join('\n');

async function suggested(engagement: Engagement, file: string, kind: MappingKind): Promise<Mapping> {
  return mappingSchema.parse((await previewImport(engagement.db, file, kind)).mapping);
}

describe('factor variants, biogenic rows and validity through import', () => {
  const tempDir = useTempDir();

  it('suggests the attribute and validity columns, keeps variants and editions apart, and puts outside-of-scopes rows in biogenic CO2 only', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    const factorFile = path.join(dir, 'factors.csv');
    fs.writeFileSync(factorFile, FACTORS);
    const factorMapping = await suggested(engagement, factorFile, 'factors');
    expect(factorMapping.columns.map((column) => [column.header, column.role, column.attribute])).toEqual([
      ['Activity', 'activity', undefined],
      ['Refrigerant', 'attribute', 'gas'],
      ['Haul', 'attribute', 'haul'],
      ['Scope', 'scope', undefined],
      ['Unit', 'unit', undefined],
      ['kg CO2e per unit', 'factor_value', undefined],
      ['Valid from', 'period_start', undefined],
      ['Valid to', 'period_end', undefined],
      ['Source', 'source', undefined],
    ]);
    expect(await runImport(engagement.db, { filePath: factorFile, mapping: factorMapping, ...TEST_ACTOR, settings: engagement.settings() })).toMatchObject({ committed: true, recordsCreated: 8, rejectedTotal: 0 });
    const stored = engagement.db.prepare('SELECT label, attributes_json, biogenic, valid_from, valid_to FROM emission_factor ORDER BY id').all();
    expect(stored).toEqual([
      { label: 'Refrigerant', attributes_json: '{"gas":"R-410A"}', biogenic: 0, valid_from: null, valid_to: null },
      { label: 'Refrigerant', attributes_json: '{"gas":"HFC-134a"}', biogenic: 0, valid_from: null, valid_to: null },
      { label: 'Flights', attributes_json: '{"haul":"Short-haul"}', biogenic: 0, valid_from: null, valid_to: null },
      { label: 'Flights', attributes_json: '{"haul":"Long-haul"}', biogenic: 0, valid_from: null, valid_to: null },
      { label: 'Diesel', attributes_json: null, biogenic: 0, valid_from: null, valid_to: null },
      { label: 'Diesel', attributes_json: null, biogenic: 1, valid_from: null, valid_to: null },
      { label: 'Grid electricity', attributes_json: null, biogenic: 0, valid_from: '2023-04-01', valid_to: '2024-03-31' },
      { label: 'Grid electricity', attributes_json: null, biogenic: 0, valid_from: '2024-04-01', valid_to: '2025-03-31' },
    ]);

    const activityFile = path.join(dir, 'activity.csv');
    fs.writeFileSync(activityFile, ACTIVITY);
    const activityMapping = await suggested(engagement, activityFile, 'activity');
    expect(activityMapping.columns.filter((column) => column.role === 'attribute').map((column) => [column.header, column.attribute])).toEqual([
      ['Refrigerant', 'gas'],
      ['Haul', 'haul'],
    ]);
    expect(await runImport(engagement.db, { filePath: activityFile, mapping: activityMapping, ...TEST_ACTOR, settings: engagement.settings() })).toMatchObject({ committed: true, recordsCreated: 9, rejectedTotal: 0 });

    await calculate(engagement);
    const results = inventoryResults(engagement);
    const year = (label: string) => results.periods.find((period) => period.label === label)!;
    // Each gas at its own factor (HFC-134a at the table's 1430, not R-410A's 2088 nor a GWP); diesel's biogenic row outside the scopes.
    expect(year('FY2024').scope1).toBeCloseTo((2 * 2088 + 3 * 1430 + 100 * 2.51) / 1000, 12);
    expect(year('FY2024').biogenic).toBeCloseTo((100 * 0.17) / 1000, 12);
    expect(year('FY2024').scope3ByCategory).toEqual({ '6': expect.closeTo((1000 * 0.151 + 5000 * 0.19) / 1000, 12) });
    // The bill straddling the year end takes the edition in force when it starts, for both parts; May takes the next.
    expect(year('FY2024').scope2Location).toBeCloseTo((((2000 * 31) / 61) * 0.20707) / 1000, 12);
    expect(year('FY2025').scope2Location).toBeCloseTo((((2000 * 30) / 61) * 0.20707 + 1000 * 0.19338) / 1000, 12);

    const findings = listFindings(engagement, { page: 0, pageSize: 50 }).findings;
    expect(findings.map((finding) => [finding.source?.rowNumber, finding.kind, finding.cause])).toEqual([
      [4, 'no-factor', expect.stringMatching(/no factor for refrigerant gas R-22 .*never priced at another variant's factor; unknown gas 'R-22'/)],
      [10, 'no-factor', expect.stringContaining("outside every fitting factor's validity")],
      [10, 'no-factor', expect.stringContaining('market-based')],
    ]);

    const trace = traceFigure(engagement, { figure: 'FY2024.scope1', page: 0, pageSize: 50, sort: 'record', descending: false });
    expect(trace.lines.map((line) => [line.attributes, line.factor?.attributes ?? null])).toEqual([
      [{ gas: 'R-410A' }, { gas: 'R-410A' }],
      [{ gas: 'R-134a' }, { gas: 'HFC-134a' }],
      [null, null],
    ]);
    const location = traceFigure(engagement, { figure: 'FY2025.scope2_location', page: 0, pageSize: 50, sort: 'record', descending: false });
    expect(location.lines.map((line) => [line.factor?.validFrom, line.factor?.validTo])).toEqual([
      ['2023-04-01', '2024-03-31'],
      ['2024-04-01', '2025-03-31'],
    ]);
    engagement.close();
  });

  it('keeps two editions of a table apart by their year column', async () => {
    const dir = tempDir();
    const engagement = newEngagement(dir);
    const factorFile = path.join(dir, 'factors.csv');
    fs.writeFileSync(factorFile, ['Activity,Year,Factor,Factor unit', 'Diesel,2023,2.51,kg CO2e/litre', 'Diesel,2024,2.66,kg CO2e/litre'].join('\n'));
    const mapping = await suggested(engagement, factorFile, 'factors');
    expect(mapping.columns.map((column) => column.role)).toEqual(['activity', 'year', 'factor_value', 'factor_unit']);
    expect(await runImport(engagement.db, { filePath: factorFile, mapping, ...TEST_ACTOR, settings: engagement.settings() })).toMatchObject({ committed: true, recordsCreated: 2 });
    const activityFile = path.join(dir, 'diesel.csv');
    fs.writeFileSync(activityFile, ['Site,Month,Diesel (litres)', 'London,2023-06,100', 'London,2024-06,100'].join('\n'));
    await runImport(engagement.db, { filePath: activityFile, mapping: await suggested(engagement, activityFile, 'activity'), ...TEST_ACTOR, settings: engagement.settings() });
    await calculate(engagement);
    const { periods, findings } = inventoryResults(engagement);
    expect(findings.total).toBe(0);
    expect(periods.map((period) => [period.label, period.scope1])).toEqual([
      ['FY2024', 0.251],
      ['FY2025', 0.266],
    ]);
    engagement.close();
  });
});
