/**
 * The source-file register's withdraw, reinstate and replace actions end to end: each asks for the
 * reason, the register shows the file withdrawn (by whom, when, why) and the file that replaced it,
 * and replacing imports the corrected file through the wizard in the withdrawn one's place.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, importThroughWizard, textOf, useE2eSession } from './session';

function writeReadings(file: string, site: string, litres: readonly number[]): void {
  fs.writeFileSync(file, ['Site,Month,Activity,Quantity,Unit', ...litres.map((value, i) => `${site},2023-0${i + 4},Diesel,${value},L`)].join('\n'));
}

function sourceRow(page: Page, fileName: string) {
  return page.getByRole('table', { name: 'Source files' }).locator('tbody tr').filter({ has: page.locator('td.file-name', { hasText: new RegExp(`^${fileName.replace('.', '\\.')}$`) }) });
}

async function openSources(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Source files' }).click();
  await page.getByRole('table', { name: 'Source files' }).waitFor();
}

describe('withdrawing, reinstating and replacing a source file', () => {
  const session = useE2eSession('sources');

  it('withdraws a file with its reason, shows it withdrawn, reinstates it, and replaces it with a corrected file', async () => {
    const e2e = session();
    const { openPage, harness, dir } = e2e;
    const depots = path.join(dir, 'depots.csv');
    const fleet = path.join(dir, 'fleet.csv');
    const corrected = path.join(dir, 'fleet-corrected.csv');
    writeReadings(depots, 'Depot', [1000, 1200]);
    writeReadings(fleet, 'Fleet', [2, 3]);
    writeReadings(corrected, 'Fleet', [2000, 3000]);

    const page = await openPage({ viewport: { width: 1600, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, e2e);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await importThroughWizard(page, harness, depots, 'depots');
    await page.getByRole('button', { name: 'Import another file' }).click();
    await importThroughWizard(page, harness, fleet, 'fleet');

    // Withdraw: the reason is required before the action is enabled.
    await openSources(page);
    const fleetRow = sourceRow(page, 'fleet.csv');
    // Polled: the list fills its status and actions once the screen has loaded the withdrawals.
    await expect.poll(() => textOf(fleetRow)).toContain('In use');
    await fleetRow.getByRole('button', { name: 'Withdraw…' }).click();
    const confirm = fleetRow.getByRole('button', { name: 'Withdraw', exact: true });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await fleetRow.getByLabel('Why fleet.csv is withdrawn').fill('Quantities are in m3, not litres');
    await confirm.click();
    await expect.poll(() => textOf(sourceRow(page, 'fleet.csv')), { timeout: 30_000 }).toMatch(/Withdrawn.*Withdrawn .* by .*: Quantities are in m3, not litres/);
    await expect(textOf(page.getByRole('status').filter({ hasText: 'fleet.csv withdrawn' }))).resolves.toBe('fleet.csv withdrawn: 2 records, 0 claims and 0 targets. Results are out of date: recalculate.');
    await expect(sourceRow(page, 'fleet.csv').getAttribute('class')).resolves.toBe('withdrawn');
    await expect(textOf(sourceRow(page, 'depots.csv'))).resolves.toContain('In use');
    await screenshot(page, 'sources-1-withdrawn');

    // The Records table marks the file's records withdrawn, with why, and filters by it.
    await page.getByRole('button', { name: 'Records', exact: true }).click();
    const records = page.getByTestId('records-table');
    await records.getByRole('combobox', { name: 'Status' }).selectOption('withdrawn');
    const withdrawnRows = records.locator('tbody tr[data-record][data-loaded="true"]');
    await expect.poll(() => withdrawnRows.count(), { timeout: 30_000 }).toBe(2);
    await expect(records.locator('tbody tr[data-withdrawn="true"]').count()).resolves.toBe(2);
    const badge = withdrawnRows.first().locator('.badge.withdrawn');
    await expect(textOf(badge)).resolves.toBe('Withdrawn');
    await expect(badge.getAttribute('title')).resolves.toMatch(/^source file 2 \(fleet\.csv\) withdrawn \S+ by .*: Quantities are in m3, not litres$/);
    await records.getByRole('combobox', { name: 'Status' }).selectOption('in-use');
    await expect.poll(() => textOf(records.locator('tbody tr[data-record][data-loaded="true"]').first()), { timeout: 30_000 }).toMatch(/depots\.csv/);
    await expect(records.locator('tbody tr[data-withdrawn="true"]').count()).resolves.toBe(0);
    await openSources(page);

    // Reinstate, with its own reason.
    await sourceRow(page, 'fleet.csv').getByRole('button', { name: 'Reinstate…' }).click();
    await sourceRow(page, 'fleet.csv').getByLabel('Why fleet.csv is reinstated').fill('Withdrawn by mistake');
    await sourceRow(page, 'fleet.csv').getByRole('button', { name: 'Reinstate', exact: true }).click();
    await expect.poll(() => textOf(sourceRow(page, 'fleet.csv')), { timeout: 30_000 }).toMatch(/^.*In use.*Reinstated .* by .*: Withdrawn by mistake/);

    // Replace: the reason, then the corrected file through the wizard, in the withdrawn one's place.
    await sourceRow(page, 'fleet.csv').getByRole('button', { name: 'Replace…' }).click();
    await sourceRow(page, 'fleet.csv').getByLabel('Why fleet.csv is replaced').fill('Corrected export in litres');
    await sourceRow(page, 'fleet.csv').getByRole('button', { name: 'Choose the corrected file' }).click();
    const notice = page.locator('.replacing');
    await expect(textOf(notice)).resolves.toContain('Replacing source file 2 (fleet.csv)');
    await screenshot(page, 'sources-2-replacing');
    await importThroughWizard(page, harness, corrected, 'fleet-corrected');
    await openSources(page);
    await expect(textOf(sourceRow(page, 'fleet.csv'))).resolves.toMatch(/Withdrawn.*Corrected export in litres.*Replaced by source file 3 \(fleet-corrected\.csv\)/);
    await expect(textOf(sourceRow(page, 'fleet-corrected.csv'))).resolves.toMatch(/In use.*Replaces source file 2 \(fleet\.csv\)/);
    await screenshot(page, 'sources-3-replaced');
    expect(errors).toEqual([]);
  });
});
