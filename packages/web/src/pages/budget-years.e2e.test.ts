/**
 * 预算年度 in the browser on the demo seed: the admin closes 2020 drafting for 上海市 with a deadline (and is
 * asked first); the author's 2020 draft shows the closed year and cannot be submitted, and the server
 * refuses a submit with the same words; the admin then sets the cut-off month to 6 and the author's
 * monitoring page of the published 2020 table opens on 1–6 月; once 2020's self-evaluation closes, the
 * author's save is refused with the server's words and the page then says so. Authors see open years'
 * deadlines on the workbench.
 */
import { join } from 'node:path';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { findBudgetYear, storeBudgetYear } from '@jixiao/db/budget-years.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { loadDemoData } from '@jixiao/server/demo-data';
import { demoSeedTables } from '@jixiao/server/demo-lifecycle';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';

const settle = { timeout: 15_000 };
const closedText = '上海市 2020 年度目标表编报已关闭（申报截止：2020年3月31日），不能提交';

const choose = chooseOption;

describe('budget years in the browser', () => {
  let e2e: E2eSession;
  let draftId = '';
  let publishedId = '';

  beforeAll(async () => {
    e2e = await startE2e();
    const loaded = await loadDemoData(e2e.db, {
      seedPath: join(repoRoot, 'fixtures', 'seed.txt'),
      corpusDir: null,
    });
    expect(loaded.loaded).toBe(true);
    const store = createTableRepository(e2e.db);
    const draft = await store.create(
      buildTable({ name: '年度关闭测试草稿', unit: '上海推进科技创新中心建设办公室', year: 2020 }),
      { userId: null },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    draftId = draft.id;
    const list = await store.list({
      year: 2020,
      q: demoSeedTables.published,
      sort: 'updatedAt',
      order: 'desc',
      page: 1,
      pageSize: 10,
    });
    publishedId = list.items.find((i) => i.name === demoSeedTables.published)?.id ?? '';
    expect(publishedId).not.toBe('');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function openYearsTab(page: Page) {
    await page.goto(e2e.url('/admin'));
    await page.getByRole('tab', { name: '预算年度' }).click();
    await page.getByTestId('budget-years').waitFor(settle);
  }

  it('the admin closes 2020 for 上海市 after confirming, and the author cannot submit a 2020 draft', async () => {
    const { page } = e2e;
    await e2e.signIn('admin');
    await openYearsTab(page);
    await page.getByText('尚无年度设置').waitFor(settle);
    await page.getByTestId('years-new').click();
    const dialog = page.getByRole('dialog', { name: '新增年度设置' });
    await dialog.waitFor(settle);
    expect(await dialog.getByTestId('years-region').inputValue()).toBe('上海市');
    await dialog.getByTestId('years-year').fill('2020');
    await dialog.getByTestId('years-drafting-open').click();
    const deadline = dialog.getByTestId('years-submission-deadline');
    await deadline.click();
    await deadline.fill('2020年3月31日');
    await deadline.press('Enter');
    await dialog.getByTestId('years-save').click();
    // Closing stops authors: asked first.
    const confirm = page.getByRole('dialog', { name: '关闭 上海市 2020 年度编报？' });
    await confirm.waitFor(settle);
    // The picture after antd's opening animation, not half-faded.
    await page.waitForFunction(() => !document.querySelector('.ant-modal[class*="zoom-"]'));
    await e2e.screenshot('budget-years-close-confirm', page, { fullPage: false });
    await confirm.getByTestId('years-close-confirm').click();
    await page.getByText('已保存 上海市 2020 年度设置').waitFor(settle);
    const row = page.locator('[data-testid="budget-years"] tbody tr').filter({ hasText: '2020' });
    await row.getByText('已关闭').waitFor(settle);
    expect(await row.textContent()).toContain('2020年3月31日');
    await confirm.waitFor({ state: 'hidden', ...settle });
    await dialog.waitFor({ state: 'hidden', ...settle });
    await e2e.screenshot('budget-years-admin', page);
    expect(await findBudgetYear(e2e.db, '上海市', 2020)).toMatchObject({
      draftingOpen: false,
      submissionDeadline: '2020-03-31',
      cutOffMonth: 7,
    });

    await e2e.signIn('author');
    await page.goto(e2e.url(`/tables/${draftId}`));
    await page.getByTestId('table-editor-page').waitFor(settle);
    await page.getByTestId('year-closed').getByText(closedText).waitFor(settle);
    expect(await page.getByTestId('workflow-submit').isDisabled()).toBe(true);
    await e2e.screenshot('budget-years-editor-closed', page, { fullPage: false });
    // Submitting anyway (an old tab, a script) is refused by the server with the same message.
    const refused = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch(`/api/tables/${id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ action: 'submit', expectedVersion: 1 }),
      });
      return { status: response.status, body: await response.json() };
    }, draftId);
    expect(refused).toMatchObject({ status: 409, body: { code: 'budget_year.closed', zh: closedText } });
    const stored = await createTableRepository(e2e.db).get(draftId);
    expect(stored.status).toBe('draft');
  });

  it('the admin sets the cut-off month to 6 and the author’s monitoring page opens on 1–6 月', async () => {
    const { page } = e2e;
    await e2e.signIn('admin');
    await openYearsTab(page);
    const row = page.locator('[data-testid="budget-years"] tbody tr').filter({ hasText: '2020' });
    await row.getByTestId('years-edit').click();
    const dialog = page.getByRole('dialog', { name: '编辑 上海市 2020 年度' });
    await dialog.waitFor(settle);
    await choose(page, dialog.getByTestId('years-cut-off'), '1–6 月');
    await dialog.getByTestId('years-save').click();
    // Still closed, not closing now: no question this time.
    await page.getByText('已保存 上海市 2020 年度设置').waitFor(settle);
    await row.getByText('1–6 月').waitFor(settle);
    expect(await findBudgetYear(e2e.db, '上海市', 2020)).toMatchObject({
      draftingOpen: false,
      cutOffMonth: 6,
    });

    await e2e.signIn('author');
    await page.goto(e2e.url(`/monitoring/${publishedId}`));
    await page.getByTestId('monitoring-entry').waitFor(settle);
    await page.waitForURL((url) => url.searchParams.get('month') === '6', settle);
    expect(await page.getByTestId('monitoring-month').textContent()).toContain('1–6 月');
  });

  it('the author’s self-evaluation save is refused with the server’s words once the year’s self-evaluation closes', async () => {
    const { page } = e2e;
    const closedSelfEvaluation = '上海市 2020 年度绩效自评已关闭（自评截止：2021年3月31日），不能保存自评';
    await e2e.signIn('author');
    await page.goto(e2e.url(`/self-evaluation/${publishedId}`));
    await page.getByTestId('self-evaluation-page').waitFor(settle);
    const save = page.getByTestId('self-evaluation-save');
    expect(await save.isDisabled()).toBe(false);
    expect(await page.getByTestId('year-closed').count()).toBe(0);
    // Meanwhile the administrator closes 2020's self-evaluation (drafting and cut-off month as set above).
    const current = await findBudgetYear(e2e.db, '上海市', 2020);
    expect(current).not.toBeNull();
    await storeBudgetYear(
      e2e.db,
      {
        ...(current as NonNullable<typeof current>),
        selfEvaluationOpen: false,
        selfEvaluationDeadline: '2021-03-31',
      },
      { userId: null, address: null },
    );
    // The page opened before: saving shows the server's refusal as any failed save.
    await save.click();
    await page.locator('.ant-message').getByText(closedSelfEvaluation).waitFor(settle);
    // Opened again, the page says so before saving and does not offer it.
    await page.reload();
    await page.getByTestId('self-evaluation-page').waitFor(settle);
    await page.getByTestId('year-closed').getByText(closedSelfEvaluation).waitFor(settle);
    expect(await page.getByTestId('self-evaluation-save').isDisabled()).toBe(true);
    await e2e.screenshot('budget-years-self-evaluation-closed', page, { fullPage: false });
  });

  it('shows authors the submission deadline of an open year on the workbench', async () => {
    const { page } = e2e;
    await storeBudgetYear(
      e2e.db,
      {
        region: '上海市',
        year: 2099,
        draftingOpen: true,
        submissionDeadline: '2099-03-31',
        cutOffMonth: 7,
        selfEvaluationOpen: true,
      },
      { userId: null, address: null },
    );
    await e2e.signIn('author');
    await page.goto(e2e.url('/workbench'));
    const line = page.getByTestId('workbench-deadlines');
    await line.waitFor(settle);
    // The closed 2020 and its past deadline are not announced.
    expect((await line.textContent())?.trim()).toBe('2099 年度目标表申报截止：2099年3月31日');
  });
});
