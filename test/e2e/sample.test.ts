/**
 * First run: "Open sample engagement" on the start screen builds a fresh copy through the normal
 * import and calculation and lands on its Overview; the screenshot is the one the README shows.
 * Its screens, richer than any other test's (targets, materiality, a bridge), pass axe in both themes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ENTITY, WRONG_CLAIM } from '../../scripts/build-sample';
import { checkScreen } from './a11y';
import { collectPageErrors, screenshot } from './browser';
import { textOf, useE2eSession } from './session';

describe('the sample engagement from the start screen', () => {
  const session = useE2eSession('sample');

  it('builds a fresh copy where the user says, lands on its Overview, and its figures tell the sample’s story', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);

    // Closing the save dialog builds nothing.
    harness.dialogAnswers.push(null);
    await page.getByRole('button', { name: 'Open sample engagement' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Open sample engagement' }).isEnabled()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);

    const file = path.join(dir, 'sample.carbonaudit');
    harness.dialogAnswers.push(file);
    await page.getByRole('button', { name: 'Open sample engagement' }).click();
    // Its progress, step by step: the build takes a while.
    await page.getByRole('status').filter({ hasText: /^Importing Northwind operations FY2023-FY2024\.xlsx/ }).first().waitFor();
    const settings = page.getByTestId('engagement-settings');
    await settings.waitFor({ timeout: 90_000 });
    await expect(textOf(settings)).resolves.toContain(SAMPLE_ENTITY);
    expect(fs.existsSync(file)).toBe(true);
    await screenshot(page, 'sample-overview');
    await checkScreen(page, 'sample-overview');

    await page.getByRole('button', { name: 'Inventory', exact: true }).click();
    const schedule = page.getByRole('table', { name: 'Lead schedule' });
    await schedule.waitFor();
    const cell = (figure: string, period: string) => textOf(schedule.locator(`tr[data-figure="${figure}"] td[data-period="${period}"]`));
    await expect(cell('pue', 'FY2023')).resolves.toMatch(/^1\.25/);
    await expect(cell('pue', 'FY2024')).resolves.toMatch(/^1\.21/);
    await screenshot(page, 'sample-inventory');
    await checkScreen(page, 'sample-inventory');

    // The reconciliation: the one materially wrong reported figure is the one exception; the carbon-neutral pathway is off track.
    await page.getByRole('button', { name: 'Reconciliation', exact: true }).click();
    const exceptions = page.locator('tr[data-claim][data-status="exception"]');
    await exceptions.first().waitFor();
    await expect(exceptions.count()).resolves.toBe(1);
    await expect(textOf(exceptions)).resolves.toContain(`${WRONG_CLAIM.metric}`);
    const carbonNeutral = page.locator('section.target').filter({ hasText: 'Carbon-neutral operations' });
    await expect(textOf(carbonNeutral.getByTestId('target-status'))).resolves.toBe('Off track');
    await screenshot(page, 'sample-reconciliation');
    await checkScreen(page, 'sample-reconciliation');
    expect(errors).toEqual([]);
  });
});
