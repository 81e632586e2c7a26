/**
 * `carbon-audit demo`: the sample engagement built, calculated and exported through the same
 * services as any engagement, with the figures its story promises, the bad row rejected, and a
 * workbook whose lead schedule LibreOffice recalculates to the engine's figures.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openEngagement } from '../../../electron/engine/engagement/service';
import { inventoryResults, traceFigure } from '../../../electron/engine/inventory/service';
import { SAMPLE_FILE_NAME } from '../../../electron/engine/sample/service';
import { BAD_ROW, CLOSED_MONTH, OPERATIONS_FILE, REFRIGERANT_TOP_UPS, SITES_SHEET, WRONG_CLAIM } from '../../../scripts/build-sample';
import { TEST_ACTOR } from '../../helpers/engagement';
import { expectLeadMatchesEngine } from '../../helpers/lead-schedule';
import { recalculatedSheets } from '../../helpers/libreoffice';
import { useTempDir } from '../../helpers/temp';

const SAMPLE_DIR = path.resolve(__dirname, '..', '..', '..', 'resources', 'sample');

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The row of the sample's sheet holding the mistyped quantity, read from the file itself. */
async function badRowNumber(): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(SAMPLE_DIR, OPERATIONS_FILE));
  let found = 0;
  book.getWorksheet(SITES_SHEET)!.eachRow((row, rowNumber) => {
    if (Array.isArray(row.values) && row.values.includes(BAD_ROW.text)) found = rowNumber;
  });
  expect(found).toBeGreaterThan(0);
  return found;
}

describe('carbon-audit demo', () => {
  const tempDir = useTempDir();

  it('builds the sample, prints where everything is and its headline figures, and exports a workbook LibreOffice recalculates to the same figures', async () => {
    const dir = path.join(tempDir(), 'demo');
    const run = await cli('demo', dir);
    expect(run.err).toContain('Importing Northwind operations FY2023-FY2024.xlsx');
    expect(run.code).toBe(0);

    const engagementPath = path.join(dir, SAMPLE_FILE_NAME);
    const workbook = path.join(dir, 'northwind-sample audited.xlsx');
    const pack = path.join(dir, 'northwind-sample audited-evidence.zip');
    for (const file of [engagementPath, workbook, pack]) {
      expect(fs.existsSync(file), file).toBe(true);
      expect(run.out).toContain(file);
    }

    // The rejected row, named by file, sheet, row and reason.
    expect(run.out).toContain(`1 row rejected:\n  ${OPERATIONS_FILE}, sheet '${SITES_SHEET}' row ${await badRowNumber()}: column C (${BAD_ROW.column}): '${BAD_ROW.text}' is not a number`);

    // The one materially wrong claim is flagged, and only it; the carbon-neutral pathway is off track, the others on it.
    expect(run.out).toMatch(/^Reported figures: 14 \(\d+ agreed, \d+ within tolerance, 1 flagged\)$/m);
    expect(run.out).toMatch(new RegExp(`^  exception: ${WRONG_CLAIM.metric.replace(/[()]/g, '\\$&')}, ${WRONG_CLAIM.fiscalYear}: reported under by [\\d,.]+ tCO2e .*at or above materiality`, 'm'));
    expect(run.out).toMatch(/^ {2}off-track: Carbon-neutral operations: net Scope 1 and 2 emissions \(linear pathway\): /m);
    expect(run.out).toMatch(/^ {2}on-track: Data-centre clean electricity share: /m);
    expect(run.out).toMatch(/^ {2}on-track: Average PUE of our data centres: /m);

    // The review ran on the finished engagement: the closed month and the rejected row's month are open gaps, and nothing stale (boundary, factors) is left.
    expect(run.out).toMatch(/^Data-quality check: \d+ rules; 14 open findings to work through$/m);
    // One of them the shipped DESNZ 2020 factors: CO2e on AR4 GWPs in this AR5 engagement.
    expect(run.out).toMatch(/^ {2}medium: desnz-2020: \d+ records priced at \d+ factors whose CO2e is published on AR4 GWPs, in an engagement on AR5/m);
    expect(run.out).toContain(`  medium: ${CLOSED_MONTH.site}, Electricity: no reading for ${CLOSED_MONTH.month}; the month is absent from every source`);
    expect(run.out).toContain(`  medium: ${BAD_ROW.site}, Electricity: no reading for ${BAD_ROW.month}`);
    expect(run.out).not.toMatch(/no boundary entry|no loaded factor set prices it|Refrigerant leakage: no reading/);
    // Every record is priced: the refrigerant top-ups by their gas, none left without a factor.
    expect(run.out).toContain('Calculation findings: 0\n');

    // The headline figures the sample was written to show (issue: PUE about 1.25 → 1.21, clean share 20% → above 50%, net down about 13%).
    const engagement = await openEngagement(engagementPath, TEST_ACTOR);
    try {
      const periods = inventoryResults(engagement).periods;
      expect(periods.map((period) => period.label)).toEqual(['FY2023', 'FY2024']);
      const [first, last] = periods as [(typeof periods)[number], (typeof periods)[number]];
      expect(first.metrics.pue).toBeCloseTo(1.25, 2);
      expect(last.metrics.pue).toBeCloseTo(1.21, 2);
      expect(first.metrics.dataCentreCleanShare).toBeCloseTo(0.2, 2);
      expect(last.metrics.dataCentreCleanShare).toBeGreaterThan(0.5);
      expect(last.metrics.dataCentreCleanShare).toBeLessThan(0.55);
      // Scope 1 holds the refrigerant top-ups of each year, each priced for its own gas.
      const refrigerant = traceFigure(engagement, { figure: 'FY2023.scope1', activity: 'refrigerant', page: 0, pageSize: 10, sort: 'record', descending: false });
      const firstYearTopUps = REFRIGERANT_TOP_UPS.filter((topUp) => topUp.date < '2023-04-01');
      expect(refrigerant.lines.map((line) => [line.attributes?.gas, line.quantity])).toEqual(firstYearTopUps.map((topUp) => [topUp.gas, topUp.kg]));
      expect(refrigerant.tco2e).toBeCloseTo((12.5 * 1923.5 + 8 * 1300) / 1000, 9);
      const fall = 1 - last.net! / first.net!;
      expect(fall).toBeGreaterThan(0.12);
      expect(fall).toBeLessThan(0.14);
      expect(run.out).toContain(`PUE (data centres)`);
      expect(run.out).toMatch(new RegExp(`Net \\(Scope 1 \\+ market-based Scope 2\\), tCO2e +${first.net!.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} +${last.net!.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} \\(-13\\.\\d%\\)`));

      // The workbook re-performs every lead-schedule figure in LibreOffice.
      const sheets = recalculatedSheets(workbook, tempDir());
      expectLeadMatchesEngine(sheets, { periods });
    } finally {
      engagement.close();
    }

    // A second demo in the same folder never overwrites the engagement there.
    const again = await cli('demo', dir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    expect(fs.existsSync(engagementPath)).toBe(true);
  });
});
