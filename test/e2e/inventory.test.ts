/**
 * The inventory end to end: the company workbook's two sheets go through the import wizard, the
 * default factor library is loaded, and the lead schedule shows both fiscal years, every figure
 * and every year-on-year change equal, cell by cell, to an independent recalculation. A Scope 1
 * figure traces down to the workbook rows and the DESNZ 2020 factors, and its lines add up to it.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { writeCompanyWorkbook, type CompanyWorkbookPlan } from '../helpers/company-workbook';
import { expectedFigures } from '../helpers/independent-recalculation';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, importCompanyWorkbook, textOf, useE2eSession } from './session';

const TONNES = /^\d{1,3}(,\d{3})*\.\d{3}$/;

/** '164,359.481 tCO2e' (a figure's hover text, at full precision) → 164359.481. */
function numberIn(text: string | null): number {
  return Number((text ?? '').replace(/,/g, '').replace(/\s*tCO2e$/, ''));
}

/** A shown number: '1,234.567', '37.6%', '−16.0%' or '+2.5 pp' → 1234.567, 37.6, −16, 2.5 (null for '—'). */
function shownNumber(text: string): number | null {
  if (text === '—') return null;
  return Number(text.replace(/,/g, '').replace('\u2212', '-').replace(/%|\s*pp$/, ''));
}

