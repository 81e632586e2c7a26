/**
 * axe-core on a screen in both themes, and its screenshots: every screen test checks the same
 * way, at the same sizes, so the artefacts line up (test-results/screenshots/screen-<name>-<size>-<theme>.png).
 */
import axe from 'axe-core';
import type { Locator, Page } from 'playwright-core';
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

/**
 * What looks broken on a screen as laid out now, each as a line naming the element: a block
 * running into the screen's margin, a card whose content runs past its edge, a table wider than its scroll box (a sideways scrollbar that hides
 * columns), a column header cut off, a cell whose text runs into the next (cells that clip on
 * purpose, with an ellipsis, hide their overflow), a drop-down or an empty field whose text is clipped. Runs in
 * the page (a string: this file is typechecked without the DOM's types). Spreadsheet previews
 * (`.sheet-scroll`) scroll sideways by design, like the sheet they show.
 */
const LAYOUT_FAULTS = `(() => {
  const faults = [];
  const main = document.querySelector('main') ?? document.body;
  const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const name = (element) => element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '') + ' "' + (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40) + '"';
  const over = (element) => element.scrollWidth - element.clientWidth;
  const contentRight = main.getBoundingClientRect().left + main.clientLeft + main.clientWidth - parseFloat(getComputedStyle(main).paddingRight);
  // 2 px: a table's collapsed outer border lies half outside its box.
  for (const child of main.children) if (visible(child) && child.getBoundingClientRect().right > contentRight + 2) faults.push('runs ' + Math.round(child.getBoundingClientRect().right - contentRight) + ' px into the margin: ' + name(child));
  for (const card of main.querySelectorAll('.card')) if (visible(card) && over(card) > 1) faults.push('card content wider than its card by ' + over(card) + ' px: ' + name(card));
  for (const box of main.querySelectorAll('.table-scroll')) if (visible(box) && over(box) > 1) faults.push('table wider than its box by ' + over(box) + ' px: ' + name(box.querySelector('table') ?? box));
  for (const header of main.querySelectorAll('thead th')) if (visible(header) && over(header) > 1) faults.push('column header cut off by ' + over(header) + ' px: ' + name(header));
  for (const cell of main.querySelectorAll('td')) if (visible(cell) && getComputedStyle(cell).overflowX === 'visible' && over(cell) > 1) faults.push('cell text runs past its cell by ' + over(cell) + ' px: ' + name(cell));
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (element, text) => {
    const style = getComputedStyle(element);
    canvas.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
    return canvas.measureText(text).width;
  };
  const room = (element) => {
    const style = getComputedStyle(element);
    return element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  // A drop-down's arrow takes about 20 px of its room.
  for (const select of main.querySelectorAll('select')) {
    const text = select.selectedOptions[0]?.textContent ?? '';
    if (visible(select) && textWidth(select, text) > room(select) - 20) faults.push('drop-down text clipped: ' + name(select) + ' shows "' + text + '"');
  }
  for (const input of main.querySelectorAll('input[placeholder]')) {
    if (visible(input) && input.value === '' && textWidth(input, input.placeholder) > room(input)) faults.push('placeholder clipped: ' + input.placeholder);
  }
  return faults;
})()`;

/**
 * The screen checked by axe and for what looks broken, and saved at both sizes in both themes; it
 * is left as it was, in the light theme. `ready` is waited for at each size and theme, for what a
 * resize draws anew (a virtual table's rows, and what opens in them, are rendered again).
 */
export async function checkScreen(page: Page, name: string, { ready }: { ready?: Locator } = {}): Promise<void> {
  const before = page.viewportSize();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const colorScheme of COLOUR_SCHEMES) {
      await page.emulateMedia({ colorScheme });
      await ready?.waitFor();
      try {
        expect(await seriousViolations(page), `${name} at ${viewport.width}×${viewport.height}, ${colorScheme}`).toEqual([]);
        expect(await sidewaysOverflow(page), `${name} at ${viewport.width}×${viewport.height}: content wider than the window`).toBeLessThanOrEqual(1);
        expect(await page.evaluate<string[]>(LAYOUT_FAULTS), `${name} at ${viewport.width}×${viewport.height}: what looks broken`).toEqual([]);
      } finally {
        // Saved whether or not it passed, so a screen that fails a check is there to look at.
        await screenshot(page, `screen-${name}-${viewport.width}x${viewport.height}-${colorScheme}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(before ?? VIEWPORTS[0]);
}
