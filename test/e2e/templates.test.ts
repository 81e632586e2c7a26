/** A mapping saved as a template is applied to next year's file, with changed headers flagged. */
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HEADER_ROW, OFFICES_SHEET, writeCompanyWorkbook } from '../helpers/company-workbook';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, textOf, useE2eSession } from './session';

/** From the file step to the columns step, waiting for each step before acting on it. */
async function openColumnsStep(page: Page, file: string, sheet: string): Promise<void> {
  await page.getByRole('heading', { name: 'What are you importing?' }).waitFor();
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await page.getByRole('heading', { name: path.basename(file) }).waitFor();
  await expect.poll(() => page.getByRole('combobox', { name: /^Sheet/ }).inputValue()).toBe(sheet);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Where is the table?' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'What does each column hold?' }).waitFor();
}

describe('mapping templates in the import wizard', () => {
  const session = useE2eSession('templates');

  it('saves this year’s mapping and applies it to next year’s file, flagging a renamed header', async () => {
    const { openPage, harness, dir } = session();
    const thisYear = path.join(dir, 'energy-fy2023.xlsx');
    await writeCompanyWorkbook(thisYear);
    // Next year's file: same layout, but the site team renamed one header.
    const nextYear = path.join(dir, 'energy-fy2024.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(thisYear);
    workbook.getWorksheet(OFFICES_SHEET)!.getCell(`D${HEADER_ROW}`).value = 'Gas (m3)';
    await workbook.xlsx.writeFile(nextYear);

    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, session());
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    harness.dialogAnswers.push(thisYear);
    await openColumnsStep(page, thisYear, OFFICES_SHEET);
    await page.getByRole('button', { name: 'Save as template…' }).click();
    await page.getByLabel('Template name').fill('Site energy workbook');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(textOf(page.getByRole('status'))).resolves.toContain('Saved as template “Site energy workbook”');

    for (const heading of ['Where is the table?', path.basename(thisYear), 'What are you importing?']) {
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    harness.dialogAnswers.push(nextYear);
    await openColumnsStep(page, nextYear, OFFICES_SHEET);
    // The suggestion for the renamed column differs; the template restores last year's mapping.
    await page.getByLabel('Role of column C').selectOption('ignore');
    await page.getByLabel('Use a saved template').selectOption('Site energy workbook');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByLabel('Role of column C').inputValue()).resolves.toBe('value');
    await expect(page.getByLabel('Activity of column D').inputValue()).resolves.toBe('natural_gas');
    await expect(textOf(page.getByRole('alert'))).resolves.toContain("column D is 'Gas (m3)', expected 'Natural gas (m3)'");
    await expect(textOf(page.locator('tr', { has: page.getByLabel('Role of column D') }).locator('td').first())).resolves.toBe('Gas (m3)');
    await screenshot(page, 'import-template-applied');
    expect(errors).toEqual([]);
  });
});
