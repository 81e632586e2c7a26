/**
 * Every screen of a two-sheet, two-year engagement, in Chromium: axe-core finds no serious or
 * critical violation on any of them in the light or the dark theme, each is saved as a screenshot
 * at 1280×800 and 1920×1080 in both, figures follow the browser's locale, and
 * the rough edges a first-time auditor hit stay fixed: a zero-record import is not offered, the
 * wizard survives leaving the Import screen, the register names each sheet, the trace and its
 * breakdown stay inside their card, panels close on Escape with focus moved into them, and the
 * audit log reads as words with a refused file logged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_CENTRES_SHEET, OFFICES_SHEET, writeCompanyWorkbook } from '../helpers/company-workbook';
import { checkScreen, VIEWPORTS } from './a11y';
import { collectPageErrors } from './browser';
import { createEngagement, importCompanyWorkbook, textOf, useE2eSession } from './session';

/** How far an element's content overflows it sideways, in px (0 when it fits). */
async function overflow(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((element) => element.scrollWidth - element.clientWidth);
}

/** Whether the element has the focus (its document is the page's: no DOM types in the test's own code). */
const isFocused = (locator: Locator) => locator.evaluate((element: { ownerDocument: { activeElement: unknown } }) => element === element.ownerDocument.activeElement);

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Engagement' }).getByRole('button', { name: screen, exact: true }).click();
}

