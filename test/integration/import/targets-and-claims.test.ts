import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/engine/import/preview';
import { runImport } from '../../../electron/engine/import/pipeline';
import { mappingSchema, type Mapping } from '../../../shared/import/mapping';
import { claimsMapping, newEngagement, targetsMapping, TEST_ACTOR } from '../../helpers/engagement';
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
    const claims = engagement.db.prepare('SELECT metric, period, value, unit, percent_evidence, notes FROM claim ORDER BY id').all();
    expect(claims).toEqual([
      { metric: 'Net Scope 1+2 emissions', period: 'FY2023', value: 6785.6, unit: 'tCO2e', percent_evidence: null, notes: 'ESG report p.12' },
      { metric: 'Data-centre PUE', period: 'FY2023', value: 1.215, unit: 'ratio', percent_evidence: null, notes: null },
      // A figure printed with a percent sign is stored as its fraction, with how import knew.
      { metric: 'Clean electricity share (data centres)', period: 'FY2023', value: 0.539, unit: '%', percent_evidence: 'percent-text', notes: null },
    ]);
    expect(outcome.rejected.map((issue) => [issue.rowNumber, issue.reason])).toEqual([[5, expect.stringContaining('reported value is blank')]]);
    // Control totals count every value read, the percentage too, and sum per unit: never tCO2e and a PUE together.
    expect(outcome.columns).toEqual([{
      sheet: 'reported', column: 2, header: 'Reported value', count: 3, blanks: 1, unreadable: 0,
      byUnit: [
        { unit: 'tCO2e', count: 1, sum: 6785.6, min: 6785.6, max: 6785.6 },
        { unit: 'ratio', count: 1, sum: 1.215, min: 1.215, max: 1.215 },
        { unit: '%', count: 1, sum: 53.9, min: 53.9, max: 53.9 },
      ],
    }]);
    engagement.close();
  });

  it("counts a target written '20%' with no unit as read, in percent points, and text that is no number apart", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'targets.csv');
    fs.writeFileSync(file, [
      'Metric,Target,Unit,Target year,Base year',
      'Net Scope 1 and 2 emissions reduction against base year,20%,,FY2030,FY2023',
      'Data-centre PUE,1.2,,FY2025,',
      'Scope 3 emissions,about a third,,FY2030,',
    ].join('\n'));
    const engagement = newEngagement(dir);
    const outcome = await runImport(engagement.db, { filePath: file, mapping: mappingSchema.parse(targetsMapping()), ...TEST_ACTOR, settings: engagement.settings(), allowEmpty: true });
    expect(outcome.columns).toEqual([{
      sheet: 'targets', column: 1, header: 'Target', count: 2, blanks: 0, unreadable: 1,
      byUnit: [{ unit: '%', count: 1, sum: 20, min: 20, max: 20 }, { unit: null, count: 1, sum: 1.2, min: 1.2, max: 1.2 }],
    }]);
    engagement.close();
  });

  it('imports absolute and percentage targets, percentages as fractions', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'targets.csv');
    fs.writeFileSync(file, [
      'Metric,Target,Unit,Target year,Base year',
      'Net Scope 1+2 emissions,-42,%,FY2030,FY2020',
      'Data-centre PUE,1.2,ratio,FY2025,',
      'Scope 3 emissions,-25,%,FY2030,',
    ].join('\n'));
    const engagement = newEngagement(dir);
    const mapping: Mapping = mappingSchema.parse(targetsMapping());
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(engagement.db.prepare('SELECT metric, target_type, target_value, unit, percent_evidence, base_period, target_period FROM target ORDER BY id').all()).toEqual([
      { metric: 'Net Scope 1+2 emissions', target_type: 'percent-change-vs-base', target_value: -0.42, unit: '%', percent_evidence: 'unit-column', base_period: 'FY2020', target_period: 'FY2030' },
      { metric: 'Data-centre PUE', target_type: 'absolute', target_value: 1.2, unit: 'ratio', percent_evidence: null, base_period: null, target_period: 'FY2025' },
      // Whether a percentage without a base year can be assessed is for reconciliation to say (a share to reach needs none).
      { metric: 'Scope 3 emissions', target_type: 'percent-change-vs-base', target_value: -0.25, unit: '%', percent_evidence: 'unit-column', base_period: null, target_period: 'FY2030' },
    ]);
    expect(outcome.rejected).toEqual([]);
    engagement.close();
  });

  it('stores the same fraction for a percent-formatted cell, 53.9% written as text and 53.9 beside a % unit; lists a bare 0.539 beside % for the auditor', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'reported.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Reported');
    sheet.addRow(['Metric', 'Year', 'Reported value', 'Unit']);
    sheet.addRow(['Clean share, formatted cell', 'FY2023', 0.539, null]).getCell(3).numFmt = '0.0%';
    sheet.addRow(['Clean share, built-in format', 'FY2023', 0.539, null]).getCell(3).numFmt = '0%';
    sheet.addRow(['Clean share, literal sign', 'FY2023', 53.9, null]).getCell(3).numFmt = '0.0"%"';
    sheet.addRow(['Clean share, text', 'FY2023', '53.9%', null]);
    sheet.addRow(['Clean share, unit column', 'FY2023', 53.9, '%']);
    sheet.addRow(['Clean share, ambiguous', 'FY2023', 0.539, '%']);
    sheet.addRow(['Scope 1, formatted as a percentage', 'FY2023', 0.06, 'tCO2e']).getCell(3).numFmt = '0%';
    sheet.addRow(['Net emissions', 'FY2023', 6785.6, 'tCO2e']);
    await workbook.xlsx.writeFile(file);

    const engagement = newEngagement(dir);
    const mapping: Mapping = mappingSchema.parse(claimsMapping('Reported'));
    const outcome = await runImport(engagement.db, { filePath: file, mapping, ...TEST_ACTOR, settings: engagement.settings() });
    expect(engagement.db.prepare('SELECT metric, value, unit, percent_evidence FROM claim ORDER BY id').all()).toEqual([
      { metric: 'Clean share, formatted cell', value: 0.539, unit: '%', percent_evidence: 'number-format' },
      { metric: 'Clean share, built-in format', value: 0.539, unit: '%', percent_evidence: 'number-format' },
      { metric: 'Clean share, literal sign', value: 0.539, unit: '%', percent_evidence: 'number-format' },
      { metric: 'Clean share, text', value: 0.539, unit: '%', percent_evidence: 'percent-text' },
      { metric: 'Clean share, unit column', value: 0.539, unit: '%', percent_evidence: 'unit-column' },
      { metric: 'Net emissions', value: 6785.6, unit: 'tCO2e', percent_evidence: null },
    ]);
    // Never guessed: listed with file, sheet, row and what to decide.
    expect(outcome.rejected.map((issue) => [issue.sheet, issue.rowNumber, issue.column, issue.reason])).toEqual([
      ['Reported', 7, 2, "column C: 0.539 beside the unit '%' could be 0.539 % or 53.9 % (a fraction): the cell has no percentage format, so import cannot tell; say which for this column (percentScale in the mapping)"],
      ['Reported', 8, 2, "column C: 6% is formatted as a percentage, but its unit is 'tCO2e'"],
    ]);
    // The raw row keeps the cell as read: the stored number and its format.
    const raw = engagement.db.prepare("SELECT cells_json FROM raw_row WHERE row_number = 2 AND sheet = 'Reported'").get() as { cells_json: string };
    expect(JSON.parse(raw.cells_json)[2]).toEqual({ t: 'percent', value: 0.539, format: '0.0%' });
    engagement.close();

    // The auditor decides for the column: the values beside '%' are fractions.
    const decided = newEngagement(tempDir());
    const withScale = mappingSchema.parse({ ...mapping, columns: mapping.columns.map((column) => (column.role === 'claim_value' ? { ...column, percentScale: 'fraction' } : column)) });
    await runImport(decided.db, { filePath: file, mapping: withScale, ...TEST_ACTOR, settings: decided.settings() });
    expect(decided.db.prepare("SELECT value, percent_evidence FROM claim WHERE metric = 'Clean share, ambiguous'").get()).toEqual({ value: 0.539, percent_evidence: 'unit-column' });
    decided.close();
  });
});
