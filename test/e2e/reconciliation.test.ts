/**
 * Reconciliation end to end: the company workbook and its reported figures (FY2023 net overstated
 * by 6 %) through the import wizard, then the Reconciliation screen: confirm the suggested
 * matches, see the one exception and the material misstatement, propose an adjustment from the
 * exception, and see the corrected figures beside the figures as imported. Targets are drawn with
 * their pathways and the variance bridge as a waterfall, each chart with its table and PNG save.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCompanyWorkbook } from '../helpers/company-workbook';
import { net, reportedFigures, round, writeReported, type ReportedRow } from '../helpers/reported-figures';
import { independentRecalculation, type ExpectedYear as Expected } from '../helpers/independent-recalculation';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, importCompanyWorkbook, importThroughWizard, textOf, useE2eSession } from './session';

const TARGETS_CSV = [
  'Metric,Target,Unit,Target year,Base year',
  'Reduce net emissions (Scope 1 and 2 market-based),-42,%,FY2030,FY2022',
  'Average PUE of our data centres,1.2,,FY2025,',
  'Share of clean energy in data centres,80%,,FY2027,',
].join('\n');

describe('reconciliation', () => {
  const session = useE2eSession('reconciliation');
  let workbook: string;
  let reportedFile: string;
  let targetsFile: string;
  let expected: Record<string, Expected>;
  let reported: ReportedRow[];

  beforeAll(async () => {
    workbook = path.join(session().dir, 'company.xlsx');
    expected = independentRecalculation(await writeCompanyWorkbook(workbook));
    // The report's net, PUE and data-centre clean share for both years.
    reported = reportedFigures(expected).filter((row) => !['Total Scope 1 (tCO2e)', 'Location-based Scope 2'].includes(row.metric));
    reportedFile = path.join(session().dir, 'reported.xlsx');
    await writeReported(reportedFile, reported);
    targetsFile = path.join(session().dir, 'targets.csv');
    fs.writeFileSync(targetsFile, TARGETS_CSV);
  });

  it('walks import claims → confirm matches → the exception → an adjustment → the corrected figures', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, session());

    // The company's data, the default factor library, then its reported figures and targets.
    await importCompanyWorkbook(page, harness, workbook);
    await page.getByRole('button', { name: 'Factor library', exact: true }).click();
    await page.getByRole('button', { name: 'Load default library' }).click();
    await page.locator('table[aria-label="Factor sets"] tr[data-set="desnz-2020"]').waitFor();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByRole('radio', { name: 'Reported figures' }).check();
    await importThroughWizard(page, harness, reportedFile, 'ESG report');
    await screenshot(page, 'reconcile-0-claims-imported');
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByRole('radio', { name: 'Targets' }).check();
    await importThroughWizard(page, harness, targetsFile, 'targets');

    // The claims against the recomputed figures, matched by their words.
    await page.getByRole('button', { name: 'Reconciliation', exact: true }).click();
    const claims = page.getByRole('table', { name: 'Claims' });
    await claims.waitFor();
    const rows = claims.locator('tbody tr[data-claim]');
    await expect.poll(() => rows.count()).toBe(reported.length);
    await expect(claims.locator('.badge.match-suggested').count()).resolves.toBe(reported.length);
    await screenshot(page, 'reconcile-1-claims');

    // Confirm the suggested matches: each is logged, and the badges say so.
    await page.getByRole('button', { name: `Confirm ${reported.length} suggested matches` }).click();
    await expect.poll(() => claims.locator('.badge.match-confirmed').count(), { timeout: 60_000 }).toBe(reported.length);
    await screenshot(page, 'reconcile-2-confirmed');

    // Exactly one exception: FY2023 net, 6 % over; the year is materially misstated.
    const exceptions = claims.locator('tbody tr[data-status="exception"]');
    await expect(exceptions.count()).resolves.toBe(1);
    await expect(textOf(exceptions.locator('td').nth(1))).resolves.toContain('Scope 1 & 2 net, market-based');
    await expect(textOf(exceptions.locator('td').nth(2))).resolves.toBe('FY2023');
    await expect(textOf(exceptions.getByTestId('status').locator('xpath=..'))).resolves.toMatch(/reported over by [\d,.]+ tCO2e \(6(\.\d+)?%\), at or above materiality/);
    await expect(claims.locator('tbody tr[data-status="agreed"], tbody tr[data-status="within-tolerance"]').count()).resolves.toBe(reported.length - 1);
    const conclusion = page.getByTestId('overall-conclusion');
    await expect(textOf(conclusion)).resolves.toContain('the reported emissions for FY2023 are materially misstated');
    // The data-centre PUE opens its inputs: data-centre sites only.
    const pueRow = claims.locator('tbody tr[data-claim]', { hasText: 'Average PUE of our data centres' }).filter({ hasText: 'FY2023' });
    await pueRow.getByRole('button', { name: 'Trace' }).click();
    const inputs = page.getByTestId('metric-inputs');
    await expect(inputs.locator('tbody tr').allTextContents()).resolves.toEqual([expect.stringMatching(/^DC North/), expect.stringMatching(/^DC South/)]);
    await screenshot(page, 'reconcile-3-exception');
    await inputs.getByRole('button', { name: 'Close' }).click();

    // An emissions claim traces to its records.
    await exceptions.getByRole('button', { name: 'Trace' }).click();
    const trace = page.getByTestId('trace-panel');
    await trace.getByRole('table', { name: 'Trace lines' }).locator('tbody > tr[data-record]').first().waitFor();
    await trace.getByRole('button', { name: 'Close' }).click();

    // Propose an adjustment from the exception: the Leeds site, missing from the data.
    const misstated = reported.find((row) => row.metric === 'Scope 1 & 2 net, market-based' && row.year === 'FY2023')!;
    const missing = round(misstated.value - net(expected.FY2023!), 3);
    await exceptions.getByRole('button', { name: 'Adjust…' }).click();
    const form = page.locator('form.propose-adjustment');
    await form.waitFor();
    await expect(form.getByLabel('From claim', { exact: true }).inputValue()).resolves.not.toBe('');
    await expect(form.getByLabel('First day', { exact: true }).inputValue()).resolves.toBe('2022-04-01');
    await expect(form.getByLabel('Last day', { exact: true }).inputValue()).resolves.toBe('2023-03-31');
    await form.getByLabel('Site', { exact: true }).fill('Leeds');
    await form.getByLabel('Activity', { exact: true }).selectOption('process_emissions');
    await form.getByLabel('Quantity', { exact: true }).fill(String(missing));
    await form.getByLabel('Unit', { exact: true }).fill('tCO2e');
    await form.getByLabel('Reason', { exact: true }).fill('Leeds site missing from the data (ESG report note 4)');
    await screenshot(page, 'reconcile-4-adjustment');
    await form.getByRole('button', { name: 'Propose adjustment' }).click();

    // The corrected figures: the claim agrees after the adjustment, the figures as imported stay.
    await page.getByRole('table', { name: 'Adjustments' }).locator('tr[data-adjustment="1"]').waitFor();
    const adjusted = claims.locator('tbody tr[data-claim]', { hasText: 'Scope 1 & 2 net, market-based' }).filter({ hasText: 'FY2023' });
    await expect.poll(() => adjusted.getAttribute('data-status'), { timeout: 60_000 }).toBe('agreed');
    await expect(textOf(adjusted)).resolves.toContain('as imported: Exception');
    await expect(textOf(adjusted.getByTestId('recomputed-as-imported'))).resolves.toMatch(/^as imported [\d,.]+$/);
    const corrected = page.getByRole('table', { name: 'Figures as imported and corrected' });
    const netRow = corrected.locator('tr[data-figure="net"]');
    const shown = async (variant: string) => Number((await textOf(netRow.locator(`td[data-period="FY2023"][data-variant="${variant}"]`))).replace(/,/g, ''));
    expect(await shown('imported')).toBeCloseTo(net(expected.FY2023!), 3);
    expect(await shown('corrected')).toBeCloseTo(net(expected.FY2023!) + missing, 3);
    await expect(claims.locator('tbody tr[data-status="exception"]').count()).resolves.toBe(0);
    await expect(textOf(conclusion)).resolves.toContain('not materially misstated');
    await expect(textOf(page.getByRole('table', { name: 'Adjustments' }))).resolves.toContain('Leeds site missing from the data');
    await screenshot(page, 'reconcile-5-corrected');

    // Targets as charts with their pathways, each with a table of its values and a PNG save.
    const target = page.locator('section.target', { hasText: 'Reduce net emissions' });
    await target.locator('canvas').first().waitFor();
    await target.getByRole('button', { name: 'Show as table' }).click();
    await expect(target.getByRole('table').locator('tbody tr').count()).resolves.toBe(9);
    const download = page.waitForEvent('download');
    await target.getByRole('button', { name: 'Save PNG' }).click();
    const saved = await (await download).path();
    expect(fs.readFileSync(saved).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await page.getByRole('heading', { name: 'Targets' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'reconcile-6-targets');

    // The variance bridge as a waterfall, by activity, summing to the change.
    const bridge = page.locator('section', { has: page.getByRole('heading', { name: 'Variance bridge' }) });
    await bridge.getByLabel('By').selectOption('activity');
    await bridge.getByRole('button', { name: 'Show bridge' }).click();
    await bridge.getByTestId('bridge').locator('canvas').first().waitFor();
    await bridge.getByRole('button', { name: 'Show as table' }).click();
    await expect(textOf(bridge.getByRole('table').locator('tbody tr').last())).resolves.toMatch(/^Total/);
    await screenshot(page, 'reconcile-7-bridge');
    expect(errors).toEqual([]);
  });
});
