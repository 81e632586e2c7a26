import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engagement } from '../../electron/engine/engagement/handle';
import { copyEngagement, openEngagement } from '../../electron/engine/engagement/service';
import { tamperWithAuditLog } from '../helpers/tamper';
import { collectPageErrors, screenshot } from './browser';
import { textOf, useE2eSession } from './session';

describe('start screen → new engagement', () => {
  const session = useE2eSession('engagement');

  it('creates an engagement from the start screen and shows its settings', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);

    await page.getByRole('heading', { name: 'New engagement' }).waitFor();
    await screenshot(page, 'start-screen');

    await page.getByLabel('Reporting entity').fill('Example Group plc');
    await page.getByLabel('Fiscal year starts in').selectOption({ label: 'April' });
    await page.getByLabel('Base year').fill('FY2020');
    await page.getByLabel('Consolidation approach').selectOption({ label: 'Equity share' });
    await page.getByLabel('Materiality (% of total emissions)').fill('2');

    const file = path.join(dir, 'example.carbonaudit');
    harness.dialogAnswers.push(file);
    await page.getByRole('button', { name: 'Create engagement file…' }).click();

    const settings = page.getByTestId('engagement-settings');
    await settings.waitFor();
    await expect(settings.textContent()).resolves.toContain('Example Group plc');
    const text = (await settings.textContent()) ?? '';
    expect(text).toContain('Starts in April; labelled by the year it ends in');
    expect(text).toContain('FY2020');
    expect(text).toContain('Equity share');
    expect(text).toContain('2% of total emissions');
    expect(text).toContain('IPCC AR5');
    expect(fs.existsSync(file)).toBe(true);

    await page.getByRole('button', { name: 'Verify hash chain' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Intact: all 1 chained');
    await screenshot(page, 'engagement-overview');

    // Instrument matching over the fiscal year by default; the stricter monthly rule is a logged settings change.
    expect(text).toContain('Over the fiscal year (GHG Protocol default)');
    await page.getByLabel('Instrument matching (market-based Scope 2)').selectOption({ label: 'Month by month (stricter)' });
    await page.getByRole('button', { name: 'Save calculation rules' }).click();
    await expect.poll(async () => settings.textContent()).toContain('Month by month (stricter)');

    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.locator('tr[data-operation="engagement.updateSettings"]').waitFor();
    // The log names the operation in words; the operation's code stays on the row.
    await page.locator('tr[data-operation="engagement.create"]').getByRole('cell', { name: 'Engagement created' }).waitFor();
    await screenshot(page, 'audit-log');
    expect(errors).toEqual([]);
  });

  it('warns on every screen when the audit log is shorter than what this machine saw', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage();
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    // The engagement the test above created is still open in this session: closing it returns to the start screen.
    await expect(textOf(page.locator('.sidebar-title'))).resolves.toContain('Example Group plc');
    const file = path.join(dir, 'witnessed.carbonaudit');
    const openInApp = async () => {
      harness.dialogAnswers.push(file);
      await page.getByRole('button', { name: 'Open engagement file…' }).click();
      await page.getByTestId('engagement-settings').waitFor();
    };
    const closeInApp = async () => {
      await page.getByRole('button', { name: 'Close engagement' }).click();
      await page.getByRole('heading', { name: 'Open an engagement' }).waitFor();
    };
    await closeInApp();
    // Three entries, the last two written elsewhere; opened here, this machine has seen all three.
    const elsewhere = Engagement.create(file, { entityName: 'Witnessed Ltd', fiscalYearStartMonth: 4 }, { actor: 'colleague' });
    for (const step of [1, 2]) elsewhere.change('test.step', { step }, () => undefined);
    elsewhere.close();
    await openInApp();
    await expect(textOf(page.getByTestId('audit-witness'))).resolves.toContain('First opened on this machine');
    await expect(page.getByTestId('audit-witness-banner').count()).resolves.toBe(0);
    await closeInApp();

    tamperWithAuditLog(file, 'DELETE FROM audit_log WHERE seq > 1');
    await openInApp();
    const banner = page.getByTestId('audit-witness-banner');
    await expect(textOf(banner)).resolves.toMatch(/^Audit log entries are missing\. The audit log of this engagement has 1 entry, but this machine saw 3 .*entries 2–3 are missing/);
    await screenshot(page, 'audit-witness-banner');
    await page.getByRole('button', { name: 'Audit log' }).click();
    await expect(textOf(banner)).resolves.toContain('entries 2–3 are missing');
    await closeInApp();
    expect(errors).toEqual([]);
  });

  it('says on the overview that a what-if copy is one, of which engagement and why', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage();
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await page.getByRole('heading', { name: 'Open an engagement' }).waitFor();
    const file = path.join(dir, 'original.carbonaudit');
    Engagement.create(file, { entityName: 'Original Ltd', fiscalYearStartMonth: 4 }, { actor: 'colleague' }).close();
    const original = await openEngagement(file, { actor: 'colleague' });
    const whatIf = path.join(dir, 'what-if.carbonaudit');
    await copyEngagement(original, whatIf, 'What if Leeds is sold?').then((copy) => copy.close());
    const from = original.engagementId();
    original.close();

    harness.dialogAnswers.push(whatIf);
    await page.getByRole('button', { name: 'Open engagement file…' }).click();
    await expect(textOf(page.getByTestId('what-if-copy'))).resolves.toBe(`What-if copy of original.carbonaudit (engagement ${from}, audit entry 1): What if Leeds is sold?`);
    await page.getByRole('button', { name: 'Close engagement' }).click();
    harness.dialogAnswers.push(file);
    await page.getByRole('button', { name: 'Open engagement file…' }).click();
    await page.getByTestId('engagement-settings').waitFor();
    await expect(page.getByTestId('what-if-copy').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Close engagement' }).click();
    expect(errors).toEqual([]);
  });

  it('shows a clear error and leaves the file untouched when opening a file that is not an engagement', async () => {
    const { openPage, harness, dir } = session();
    const page = await openPage();
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    const bogus = path.join(dir, 'notes.carbonaudit');
    fs.writeFileSync(bogus, 'just some text\n');
    const before = fs.readFileSync(bogus);
    harness.dialogAnswers.push(bogus);
    await page.getByRole('button', { name: 'Open engagement file…' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('not a Carbon Audit engagement file');
    expect(fs.readFileSync(bogus).equals(before)).toBe(true);
    expect(errors).toEqual([]);
  });
});
