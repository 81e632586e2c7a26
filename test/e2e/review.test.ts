/**
 * The review end to end: a two-year workbook with three blank months for one site, six quantities
 * typed as text and a totals row goes through the import wizard; the check that follows it lists
 * the three gaps and ties the totals row. A gap is worked from open to explained and then to
 * adjusted by the adjustment that adds the missing month; a sample is drawn twice with one seed and
 * an item vouched; the import is signed off, marked modified by a later change, and the finalised
 * engagement refuses a change until it is unlocked with a reason.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/contract';
import { BLANK_SITE, REVIEW_SHEET, writeReviewWorkbook } from '../helpers/review-workbook';
import { collectPageErrors, screenshot } from './browser';
import { createEngagement, importThroughWizard, textOf, useE2eSession } from './session';

/** The engine answers off the UI thread, on a shared machine: allow it more than a second. */
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000 });

async function showFindings(page: Page, filters: { status?: string; rule?: string }): Promise<void> {
  await page.getByRole('button', { name: 'Findings', exact: true }).click();
  const group = page.getByRole('group', { name: 'Filters' });
  await group.getByLabel('Status', { exact: true }).selectOption(filters.status ?? '');
  if (filters.rule) await group.getByLabel('Rule', { exact: true }).selectOption(filters.rule);
}

