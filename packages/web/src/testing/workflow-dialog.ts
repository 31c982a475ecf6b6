import type { Page } from 'playwright-core';

/**
 * Fires a workflow step from the editor's workflow bar the way a user does: its button, then the
 * confirmation dialog (summary, hint, reason when the step needs one) and its OK button.
 */
export async function fireFromBar(page: Page, action: string, reason?: string): Promise<void> {
  await page.getByTestId(`workflow-${action}`).click();
  const dialog = page.locator(`[data-testid="workflow-confirm"][data-action="${action}"]`);
  await dialog.waitFor({ timeout: 15_000 });
  if (reason !== undefined) {
    await dialog.locator('textarea').fill(reason);
  }
  await page
    .locator('.ant-modal-wrap')
    .filter({ has: dialog })
    .locator('.ant-modal-footer .ant-btn-primary')
    .click();
  try {
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  } catch (error) {
    // Say what the page said (the server's refusal shows as a message) rather than only "timeout".
    const said = await page
      .locator('.ant-message')
      .textContent()
      .catch(() => null);
    throw new Error(`The ${action} dialog stayed open${said ? `: ${said}` : ''}`, { cause: error });
  }
}
