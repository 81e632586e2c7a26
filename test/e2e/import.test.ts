/**
 * The import wizard end to end: a company workbook with title rows, units in headers, a number
 * typed as text, a blank month, a negative reading and a totals row goes through preview, table
 * bounds, column mapping, validation and import, and lands in the source-file register.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/server';
import { collectPageErrors, screenshot } from './browser';
import { useE2eSession } from './session';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const HEADER_ROW = 4;
const TOTAL_ROW = 11;
const BLANK_MONTH_ROW = 9;
const NEGATIVE_ROW = 10;

interface Reading {
  readonly site: string;
  readonly month: string | null; // YYYY-MM
  readonly electricityKwh: number | string;
  readonly gasM3: number;
  readonly dieselL: number | null;
  readonly notes: string | null;
}

/** Rows 5–10: two sites, three months each. */
const READINGS: readonly Reading[] = [
  { site: 'London HQ', month: '2023-04', electricityKwh: 12_500, gasM3: 820, dieselL: 40, notes: null },
  { site: 'London HQ', month: '2023-05', electricityKwh: '1,234.5', gasM3: 760, dieselL: 35.5, notes: 'Typed in by hand' },
  { site: 'London HQ', month: '2023-06', electricityKwh: 11_800, gasM3: 640, dieselL: null, notes: null },
  { site: 'Manchester', month: '2023-04', electricityKwh: 8_400, gasM3: 600, dieselL: 20, notes: null },
  { site: 'Manchester', month: null, electricityKwh: 8_600, gasM3: 610, dieselL: 22, notes: 'Month missing in the source system' },
  { site: 'Manchester', month: '2023-06', electricityKwh: -350, gasM3: 580, dieselL: 18, notes: 'Meter reversal?' },
];
const rowOf = (reading: Reading): number => HEADER_ROW + 1 + READINGS.indexOf(reading);
const isRejected = (reading: Reading): boolean => [BLANK_MONTH_ROW, NEGATIVE_ROW].includes(rowOf(reading));
const electricity = (reading: Reading): number => Number(String(reading.electricityKwh).replace(/,/g, ''));
/** A wide row gives one record per filled quantity cell; a rejected row gives none. */
const EXPECTED_RECORDS = READINGS.filter((reading) => !isRejected(reading))
  .map((reading) => [reading.electricityKwh, reading.gasM3, reading.dieselL].filter((value) => value !== null).length)
  .reduce((sum, count) => sum + count, 0);

/** What Excel caches for SUM: text cells such as '1,234.5' are not added. */
function excelSum(values: readonly (number | string | null)[]): number {
  return values.reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);
}

async function writeEnergyWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Energy');
  sheet.getCell('A1').value = 'Example Group plc: site energy and fuels, FY2024';
  sheet.mergeCells('A1:F1');
  sheet.getCell('A2').value = 'Prepared by Group Facilities from meter readings and fuel invoices.';
  sheet.getRow(HEADER_ROW).values = ['Site', 'Month', 'Electricity (kWh)', 'Natural gas (m3)', 'Diesel (L)', 'Notes'];
  for (const reading of READINGS) {
    const row = sheet.getRow(rowOf(reading));
    row.values = [reading.site, reading.month === null ? null : new Date(`${reading.month}-01T00:00:00.000Z`), reading.electricityKwh, reading.gasM3, reading.dieselL, reading.notes];
    row.getCell(2).numFmt = 'mmm yyyy';
  }
  sheet.getCell(`A${TOTAL_ROW}`).value = 'Total';
  const columns: [string, (reading: Reading) => number | string | null][] = [
    ['C', (reading) => reading.electricityKwh],
    ['D', (reading) => reading.gasM3],
    ['E', (reading) => reading.dieselL],
  ];
  for (const [column, pick] of columns) {
    sheet.getCell(`${column}${TOTAL_ROW}`).value = { formula: `SUM(${column}${HEADER_ROW + 1}:${column}${TOTAL_ROW - 1})`, result: excelSum(READINGS.map(pick)) };
  }
  await workbook.xlsx.writeFile(file);
}

function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const formatted = (value: number): string => value.toLocaleString('en-GB', { maximumFractionDigits: 6 });

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

async function openImport(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'What are you importing?' }).waitFor();
}