describe('review', () => {
  const session = useE2eSession('review');
  let workbook: string;

  beforeAll(async () => {
    workbook = path.join(session().dir, 'electricity.xlsx');
    await writeReviewWorkbook(workbook);
  });

  it('works a gap from open to adjusted, samples with a seed, signs off and finalises', async () => {
    const { openPage, harness } = session();
    const page = await openPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(harness.url);
    await createEngagement(page, session());
    await page.getByRole('button', { name: 'Factor library', exact: true }).click();
    await page.getByRole('button', { name: 'Load default library' }).click();
    await page.locator('table[aria-label="Factor sets"] tr[data-set="desnz-2020"]').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await importThroughWizard(page, harness, workbook, REVIEW_SHEET);

    // The check ran after the import: the totals row agrees with the imported sum, and the three blank months are gaps.
    await showFindings(page, { status: 'open' });
    const check = page.getByTestId('check-summary');
    await expect(textOf(check)).resolves.toMatch(/Check #1 \(after an import\) over FY2022, FY2023/);
    await expect(textOf(check.getByRole('table', { name: 'Totals rows tied to the imported sums' }))).resolves.toContain('Agrees');
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Rule', { exact: true }).selectOption('gaps');
    const rows = page.getByRole('table', { name: 'Findings' }).locator('tbody tr');
    await eventually(() => rows.count()).toBe(3);
    for (const site of await rows.locator('td:nth-child(5)').allTextContents()) expect(site).toBe(BLANK_SITE);
    await expect(rows.locator('td:nth-child(6)').allTextContents()).resolves.toEqual(['2022-06', '2022-07', '2022-11']);
    await screenshot(page, 'review-1-gaps');

    // The June gap opens to its source row, blank quantity and note as read.
    await rows.first().getByRole('button', { name: /^Open finding/ }).click();
    const detail = page.getByTestId('finding-detail');
    await expect(textOf(detail.getByTestId('finding-status'))).resolves.toBe('Open');
    const sourceRow = detail.getByTestId('finding-source-row');
    await sourceRow.getByTestId('source-context').waitFor();
    await expect(textOf(sourceRow)).resolves.toMatch(/electricity\.xlsx › Electricity › row \d+/);
    await expect(textOf(sourceRow.locator('table.sheet tbody'))).resolves.toContain('Meter not read');
    // Under the sheet's own headers, with the rows stored around it.
    await expect(sourceRow.locator('table.sheet thead th').allTextContents()).resolves.toEqual(['Row', 'Site', 'Month', 'Electricity (kWh)', 'Notes']);
    await expect(sourceRow.locator('table.sheet tbody tr').count()).resolves.toBeGreaterThan(1);
    await screenshot(page, 'review-2-finding');

    // Explained needs a comment; the comment and the change land in its history.
    await detail.getByLabel('Status', { exact: true }).selectOption('explained');
    await expect(detail.getByRole('button', { name: 'Mark explained' }).isEnabled()).resolves.toBe(true);
    await detail.getByRole('button', { name: 'Mark explained' }).click();
    await expect(textOf(detail.getByRole('alert'))).resolves.toContain('needs a comment');
    await detail.getByLabel(/^Comment/).fill('Meter not read in June: the supplier estimated the month');
    await detail.getByRole('button', { name: 'Mark explained' }).click();
    await eventually(() => textOf(detail.getByTestId('finding-status'))).toBe('Explained');
    await expect(textOf(detail.getByRole('list', { name: 'History of the finding' }))).resolves.toContain('Open → Explained: Meter not read in June');

    // The adjustment that adds the estimated month, through the typed contract, then the finding is adjusted by it.
    const adjustment = await page.evaluate(async (site) => {
      const record = { site, periodStart: '2022-06-01', periodEnd: '2022-06-30', activity: 'electricity', meaning: 'consumption', quantity: 35_300, unit: 'kWh' };
      const bridge = (globalThis as unknown as { carbonAudit: Bridge }).carbonAudit;
      const proposed = await bridge.invoke('adjustments.propose', { details: { kind: 'add-record', record }, reason: 'Supplier estimate for the unread June meter' });
      if (!proposed.ok) throw new Error(proposed.error.message);
      return proposed.value as { id: number };
    }, BLANK_SITE);
    await detail.getByLabel('Status', { exact: true }).selectOption('adjusted');
    await detail.getByLabel('Adjustment').selectOption(String(adjustment.id));
    await detail.getByLabel(/^Comment/).fill('Added the supplier’s estimate for June');
    await detail.getByRole('button', { name: 'Mark adjusted' }).click();
    await eventually(() => textOf(detail.getByTestId('finding-status'))).toBe('Adjusted');
    await expect(textOf(detail)).resolves.toContain(`by adjustment ${adjustment.id}`);
    await expect(textOf(detail.getByRole('list', { name: 'History of the finding' }))).resolves.toContain(`Explained → Adjusted (adjustment ${adjustment.id}): Added the supplier’s estimate`);
    await screenshot(page, 'review-3-adjusted');
    // Off the open list, on the adjusted one.
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Status', { exact: true }).selectOption('open');
    await eventually(() => rows.count()).toBe(2);
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Status', { exact: true }).selectOption('adjusted');
    await eventually(() => rows.count()).toBe(1);

    // A sample drawn twice with one seed selects the same records; an item is vouched with a difference that becomes a finding.
    await page.getByRole('button', { name: 'Sampling', exact: true }).click();
    const draw = page.getByRole('form', { name: 'Draw a sample' });
    const keysOf = () => page.getByRole('table', { name: 'Sampled items' }).locator('tbody tr').evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
    await draw.getByLabel('Size').fill('5');
    await draw.getByLabel('Seed').fill('20261130');
    await draw.getByRole('button', { name: 'Draw' }).click();
    await eventually(() => textOf(page.getByTestId('sample-seed'))).toBe('20261130');
    const first = await keysOf();
    expect(first).toHaveLength(5);
    await draw.getByRole('button', { name: 'Draw' }).click();
    await eventually(() => page.getByRole('group', { name: 'Samples' }).getByRole('button').count()).toBe(2);
    await eventually(keysOf).toEqual(first);
    const item = page.getByRole('form', { name: 'Vouch item 1' });
    await item.getByLabel('Vouching result').selectOption('difference');
    await item.getByLabel('Vouching comment').fill('Invoice shows 2% less');
    await item.getByLabel('Raise a finding').check();
    await item.getByRole('button', { name: 'Record' }).click();
    await eventually(() => textOf(page.getByTestId('vouching-result').first())).toMatch(/^Difference: Invoice shows 2% less \(finding \d+\)/);
    await screenshot(page, 'review-4-sample');

    // The vouching finding names its record; the record's source row opens under the sheet's headers.
    const vouchedFinding = (await textOf(page.getByTestId('vouching-result').first())).match(/\(finding (\d+)\)/)![1]!;
    await showFindings(page, {});
    await page.getByRole('button', { name: `Open finding ${vouchedFinding}`, exact: true }).click();
    const recordSource = detail.getByRole('table', { name: 'Records of the finding' }).locator('button.source-link').first();
    await expect(recordSource.getAttribute('aria-expanded')).resolves.toBe('false');
    await recordSource.click();
    await expect(recordSource.getAttribute('aria-expanded')).resolves.toBe('true');
    const recordContext = detail.getByTestId('source-context');
    await recordContext.waitFor();
    await expect(recordContext.locator('table.sheet thead th').allTextContents()).resolves.toEqual(['Row', 'Site', 'Month', 'Electricity (kWh)', 'Notes']);
    await expect(recordContext.locator('tr[aria-current="true"]').count()).resolves.toBe(1);
    await screenshot(page, 'review-4-record-source');

    // Sign-off: the import area prepared, then marked modified by a later comment on a finding.
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    const importArea = page.getByRole('table', { name: 'Sign-off by area' }).locator('tr[data-area="import"]');
    await importArea.getByRole('button', { name: 'Sign as preparer' }).click();
    await eventually(() => textOf(importArea.locator('td').first())).toBe('Prepared');
    await importArea.getByRole('button', { name: 'Sign as reviewer' }).click();
    await expect(textOf(importArea.getByRole('alert'))).resolves.toContain('the reviewer must be someone else');
    await showFindings(page, { status: 'open' });
    await rows.first().getByRole('button', { name: /^Open finding/ }).click();
    await detail.getByLabel(/^Comment/).fill('Asked the site for the meter photos');
    await detail.getByRole('button', { name: 'Add comment' }).click();
    await eventually(() => textOf(detail.getByRole('list', { name: 'History of the finding' }))).toContain('Asked the site for the meter photos');
    await page.getByRole('button', { name: 'Source files', exact: true }).click();
    await eventually(() => textOf(page.getByTestId('sign-off-import'))).toMatch(/^Modified since sign-off/);
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await eventually(() => textOf(importArea)).toMatch(/Modified since: #\d+ finding\.update by e2e-tester/);

    // Finalised: read-only, a change refused (and logged), unlocked only with a reason.
    await page.getByRole('button', { name: 'Finalise engagement…' }).click();
    await eventually(() => textOf(page.getByTestId('lock-state'))).toMatch(/^Finalised by e2e-tester/);
    await screenshot(page, 'review-5-finalised');
    await showFindings(page, { status: 'open' });
    await rows.first().getByRole('button', { name: /^Open finding/ }).click();
    await detail.getByLabel(/^Comment/).fill('Too late');
    await detail.getByRole('button', { name: 'Add comment' }).click();
    await expect(textOf(detail.getByRole('alert'))).resolves.toMatch(/finalised .* read-only: 'finding\.update' was refused/);
    await screenshot(page, 'review-6-refused');
    await page.getByRole('button', { name: 'Audit log', exact: true }).click();
    // The log holds more entries than are in view: newest first, the refusal heads it.
    const log = page.getByRole('table', { name: 'Audit log' });
    await log.getByRole('button', { name: '#' }).click();
    await eventually(() => textOf(log.locator('tbody tr[data-loaded="true"]').first())).toContain('engagement.changeRefused');
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Unlock' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Reason to unlock').fill('Supplier re-issued the June invoice');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await eventually(() => textOf(page.getByTestId('lock-state'))).toMatch(/^Not finalised\. Last unlocked by e2e-tester .*: Supplier re-issued the June invoice/);
    expect(errors).toEqual([]);
  });
});
