/**
 * The inventory end to end: the company workbook's two sheets go through the import wizard, the
 * default factor library is loaded, and the lead schedule shows both fiscal years. A Scope 1
 * figure traces down to the workbook rows and the DESNZ 2020 factors, and its lines add up to it.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCompanyWorkbook } from '../helpers/company-workbook';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, importCompanyWorkbook, textOf, useE2eSession } from './session';

const TONNES = /^\d{1,3}(,\d{3})*\.\d{3}$/;

/** '164,359.481 tCO2e' (a figure's hover text, at full precision) → 164359.481. */
function numberIn(text: string | null): number {
  return Number((text ?? '').replace(/,/g, '').replace(/\s*tCO2e$/, ''));
}

describe('inventory', () => {
  const session = useE2eSession('inventory');
  let workbook: string;

  beforeAll(async () => {
    workbook = path.join(session().dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
  });

  it('calculates two fiscal years from an imported workbook and traces a figure to its source rows and factors', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, session());

    await importCompanyWorkbook(page, harness, workbook);

    // Without factors, the inventory says so and offers the library.
    await page.getByRole('button', { name: 'Inventory', exact: true }).click();
    await expect(textOf(page.getByTestId('no-factors'))).resolves.toContain('No emission factors are loaded');
    await expect(page.getByRole('button', { name: 'Load default factor library' }).isEnabled()).resolves.toBe(true);
    await screenshot(page, 'inventory-0-no-factors');

    await page.getByRole('button', { name: 'Factor library', exact: true }).click();
    await page.getByRole('button', { name: 'Load default library' }).click();
    const desnz = page.locator('table[aria-label="Factor sets"] tr[data-set="desnz-2020"]');
    await desnz.waitFor();
    await screenshot(page, 'factors-1-library');

    // The lead schedule: both fiscal years, oldest first.
    await page.getByRole('button', { name: 'Inventory', exact: true }).click();
    const schedule = page.getByRole('table', { name: 'Lead schedule' });
    await schedule.waitFor();
    const headers = await schedule.locator('thead th').allTextContents();
    const fy2022 = headers.findIndex((header) => header.startsWith('FY2022'));
    const fy2023 = headers.findIndex((header) => header.startsWith('FY2023'));
    expect(fy2022).toBeGreaterThan(0);
    expect(fy2023).toBeGreaterThan(fy2022);
    const scope1 = schedule.locator('tr[data-figure="scope1"] td[data-period="FY2023"]');
    const scope1Text = (await textOf(scope1)).trim();
    expect(scope1Text).toMatch(TONNES);
    await expect(textOf(schedule.locator('tr[data-figure="scope3"] td[data-period="FY2023"]'))).resolves.toBe('—');
    await screenshot(page, 'inventory-1-lead');

    // The drill-down: every Scope 1 line comes from the offices sheet, on DESNZ 2020, and they sum to the figure.
    await scope1.getByRole('button').click();
    const trace = page.getByTestId('trace-panel');
    const lines = trace.getByRole('table', { name: 'Trace lines' }).locator('tbody > tr[data-record]');
    await lines.first().waitFor();
    const sources = await lines.locator('button.source-link').allTextContents();
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^company\.xlsx › UK offices › row \d+$/);
    for (const factor of await lines.locator('td.factor').allTextContents()) expect(factor).toContain('desnz-2020');
    await expect(textOf(trace.getByTestId('trace-total'))).resolves.toBe(scope1Text);
    const lineTonnes = (await lines.locator('td.tco2e').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title')))).map(numberIn);
    const figure = numberIn(await scope1.getAttribute('title'));
    expect(lineTonnes.reduce((sum, tonnes) => sum + tonnes, 0)).toBeCloseTo(figure, 6);
    // The figure by fiscal quarter, then by month.
    const byPeriod = page.getByTestId('period-breakdown');
    await expect(byPeriod.locator('thead th').allTextContents()).resolves.toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    await page.getByLabel('Break down by').selectOption('months');
    // Months are named by the fiscal calendar (April years), not M01–M12.
    await expect(byPeriod.locator('thead th').allTextContents()).resolves.toEqual(['Apr-22', 'May-22', 'Jun-22', 'Jul-22', 'Aug-22', 'Sep-22', 'Oct-22', 'Nov-22', 'Dec-22', 'Jan-23', 'Feb-23', 'Mar-23']);
    await screenshot(page, 'inventory-2-trace');

    // A line's source row, as read from the workbook.
    await lines.first().locator('button.source-link').click();
    const row = trace.locator('tr.source-detail table.sheet');
    await expect(textOf(row)).resolves.toMatch(/London HQ|Manchester/);
    await screenshot(page, 'inventory-3-source');

    // One site: its own, smaller figure.
    await page.getByRole('combobox', { name: /^Site/ }).selectOption('London HQ');
    await expect.poll(async () => numberIn(await scope1.getAttribute('title'))).toBeLessThan(figure);
    await screenshot(page, 'inventory-4-site');

    // Nothing newer than the frozen versions: recalculating moves nothing.
    await page.getByRole('button', { name: 'Recalculate on newest factors' }).click();
    await expect(textOf(page.getByTestId('figure-changes'))).resolves.toContain('no figure changed');
    await screenshot(page, 'inventory-5-recalculated');
    await page.getByRole('button', { name: 'Factor library', exact: true }).click();
    await expect(textOf(desnz)).resolves.toContain('In use (frozen)');
    await screenshot(page, 'factors-2-frozen');
    expect(errors).toEqual([]);
  });
});
