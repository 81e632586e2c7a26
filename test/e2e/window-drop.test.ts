/**
 * Dropping a file anywhere on the window, and the recent engagements on the start screen: a
 * spreadsheet starts the import wizard on it, an engagement file opens it, anything else is
 * refused with a clear message.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, dropFileOn, screenshot } from './browser';
import { createEngagement, textOf, useE2eSession } from './session';

/** Outside any drop zone of a screen's own. */
const dropOnWindow = (page: Page, file: string) => dropFileOn(page.locator('body'), file);

describe('a file dropped anywhere on the window', () => {
  const session = useE2eSession('window-drop');

  it('starts the import wizard on a dropped CSV, opens a dropped engagement, and lists recent engagements on the start screen', async () => {
    const { openPage, harness, dir } = session();
    const csv = path.join(dir, 'electricity.csv');
    fs.writeFileSync(csv, 'Site,Period start,Period end,Electricity (kWh)\nLondon office,2023-04-01,2023-04-30,1200\nLeeds office,2023-04-01,2023-04-30,800\n');
    const picture = path.join(dir, 'chart.png');
    fs.writeFileSync(picture, Buffer.from('89504e470d0a1a0a', 'hex'));
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await page.getByLabel('Reporting entity').waitFor();

    // Nothing to import into yet: said, and nothing changes.
    await dropOnWindow(page, csv);
    await expect(textOf(page.getByTestId('native-error'))).resolves.toContain('Open or create an engagement first, then drop electricity.csv to import it');
    await dropOnWindow(page, picture);
    await expect(textOf(page.getByTestId('native-error'))).resolves.toContain('chart.png is neither an engagement (.carbonaudit) nor a spreadsheet (.xlsx, .xlsm, .csv, .txt)');

    await createEngagement(page, session());
    // On the Overview, not the Import screen: the drop takes the auditor to the wizard, with the file previewed.
    await dropOnWindow(page, csv);
    await page.getByRole('heading', { name: 'electricity.csv' }).waitFor();
    await expect(page.getByRole('button', { name: 'Import', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByTestId('native-error').count()).resolves.toBe(0);
    await screenshot(page, 'window-drop-csv');

    // Closed, the engagement is on the start screen's recent list and opens from there.
    await page.getByRole('button', { name: 'Close engagement' }).click();
    const recent = page.getByRole('list', { name: 'Recent engagements' });
    await expect(textOf(recent)).resolves.toContain(path.join(dir));
    await screenshot(page, 'start-recent');
    await recent.getByRole('button', { name: 'group.carbonaudit' }).click();
    await page.getByTestId('engagement-settings').waitFor();
    await page.getByRole('button', { name: 'Close engagement' }).click();

    // The engagement file dropped on the start screen opens (browser mode uploads it into the served folder).
    await dropOnWindow(page, path.join(dir, 'group.carbonaudit'));
    await page.getByTestId('engagement-settings').waitFor();
    await expect(textOf(page.locator('.sidebar-title'))).resolves.toContain('Example Group plc');
    expect(errors).toEqual([]);
  });
});
