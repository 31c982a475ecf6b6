/**
 * The automatic review in the editor: the findings of the draft appear beside the form, a click moves to
 * the field, and fixing the field makes the finding go away.
 */
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { storeAsAuthor } from '../testing/e2e-tables.ts';

describe('findings panel in the table editor', () => {
  let e2e: E2eSession;
  let tableId = '';

  beforeAll(async () => {
    e2e = await startE2e();
    const table = buildTable();
    // The seed's problem: a rate (信息公开实现率) with the qualitative target 规范.
    table.indicators[8] = buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范');
    tableId = (await storeAsAuthor(e2e.db, table)).id;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the finding, moves to its field on click, and clears it once fixed', async () => {
    const { page } = e2e;
    await page.goto(e2e.url(`/tables/${tableId}`));
    const panel = page.getByTestId('table-findings');
    const finding = panel.locator('[data-rule="SH2020-Q01"]');
    await finding.waitFor();
    expect(await finding.textContent()).toContain('信息公开实现率');
    expect(await panel.textContent()).toContain('错误（1）');
    await e2e.screenshot('findings-panel');

    const row = page.getByTestId('indicator-row').nth(8);
    const inView = () =>
      row.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
    // The panel sits below the form, so the row is out of view until the finding is clicked.
    await finding.scrollIntoViewIfNeeded();
    expect(await inView()).toBe(false);
    await finding.click();
    await expect.poll(inView).toBe(true);

    await row.getByTestId('indicator-target').fill('=100%');
    await panel.getByText('未发现问题').waitFor();
    expect(await panel.locator('[data-rule="SH2020-Q01"]').count()).toBe(0);

    // Another region's rule set: the Shanghai labels are not its framework.
    await page.getByTestId('findings-rule-set').click();
    await page.locator('.ant-select-item-option', { hasText: '财预〔2020〕10号' }).click();
    await panel.locator('[data-rule="NAT2020-C05"]').first().waitFor();
    await e2e.screenshot('findings-panel-national');
  });
});