/** A number shown to `decimals` places is the value rounded there: within half a unit of the last place. */
function expectRoundedTo(shown: number | null, value: number, decimals: number, what: string): void {
  expect(shown, what).not.toBeNull();
  expect(Math.abs(shown! - value), `${what}: ${shown} for ${value}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-9));
}

/** How the lead schedule shows each figure: tonnes and PUE to three decimals, shares in % to one. */
const SHOWN_AS: Readonly<Record<string, 'number' | 'percent'>> = { clean_share: 'percent', data_centre_clean_share: 'percent' };

/**
 * Every figure and change in the schedule against the independent recalculation: each cell's
 * full-precision hover value, its shown text to its rounding, and the change column (relative,
 * in percentage points for shares) with its sign.
 */
async function expectScheduleToMatch(schedule: Locator, plan: CompanyWorkbookPlan): Promise<void> {
  const expected = expectedFigures(plan);
  for (const figure of Object.keys(expected.FY2023!)) {
    const percent = SHOWN_AS[figure] === 'percent';
    const row = schedule.locator(`tr[data-figure="${figure}"]`);
    for (const year of ['FY2022', 'FY2023']) {
      const want = expected[year]![figure]!;
      const cell = row.locator(`td[data-period="${year}"]`);
      const [title, text] = [await cell.getAttribute('title'), await textOf(cell)];
      if (want === null) {
        expect([figure, year, title, text]).toEqual([figure, year, 'No inputs', '—']);
        continue;
      }
      expectRoundedTo(numberIn(title), want, 6, `${figure} ${year} (full precision)`);
      expectRoundedTo(shownNumber(text), percent ? want * 100 : want, percent ? 1 : 3, `${figure} ${year} as shown`);
    }
    const [previous, latest] = [expected.FY2022![figure]!, expected.FY2023![figure]!];
    const change = previous === null || latest === null ? null : percent ? (latest - previous) * 100 : ((latest - previous) / Math.abs(previous)) * 100;
    const shownChange = shownNumber(await textOf(row.locator('td.change')));
    if (change === null) expect(shownChange, `${figure} change`).toBeNull();
    else expectRoundedTo(shownChange, change, 1, `${figure} change`);
  }
}

describe('inventory', () => {
  const session = useE2eSession('inventory');
  let workbook: string;

  let plan: CompanyWorkbookPlan;

  beforeAll(async () => {
    workbook = path.join(session().dir, 'company.xlsx');
    plan = await writeCompanyWorkbook(workbook);
  });

  it('calculates two fiscal years from an imported workbook and traces a figure to its source rows and factors', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, session(), { region: 'UK' });

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

    // Opening the inventory only reads: nothing is calculated, and no factor version is frozen, until the auditor asks.
    await page.getByRole('button', { name: 'Inventory', exact: true }).click();
    await expect(textOf(page.getByTestId('results-status'))).resolves.toContain('Not calculated yet');
    await page.getByRole('button', { name: 'Factor library', exact: true }).click();
    await desnz.waitFor();
    await expect(textOf(desnz)).resolves.not.toContain('In use (frozen)');

    // The lead schedule: both fiscal years, oldest first.
    await page.getByRole('button', { name: 'Inventory', exact: true }).click();
    await page.getByRole('button', { name: 'Calculate', exact: true }).click();
    const schedule = page.getByRole('table', { name: 'Lead schedule' });
    await schedule.waitFor();
    await expect.poll(() => textOf(page.getByTestId('results-status')), { timeout: 30_000 }).toMatch(/^Calculated .* nothing it depends on has changed since\.$/);
    const headers = await schedule.locator('thead th').allTextContents();
    const fy2022 = headers.findIndex((header) => header.startsWith('FY2022'));
    const fy2023 = headers.findIndex((header) => header.startsWith('FY2023'));
    expect(fy2022).toBeGreaterThan(0);
    expect(fy2023).toBeGreaterThan(fy2022);
    const scope1 = schedule.locator('tr[data-figure="scope1"] td[data-period="FY2023"]');
    const scope1Text = (await textOf(scope1)).trim();
    expect(scope1Text).toMatch(TONNES);
    await expect(textOf(schedule.locator('tr[data-figure="scope3"] td[data-period="FY2023"]'))).resolves.toBe('—');
    await expectScheduleToMatch(schedule, plan);
    await screenshot(page, 'inventory-1-lead');

    // The drill-down: every Scope 1 line comes from the offices sheet, on DESNZ 2020, and they sum to the figure.
    await scope1.getByRole('button').click();
    const trace = page.getByTestId('trace-panel');
    const lines = trace.getByRole('table', { name: 'Trace lines' }).locator('tbody > tr[data-record]');
    await lines.first().waitFor();
    await expect(textOf(trace.getByTestId('trace-total'))).resolves.toBe(scope1Text);
    const lineCount = Number((await textOf(trace.getByTestId('trace-count'))).replace(/\D/g, ''));
    // The table holds only the lines in view: scroll through it, reading each line once.
    const seen = new Map<string, { source: string; factor: string; tonnes: number }>();
    const scroller = trace.getByTestId('trace-scroll');
    for (let step = 0; seen.size < lineCount && step < 50; step++) {
      // One read of the rows in view: the virtualiser may replace a row between separate reads.
      const inView = await lines.evaluateAll((rows) =>
        rows.map((row) => ({
          record: row.getAttribute('data-record')!,
          source: (row.querySelector('button.source-link')?.textContent ?? '').trim(),
          factor: (row.querySelector('td.factor')?.textContent ?? '').trim(),
          tonnesTitle: row.querySelector('td.tco2e span')?.getAttribute('title') ?? null,
        })),
      );
      for (const { record, source, factor, tonnesTitle } of inView) {
        if (!seen.has(record)) seen.set(record, { source, factor, tonnes: numberIn(tonnesTitle) });
      }
      await scroller.evaluate((element) => element.scrollBy(0, element.clientHeight * 0.8));
      await page.waitForTimeout(50);
    }
    expect(seen.size).toBe(lineCount);
    for (const { source, factor } of seen.values()) {
      expect(source).toMatch(/^company\.xlsx › UK offices › row \d+$/);
      expect(factor).toContain('desnz-2020');
    }
    const figure = numberIn(await scope1.getAttribute('title'));
    expect([...seen.values()].reduce((sum, line) => sum + line.tonnes, 0)).toBeCloseTo(figure, 6);
    await scroller.evaluate((element) => element.scrollTo(0, 0));
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
