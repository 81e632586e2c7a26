/** Dropping a file on the wizard's first step previews it, like choosing it in the dialog. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFICES_SHEET, writeCompanyWorkbook } from '../helpers/company-workbook';
import { collectPageErrors, dropFileOn, screenshot } from './browser';
import { createEngagement, textOf, useE2eSession } from './session';

describe('dropping a file on the import wizard', () => {
  const session = useE2eSession('drop');

  it('previews a dropped workbook and refuses a dropped picture with a clear message', async () => {
    const { openPage, harness, dir } = session();
    const workbook = path.join(dir, 'company.xlsx');
    await writeCompanyWorkbook(workbook);
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, session());
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    // A picture renamed to .xlsx: the format is decided from the content, not the name.
    const notes = path.join(dir, 'chart.xlsx');
    fs.writeFileSync(notes, Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(2048)]));
    await dropFileOn(page.getByTestId('drop-zone'), notes);
    await expect(textOf(page.getByRole('alert'))).resolves.toMatch(/PNG|image|not a spreadsheet/i);

    await dropFileOn(page.getByTestId('drop-zone'), workbook);
    await page.getByRole('heading', { name: 'company.xlsx' }).waitFor();
    await expect(page.getByRole('combobox', { name: /^Sheet/ }).inputValue()).resolves.toBe(OFFICES_SHEET);
    await screenshot(page, 'import-dropped');
    expect(errors).toEqual([]);
  });
});
