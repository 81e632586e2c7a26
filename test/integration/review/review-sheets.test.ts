/**
 * The review in the audited workbook: every finding with its status and who set it, each sample's
 * method, seed and items with what vouching found, the sign-offs given with what changed since,
 * and each rejected row beside its reason and its cells as read.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../../electron/engine/export/service';
import { loadFactorLibrary } from '../../../electron/engine/factors/service';
import { startImport, suggestedMappings } from '../../../electron/engine/import/service';
import { setSite } from '../../../electron/engine/inventory/service';
import { drawSample, listFindings, signOffArea, updateFinding, vouchSampleItem } from '../../../electron/engine/review/service';
import { findingQuerySchema } from '../../../shared/review/findings';
import { newEngagement, TEST_ACTOR } from '../../helpers/engagement';
import { BLANK_SITE, REVIEW_SHEET, writeReviewWorkbook } from '../../helpers/review-workbook';
import { useTempDir } from '../../helpers/temp';

/** A sheet's table as objects keyed by its header row (the row whose first cell is `firstHeader`). */
function table(sheet: ExcelJS.Worksheet, firstHeader: string): Record<string, unknown>[] {
  let headers: string[] | null = null;
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (!headers) {
      if (values[0] === firstHeader) headers = values.map(String);
      return;
    }
    rows.push(Object.fromEntries(headers.map((header, index) => [header, values[index] ?? null])));
  });
  return rows;
}

describe('the review in the audited workbook', () => {
  const tempDir = useTempDir();

  it('lists the findings, samples, sign-offs and rejected rows as the engagement holds them', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'electricity.xlsx');
    const plan = await writeReviewWorkbook(workbook);
    const extra = path.join(dir, 'hull.csv');
    fs.writeFileSync(extra, 'Site,Month,Activity,Quantity,Unit\nHull Store,2022-04,Electricity,1200,kWh\nHull Store,2022-05,Electricity,about 1300,kWh\n');
    const engagement = newEngagement(dir, { defaultRegion: 'UK' });
    loadFactorLibrary(engagement);
    for (const site of ['Leeds Office', BLANK_SITE, 'Hull Store']) setSite(engagement, site, {});
    const [mapping] = await suggestedMappings(engagement, workbook, 'activity', REVIEW_SHEET);
    await startImport(engagement, { filePath: workbook, mapping: mapping! }, () => undefined).result;
    const [csvMapping] = await suggestedMappings(engagement, extra, 'activity');
    const csv = await startImport(engagement, { filePath: extra, mapping: csvMapping! }, () => undefined).result;
    expect(csv.rejectedTotal).toBe(1);

    const gaps = listFindings(engagement, findingQuerySchema.parse({ rule: 'gaps', site: BLANK_SITE, sort: 'period' })).findings;
    expect(gaps).toHaveLength(3);
    updateFinding(engagement, gaps[0]!.id, { status: 'explained', comment: 'Meter not read; supplier estimate on file' });
    const sample = await drawSample(engagement, { method: 'mus', size: 4, seed: '7', stratifyBy: null, population: 'records' });
    const vouched = vouchSampleItem(engagement, sample.id, 1, { result: 'difference', comment: 'Invoice 3% lower', raiseFinding: true });
    signOffArea(engagement, 'import', 'preparer', 'Source data agreed to the meter schedule');
    updateFinding(engagement, gaps[1]!.id, { comment: 'Asked the site for meter photos' });

    const file = path.join(dir, 'audited.xlsx');
    await exportWorkbook(engagement, { workbookPath: file, detail: 'full' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);

    const all = listFindings(engagement, findingQuerySchema.parse({ limit: 1000, includeResolved: true, sort: 'id' })).findings;
    const findings = table(book.getWorksheet('Data-quality findings')!, 'No.');
    expect(findings.map((row) => row['No.'])).toEqual(expect.arrayContaining(all.map((finding) => finding.id)));
    expect(findings).toHaveLength(all.length);
    expect(findings.find((row) => row['No.'] === gaps[0]!.id)).toMatchObject({ Rule: 'gaps', Status: 'Explained', 'Status set by': TEST_ACTOR.actor, Site: BLANK_SITE, Period: '2022-06' });
    const raised = vouched.items[0]!.findingId!;
    expect(findings.find((row) => row['No.'] === raised)).toMatchObject({ Source: 'sampling', Status: 'Open' });

    const items = table(book.getWorksheet('Sampling')!, 'Sample');
    expect(items.map((row) => row.Record)).toEqual(sample.items.map((item) => item.recordId));
    expect(items[0]).toMatchObject({ Method: 'Monetary-unit (tCO2e)', Seed: '7', Vouching: 'Difference', Comment: 'Invoice 3% lower', Finding: raised, 'Source file': 'electricity.xlsx' });
    expect(items.slice(1).every((row) => row.Vouching === 'Not yet vouched')).toBe(true);

    const signOffs = table(book.getWorksheet('Sign-off')!, 'Area');
    expect(signOffs[0]).toMatchObject({ Area: 'Import and source data', Role: 'Prepared by', Name: TEST_ACTOR.actor, Comments: 'Source data agreed to the meter schedule' });
    expect(String(signOffs[0]!.State)).toMatch(/^Modified since sign-off: #\d+ finding\.update by tester$/);
    expect(signOffs.slice(1).map((row) => row.Role)).toEqual(['Engagement partner (approved)', 'Engagement quality reviewer (where required)']);

    const rejected = table(book.getWorksheet('Rejected rows')!, 'Source file');
    // The three blank months (blank is missing, not zero) and the quantity that is not a number, each beside its cells.
    expect(rejected.map((row) => [row['Source file'], row.Row, row['Row as read']])).toEqual([
      ...plan.readings.filter((reading) => reading.kwh === null).map((reading) => ['electricity.xlsx', reading.rowNumber, `A=${BLANK_SITE} | B=${reading.month}-01 | C=(blank) | D=Meter not read`]),
      ['hull.csv', 3, 'A=Hull Store | B=2022-05 | C=Electricity | D=about 1300 | E=kWh'],
    ]);
    expect(rejected[3]).toMatchObject({ Column: 'D', Reason: "column D (Quantity): 'about 1300' is not a number with decimal separator '.'" });
    engagement.close();
  });
});
