/**
 * axe-core on a screen in both themes, and its screenshots: every screen test checks the same
 * way, at the same sizes, so the artefacts line up (test-results/screenshots/screen-<name>-<size>-<theme>.png).
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser';

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

export const COLOUR_SCHEMES = ['light', 'dark'] as const;

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

/** How far the page's content runs past the right edge of its scroll box, in px (0 when it fits: nothing clipped, no sideways scroll; 1 is sub-pixel rounding). */
async function sidewaysOverflow(page: Page): Promise<number> {
  const content = page.locator('main').first();
  if ((await content.count()) === 0) return 0;
  return content.evaluate((element) => element.scrollWidth - element.clientWidth);
}

/** The screen checked by axe and saved at both sizes in both themes; it is left as it was, in the light theme. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const colorScheme of COLOUR_SCHEMES) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), `${name} at ${viewport.width}×${viewport.height}, ${colorScheme}`).toEqual([]);
      expect(await sidewaysOverflow(page), `${name} at ${viewport.width}×${viewport.height}: content wider than the window`).toBeLessThanOrEqual(1);
      await screenshot(page, `screen-${name}-${viewport.width}x${viewport.height}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(before ?? VIEWPORTS[0]);
}
