/**
 * What every end-to-end test needs: the harness serving the real UI over the real engine, a
 * Chromium, a temporary folder, and the common journeys (create an engagement, import a file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DATA_CENTRES_SHEET, OFFICES_SHEET } from '../helpers/company-workbook';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser } from './browser';

export interface E2eSession {
  readonly harness: Harness;
  readonly dir: string;
  /** A new Chromium page that sends the harness's per-run secret with every request (the harness refuses others). */
  openPage(options?: BrowserContextOptions): Promise<Page>;
}

/** Starts the harness and Chromium before the file's tests and stops them after. */
export function useE2eSession(name: string): () => E2eSession {
  let session: E2eSession | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `carbon-audit-e2e-${name}-`));
    const harness = await startHarness();
    const chromium = await launchBrowser();
    browser = chromium;
    session = {
      dir,
      harness,
      // British English unless a test asks otherwise, so figures and dates read the same on every machine.
      openPage: (options = {}) => chromium.newPage({ locale: 'en-GB', ...options, extraHTTPHeaders: { ...options.extraHTTPHeaders, ...harness.headers } }),
    };
  });
  afterAll(async () => {
    await browser?.close();
    await session?.harness.close();
    if (session) fs.rmSync(session.dir, { recursive: true, force: true });
  });
  return () => {
    if (!session) throw new Error('the e2e session is not started');
    return session;
  };
}

export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** Creates an engagement from the start screen (April fiscal years), answering the save dialog. */
export async function createEngagement(page: Page, { harness, dir }: E2eSession, options: { consolidation?: string; region?: string } = {}): Promise<void> {
  await page.getByLabel('Reporting entity').fill('Example Group plc');
  await page.getByLabel('Fiscal year starts in').selectOption({ label: 'April' });
  if (options.consolidation) await page.getByLabel('Consolidation approach').selectOption({ label: options.consolidation });
  if (options.region) await page.getByLabel('Grid region for electricity').fill(options.region);
  harness.dialogAnswers.push(path.join(dir, 'group.carbonaudit'));
  await page.getByRole('button', { name: 'Create engagement file…' }).click();
  await page.getByTestId('engagement-settings').waitFor();
}

/** A step of the wizard as a file goes through it, for a test that looks at each. */
export type WizardStep = 'sheet' | 'table' | 'columns' | 'validation';
type AtStep = (step: WizardStep) => Promise<void>;

/** Both sheets of the company workbook (test/helpers/company-workbook.ts), from the Import screen, choosing the file once; `atStep` runs at each step of the first sheet. */
export async function importCompanyWorkbook(page: Page, harness: Harness, workbook: string, atStep?: AtStep): Promise<void> {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await importThroughWizard(page, harness, workbook, OFFICES_SHEET, undefined, atStep);
  await page.getByRole('button', { name: `Import sheet “${DATA_CENTRES_SHEET}” of this file` }).click();
  await finishImportWizard(page, workbook, DATA_CENTRES_SHEET);
}

/** A file through every step of the wizard on the suggested mapping; `adjust` runs on the columns step. */
export async function importThroughWizard(page: Page, harness: Harness, file: string, sheet: string, adjust?: () => Promise<void>, atStep?: AtStep): Promise<void> {
  harness.dialogAnswers.push(file);
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await finishImportWizard(page, file, sheet, adjust, atStep);
}

/** The wizard's steps after a file is chosen, on the suggested mapping. */
export async function finishImportWizard(page: Page, file: string, sheet: string, adjust?: () => Promise<void>, atStep?: AtStep): Promise<void> {
  await page.getByRole('heading', { name: path.basename(file) }).waitFor();
  const sheetSelect = page.getByRole('combobox', { name: /^Sheet/ });
  if ((await sheetSelect.inputValue()) !== sheet) {
    await sheetSelect.selectOption(sheet);
    await expect.poll(() => sheetSelect.inputValue()).toBe(sheet);
  }
  await atStep?.('sheet');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Where is the table?' }).waitFor();
  await atStep?.('table');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'What does each column hold?' }).waitFor();
  await adjust?.();
  await atStep?.('columns');
  await page.getByRole('button', { name: 'Validate (dry run)' }).click();
  await page.getByTestId('validation-results').waitFor();
  await atStep?.('validation');
  await page.getByRole('button', { name: /^Import \d+ records$/ }).click();
  await page.getByTestId('import-results').waitFor();
  await expect(textOf(page.locator('.summary'))).resolves.toContain(`from ${path.basename(file)}`);
}
