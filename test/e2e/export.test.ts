/**
 * The export screen end to end: a two-year engagement opened in the UI is exported with its
 * evidence pack through the host's save dialog, with progress, the result and "show in folder".
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTwoYearEngagement } from '../helpers/two-year-engagement';
import { collectPageErrors, screenshot } from './browser';
import { textOf, useE2eSession } from './session';

describe('export', () => {
  const session = useE2eSession('export');
  let engagementPath: string;

  beforeAll(async () => {
    const { engagement } = await buildTwoYearEngagement(session().dir);
    engagementPath = engagement.filePath;
    engagement.close();
  });

  it('exports the audited workbook and its evidence pack, then shows it in its folder', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    harness.dialogAnswers.push(engagementPath);
    await page.getByRole('button', { name: 'Open engagement file…' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    await screenshot(page, 'export-0-options');

    // Closing the save dialog exports nothing.
    harness.dialogAnswers.push(null);
    await page.getByRole('button', { name: 'Export workbook…' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Export workbook…' }).isEnabled()).toBe(true);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.xlsx') && name !== 'company.xlsx')).toEqual([]);

    const workbook = path.join(dir, 'Example Group audited');
    harness.dialogAnswers.push(workbook);
    await page.getByRole('button', { name: 'Export workbook…' }).click();
    const result = page.getByRole('region', { name: 'Export finished' });
    await result.waitFor();
    await expect(textOf(result)).resolves.toContain('Example Group audited.xlsx');
    await expect(textOf(result)).resolves.toContain('Example Group audited-evidence.zip (2 source files)');
    await screenshot(page, 'export-1-finished');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(`${workbook}.xlsx`);
    expect(book.worksheets.map((sheet) => sheet.name)).toContain('Lead schedule');
    expect(fs.existsSync(`${workbook}-evidence.zip`)).toBe(true);

    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => harness.revealed).toEqual([`${workbook}.xlsx`]);
    expect(errors).toEqual([]);
  });
});
