/**
 * 复制为新年度 in the browser on the demo seed: the author opens last year's published table, copies it to
 * 2021 and lands in the new draft (year 2021, last year's budget and execution filled, indicators kept);
 * copying to 2021 again shows the conflict in the dialog and creates nothing.
 */
import { join } from 'node:path';
import { getSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { loadDemoData } from '@jixiao/server/demo-data';
import { demoSeedTables } from '@jixiao/server/demo-lifecycle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';

/** The server and a busy machine may take a moment: wait for the UI, not a fixed time. */
const settle = { timeout: 15_000 };
const grouped = (n: number) => n.toLocaleString('en-US');

describe('copy a table to a new year in the browser', () => {
  let e2e: E2eSession;
  let sourcePath = '';

  beforeAll(async () => {
    e2e = await startE2e();
    const loaded = await loadDemoData(e2e.db, {
      seedPath: join(repoRoot, 'fixtures', 'seed.txt'),
      corpusDir: null,
    });
    expect(loaded.loaded).toBe(true);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function sameProject(year: number) {
    const list = await createTableRepository(e2e.db).list({
      year,
      q: demoSeedTables.published,
      sort: 'updatedAt',
      order: 'desc',
      page: 1,
      pageSize: 50,
    });
    return list.items.filter((i) => i.name === demoSeedTables.published);
  }

  it('copies the published seed table to 2021 and opens the new draft with last year’s money', async () => {
    const { page } = e2e;
    const [source] = await sameProject(2020);
    expect(source).toBeDefined();
    const stored = await createTableRepository(e2e.db).get(source!.id);
    const evaluation = await getSelfEvaluation(e2e.db, source!.id);
    const executed = evaluation?.entry.budget.executed;
    expect(executed, 'the demo self-evaluated the published table').toBeTypeOf('number');

    await page.goto(e2e.url('/tables'));
    await page.locator('.table-name-link', { hasText: demoSeedTables.published }).first().click();
    await page.getByTestId('table-editor-page').waitFor(settle);
    sourcePath = new URL(page.url()).pathname;
    expect(sourcePath).toBe(`/tables/${source!.id}`);

    await page.getByTestId('copy-to-year').click();
    const dialog = page.getByRole('dialog', { name: '复制为新年度目标表' });
    await dialog.waitFor(settle);
    // Next year is offered; the author types 2021 as a user would.
    expect(await dialog.locator('#copy-year').inputValue()).toBe('2021');
    await dialog.locator('#copy-year').fill('2021');
    // The picture after antd's opening animation, not half-faded.
    await page.waitForFunction(
      () =>
        !document.querySelector(
          '.ant-modal [class*="zoom-appear"], .ant-modal[class*="zoom-enter"], .ant-modal[class*="zoom-appear"]',
        ),
    );
    await e2e.screenshot('table-copy-dialog', page, { fullPage: false });
    await dialog.getByTestId('copy-confirm').click();

    await page.getByText('已新建 2021 年度草稿').waitFor(settle);
    await page.waitForURL(
      (url) => /^\/tables\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== sourcePath,
      settle,
    );
    await page.getByTestId('table-editor-page').waitFor(settle);
    await expect.poll(() => page.locator('#f-year').inputValue(), settle).toBe('2021');
    expect(await page.locator('#f-name').inputValue()).toBe(demoSeedTables.published);
    expect(await page.locator('[id="f-budget.priorYearBudget"]').inputValue()).toBe(
      grouped(stored.table.budget.currentYear!),
    );
    expect(await page.locator('[id="f-budget.priorYearExecuted"]').inputValue()).toBe(grouped(executed!));
    await expect
      .poll(() => page.getByTestId('indicator-row').count(), settle)
      .toBe(stored.table.indicators.length);
    expect(stored.table.indicators.length).toBeGreaterThan(0);
    expect(await page.locator('.editor-bar').textContent()).toContain('草稿');
    await e2e.screenshot('table-copy-new-draft');
    expect(await sameProject(2021)).toHaveLength(1);
  });

  it('shows the conflict when the project already has a 2021 table, and creates no second one', async () => {
    const { page } = e2e;
    await page.goto(e2e.url(sourcePath));
    await page.getByTestId('table-editor-page').waitFor(settle);
    await page.getByTestId('copy-to-year').click();
    const dialog = page.getByRole('dialog', { name: '复制为新年度目标表' });
    await dialog.waitFor(settle);
    await dialog.locator('#copy-year').fill('2021');
    await dialog.getByTestId('copy-confirm').click();
    const error = dialog.getByTestId('copy-error');
    await error.waitFor(settle);
    expect(await error.textContent()).toContain('已有 2021 年度的绩效目标表');
    // The dialog stays open on the source, so the author can pick another year or cancel.
    expect(new URL(page.url()).pathname).toBe(sourcePath);
    await e2e.screenshot('table-copy-conflict', page, { fullPage: false });
    expect(await sameProject(2021)).toHaveLength(1);
  });
});
