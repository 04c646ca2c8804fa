import type { Page } from 'playwright-core';

/**
 * Tabs through the page from the top and returns the interactive elements that were never
 * focused: every enabled button, link, form control and disclosure (`summary`) must be reachable
 * with the keyboard alone.
 */
export async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const count = await page.evaluate(() => {
    const controls = Array.from(document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary')).filter(
      (element) => !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0,
    );
    controls.forEach((element, index) => (element.dataset.keyboardIndex = String(index)));
    (document.activeElement as HTMLElement | null)?.blur();
    return controls.length;
  });
  const reached = new Set<string>();
  for (let press = 0; press <= count; press += 1) {
    await page.keyboard.press('Tab');
    const index = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.keyboardIndex);
    if (index !== undefined) reached.add(index);
  }
  return page.evaluate(
    (reachedIndexes) =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-keyboard-index]'))
        .filter((element) => !reachedIndexes.includes(element.dataset.keyboardIndex!))
        .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 40)}"`),
    [...reached],
  );
}
