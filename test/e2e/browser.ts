import axe from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

/** Debian's Chromium: Playwright's own browser download is not available offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The whole page by default; `window` keeps to what the window shows (the README's picture). */
export async function screenshot(page: Page, name: string, { window = false }: { window?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: !window });
  return file;
}

/** Fails the test on any console error or uncaught exception in the page (CSP violations included). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Drops a file from disk on an element, the way a user drags one from the file manager. */
export async function dropFileOn(target: Locator, file: string): Promise<void> {
  // Runs in the page, where DataTransfer and File exist (this file is typechecked for Node).
  const dataTransfer = await target.page().evaluateHandle(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(fs.readFileSync(file).toString('base64'))}), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], ${JSON.stringify(path.basename(file))}));
    return transfer;
  })()`);
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's serious and critical violations on the page as it is (injected over the DevTools protocol, so the CSP stays as it is). */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axe.source);
  // A string, evaluated in the page: axe runs there, on its DOM. Rules passed are counted, to know it ran.
  const { passed, violations } = await page.evaluate<{ passed: number; violations: Violation[] }>(`axe.run(document, { resultTypes: ['violations'] }).then((result) => ({
    passed: result.passes.length,
    violations: result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) })),
  }))`);
  expect(passed).toBeGreaterThan(0);
  return violations;
}
