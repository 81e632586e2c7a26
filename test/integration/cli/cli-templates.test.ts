/**
 * Templates carry over to next year's file (issue 8, item 8): the sheet name a template was saved
 * with is a hint, the headers are what is checked, and a template whose headers do not match the
 * sheet is refused with every difference listed, changing nothing.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engagement } from '../../../electron/engine/engagement/handle';
import { cli } from '../../helpers/cli';
import { importFootprint, TEST_ACTOR } from '../../helpers/engagement';
import { useTempDir } from '../../helpers/temp';

const ENERGY_HEADER = ['Site', 'Month', 'Electricity (kWh)', 'Natural gas (m3)'];

async function writeEnergyWorkbook(file: string, sheets: Readonly<Record<string, { header: readonly string[]; year: number }>>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, { header, year }] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([...header]);
    for (const month of ['04', '05', '06']) sheet.addRow(['London', `${year}-${month}`, 10_000 + Number(month), 800]);
  }
  await workbook.xlsx.writeFile(file);
}

describe('mapping templates on next year’s file', () => {
  const tempDir = useTempDir();

  async function engagementWithTemplate(dir: string, lastYear: string, sheet: string | null, name: string, kind = 'activity'): Promise<string> {
    const engagement = path.join(dir, 'e.carbonaudit');
    expect((await cli('init', engagement, '--entity', 'Example Group', '--fy-start', '4')).code).toBe(0);
    const suggested = await cli('mapping', 'suggest', lastYear, '--kind', kind, ...(sheet ? ['--sheet', sheet] : []));
    expect(suggested.code, suggested.err).toBe(0);
    const mappingFile = path.join(dir, `${name}.json`);
    fs.writeFileSync(mappingFile, suggested.out);
    expect((await cli('mapping', 'save', engagement, mappingFile, '--name', name)).code).toBe(0);
    return engagement;
  }

  it('applies a template saved from factors.csv to factors-2024.csv', async () => {
    const dir = tempDir();
    const lastYear = path.join(dir, 'factors.csv');
    const table = 'Activity,Factor,Factor unit,Source\nElectricity,0.207,kg CO2e/kWh,DESNZ\nNatural gas,2.02,kg CO2e/m3,DESNZ\n';
    fs.writeFileSync(lastYear, table);
    const engagement = await engagementWithTemplate(dir, lastYear, null, 'Factor table', 'factors');
    const thisYear = path.join(dir, 'factors-2024.csv');
    fs.writeFileSync(thisYear, table.replace('0.207', '0.193'));
    const imported = await cli('import', engagement, thisYear, '--template', 'Factor table', '--json');
    expect(imported.code, imported.err).toBe(0);
    expect(imported.err).toBe("Note: the mapping made on sheet 'factors' is applied to this file's only sheet, 'factors-2024'; its headers are checked against this sheet's.\n");
    expect(JSON.parse(imported.out)).toMatchObject({ committed: true, recordsCreated: 2, sheets: [{ sheet: 'factors-2024' }] });
  });

  it('applies a template made on sheet FY2022 to FY2023, and asks which sheet when the file has several', async () => {
    const dir = tempDir();
    const lastYear = path.join(dir, 'energy-fy2022.xlsx');
    await writeEnergyWorkbook(lastYear, { FY2022: { header: ENERGY_HEADER, year: 2021 } });
    const engagement = await engagementWithTemplate(dir, lastYear, 'FY2022', 'Site energy');

    const thisYear = path.join(dir, 'energy-fy2023.xlsx');
    await writeEnergyWorkbook(thisYear, { FY2023: { header: ENERGY_HEADER, year: 2022 } });
    const imported = await cli('import', engagement, thisYear, '--template', 'Site energy');
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('6 records created');

    const twoSheets = path.join(dir, 'energy-fy2024.xlsx');
    await writeEnergyWorkbook(twoSheets, { Notes: { header: ['Note', 'Author'], year: 2023 }, FY2024: { header: ENERGY_HEADER, year: 2023 } });
    const ambiguous = await cli('import', engagement, twoSheets, '--template', 'Site energy');
    expect(ambiguous).toMatchObject({ code: 1, out: '' });
    expect(ambiguous.err).toBe("Error: The mapping was made on sheet 'FY2022', which energy-fy2024.xlsx does not have; it has 'Notes', 'FY2024': name the sheet to apply it to (--sheet)\n");
    const named = await cli('import', engagement, twoSheets, '--template', 'Site energy', '--sheet', 'FY2024');
    expect(named.code, named.err).toBe(0);
    expect(named.out).toContain('6 records created');
  });

  it('refuses a template whose headers do not match the sheet, listing every difference, logging the refusal and changing nothing else', async () => {
    const dir = tempDir();
    const lastYear = path.join(dir, 'energy-fy2022.xlsx');
    await writeEnergyWorkbook(lastYear, { FY2022: { header: ENERGY_HEADER, year: 2021 } });
    const engagement = await engagementWithTemplate(dir, lastYear, 'FY2022', 'Site energy');
    const renamed = path.join(dir, 'energy-fy2023.xlsx');
    await writeEnergyWorkbook(renamed, { FY2023: { header: ['Site', 'Month', 'Electricity (MWh)', 'Gas (m3)'], year: 2022 } });
    const open = () => Engagement.open(engagement, TEST_ACTOR);
    const before = importFootprint(open());

    const refused = await cli('import', engagement, renamed, '--template', 'Site energy');
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toContain(
      "Error: The headers of sheet 'FY2023' (row 1) are not the ones the mapping was made for: column C is 'Electricity (MWh)', expected 'Electricity (kWh)'; column D is 'Gas (m3)', expected 'Natural gas (m3)'. Nothing was imported",
    );
    const check = open();
    const after = importFootprint(check);
    check.close();
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
    expect(after.audit_log! - before.audit_log!).toBe(1);
  });
});
