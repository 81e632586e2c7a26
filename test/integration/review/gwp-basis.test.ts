/**
 * The shipped DESNZ 2020 factors publish CO2e on AR4 GWPs: in an engagement reporting on AR5 the
 * review lists the factor set once, with the records it priced and both bases; in an AR4
 * engagement it lists nothing. An engagement's own factor table of CO2e states no basis: whatever
 * the engagement's, it is listed once, low, to confirm, and never said to be on another basis.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import { runImport } from '../../../electron/engine/import/pipeline';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { checkEngagement, listFindings } from '../../../electron/engine/review/service';
import { findingQuerySchema } from '../../../shared/review/findings';
import type { GwpBasis } from '../../../shared/calc/gwp';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { FACTOR_TABLE_HEADER, FACTOR_TABLE_MAPPING } from '../../helpers/factor-table';
import { longActivityMapping } from '../../helpers/mappings';
import { useTempDir } from '../../helpers/temp';

const READINGS = [
  'Site,Month,Activity,Quantity,Unit',
  'London,2022-05,Natural gas,1000,m3',
  'London,2022-06,Natural gas,1200,m3',
  'Leeds,2022-05,Natural gas,500,m3',
].join('\n');

async function gwpFindings(dir: string, gwpBasis: GwpBasis, factors: 'library' | 'own table' = 'library') {
  const file = path.join(dir, 'gas.csv');
  fs.writeFileSync(file, READINGS);
  const engagement = newEngagement(dir, { gwpBasis, defaultRegion: 'UK' });
  if (factors === 'library') loadFactorLibrary(engagement);
  else {
    const table = path.join(dir, 'factors.csv');
    fs.writeFileSync(table, [FACTOR_TABLE_HEADER, 'Natural gas,UK,2.02,kg CO2e/m3,Company'].join('\n'));
    await runImport(engagement.db, { filePath: table, mapping: FACTOR_TABLE_MAPPING, ...TEST_ACTOR, settings: engagement.settings() });
  }
  await runImport(engagement.db, { filePath: file, mapping: longActivityMapping(), ...TEST_ACTOR, settings: engagement.settings() });
  await calculate(engagement);
  await checkEngagement(engagement, { trigger: 'on-demand' });
  const findings = listFindings(engagement, findingQuerySchema.parse({ limit: 100 })).findings.filter((finding) => finding.rule === 'gwp-basis');
  const records = engagement.db.prepare('SELECT count(*) FROM activity_record').pluck().get() as number;
  engagement.close();
  return { findings, records };
}

describe('factors on another GWP basis than the engagement’s', () => {
  const tempDir = useTempDir();

  it('lists the DESNZ 2020 set (AR4) once in an AR5 engagement, with the records it priced', async () => {
    const { findings, records } = await gwpFindings(tempDir(), 'AR5');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^desnz-2020: 3 records priced at a factor whose CO2e is published on AR4 GWPs, in an engagement on AR5; published CO2e is not re-weighted \(#\d+ 'Natural gas.*' per 'cubic metres'\)$/);
    expect(findings[0]).toMatchObject({ severity: 'medium', figures: { factorSet: 'desnz-2020', factorBasis: 'AR4', engagementBasis: 'AR5', records: 3 } });
    expect(findings[0]!.recordCount).toBe(records);
  });

  it('lists nothing when the engagement reports on the factors’ own basis', async () => {
    expect((await gwpFindings(tempDir(), 'AR4')).findings).toEqual([]);
  });

  it.each(['AR4', 'AR6'] as const)('lists the engagement’s own factor table once, low, as of a basis not stated, in an %s engagement', async (basis) => {
    const { findings } = await gwpFindings(tempDir(), basis, 'own table');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(new RegExp(`^user-factors: GWP basis of the factor table not stated – confirm; 3 records priced at a factor of CO2e taken as it stands, which is right only if the table is on ${basis} GWPs, the engagement's \\(#\\d+ 'Natural gas' per 'm3'\\)$`));
    expect(findings[0]).toMatchObject({ severity: 'low', figures: { factorSet: 'user-factors', factorBasis: null, engagementBasis: basis, records: 3 } });
  });
});
