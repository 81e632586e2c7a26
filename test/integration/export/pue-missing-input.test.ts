/**
 * A data centre with IT energy but no total facility energy in a year: the audited workbook's
 * Metrics sheet shows the IT energy it has, its PUE "not computable" and why, and the year's PUE
 * over the data centre with both, naming the one left out; LibreOffice recalculates the same.
 * The review lists the missing input for the site and year.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../../electron/engine/export/service';
import { loadFactorLibrary } from '../../../electron/engine/factors/library';
import { runImport } from '../../../electron/engine/import/pipeline';
import { calculate } from '../../../electron/engine/inventory/calculate';
import { inventoryResults } from '../../../electron/engine/inventory/service';
import { checkEngagement, listFindings } from '../../../electron/engine/review/service';
import { findingQuerySchema } from '../../../shared/review/findings';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { csvNumber, recalculatedSheets } from '../../helpers/libreoffice';
import { longActivityMapping } from '../../helpers/mappings';
import { useTempDir } from '../../helpers/temp';

const READINGS = [
  'Site,Month,Activity,Quantity,Unit',
  'DC North,2022-05,Total facility energy,1300,kWh',
  'DC North,2022-05,IT energy,1000,kWh',
  // DC South's IT energy has no facility energy beside it: it has no PUE, and the year's leaves it out.
  'DC South,2022-05,IT energy,700,kWh',
].join('\n');

const LEFT_OUT = 'IT energy is recorded for DC South but no total facility energy';

describe('PUE with one input missing at a data centre', () => {
  const tempDir = useTempDir();

  it('shows the site’s IT energy, its PUE as not computable with the reason, and the year’s PUE over the data centre with both', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'data-centres.csv');
    fs.writeFileSync(file, READINGS);
    const engagement = newEngagement(dir, { defaultRegion: 'UK' });
    loadFactorLibrary(engagement);
    await runImport(engagement.db, { filePath: file, mapping: longActivityMapping(), ...TEST_ACTOR, settings: engagement.settings() });
    await calculate(engagement);
    const [year] = inventoryResults(engagement).periods;
    expect(year!.metrics).toMatchObject({ pue: 1.3, facilityKwh: 1300, itKwh: 1000 });

    const book = path.join(dir, 'audited.xlsx');
    await exportWorkbook(engagement, { workbookPath: book, detail: 'full' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    const sheet = workbook.getWorksheet('Metrics')!;
    const header = sheet.getRow(4).values as unknown[];
    expect(header.slice(1)).toEqual(['Fiscal year', 'Site', 'Data centre', 'In boundary', 'Facility energy (kWh)', 'IT energy (kWh)', 'PUE', 'Electricity consumed (kWh)', 'Clean electricity (kWh)', 'Clean share', 'Note']);
    const rowOf = (site: string) => {
      for (let r = 5; r <= sheet.rowCount; r++) if (sheet.getCell(r, 2).value === site) return sheet.getRow(r);
      throw new Error(`no row for ${site}`);
    };
    const south = rowOf('DC South');
    expect(south.getCell(5).value).toBeNull();
    expect(south.getCell(6).value).toBe(700);
    expect(south.getCell(7).value).toMatchObject({ result: 'not computable' });
    expect(south.getCell(11).value).toBe(`PUE (data centres) not computable: ${LEFT_OUT}`);
    const total = rowOf('All sites in the boundary');
    expect(total.getCell(6).value).toMatchObject({ result: 1000 });
    expect(total.getCell(7).value).toMatchObject({ result: 1.3 });
    expect(total.getCell(11).value).toBe(`PUE (data centres) over the data centres with both inputs; left out: ${LEFT_OUT}`);

    // An independent engine recalculates the same from the formulas.
    const metrics = recalculatedSheets(book, fs.mkdtempSync(path.join(dir, 'lo-'))).get('Metrics')!;
    const recalculated = (site: string) => metrics.find((row) => row[1] === site)!;
    expect(recalculated('DC South').slice(4, 7)).toEqual(['', '700', 'not computable']);
    expect(recalculated('DC North').slice(4, 7).map(csvNumber)).toEqual([1300, 1000, 1.3]);
    expect(recalculated('All sites in the boundary').slice(4, 7).map(csvNumber)).toEqual([1300, 1000, 1.3]);

    await checkEngagement(engagement, { trigger: 'on-demand' });
    const findings = listFindings(engagement, findingQuerySchema.parse({ limit: 100 })).findings.filter((finding) => finding.rule === 'pue-inputs');
    expect(findings.map((finding) => [finding.site, finding.message])).toEqual([
      ['DC South', `DC South, FY2023: ${LEFT_OUT}; its PUE (data centres) cannot be computed and the year’s is over the other data centres`],
    ]);
    engagement.close();
  });
});
