/**
 * Tables that scale, in Chromium on the real engine: an engagement of 1,000,000 records (written
 * straight into the engagement by the generator the benchmarks use) whose Records table scrolls
 * to its end, moves by keyboard, sorts by a column in SQL, opens a record's source row under its
 * sheet's headers and exports every matching row as CSV; then the trace of a figure of 500,000
 * lines scrolls to its last line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engagement } from '../../electron/engine/engagement/handle';
import { loadFactorLibrary } from '../../electron/engine/factors/library';
import { generatedQuantity, insertGeneratedRecords } from '../helpers/generated-records';
import { collectPageErrors, screenshot } from './browser';
import { textOf, useE2eSession } from './session';

const RECORDS = 1_000_000;

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Engagement' }).getByRole('button', { name: screen, exact: true }).click();
}

/** The row at a 0-based position of the whole table, once its page has arrived. */
function rowAt(table: Locator, index: number): Locator {
  return table.locator(`tbody tr[aria-rowindex="${index + 2}"][data-loaded="true"]`);
}

async function scrollToEnd(scroller: Locator): Promise<void> {
  await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
}

describe('tables that scale', () => {
  const session = useE2eSession('tables');
  let file: string;

  beforeAll(() => {
    file = path.join(session().dir, 'million.carbonaudit');
    const engagement = Engagement.create(file, { entityName: 'Million Records plc', fiscalYearStartMonth: 4, defaultRegion: 'UK' }, { actor: 'generator' });
    loadFactorLibrary(engagement);
    insertGeneratedRecords(engagement, RECORDS);
    engagement.close();
  }, 300_000);

  it('scrolls 1,000,000 records to the end, moves by keyboard, sorts by quantity, opens a source row and exports the filtered rows', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    harness.dialogAnswers.push(file);
    await page.getByRole('button', { name: 'Open engagement file…' }).click();
    await page.getByTestId('engagement-settings').waitFor({ timeout: 120_000 });

    await open(page, 'Records');
    const records = page.getByTestId('records-table');
    const table = records.getByRole('table', { name: 'Records' });
    await expect.poll(() => textOf(records.getByTestId('row-count')), { timeout: 60_000 }).toBe('1,000,000 rows');
    await expect(table.getAttribute('aria-rowcount')).resolves.toBe(String(RECORDS + 1));
    await rowAt(table, 0).waitFor();
    // Its period in the reader's locale (the page's is en-GB), as one span.
    await expect(textOf(rowAt(table, 0).locator('td').nth(2))).resolves.toBe('01/04/2021 – 30/04/2021');
    // Only the rows in view are in the page.
    expect(await table.locator('tbody tr[data-loaded]').count()).toBeLessThan(100);
    await screenshot(page, 'tables-1-records');

    // To the last record by scrolling, its page fetched from SQL as it comes into view.
    const scroller = records.getByTestId('table-scroll');
    await scrollToEnd(scroller);
    await expect(rowAt(table, RECORDS - 1).getAttribute('data-record', { timeout: 120_000 })).resolves.toBe(String(RECORDS));
    await screenshot(page, 'tables-2-records-end');

    // The keyboard: Home to the first row, arrows, Page Down, End to the last; focus follows.
    await scroller.evaluate((element) => element.scrollTo(0, 0));
    await rowAt(table, 0).focus();
    const focusedIndex = () => page.evaluate<number>("Number(document.activeElement?.getAttribute('aria-rowindex')) - 2");
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedIndex).toBe(2);
    await page.keyboard.press('PageDown');
    await expect.poll(focusedIndex).toBeGreaterThan(10);
    await page.keyboard.press('End');
    await expect.poll(focusedIndex, { timeout: 20_000 }).toBe(RECORDS - 1);
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedIndex).toBe(RECORDS - 2);
    await page.keyboard.press('Home');
    await expect.poll(focusedIndex, { timeout: 20_000 }).toBe(0);

    // Enter opens the record's source row: the sheet's own headers, the row marked, the rows after it.
    await page.keyboard.press('Enter');
    const source = page.getByTestId('source-context');
    await source.waitFor();
    await expect(source.locator('thead th').allTextContents()).resolves.toEqual(['Row', 'Site', 'Month', 'Activity', 'Quantity', 'Unit']);
    await expect(source.locator('tbody tr th').allTextContents()).resolves.toEqual(['2', '3', '4', '5']);
    await expect(textOf(source.locator('tr[aria-current="true"]'))).resolves.toBe(`2Site 02021-04Electricity${generatedQuantity(0)}kWh`);
    await screenshot(page, 'tables-3-source-row');
    // Focus moves into it; Escape closes it and puts focus back on the row that opened it.
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.textContent ?? undefined')).toBe('Where record 1 was read from');
    await page.keyboard.press('Escape');
    await expect(source.count()).resolves.toBe(0);
    await expect.poll(focusedIndex).toBe(0);

    // Sorted by quantity, largest first, in SQL: ties broken by record, descending.
    const quantity = table.getByRole('button', { name: 'Quantity' });
    await quantity.click();
    await quantity.click();
    await expect(table.locator('th[aria-sort="descending"]').textContent()).resolves.toContain('Quantity');
    let largest = RECORDS - 1;
    while (generatedQuantity(largest) !== 224.5) largest--;
    await expect.poll(() => rowAt(table, 0).getAttribute('data-record'), { timeout: 120_000 }).toBe(String(largest + 1));
    await expect(textOf(rowAt(table, 0).locator('td').nth(4))).resolves.toBe('224.5');
    await scrollToEnd(scroller);
    // The smallest quantity (100) is last; of its records, the first.
    await expect(rowAt(table, RECORDS - 1).getAttribute('data-record', { timeout: 120_000 })).resolves.toBe('1');
    await screenshot(page, 'tables-4-sorted');

    // Searching narrows the rows in SQL; the CSV holds every one of them, not only the rows in view.
    await page.getByRole('searchbox').fill('site 7');
    // Site 7 and Site 70–79, 2,500 records each.
    await expect.poll(() => textOf(records.getByTestId('row-count')), { timeout: 120_000 }).toBe('27,500 rows');
    const csv = path.join(dir, 'records-site-7.csv');
    harness.dialogAnswers.push(csv);
    await records.getByRole('button', { name: 'Export CSV… of records' }).click();
    await expect.poll(() => textOf(records.locator('.csv-export [role="status"]')), { timeout: 180_000 }).toBe('Saved 27,500 rows to records-site-7.csv');
    const lines = fs.readFileSync(csv, 'utf8').split('\r\n');
    // Its header row is the table's: the headings it shows (the catalogue's), the sort mark aside,
    // then the two the screen keeps to a badge: whether each record is in use and, if not, why.
    const headings = (await table.locator('thead th').allTextContents()).map((text) => text.replace(/ [▴▾]$/, ''));
    expect(headings).toEqual(['Record', 'Site', 'Period', 'Activity', 'Quantity', 'Unit', 'Source file', 'Sheet', 'Row']);
    expect(lines[0]).toBe(`\uFEFF${[...headings, 'Status', 'Why out of the calculation'].join(',')}`);
    expect(lines).toHaveLength(27_500 + 2);
    expect(lines.slice(1, -1).every((line) => line.endsWith(',in-use,'))).toBe(true);
    // In the table's order: quantity descending.
    const quantities = lines.slice(1, -1).map((line) => Number(line.split(',')[4]));
    expect(quantities).toEqual([...quantities].sort((a, b) => b - a));
    await screenshot(page, 'tables-5-exported');
    expect(errors).toEqual([]);
  }, 600_000);

  it('scrolls the trace of a figure of 500,000 lines to its last line', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: { width: 1920, height: 1080 } });
    const errors = collectPageErrors(page);
    // The engagement the first test opened is still open in the engine.
    await page.goto(harness.url);
    await open(page, 'Inventory');
    await page.getByRole('button', { name: 'Calculate', exact: true }).click();
    const net = page.locator('table[aria-label="Lead schedule"] tr[data-figure="net"] td[data-period]').first();
    await net.getByRole('button').waitFor({ timeout: 300_000 });
    await net.getByRole('button').click();
    const trace = page.getByTestId('trace-panel');
    // The records of the first fiscal year's twelve months (of the generator's 24), each one line of net (Scope 1, or market-based Scope 2).
    const firstYear = Array.from({ length: RECORDS }, (_, i) => i % 24 < 12).filter(Boolean).length;
    expect(firstYear).toBe(500_004);
    await expect.poll(() => textOf(trace.getByTestId('trace-count')), { timeout: 120_000 }).toBe('500,004 lines');
    const lines = trace.getByRole('table', { name: 'Trace lines' });
    await rowAt(lines, 0).waitFor();
    const scroller = trace.getByTestId('trace-scroll');
    await scrollToEnd(scroller);
    // Rows are measured as they render, so the end moves a little: scroll again until the last line is there.
    await expect.poll(async () => {
      await scrollToEnd(scroller);
      return rowAt(lines, firstYear - 1).count();
    }, { timeout: 30_000 }).toBe(1);
    expect(await lines.locator('tbody tr[data-record]').count()).toBeLessThan(100);
    await screenshot(page, 'tables-6-trace-end');
    expect(errors).toEqual([]);
  }, 600_000);
});
