import type { Locator, Page } from 'playwright-core';

/**
 * Picks `option` in an antd Select and waits until the select shows it. The option is looked for in this
 * select's own dropdown (the one its input names in aria-controls while open): a list left over from the
 * select before, still fading out, would otherwise take the click. On a loaded machine the dropdown may
 * still be animating when the click arrives and the choice is lost, so a choice that did not land is tried
 * again (three tries) instead of letting the test go on without it.
 */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    try {
      const input = select
        .locator('xpath=ancestor-or-self::*[contains(@class,"ant-select")][1]')
        .locator('input');
      let listId: string | null = null;
      const opened = Date.now() + 5_000;
      while (!listId && Date.now() < opened) {
        listId = await input.first().getAttribute('aria-controls');
        if (!listId) await page.waitForTimeout(50);
      }
      if (!listId) throw new Error('The select did not open');
      await page
        .locator('.ant-select-dropdown')
        .filter({ has: page.locator(`[id="${listId}"]`) })
        .locator('.ant-select-item-option')
        .filter({ hasText: option })
        .first()
        .click({ timeout: 5_000 });
    } catch (error) {
      if (attempt === 3) throw error;
      // Blur, not Escape: inside a Drawer or Modal, Escape also closes the dialog the select sits in.
      await select
        .locator('xpath=ancestor-or-self::*[contains(@class,"ant-select")][1]')
        .locator('input')
        .first()
        .evaluate((element) => (element as HTMLElement).blur());
      await page.waitForTimeout(300);
      continue;
    }
    // The select's own text (its options are portaled elsewhere) holds the chosen label once it landed.
    const deadline = Date.now() + 5_000;
    let landed = false;
    while (!landed && Date.now() < deadline) {
      const shown = await select.evaluate((element) => {
        const root = element.closest('.ant-select') ?? element;
        return (root.textContent ?? '').trim();
      });
      landed = shown.includes(option);
      if (!landed) await page.waitForTimeout(100);
    }
    if (landed) return;
    if (attempt === 3) throw new Error(`The select did not take the option «${option}» after 3 tries`);
  }
}
