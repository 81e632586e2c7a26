/**
 * First run: "Open sample engagement" on the start screen builds a fresh copy through the normal
 * import, calculation, reconciliation and review, and lands on its Overview with the exception, the
 * off-track target and the open findings in view; the screenshot is the one the README shows.
 * Its screens, richer than any other test's (targets, materiality, a bridge), pass axe in both themes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOSED_MONTH, SAMPLE_ENTITY, WRONG_CLAIM } from '../../scripts/build-sample';
import { checkScreen, VIEWPORTS } from './a11y';
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
    // The build (import, calculation, reconciliation, data-quality check) takes a minute or more on a busy machine.
    await settings.waitFor({ timeout: 180_000 });
    await expect(textOf(settings)).resolves.toContain(SAMPLE_ENTITY);
    expect(fs.existsSync(file)).toBe(true);

    // The Overview shows what needs the auditor at a glance: the one exception, the off-track target, the open findings.
    const glance = page.getByTestId('overview-glance');
    await glance.waitFor();
    const claims = page.getByTestId('glance-claims');
    await expect(textOf(claims.locator('li[data-status="exception"]'))).resolves.toBe('Exception 1');
    await expect(textOf(claims.locator('.glance-items'))).resolves.toContain(`${WRONG_CLAIM.metric}, ${WRONG_CLAIM.fiscalYear}`);
    const targets = page.getByTestId('glance-targets');
    await expect(textOf(targets.locator('li[data-status="off-track"]'))).resolves.toBe('Off track 1');
    await expect(textOf(targets.locator('.glance-items'))).resolves.toContain('Carbon-neutral operations');
    const findings = page.getByTestId('glance-findings');
    await expect(textOf(findings.locator('.glance-figure'))).resolves.toBe('14 open'); // with the shipped DESNZ 2020 set's AR4 CO2e in this AR5 engagement
    await expect(textOf(findings.locator('li[data-severity="high"]'))).resolves.toBe('high 3');
    await expect(textOf(page.getByTestId('glance-chain'))).resolves.toMatch(/^Audit chain intact: \d+ entries verified on opening\.$/);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      // In the window as it opens, without scrolling.
      for (const tile of [claims, targets, findings]) {
        await expect(tile.evaluate((element) => element.getBoundingClientRect().bottom <= element.ownerDocument.defaultView!.innerHeight)).resolves.toBe(true);
      }
    }
    await checkScreen(page, 'sample-overview');
    // The README's picture (docs/images/sample-overview.png): the Overview as the window first shows it.
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'sample-overview', { window: true });

    // The monthly profile: the month the Leeds warehouse was closed is a gap, not a zero.
    const profile = page.locator('section', { has: page.getByRole('heading', { name: /^Monthly profile/ }) });
    await profile.getByLabel('Activity').selectOption('electricity');
    await page.getByRole('heading', { name: 'Monthly profile: Electricity' }).waitFor();
    await expect(textOf(profile.getByTestId('profile-gaps'))).resolves.toMatch(/^2 months without a reading/);
    await profile.getByRole('button', { name: 'Show as table' }).click();
    const table = profile.getByRole('table');
    const headers = await table.locator('thead th').allTextContents();
    const leeds = headers.indexOf(CLOSED_MONTH.site);
    expect(leeds).toBeGreaterThan(1);
    const row = (label: string) => table.locator('tbody tr').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
    await expect(textOf(row('Aug-23').locator('td').nth(leeds))).resolves.toBe('—');
    await expect(textOf(row('Jul-23').locator('td').nth(leeds))).resolves.toMatch(/^[\d,.]+$/);
    await expect(textOf(table.locator('tbody tr').first().locator('td').first())).resolves.toBe('Apr-22');
    // Keyboard-reachable and saved as a PNG.
    const save = profile.getByRole('button', { name: 'Save PNG' });
    await profile.getByRole('button', { name: 'Hide table' }).focus();
    await page.keyboard.press('Tab');
    await expect(save.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(true);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect(fs.readFileSync(await (await download).path()).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await expect(page.getByRole('heading', { name: 'Clean-electricity share per data centre' }).isVisible()).resolves.toBe(true);

    // The open findings are one click away.
    await findings.getByRole('button', { name: 'Review the findings' }).click();
    await page.getByRole('heading', { name: 'Findings', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Overview', exact: true }).click();

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
    // The variance bridge's waterfall beside the targets' pathways, looked at with both drawn.
    await page.getByRole('button', { name: 'Show bridge' }).click();
    await page.getByTestId('bridge').locator('canvas').waitFor();
    await checkScreen(page, 'sample-reconciliation');
    expect(errors).toEqual([]);
  }, 300_000);
});
