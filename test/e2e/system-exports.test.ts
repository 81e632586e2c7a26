/**
 * The wizard on the files of issues 8 and 17: a Portfolio-Manager-style export (placeholders
 * listed and editable, twin columns, reported totals offered as claims, Year Ending periods,
 * findings), a company factor table (basis and scope columns, the value column's unit box), and
 * an export with nothing in it (the wizard warns before anything is committed).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { UK_COMPANY_FACTORS, writeCompanyFactorTable } from '../helpers/factor-table';
import { portfolioPlan, writePortfolioWorkbook } from '../helpers/portfolio-manager-workbook';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, textOf, useE2eSession } from './session';

/** From the import screen to the columns step of a file, as the kind given. */
async function openColumns(page: Page, harness: Harness, file: string, kind: string): Promise<void> {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'What are you importing?' }).waitFor();
  await page.getByRole('radio', { name: kind }).check();
  harness.dialogAnswers.push(file);
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await page.getByRole('heading', { name: path.basename(file) }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Where is the table?' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'What does each column hold?' }).waitFor();
}

async function validate(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Validate (dry run)' }).click();
  await page.getByTestId('validation-results').waitFor();
}

const role = (page: Page, letter: string) => page.getByLabel(`Role of column ${letter}`).inputValue();

describe('system exports and company factor tables in the import wizard', () => {
  const session = useE2eSession('system-exports');

  beforeAll(async () => {
    const page = await session().openPage();
    await page.goto(session().harness.url);
    await createEngagement(page, session());
    await page.close();
  });

  it('shows and edits what a Portfolio Manager export needs, then imports its records, claims and findings', async () => {
    const { openPage, harness, dir } = session();
    const file = path.join(dir, 'portfolio-manager-export.xlsx');
    const plan = await writePortfolioWorkbook(file);
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await openColumns(page, harness, file, 'Activity data');

    // Placeholders: listed, removable, addable.
    const placeholders = page.getByRole('group', { name: 'Placeholders read as blank' });
    await expect(textOf(placeholders)).resolves.toContain('Not Available');
    await page.getByRole('button', { name: 'Remove placeholder N/A', exact: true }).click();
    await expect(placeholders.getByText('N/A', { exact: true }).count()).resolves.toBe(0);
    await page.getByLabel('New placeholder').fill('n.a.');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(placeholders.getByText('n.a.', { exact: true }).count()).resolves.toBe(1);

    // Each energy once, its GJ twin checked against it; floor area a denominator; Year Ending twelve months; the GHG totals claims.
    await expect(role(page, 'Y')).resolves.toBe('value');
    await expect(role(page, 'Z')).resolves.toBe('twin');
    await expect(page.getByLabel('Same quantity as (column Z)').inputValue()).resolves.toBe('24');
    await expect(textOf(page.locator('tr[data-column="Z"]'))).resolves.toContain('✓ checked against column Y: 1 GJ = 277.777778 kWh');
    await expect(role(page, 'AB')).resolves.toBe('twin');
    await expect(page.getByLabel('Activity of column L').inputValue()).resolves.toBe('floor_area');
    await expect(page.getByLabel('A date in the period column is').inputValue()).resolves.toBe('twelve-months-ending');
    await expect(role(page, 'AI')).resolves.toBe('claim_value');
    await expect(page.getByLabel('Metric of column AI').getAttribute('placeholder')).resolves.toBe('Total (Location-Based) GHG Emissions');
    await page.getByLabel('Metric of column AK').fill('Scope 1 (direct GHG emissions)');
    const notImported = page.getByLabel('Numeric columns not imported');
    await expect(textOf(notImported)).resolves.toContain('Z · Electricity Use - Grid Purchase (GJ): same quantity as column Y in another unit: not imported');
    await expect(textOf(notImported)).resolves.toContain('V · Site Energy Use (GJ): its header names a unit (GJ), but the mapping ignores it');
    await screenshot(page, 'system-export-1-columns');

    // Validation: the records and claims it would create, the twin findings, the columns left out.
    await validate(page);
    const records = 29;
    const claims = plan.properties.filter((p) => p.directTco2e !== null).length * 2;
    await expect(textOf(page.getByRole('status'))).resolves.toContain(`${records} records and ${claims} claims would be imported; 1 row rejected; 0 totals or notes rows skipped; 2 findings`);
    const findings = page.getByRole('table', { name: 'Import findings' });
    await expect(textOf(findings.locator(`tr[data-row="${plan.rowOf.get(plan.twinDisagrees)}"]`))).resolves.toContain('Twin disagrees');
    await expect(textOf(findings.locator(`tr[data-row="${plan.rowOf.get(plan.twinOnly)}"]`))).resolves.toContain('Only in the twin');
    await expect(textOf(page.getByRole('table', { name: 'Numeric columns not imported' }).locator('tr[data-column="Z"]'))).resolves.toContain('(9 agree, 1 differ beyond rounding, 1 given only here)');
    await screenshot(page, 'system-export-2-validation');

    await page.getByRole('button', { name: `Import ${records} records` }).click();
    await page.getByTestId('import-results').waitFor();
    await expect(textOf(page.locator('.summary'))).resolves.toContain(`Imported ${records} records and ${claims} claims from portfolio-manager-export.xlsx; 1 row rejected.`);
    await screenshot(page, 'system-export-3-imported');

    // The findings stay with the engagement, by file, sheet and row.
    await page.getByRole('button', { name: 'Source files' }).click();
    const stored = page.getByRole('table', { name: 'Import findings' });
    await stored.waitFor();
    await expect(stored.locator('tbody tr').count()).resolves.toBe(2);
    await expect(textOf(stored.locator('tbody tr').first())).resolves.toContain('portfolio-manager-export.xlsx');
    await screenshot(page, 'system-export-4-sources');
    expect(errors).toEqual([]);
  });

  it('maps a company factor table by itself, and uses the unit typed in the value column’s box', async () => {
    const { openPage, harness, dir } = session();
    const file = path.join(dir, 'company-factors.xlsx');
    await writeCompanyFactorTable(file, UK_COMPANY_FACTORS);
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await openColumns(page, harness, file, 'Emission factors');

    for (const [letter, expected] of [['A', 'activity'], ['B', 'scope'], ['C', 'basis'], ['D', 'unit'], ['E', 'factor_value'], ['F', 'source']] as const) {
      await expect(role(page, letter)).resolves.toBe(expected);
    }
    const unitBox = page.getByLabel('Unit of column E');
    await expect(unitBox.inputValue()).resolves.toBe('kg CO2e per unit');
    expect((await unitBox.boundingBox())!.width).toBeGreaterThanOrEqual(250);
    const check = page.locator('tr[data-column="E"] .check-ok');
    await expect(textOf(check)).resolves.toBe("✓ kg CO2e per the unit in each row's unit column");
    await screenshot(page, 'company-factors-1-columns');

    // A unit typed in the box is used: per kWh, the m3 and litre rows contradict it, each named with its own unit.
    await unitBox.fill('kg CO2e/kWh');
    await expect(textOf(page.locator('tr[data-column="E"] .check-ok'))).resolves.toBe('✓ kg CO2e per kWh');
    await validate(page);
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await expect(textOf(rejected.locator('tr[data-row="5"]'))).resolves.toContain("the factor unit 'kg CO2e/kWh' is per kWh, but the row's unit is 'm3'");
    await expect(textOf(rejected.locator('tr[data-row="6"]'))).resolves.toContain("the factor unit 'kg CO2e/kWh' is per kWh, but the row's unit is 'litre'");
    // A factor table has no quantity columns to total: no empty table stands in for them.
    await expect(page.getByRole('table', { name: 'Column control totals' }).count()).resolves.toBe(0);
    await screenshot(page, 'company-factors-2-typed-unit');

    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByLabel('Unit of column E').fill('kg CO2e per unit');
    await validate(page);
    await expect(textOf(page.getByRole('status'))).resolves.toContain('5 records would be imported; 0 rows rejected');
    await page.getByRole('button', { name: 'Import 5 records' }).click();
    await page.getByTestId('import-results').waitFor();
    await expect(textOf(page.locator('.summary'))).resolves.toContain('Imported 5 records from company-factors.xlsx; 0 rows rejected.');
    await screenshot(page, 'company-factors-3-imported');
    expect(errors).toEqual([]);
  });

  it('warns before committing an import that creates nothing, and imports it only when told to', async () => {
    const { openPage, harness, dir } = session();
    const file = path.join(dir, 'nothing-available.xlsx');
    const plan = await writePortfolioWorkbook(file, portfolioPlan({ nothingAvailable: true }));
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await openColumns(page, harness, file, 'Activity data');
    await validate(page);

    const rows = plan.properties.length;
    const warning = page.getByTestId('shortfall-warning');
    await expect(textOf(warning)).resolves.toContain(`This import would not be a success: nothing would be imported: no record was created from ${rows} data rows, of which ${rows} were rejected.`);
    const importButton = page.getByRole('button', { name: 'Import 0 records' });
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await expect(textOf(page.locator('.step-actions'))).resolves.toContain('Tick “Import it anyway” to import what falls short');
    await screenshot(page, 'empty-import-1-warning');

    await warning.getByRole('checkbox', { name: /Import it anyway/ }).check();
    await importButton.click();
    await page.getByTestId('import-results').waitFor();
    await expect(textOf(page.locator('.summary'))).resolves.toContain('Imported 0 records from nothing-available.xlsx; 12 rows rejected. Imported although nothing would be imported');
    await screenshot(page, 'empty-import-2-imported-anyway');
    expect(errors).toEqual([]);
  });
});