describe('import wizard', () => {
  const session = useE2eSession('import');
  let workbookPath: string;

  beforeAll(async () => {
    const { openPage, harness, dir } = session();
    workbookPath = path.join(dir, 'site-energy-fy2024.xlsx');
    await writeEnergyWorkbook(workbookPath);
    const page = await openPage();
    await page.goto(harness.url);
    await page.getByLabel('Reporting entity').fill('Example Group plc');
    await page.getByLabel('Base year').fill('FY2023');
    harness.dialogAnswers.push(path.join(dir, 'example.carbonaudit'));
    await page.getByRole('button', { name: 'Create engagement file…' }).click();
    await page.getByTestId('engagement-settings').waitFor();
    await page.close();
  });

  it('previews, maps, validates and imports a company workbook, then lists it as a source file', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await openImport(page, harness);
    await screenshot(page, 'import-0-choose');

    harness.dialogAnswers.push(workbookPath);
    await page.getByRole('button', { name: 'Choose file…' }).click();

    // Sheet: file facts and the first rows, with the detected bounds marked.
    await page.getByRole('heading', { name: 'site-energy-fy2024.xlsx' }).waitFor();
    const sha256 = sha256Of(workbookPath);
    const facts = await textOf(page.getByTestId('file-facts'));
    expect(facts).toContain('XLSX');
    expect(facts).toContain(sha256);
    const gridRow = (rowNumber: number): Locator => page.locator(`table.sheet tr[data-row="${rowNumber}"]`);
    await expect(textOf(gridRow(HEADER_ROW))).resolves.toContain('Header');
    await expect(textOf(gridRow(HEADER_ROW + 1))).resolves.toContain('First data row');
    await expect(textOf(gridRow(TOTAL_ROW))).resolves.toContain('Total: skipped');
    await screenshot(page, 'import-1-preview');

    // Table: prefilled from the detection.
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByLabel('Header row').inputValue()).resolves.toBe(String(HEADER_ROW));
    await expect(page.getByLabel('First data row').inputValue()).resolves.toBe(String(HEADER_ROW + 1));
    await expect(page.getByLabel('Last data row').inputValue()).resolves.toBe('');
    await screenshot(page, 'import-2-table');

    // Columns: the suggested roles, activities and units.
    await page.getByRole('button', { name: 'Next' }).click();
    const role = (letter: string) => page.getByLabel(`Role of column ${letter}`).inputValue();
    await expect(role('A')).resolves.toBe('site');
    await expect(role('B')).resolves.toBe('period');
    await expect(role('F')).resolves.toBe('notes');
    await expect(page.getByLabel('A date in the period column is').inputValue()).resolves.toBe('month');
    for (const [letter, activity, unit] of [['C', 'electricity', 'kWh'], ['D', 'natural_gas', 'm3'], ['E', 'diesel', 'L']] as const) {
      await expect(role(letter)).resolves.toBe('value');
      await expect(page.getByLabel(`Activity of column ${letter}`).inputValue()).resolves.toBe(activity);
      await expect(page.getByLabel(`Unit of column ${letter}`).inputValue()).resolves.toBe(unit);
    }
    await screenshot(page, 'import-3-columns');

    // Validation: a dry run over the whole sheet.
    await page.getByRole('button', { name: 'Validate (dry run)' }).click();
    const validation = page.getByTestId('validation-results');
    await validation.waitFor();
    const rejected = validation.getByRole('table', { name: 'Rejected rows' });
    const negative = await textOf(rejected.locator(`tr[data-row="${NEGATIVE_ROW}"]`));
    expect(negative).toContain('C');
    expect(negative).toContain('negative quantity');
    await expect(textOf(rejected.locator(`tr[data-row="${BLANK_MONTH_ROW}"]`))).resolves.toContain('period is blank');
    await expect(textOf(validation.getByRole('table', { name: 'Skipped totals and notes' }).locator(`tr[data-row="${TOTAL_ROW}"]`))).resolves.toMatch(/total/i);
    await screenshot(page, 'import-4-validation');

    // Import: the control totals are the result.
    await page.getByRole('button', { name: `Import ${EXPECTED_RECORDS} records` }).click();
    const results = page.getByTestId('import-results');
    await results.waitFor();
    await expect(textOf(page.locator('.summary'))).resolves.toContain(`Imported ${EXPECTED_RECORDS} records from site-energy-fy2024.xlsx; 2 rows rejected`);
    const sheetTotals = await textOf(results.getByRole('table', { name: 'Rows per sheet' }).locator('tbody tr'));
    expect(sheetTotals).toContain('Energy');
    const electricityTotals = results.getByRole('table', { name: 'Column control totals' }).locator('tr[data-column="C"]');
    // Control totals cover every data row read, rejected ones included, so they tie back to the file.
    const electricitySum = READINGS.reduce((sum, reading) => sum + electricity(reading), 0);
    await expect(textOf(electricityTotals)).resolves.toContain(formatted(electricitySum));
    await screenshot(page, 'import-5-result');

    // The source-file register.
    await page.getByRole('button', { name: 'Source files' }).click();
    const source = page.getByRole('table', { name: 'Source files' }).locator('tbody tr').filter({ hasText: 'site-energy-fy2024.xlsx' });
    await source.waitFor();
    await expect(source.locator('code').getAttribute('title')).resolves.toBe(sha256);
    await expect(textOf(source)).resolves.toContain(sha256.slice(0, 12));
    await screenshot(page, 'import-6-sources');

    // The same file again: the wizard, kept as it was left, starts over; it warns before a file is imported twice.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('button', { name: 'Import another file' }).click();
    harness.dialogAnswers.push(workbookPath);
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect(textOf(page.getByTestId('duplicate-warning'))).resolves.toContain('This file was imported before');
    await screenshot(page, 'import-7-duplicate');
    expect(errors).toEqual([]);
  });

  it("asks at the column step for the calorific basis of a fuel's kWh column, and imports its records on the basis chosen", async () => {
    const { openPage, harness, dir } = session();
    const gasWorkbook = path.join(dir, 'site-gas-kwh.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Site energy');
    sheet.addRow(['Site', 'Month', 'Electricity (kWh)', 'Natural gas (kWh)']);
    sheet.addRow(['London HQ', new Date('2023-04-01T00:00:00.000Z'), 20_000, 15_000]);
    sheet.addRow(['London HQ', new Date('2023-05-01T00:00:00.000Z'), 20_100, 15_050]);
    await workbook.xlsx.writeFile(gasWorkbook);
    const page = await openPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await openImport(page, harness);
    harness.dialogAnswers.push(gasWorkbook);
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('heading', { name: 'site-gas-kwh.xlsx' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    // Natural gas in kWh: warned, with the choice beside it; electricity beside it needs none.
    const gasRow = page.locator('tr[data-column="D"]');
    const basis = page.getByLabel('Calorific basis of column D');
    await expect(basis.inputValue()).resolves.toBe('');
    await expect(textOf(gasRow)).resolves.toContain('⚠ Natural gas (kWh): state gross or net calorific value; DESNZ publishes both and they differ by ~10%');
    await expect(page.getByLabel('Calorific basis of column C').count()).resolves.toBe(0);
    await screenshot(page, 'import-9-calorific-basis-asked');
    // The dry run says it again, with where to state it; the import is not blocked.
    await page.getByRole('button', { name: 'Validate (dry run)' }).click();
    const basisWarning = page.getByTestId('basis-warnings');
    await basisWarning.waitFor();
    await expect(textOf(basisWarning)).resolves.toContain('go back to Columns and choose gross or net');
    await expect(textOf(basisWarning)).resolves.toContain('Natural gas (kWh): state gross or net calorific value');
    await expect(page.getByRole('button', { name: 'Import 4 records' }).isEnabled()).resolves.toBe(true);
    await screenshot(page, 'import-10-calorific-basis-dry-run');
    await page.getByRole('button', { name: 'Back' }).click();
    await basis.selectOption('gross');
    await expect(textOf(gasRow)).resolves.not.toContain('state gross or net');
    await screenshot(page, 'import-11-calorific-basis-stated');

    await page.getByRole('button', { name: 'Validate (dry run)' }).click();
    await page.getByTestId('validation-results').waitFor();
    await expect(page.getByTestId('basis-warnings').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Import 4 records' }).click();
    await page.getByTestId('import-results').waitFor();
    const db = new Database(path.join(dir, 'example.carbonaudit'), { readonly: true });
    try {
      const bases = db.prepare('SELECT activity, unit, unit_basis AS basis, COUNT(*) AS records FROM activity_record WHERE source_file_id = (SELECT MAX(id) FROM source_file) GROUP BY activity, unit, unit_basis ORDER BY activity').all();
      expect(bases).toEqual([
        { activity: 'electricity', unit: 'kWh', basis: 'unspecified', records: 2 },
        { activity: 'natural_gas', unit: 'kWh', basis: 'gross', records: 2 },
      ]);
    } finally {
      db.close();
    }
    expect(errors).toEqual([]);
  });

  it('refuses a legacy .xls workbook with a clear message', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage();
    const errors = collectPageErrors(page);
    await openImport(page, harness);
    const legacy = path.join(dir, 'conversion-factors-2021.xls');
    fs.copyFileSync(path.join(FIXTURES, 'conversion-factors-2021-flat-file-automatic-processing.xls'), legacy);
    harness.dialogAnswers.push(legacy);
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(textOf(alert)).resolves.toContain('Excel 97-2003 .xls is not supported');
    await expect(page.getByRole('heading', { name: 'What are you importing?' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'import-8-xls-refused');
    expect(errors).toEqual([]);
  });
});
