/**
 * The reporting boundary end to end, under equity share: the company workbook's data-centre sheet
 * is imported through the wizard (with a file of intensity denominators), the default factor
 * library is loaded, and both data centres start unconfigured, counting in full. Setting DC South
 * to 40% ownership scales its Scope 2 figure to 40% of what it was, and the entity's with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_CENTRES_SHEET, writeCompanyWorkbook } from '../helpers/company-workbook';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, importThroughWizard, textOf, useE2eSession } from './session';

/** Revenue, floor area and orders per fiscal year (April start): FY2022, then FY2023. */
const DENOMINATORS = [
  'Period start,Period end,Revenue (GBP),Floor area (m2),Orders',
  '2021-04-01,2022-03-31,125000000,18500,420000',
  '2022-04-01,2023-03-31,131500000,18500,455000',
].join('\n');
const FY2023_REVENUE_GBP_M = 131.5;

/** A figure's hover text at full precision ('1,234.567891 tCO2e', '12.3456 tCO2e/£m') → its number. */
function numberIn(text: string | null): number {
  return Number((text ?? '').replace(/,/g, '').replace(/\s.*$/, ''));
}

describe('boundary', () => {
  const session = useE2eSession('boundary');
  let workbook: string;
  let denominators: string;

  beforeAll(async () => {
    workbook = path.join(session().dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    denominators = path.join(session().dir, 'denominators.csv');
    fs.writeFileSync(denominators, `${DENOMINATORS}\n`);
  });

  it('counts a site at its ownership under equity share, and shows intensities per fiscal year', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, session(), { consolidation: 'Equity share' });

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await importThroughWizard(page, harness, workbook, DATA_CENTRES_SHEET);
    await page.getByRole('button', { name: 'Import another file' }).click();
    // The orders header names no unit: the auditor gives it.
    await importThroughWizard(page, harness, denominators, 'denominators', () => page.getByLabel('Unit of column E').fill('count'));

    await page.getByRole('button', { name: 'Factor library', exact: true }).click();
    await page.getByRole('button', { name: 'Load default library' }).click();
    await page.locator('table[aria-label="Factor sets"] tr[data-set="desnz-2020"]').waitFor();

    // Before any boundary setting: the entity's figures, its intensities, and DC South's Scope 2.
    await page.getByRole('button', { name: 'Inventory', exact: true }).click();
    await page.getByRole('button', { name: 'Calculate', exact: true }).click();
    const schedule = page.getByRole('table', { name: 'Lead schedule' });
    const figure = (key: string, period = 'FY2023') => schedule.locator(`tr[data-figure="${key}"] td[data-period="${period}"]`);
    const location = figure('scope2_location');
    await location.waitFor();
    const entityBefore = numberIn(await location.getAttribute('title'));
    const net = numberIn(await figure('net').getAttribute('title'));
    const intensityLabels = await schedule.locator('tr[data-figure^="intensity."] th').allTextContents();
    expect(intensityLabels).toEqual(['Net tCO2e per m² of floor area', 'Net tCO2e per order', 'Net tCO2e per £m of revenue']);
    const perRevenue = figure('intensity.revenue.currency:GBP');
    await expect(textOf(schedule.locator('tr[data-figure="intensity.revenue.currency:GBP"] td.unit'))).resolves.toBe('tCO2e/£m');
    expect(numberIn(await perRevenue.getAttribute('title'))).toBeCloseTo(net / FY2023_REVENUE_GBP_M, 6);
    expect(await textOf(perRevenue)).toMatch(/^\d{1,3}(,\d{3})*(\.\d+)?$/);
    await screenshot(page, 'boundary-1-intensities');

    const siteSelect = page.getByRole('combobox', { name: /^Site/ });
    await siteSelect.selectOption('DC South');
    await expect.poll(async () => numberIn(await location.getAttribute('title'))).toBeLessThan(entityBefore);
    const siteBefore = numberIn(await location.getAttribute('title'));
    // Intensities are the entity's: a site has none.
    await expect(schedule.locator('tr[data-figure^="intensity."]').count()).resolves.toBe(0);

    // The boundary: both data centres, unconfigured, counting in full.
    await page.getByRole('button', { name: 'Boundary', exact: true }).click();
    await expect(textOf(page.getByTestId('approach-note'))).resolves.toContain('Equity share: each site counts at its ownership %');
    const sites = page.getByRole('table', { name: 'Sites' });
    const row = (name: string) => sites.locator(`tbody tr[data-site="${name}"]`);
    await row('DC South').waitFor();
    await expect(sites.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-site')))).resolves.toEqual(['DC North', 'DC South']);
    for (const name of ['DC North', 'DC South']) {
      await expect(textOf(row(name).locator('td.status'))).resolves.toBe('Default: counts in full');
      await expect(textOf(row(name).getByTestId('effective-share'))).resolves.toBe('100.0%');
      // Their IT-energy records make them data centres in the calculation, so the boundary says so.
      await expect(page.getByLabel(`Data centre of ${name}`).isChecked()).resolves.toBe(true);
      await expect(page.getByLabel(`Data centre of ${name}`).isDisabled()).resolves.toBe(true);
      await expect(textOf(row(name).getByTestId('data-centre'))).resolves.toBe('IT-energy records');
    }
    // One form for every site: nothing to save yet.
    const save = page.getByRole('button', { name: 'Save boundary' });
    await expect(save.isDisabled()).resolves.toBe(true);
    await screenshot(page, 'boundary-2-unconfigured');

    await page.getByLabel('Ownership % of DC South').fill('40');
    await expect(save.isEnabled()).resolves.toBe(true);
    await expect(textOf(row('DC South').getByTestId('effective-share'))).resolves.toBe('100.0%40.0% once saved');
    await screenshot(page, 'boundary-3-edited');
    await save.click();
    await expect.poll(() => textOf(row('DC South').locator('td.status'))).toBe('Configured');
    await expect(textOf(row('DC South').getByTestId('effective-share'))).resolves.toBe('40.0%');
    await expect(save.isDisabled()).resolves.toBe(true);
    await expect(textOf(row('DC North').locator('td.status'))).resolves.toBe('Default: counts in full');
    await screenshot(page, 'boundary-4-saved');

    // The stored figures are now out of date, and say so until they are recalculated.
    await page.getByRole('button', { name: 'Inventory', exact: true }).click();
    const status = page.getByTestId('results-status');
    await expect(textOf(status)).resolves.toMatch(/^Results are out of date: recalculate \(the reporting boundary changed\)\. The figures below were calculated /);
    expect(numberIn(await location.getAttribute('title'))).toBe(entityBefore);
    await screenshot(page, 'boundary-5-stale');
    await status.getByRole('button', { name: 'Recalculate', exact: true }).click();
    await expect.poll(() => textOf(status), { timeout: 30_000 }).toContain('nothing it depends on has changed since');

    // DC South now counts at 40%, in its own figures and in the entity's.
    await location.waitFor();
    await expect.poll(async () => numberIn(await location.getAttribute('title'))).toBeLessThan(entityBefore);
    expect(numberIn(await location.getAttribute('title'))).toBeCloseTo(entityBefore - 0.6 * siteBefore, 5);
    await siteSelect.selectOption('DC South');
    await expect.poll(async () => numberIn(await location.getAttribute('title'))).toBeLessThan(siteBefore);
    expect(numberIn(await location.getAttribute('title'))).toBeCloseTo(0.4 * siteBefore, 5);
    await screenshot(page, 'boundary-6-inventory');

    // The setting is the engagement's: the boundary reads it back.
    await page.getByRole('button', { name: 'Boundary', exact: true }).click();
    await expect(textOf(row('DC South').locator('td.status'))).resolves.toBe('Configured');
    await expect(page.getByLabel('Ownership % of DC South').inputValue()).resolves.toBe('40');
    await expect(page.getByLabel('Data centre of DC South').isChecked()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});
