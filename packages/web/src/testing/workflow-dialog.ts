import type { Page } from 'playwright-core';

/**
 * Fires a workflow step from the editor's workflow bar the way a user does: its button, then the
 * confirmation dialog (summary, hint, reason when the step needs one) and its OK button. On a loaded
 * machine a click that arrives while the dialog is still animating in can be lost; the OK button is
 * clicked again then (it ignores clicks while its step is running, so a step never fires twice).
 */
export async function fireFromBar(page: Page, action: string, reason?: string): Promise<void> {
  await page.getByTestId(`workflow-${action}`).click();
  const dialog = page.locator(`[data-testid="workflow-confirm"][data-action="${action}"]`);
  await dialog.waitFor({ timeout: 15_000 });
  if (reason !== undefined) {
    await dialog.locator('textarea').fill(reason);
  }
  const ok = page
    .locator('.ant-modal-wrap')
    .filter({ has: dialog })
    .locator('.ant-modal-footer .ant-btn-primary');
  for (let attempt = 1; ; attempt++) {
    await ok.click();
    try {
      await dialog.waitFor({ state: 'detached', timeout: 5_000 });
      return;
    } catch (error) {
      // A refusal shows as a message: say it rather than only "timeout".
      const said = await page
        .locator('.ant-message-error')
        .textContent({ timeout: 500 })
        .catch(() => null);
      if (said || attempt === 3) {
        throw new Error(`The ${action} dialog stayed open${said ? `: ${said}` : ''}`, { cause: error });
      }
    }
  }
}
