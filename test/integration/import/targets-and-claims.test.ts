import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/engine/import/preview';
import { runImport } from '../../../electron/engine/import/pipeline';
import { mappingSchema, type Mapping } from '../../../shared/import/mapping';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

describe('importing targets and reported figures', () => {
  const tempDir = useTempDir();

  it('imports reported figures (claims) with their periods and rejects rows without a value', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'reported.csv');
    fs.writeFileSync(file, [
      'Metric,Year,Reported value,Unit,Notes',
      'Net Scope 1+2 emissions,FY2023,6785.6,tCO2e,ESG report p.12',
      'Data-centre PUE,FY2023,1.215,ratio,',
      'Clean electricity share (data centres),FY2023,53.9%,,',
      'Scope 3 category 6,FY2023,,tCO2e,not disclosed',
    ].join('\n'));
    const engagement = newEngagement(dir);
    const preview = await previewImport(engagement.db, file, 'claims');
    const mapping: Mapping = mappingSchema.parse({
      ...preview.mapping,
      columns: [
        { column: 0, header: 'Metric', role: 'metric' },
        { column: 1, header: 'Year', role: 'year' },
        { column: 2, header: 'Reported value', role: 'claim_value' },
        { column: 3, header: 'Unit', role: 'unit' },
        { column: 4, header: 'Notes', role: 'notes' },
      ],
    });
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    const claims = engagement.db.prepare('SELECT metric, period, value, unit, notes FROM claim ORDER BY id').all();
    expect(claims).toEqual([
      { metric: 'Net Scope 1+2 emissions', period: 'FY2023', value: 6785.6, unit: 'tCO2e', notes: 'ESG report p.12' },
      { metric: 'Data-centre PUE', period: 'FY2023', value: 1.215, unit: 'ratio', notes: null },
      // A figure printed with a percent sign keeps its printed value, in %.
      { metric: 'Clean electricity share (data centres)', period: 'FY2023', value: 53.9, unit: '%', notes: null },
    ]);
    expect(outcome.rejected.map((issue) => [issue.rowNumber, issue.reason])).toEqual([[5, expect.stringContaining('reported value is blank')]]);
    engagement.close();
  });

  it('imports absolute and percentage targets, requiring a base year for a percentage', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'targets.csv');
    fs.writeFileSync(file, [
      'Metric,Target,Unit,Target year,Base year',
      'Net Scope 1+2 emissions,-42,%,FY2030,FY2020',
      'Data-centre PUE,1.2,ratio,FY2025,',
      'Scope 3 emissions,-25,%,FY2030,',
    ].join('\n'));
    const engagement = newEngagement(dir);
    const mapping: Mapping = mappingSchema.parse({
      version: 1, kind: 'targets', table: { headerRowNumber: 1, firstDataRowNumber: 2, stopAtBlankRun: 3 }, layout: 'long', decimalSeparator: '.',
      columns: [
        { column: 0, header: 'Metric', role: 'metric' },
        { column: 1, header: 'Target', role: 'target_value' },
        { column: 2, header: 'Unit', role: 'unit' },
        { column: 3, header: 'Target year', role: 'target_year' },
        { column: 4, header: 'Base year', role: 'base_year' },
      ],
    });
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(engagement.db.prepare('SELECT metric, target_type, target_value, unit, base_period, target_period FROM target ORDER BY id').all()).toEqual([
      { metric: 'Net Scope 1+2 emissions', target_type: 'percent-change-vs-base', target_value: -42, unit: '%', base_period: 'FY2020', target_period: 'FY2030' },
      { metric: 'Data-centre PUE', target_type: 'absolute', target_value: 1.2, unit: 'ratio', base_period: null, target_period: 'FY2025' },
    ]);
    expect(outcome.rejected).toEqual([{ sheet: 'targets', rowNumber: 4, column: 4, reason: 'a percentage target needs the base year it compares with' }]);
    engagement.close();
  });
});
