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
import { runCli } from '../../../electron/cli/main';
import type { Engagement } from '../../../electron/engine/engagement/handle';
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

/** A new engagement in `dir` with the default factor library, these readings imported and calculated. */
async function calculatedEngagement(dir: string, readings: string): Promise<Engagement> {
  const file = path.join(dir, 'data-centres.csv');
  fs.writeFileSync(file, readings);
  const engagement = newEngagement(dir, { defaultRegion: 'UK' });
  loadFactorLibrary(engagement);
  await runImport(engagement.db, { filePath: file, mapping: longActivityMapping(), ...TEST_ACTOR, settings: engagement.settings() });
  await calculate(engagement);
  return engagement;
}

describe('PUE with one input missing at a data centre', () => {
  const tempDir = useTempDir();

  it('shows the site’s IT energy, its PUE as not computable with the reason, and the year’s PUE over the data centre with both', async () => {
    const dir = tempDir();
    const engagement = await calculatedEngagement(dir, READINGS);
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

describe('PUE with no data centre holding both inputs', () => {
  const tempDir = useTempDir();

  /** `carbon-audit calculate` of these readings, and the Metrics sheet's note on the year's totals row. */
  async function calculated(readings: string): Promise<{ printed: string; note: unknown }> {
    const dir = tempDir();
    const engagement = await calculatedEngagement(dir, readings);
    const engagementFile = engagement.filePath;
    const book = path.join(dir, 'audited.xlsx');
    await exportWorkbook(engagement, { workbookPath: book, detail: 'full' });
    engagement.close();
    let printed = '';
    expect(await runCli(['calculate', engagementFile], { out: (text) => (printed += text), err: () => undefined })).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    const sheet = workbook.getWorksheet('Metrics')!;
    let note: unknown;
    for (let r = 5; r <= sheet.rowCount; r++) if (sheet.getCell(r, 2).value === 'All sites in the boundary') note = sheet.getCell(r, 11).value;
    return { printed, note };
  }

  it('says why the year’s PUE has no value, in the CLI as in the workbook, and does not claim it is over other data centres', async () => {
    const onlyIt = await calculated('Site,Month,Activity,Quantity,Unit\nDC South,2022-05,IT energy,700,kWh\nOffice,2022-05,Electricity,100,kWh\n');
    const reason = `PUE (data centres) cannot be computed in FY2023: ${LEFT_OUT}`;
    expect(onlyIt.printed).toMatch(/PUE \(data centres\)\s+—\n/);
    expect(onlyIt.printed).toContain(`  Note: ${reason}\n`);
    expect(onlyIt.note).toBe(reason);

    // A company without data centres: PUE does not apply, so nothing is said about it.
    const officesOnly = await calculated('Site,Month,Activity,Quantity,Unit\nOffice,2022-05,Electricity,100,kWh\n');
    expect(officesOnly.printed).not.toContain('Note:');
    expect(officesOnly.note).toBeNull();
  });
});
