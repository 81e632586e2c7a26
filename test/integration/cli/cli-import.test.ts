import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { mappingSchema } from '../../../shared/import/mapping';
import { companyWorkbookPlan, OFFICES_SHEET, writeCompanyWorkbook, type CompanyWorkbookPlan } from '../../helpers/company-workbook';
import { TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'carbon-audit');
const LEGACY_XLS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'conversion-factors-2021-flat-file-automatic-processing.xls');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(CLI, args, { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('carbon-audit import and mapping suggest', () => {
  const tempDir = useTempDir();
  let workbook: string;
  let plan: CompanyWorkbookPlan;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'carbon-audit-cli-'));
    workbook = path.join(dir, 'company.xlsx');
    plan = await writeCompanyWorkbook(workbook, companyWorkbookPlan());
  });

  function init(): string {
    const file = path.join(tempDir(), 'e.carbonaudit');
    expect(run(['init', file, '--entity', 'Example Group', '--fy-start', '4']).status).toBe(0);
    return file;
  }

  it('imports every sheet with its suggested mapping and prints the control totals and rejected rows', () => {
    const file = init();
    const result = run(['import', file, workbook]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${OFFICES_SHEET}                            52`);
    for (const rowNumber of plan.rejectedOfficeRows.keys()) expect(result.stdout).toContain(`${OFFICES_SHEET} row ${rowNumber}:`);
    expect(result.stdout).toContain(`row ${plan.officesTotalRow}: totals row: column C sums the rows above (SUM(C5:C${plan.officesTotalRow - 1})); not imported as data`);
    expect(result.stdout).toMatch(/Electricity \(kWh\): count 47, blanks 1; kWh: count 47, sum 1,991,750, min -500, max 46,750/);
    const again = run(['import', file, workbook, '--sheet', OFFICES_SHEET]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('Confirm to import it again');
  });

  it('reads dates as UTC whatever the machine’s time zone', () => {
    const periods: Record<string, string[]> = {};
    for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
      const file = init();
      const result = run(['import', file, workbook, '--sheet', OFFICES_SHEET, '--json'], { TZ: tz });
      expect(result.status, result.stderr).toBe(0);
      const engagement = Engagement.open(file, TEST_ACTOR);
      periods[tz] = (engagement.db.prepare('SELECT DISTINCT period_start || \'..\' || period_end AS p FROM activity_record ORDER BY p').all() as { p: string }[]).map((row) => row.p);
      engagement.close();
    }
    expect(periods.UTC![0]).toBe('2021-04-01..2021-04-30');
    expect(periods['America/New_York']).toEqual(periods.UTC);
    expect(periods['Asia/Tokyo']).toEqual(periods.UTC);
  });

  it('suggests a mapping as JSON that import --mapping accepts after editing', () => {
    const suggest = run(['mapping', 'suggest', workbook, '--sheet', OFFICES_SHEET]);
    expect(suggest.status).toBe(0);
    const mapping = mappingSchema.parse(JSON.parse(suggest.stdout));
    expect(mapping.layout).toBe('wide');
    // The auditor decides diesel is out of scope for this file: ignore the column.
    const edited = { ...mapping, columns: mapping.columns.map((column) => (column.header === 'Diesel (L)' ? { column: column.column, header: column.header, role: 'ignore' } : column)) };
    const mappingFile = path.join(tempDir(), 'offices.mapping.json');
    fs.writeFileSync(mappingFile, JSON.stringify(edited));
    const file = init();
    const result = run(['import', file, workbook, '--mapping', mappingFile, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout);
    const withDiesel = plan.offices.filter((r) => !plan.rejectedOfficeRows.has(r.rowNumber));
    const expected = withDiesel.reduce((n, r) => n + [r.electricityKwh, r.gasM3, r.renewableKwh].filter((v) => v !== null).length, 0);
    expect(outcome.recordsCreated).toBe(expected);
    const engagement = Engagement.open(file, TEST_ACTOR);
    expect(engagement.db.prepare("SELECT count(*) AS n FROM activity_record WHERE activity = 'diesel'").get()).toEqual({ n: 0 });
    engagement.close();
  });

  it('suggests a value column whose one formula has no cached result, and rejects that row alone with its reason', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Meters');
    sheet.addRow(['Site', 'Month', 'Electricity (kWh)']);
    sheet.addRow(['Leeds', '2023-04', 1000]);
    // Saved by a program that does not calculate: the formula has no cached value.
    sheet.addRow(['Leeds', '2023-05', { formula: 'C2*1.1' }]);
    sheet.addRow(['Leeds', '2023-06', 1200]);
    const file = path.join(tempDir(), 'meters.xlsx');
    await book.xlsx.writeFile(file);
    const result = run(['import', init(), file]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 records created');
    expect(result.stdout).toContain('Meters row 3: column C (Electricity (kWh)): formula =C2*1.1 has no cached value: open and save the file in Excel');
  });

  it('refuses a legacy .xls and a broken mapping file with clear messages', () => {
    const file = init();
    const xls = run(['import', file, LEGACY_XLS, '--kind', 'factors']);
    expect(xls.status).toBe(1);
    expect(xls.stderr).toMatch(/\.xls/);
    const badMapping = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(badMapping, JSON.stringify({ version: 1, kind: 'activity', layout: 'wide' }));
    const bad = run(['import', file, workbook, '--mapping', badMapping]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Mapping .*bad\.json is not valid/);
  });
});

describe('carbon-audit mapping templates', () => {
  const tempDir = useTempDir();

  it('saves a mapping as a named template, lists and exports it, and imports next year’s file with it', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    const file = path.join(dir, 'e.carbonaudit');
    expect(run(['init', file, '--entity', 'Example Group', '--fy-start', '4']).status).toBe(0);
    const suggested = run(['mapping', 'suggest', workbook, '--sheet', OFFICES_SHEET]).stdout;
    const mappingFile = path.join(dir, 'offices.json');
    fs.writeFileSync(mappingFile, suggested);
    expect(run(['mapping', 'save', file, mappingFile, '--name', 'Site energy workbook']).stdout).toContain("Saved mapping template 'Site energy workbook' (activity)");
    expect(run(['mapping', 'list', file]).stdout).toMatch(/^Site energy workbook\tactivity\tUK offices\tsaved /);
    const exported = JSON.parse(run(['mapping', 'export', file, 'Site energy workbook']).stdout);
    expect(exported).toEqual({ ...JSON.parse(suggested), name: 'Site energy workbook' });
    const imported = run(['import', file, workbook, '--template', 'Site energy workbook', '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).sheets[0].sheet).toBe(OFFICES_SHEET);
    const missing = run(['import', file, workbook, '--template', 'Nope']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("No mapping template named 'Nope'");
  });
});