describe('every screen', () => {
  const session = useE2eSession('screens');
  let workbook: string;
  let noRecords: string;

  beforeAll(async () => {
    workbook = path.join(session().dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    noRecords = path.join(session().dir, 'meter-reversals.csv');
    fs.writeFileSync(noRecords, ['Site,Month,Activity,Quantity,Unit', 'London HQ,2022-04,Electricity,-120,kWh', 'Leeds,2022-05,Electricity,-80,kWh'].join('\n'));
  });

  it('passes axe on every screen at 1280×800 and 1920×1080, with the rough edges fixed', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: VIEWPORTS[0] });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await page.getByLabel('Reporting entity').waitFor();
    await checkScreen(page, 'start');
    await createEngagement(page, session());
    await page.getByTestId('job-steps').locator('li').first().waitFor();
    await checkScreen(page, 'overview-empty');

    // A file whose every row is rejected: validation says so and the import is not offered.
    await open(page, 'Import');
    await checkScreen(page, 'import-choose');
    harness.dialogAnswers.push(noRecords);
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('heading', { name: 'meter-reversals.csv' }).waitFor();
    await checkScreen(page, 'import-sheet');
    // The wizard is kept when the auditor looks elsewhere.
    await open(page, 'Source files');
    await open(page, 'Import');
    await page.getByRole('heading', { name: 'meter-reversals.csv' }).waitFor();
    // Done steps can be gone back to.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Where is the table?' }).waitFor();
    await page.getByRole('list', { name: 'Import steps' }).getByRole('button', { name: /Sheet/ }).click();
    await page.getByRole('heading', { name: 'meter-reversals.csv' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await checkScreen(page, 'import-columns');
    await page.getByRole('button', { name: 'Validate (dry run)' }).click();
    await page.getByTestId('validation-results').waitFor();
    const importButton = page.getByRole('button', { name: 'Import 0 records' });
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await page.getByTestId('shortfall-warning').waitFor();
    await expect(textOf(page.locator('.step-actions'))).resolves.toContain('Tick “Import it anyway” to import what falls short');
    await checkScreen(page, 'import-validate-nothing');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('list', { name: 'Import steps' }).getByRole('button', { name: /File/ }).click();

    // Both sheets of the workbook, the file chosen once.
    const answersBefore = harness.dialogAnswers.length;
    // Each step of the first sheet looked at: the sheet picker with both sheets, the table's bounds, the wide layout's columns, its rejected rows.
    await importCompanyWorkbook(page, harness, workbook, (step) => checkScreen(page, `import-workbook-${step}`));
    expect(harness.dialogAnswers.length).toBe(answersBefore);
    await checkScreen(page, 'import-result');

    await open(page, 'Source files');
    const register = page.getByRole('table', { name: 'Source files' });
    await register.locator('tbody tr').nth(1).waitFor();
    await expect(register.locator('tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual([OFFICES_SHEET, DATA_CENTRES_SHEET]);
    // At 1280 px a short file name stays on one line ('company.xlsx', not 'company.xls' over 'x').
    await expect(page.evaluate<number>(`(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('table.source-register td.file-name'));
      return range.getClientRects().length;
    })()`)).resolves.toBe(1);
    await checkScreen(page, 'sources');
    // The rows an import refused open under its line of the register, across the whole register.
    await register.getByRole('button', { name: /^2 rejected rows of company\.xlsx$/ }).click();
    const rejected = register.getByRole('table', { name: 'Rejected rows' });
    await rejected.locator('tbody tr[data-loaded="true"]').nth(1).waitFor();
    await expect(register.locator('tr.source-detail > td').first().getAttribute('colspan')).resolves.toBe(String(await register.locator(':scope > thead > tr > th').count()));
    await checkScreen(page, 'sources-rejected');

    // Every record, paged from SQL; one opens on its source row under the sheet's own headers.
    await open(page, 'Records');
    const records = page.getByRole('table', { name: 'Records' });
    await records.locator('tbody tr[data-loaded="true"]').first().click();
    await checkScreen(page, 'records', { ready: page.getByTestId('source-context').locator('tr[aria-current="true"]') });

    await open(page, 'Boundary');
    await page.getByRole('table', { name: 'Sites' }).waitFor();
    await checkScreen(page, 'boundary');

    await open(page, 'Factor library');
    await page.getByRole('button', { name: 'Load default library' }).click();
    const desnz = page.locator('table[aria-label="Factor sets"] tr[data-set="desnz-2020"]');
    await desnz.waitFor();
    await desnz.getByRole('button', { name: 'Show factors' }).click();
    const factors = page.getByTestId('set-factors');
    await factors.getByRole('table').locator('tbody tr').first().waitFor();
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('set-factors-heading');
    await expect(textOf(factors.getByTestId('row-count'))).resolves.toMatch(/^[\d,]+ rows$/);
    await checkScreen(page, 'factors');
    await page.keyboard.press('Escape');
    await expect(factors.count()).resolves.toBe(0);
    await expect(isFocused(desnz.getByRole('button', { name: 'Show factors' }))).resolves.toBe(true);

    // Opening the Inventory reads the stored results; the first calculation is the auditor's to start.
    await open(page, 'Inventory');
    await page.getByRole('button', { name: 'Calculate', exact: true }).click();
    const scope1 = page.locator('table[aria-label="Lead schedule"] tr[data-figure="scope1"] td[data-period="FY2023"]');
    await scope1.waitFor();
    await checkScreen(page, 'inventory');
    await scope1.getByRole('button').click();
    const trace = page.getByTestId('trace-panel');
    await trace.getByRole('table', { name: 'Trace lines' }).locator('tbody > tr[data-record]').first().waitFor();
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('trace-heading');
    await page.getByLabel('Break down by').selectOption('months');
    const sourceLink = trace.getByRole('table', { name: 'Trace lines' }).locator('button.source-link').first();
    await sourceLink.click();
    // The button pressed keeps focus while its source row opens (a remounted row would drop it).
    await expect(sourceLink.evaluate((button) => button.matches(':focus'))).resolves.toBe(true);
    for (const viewport of [...VIEWPORTS, { width: 1440, height: 900 }]) {
      await page.setViewportSize(viewport);
      expect(await overflow(page, '[data-testid="trace-panel"]'), `trace panel at ${viewport.width} px`).toBeLessThanOrEqual(0);
      expect(await overflow(page, '.period-breakdown'), `breakdown at ${viewport.width} px`).toBeLessThanOrEqual(0);
      expect(await overflow(page, '[data-testid="trace-panel"] .table-scroll'), `trace lines at ${viewport.width} px`).toBeLessThanOrEqual(0);
    }
    await checkScreen(page, 'inventory-trace', { ready: trace.getByTestId('source-context').locator('tr[aria-current="true"]') });
    // Checking and saving the screen moves focus; Escape from inside the trace closes it.
    await sourceLink.focus();
    await page.keyboard.press('Escape');
    await expect(trace.count()).resolves.toBe(0);
    await expect(isFocused(scope1.getByRole('button'))).resolves.toBe(true);

    // The Overview: where the job stands, the figures by year with their change, and the charts.
    await open(page, 'Overview');
    const headlines = page.getByRole('table', { name: 'Headline figures' });
    await headlines.waitFor();
    await expect(headlines.locator('thead th').allTextContents()).resolves.toEqual(['Figure', 'FY2022', 'FY2023', 'Change on FY2022']);
    await expect(textOf(headlines.locator('tr[data-headline="scope1"] td.change'))).resolves.toMatch(/^[+-]\d+\.\d%$/);
    const steps = page.getByTestId('job-steps');
    await expect(textOf(steps.locator('li[data-step="import"] .step-state'))).resolves.toBe('Done');
    await expect(textOf(steps.locator('li[data-step="boundary"] .step-state'))).resolves.toBe('Next');
    for (const chart of ['Emissions by scope', 'Scope 2: location- and market-based', 'Sites that weigh most, FY2023', 'PUE per data centre', 'Clean-electricity share per data centre', /^Monthly profile: /]) {
      await expect(page.getByRole('heading', { name: chart, level: 2 }).isVisible(), String(chart)).resolves.toBe(true);
    }
    await expect(page.locator('.chart-grid canvas').count()).resolves.toBeGreaterThanOrEqual(6);
    // Each chart's text alternative is its own summary, never ECharts' generated one ('This is a chart… is 0, NaN').
    for (const chart of await page.locator('figure.chart').all()) {
      const [title, alternative] = [await chart.getAttribute('aria-label'), await chart.locator('[role="img"]').getAttribute('aria-label')];
      expect(alternative?.startsWith(`${title}. `), `${title}: ${alternative}`).toBe(true);
    }
    // Clean electricity is read in kWh at the office and MWh at the data centres: each unit has its own axis, or the MWh lines lie flat at zero.
    await expect(page.locator('figure.chart[aria-label^="Monthly profile"] [role="img"]').getAttribute('aria-label')).resolves.toMatch(/in (kWh and MWh|MWh and kWh), each on its own axis\./);
    await checkScreen(page, 'overview');

    await open(page, 'Reconciliation');
    await page.getByRole('heading', { name: 'Reconciliation', level: 1 }).waitFor();
    await page.getByText('Reconciling…').waitFor({ state: 'detached' });
    await checkScreen(page, 'reconciliation');

    await open(page, 'Export');
    await page.getByRole('heading', { name: /Export/, level: 1 }).waitFor();
    await checkScreen(page, 'export');

    // Review: a finding of the post-import check opened (focus moves into it; Escape closes it and
    // focus returns to the link that opened it), then a sample drawn.
    await open(page, 'Findings');
    const findingLink = page.getByRole('table', { name: 'Findings' }).getByRole('button', { name: /^Open finding/ }).first();
    await findingLink.click();
    const detail = page.getByTestId('finding-detail');
    await detail.getByRole('list', { name: 'History of the finding' }).waitFor();
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('finding-heading');
    await checkScreen(page, 'findings');
    await page.keyboard.press('Escape');
    await expect(detail.count()).resolves.toBe(0);
    await expect(isFocused(findingLink)).resolves.toBe(true);

    await open(page, 'Sampling');
    const draw = page.getByRole('form', { name: 'Draw a sample' });
    await draw.getByLabel('Size').fill('5');
    await draw.getByLabel('Seed').fill('20261130');
    await draw.getByRole('button', { name: 'Draw' }).click();
    await page.getByRole('table', { name: 'Sampled items' }).locator('tbody tr').nth(4).waitFor();
    await checkScreen(page, 'sampling');

    // A refused file is logged; the log reads as words, its JSON on demand.
    await open(page, 'Import');
    await page.getByRole('button', { name: 'Import another file' }).click();
    const legacy = path.join(session().dir, 'conversion-factors-2021.xls');
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'conversion-factors-2021-flat-file-automatic-processing.xls'), legacy);
    harness.dialogAnswers.push(legacy);
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('alert').waitFor();
    await open(page, 'Audit log');
    const log = page.getByRole('table', { name: 'Audit log' });
    // More entries than are in view: newest first, the refusal is among the rows rendered.
    await log.getByRole('button', { name: '#' }).click();
    await log.locator('tr[data-operation="import.refused"]').waitFor();
    await expect(textOf(log.locator('tr[data-operation="import.refused"] td').nth(3))).resolves.toBe('File refused');
    await page.getByLabel('Operation').selectOption({ label: 'File imported' });
    await expect.poll(() => log.locator('tbody tr').count()).toBe(2);
    await expect(log.locator('tr[data-operation="import"]').count()).resolves.toBe(2);
    await checkScreen(page, 'audit-log');
    // The JSON on demand: under the log, in full (a row is one line and cannot show it), focus in it, Escape closing it.
    const jsonButton = log.locator('tr[data-operation="import"]').first().getByRole('button', { name: /^JSON of entry \d+$/ });
    await expect(jsonButton.isVisible()).resolves.toBe(true);
    await jsonButton.click();
    const json = page.getByTestId('entry-json');
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('entry-json-heading');
    expect(JSON.parse(await textOf(json.locator('pre')))).toMatchObject({ file: 'company.xlsx' });
    await checkScreen(page, 'audit-log-json');
    await page.keyboard.press('Escape');
    await expect(json.count()).resolves.toBe(0);
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
    // Every screen checked by axe and saved at two sizes in both themes, after two imports and a calculation.
  }, 480_000);

  it('writes figures and dates in the browser’s locale: German separators in a German Chromium', async () => {
    // The engagement the first test built is still open in the harness.
    const { openPage, harness } = session();
    const page = await openPage({ viewport: VIEWPORTS[0], locale: 'de-DE', colorScheme: 'dark' });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await open(page, 'Inventory');
    const scope1 = page.locator('table[aria-label="Lead schedule"] tr[data-figure="scope1"] td[data-period="FY2023"]');
    // Three decimals after a comma, thousands grouped with points: 1.234,567.
    await expect.poll(() => textOf(scope1)).toMatch(/^\d{1,3}(\.\d{3})*,\d{3}$/);
    await open(page, 'Source files');
    const imported = page.getByRole('table', { name: 'Source files' }).locator('tbody tr').first().locator('td').filter({ hasText: /UTC$/ });
    await expect(textOf(imported)).resolves.toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} UTC$/);
    await checkScreen(page, 'sources-de');
    expect(errors.filter((error) => !error.includes('Failed to load resource'))).toEqual([]);
  });
});
