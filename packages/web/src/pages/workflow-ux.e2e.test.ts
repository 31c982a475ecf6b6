/**
 * The workflow's safety rails in the browser: approved and published tables are read-only in the editor
 * with 调整 as the one way back in; submitting and publishing ask first with a summary; the author can
 * withdraw a submission the department has not decided on; approving over errors of the automatic review
 * needs a reason; an administrator can take a publication off the portal, which keeps a notice. Then the
 * same tables on a phone (390×844): the portal, the workbench, the monitoring entry and the
 * self-evaluation entry fit the screen with the navigation in a drawer, and no page scrolls sideways; the
 * table list and the review queue read as cards there too.
 */
import type { Role } from '@jixiao/core/accounts/account.schema';
import type { WorkflowAction } from '@jixiao/core/workflow/workflow.schema';
import { toSessionUser } from '@jixiao/db/accounts.repository';
import { demoUserFor } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { fireTransition } from '@jixiao/server/use-cases/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTables, storeAsAuthor } from '../testing/e2e-tables.ts';
import { fireFromBar } from '../testing/workflow-dialog.ts';

/** The server and a busy machine may take a moment: wait for the UI, not a fixed time. */
const settle = { timeout: 15_000 };

/** Fires transitions as the demo users, the way the API would. */
async function walk(db: Database, id: string, steps: [WorkflowAction, Role][], from = 1): Promise<void> {
  let version = from;
  for (const [action, role] of steps) {
    const state = await fireTransition(
      db,
      id,
      { action, expectedVersion: version },
      { user: toSessionUser(demoUserFor(role)) },
    );
    version = state.version;
  }
}

const toApproved: [WorkflowAction, Role][] = [
  ['submit', 'author'],
  ['forward', 'department_reviewer'],
  ['approve', 'finance_reviewer'],
];

describe('workflow safety rails in the browser', () => {
  let e2e: E2eSession;
  const ids: Record<'approved' | 'published' | 'draft', string> = { approved: '', published: '', draft: '' };

  beforeAll(async () => {
    e2e = await startE2e();
    const [first, second] = seedTables();
    if (!first || !second) throw new Error('seed tables missing');
    ids.approved = (await storeAsAuthor(e2e.db, first)).id;
    await walk(e2e.db, ids.approved, toApproved);
    ids.published = (await storeAsAuthor(e2e.db, second)).id;
    await walk(e2e.db, ids.published, [...toApproved, ['publish', 'finance_reviewer']]);
    // The first seed table has one error of the automatic review (信息公开实现率 with a text target).
    ids.draft = (await storeAsAuthor(e2e.db, { ...first, name: `${first.name}（续）` })).id;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('opens the self-evaluation of an approved table with a provisional score and named missing values', async () => {
    const { page } = e2e;
    await page.goto(e2e.url(`/self-evaluation/${ids.published}`));
    await page.getByTestId('self-evaluation-page').waitFor(settle);
    const total = (await page.getByTestId('self-evaluation-total').textContent()) ?? '';
    expect(total).toContain('暂计得分');
    expect(total).not.toMatch(/等级：|差/);
    const notes = page.getByTestId('self-evaluation-notes').locator('li');
    const first = (await notes.first().textContent()) ?? '';
    expect(first).toMatch(/^指标「.+」(缺少实际完成值|须由审核人评分)。$/);
    expect(await notes.allTextContents()).toContainEqual(
      expect.stringMatching(/^指标「.+」缺少实际完成值。$/),
    );
    expect(await page.getByTestId('self-evaluation-actual').first().isEditable()).toBe(true);
  });

  it('shows approved and published tables read-only, with 调整 as the way in', async () => {
    const { page } = e2e;
    for (const which of ['published', 'approved'] as const) {
      await page.goto(e2e.url(`/tables/${ids[which]}`));
      const editor = page.locator('[data-testid="table-editor-page"][data-readonly]');
      await editor.waitFor(settle);
      await page.getByTestId('workflow-adjust').waitFor(settle);
      // Nothing to save, add, move or remove; every field refuses typing.
      expect(await page.getByTestId('save').count()).toBe(0);
      expect(await page.getByTestId('add-indicator').count()).toBe(0);
      expect(await page.getByTestId('add-from-library').count()).toBe(0);
      expect(await page.locator('[data-move]').count()).toBe(0);
      expect(await page.getByRole('button', { name: '删除指标' }).count()).toBe(0);
      expect(await page.getByTestId('indicator-name').first().isEditable()).toBe(false);
      expect(await page.locator('#f-name').isEditable()).toBe(false);
      expect(await page.locator('#f-narrative\\.overview').isEditable()).toBe(false);
      await page.getByTestId('indicator-target').first().click({ force: true });
      await page.keyboard.type('12');
      expect(await page.getByTestId('dirty-flag').textContent()).toContain('只读');
      expect(await page.getByText('有未保存的修改').count()).toBe(0);
      // The notice is an information alert in light blue, not the dark grey of a disabled control.
      const notice = page.getByTestId('workflow-bar').locator('.ant-alert-info').first();
      await expect
        .poll(() => notice.evaluate((el) => getComputedStyle(el).backgroundColor), { timeout: 15_000 })
        .toBe('rgb(230, 244, 255)');
    }
    await e2e.screenshot('workflow-frozen-readonly');

    // 调整 with a reason opens a new draft version, and the editor takes typing again.
    await fireFromBar(page, 'adjust', '预算调减，指标随之调整');
    await page.locator('[data-testid="table-editor-page"]:not([data-readonly])').waitFor(settle);
    await page.getByTestId('save').waitFor(settle);
    expect(await page.getByTestId('indicator-name').first().isEditable()).toBe(true);
    await page.locator('#f-name').fill('调整后的项目名称');
    expect(await page.getByTestId('dirty-flag').textContent()).toBe('有未保存的修改');
  });

  it('asks before submitting, with a summary, and lets the author withdraw until the department decides', async () => {
    const { page } = e2e;
    const status = () => page.getByTestId('status-tag').first().textContent();
    await page.goto(e2e.url(`/tables/${ids.draft}`));
    await page.getByTestId('workflow-submit').click();
    const summary = page.getByTestId('transition-summary');
    await summary.waitFor(settle);
    expect(await summary.textContent()).toContain('15 项');
    expect(Number(await summary.getByTestId('summary-findings').getAttribute('data-errors'))).toBe(1);
    await e2e.screenshot('workflow-submit-confirm', page, { fullPage: false });
    await e2e.docScreenshot('tour-5-submit');
    // Cancelling changes nothing.
    await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    await summary.waitFor({ state: 'detached', ...settle });
    expect(await status()).toBe('草稿');
    await fireFromBar(page, 'submit');
    await expect.poll(status, settle).toBe('已提交');
    await fireFromBar(page, 'withdraw');
    await expect.poll(status, settle).toBe('草稿');
    await page.getByTestId('save').waitFor(settle);
    await fireFromBar(page, 'submit');
    await expect.poll(status, settle).toBe('已提交');
    // The bar re-renders from the refreshed table after the status: wait for its withdraw button.
    await expect.poll(() => page.getByTestId('workflow-withdraw').count(), settle).toBe(1);

    // Self-evaluation is for approved tables: a table under review says so instead of offering inputs.
    await page.goto(e2e.url(`/self-evaluation/${ids.draft}`));
    const refusal = page.getByTestId('self-evaluation-not-approved');
    await refusal.waitFor(settle);
    expect(await refusal.textContent()).toContain('已提交');
    expect(await page.getByTestId('self-evaluation-actual').count()).toBe(0);
    expect(await page.getByTestId('self-evaluation-total').count()).toBe(0);
  });

  it('asks finance for a reason to approve over errors, confirms publishing, and lets an admin unpublish', async () => {
    const { page } = e2e;
    await walk(e2e.db, ids.draft, [['forward', 'department_reviewer']], 4);
    await e2e.signIn('finance_reviewer');
    await page.goto(e2e.url(`/review/${ids.draft}`));
    await page.getByTestId('review-form').waitFor(settle);
    for (const criterion of ['completeness', 'relevance', 'appropriateness', 'feasibility']) {
      await page.getByTestId(`grade-${criterion}`).getByText('良', { exact: true }).click();
    }
    await page.getByTestId('grade-overall').getByText('良', { exact: true }).click();
    await page.getByTestId('decision').getByText('批复', { exact: true }).click();
    const warning = page.getByTestId('approve-over-errors');
    await warning.waitFor(settle);
    expect(await warning.textContent()).toContain('1 项错误');
    expect(await page.getByTestId('review-submit').isDisabled()).toBe(true);
    await page.getByTestId('approve-reason').fill('信息公开实现率按单位说明批复');
    await e2e.screenshot('workflow-approve-over-errors');
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-queue-page').waitFor(settle);

    await page.goto(e2e.url(`/tables/${ids.draft}`));
    await page.getByTestId('workflow-publish').click();
    await page.getByTestId('transition-summary').waitFor(settle);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('status-tag').first().textContent(), settle).toBe('已公开');

    await e2e.signIn('admin');
    await page.goto(e2e.url(`/tables/${ids.draft}`));
    await fireFromBar(page, 'unpublish', '数据有误，更正后重新公开');
    await expect.poll(() => page.getByTestId('status-tag').first().textContent(), settle).toBe('已批复');
    await e2e.signOut();
    await page.goto(e2e.url(`/public/tables/${ids.draft}`));
    const notice = page.getByTestId('public-unpublished');
    await notice.waitFor(settle);
    expect(await notice.textContent()).toContain('数据有误，更正后重新公开');
    await e2e.screenshot('workflow-unpublished-notice');
  });

  /** How far the page reaches past the window (0 when nothing scrolls sideways). */
  const overflow = () =>
    e2e.page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

  it('fits a phone (390 px): workbench, monitoring and self-evaluation entry, the menu in a drawer, the portal', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 390, height: 844 });
    await e2e.signIn('author');
    const pages: [string, string][] = [
      ['/workbench', 'workbench-page'],
      ['/monitoring', 'monitoring-overview'],
      [`/monitoring/${ids.published}`, 'monitoring-entry'],
      [`/self-evaluation/${ids.published}`, 'self-evaluation-page'],
    ];
    for (const [path, testId] of pages) {
      await page.goto(e2e.url(path));
      await page.getByTestId(testId).waitFor(settle);
      await page.waitForLoadState('networkidle');
      expect(await overflow(), path).toBeLessThanOrEqual(0);
      // Lists read as cards, one a row, not as a table squeezed or scrolled sideways.
      await page.locator('.card-list-item').first().waitFor(settle);
      expect(await page.locator('.ant-table').count(), path).toBe(0);
      await e2e.screenshot(`phone${path.replace(/\/[0-9a-f-]{36}/, '').replaceAll('/', '-')}`);
    }
    // The navigation is one button that opens a drawer with every entry.
    expect(await page.locator('.app-nav').isVisible()).toBe(false);
    await page.getByTestId('nav-drawer-open').click();
    const drawer = page.getByTestId('nav-drawer');
    await drawer.waitFor(settle);
    expect(await drawer.textContent()).toContain('目标表');
    await e2e.screenshot('phone-nav-drawer', page, { fullPage: false });

    await e2e.signOut();
    for (const path of [`/public/tables/${ids.published}`, '/public']) {
      await page.goto(e2e.url(path));
      await page.waitForLoadState('networkidle');
      await page.locator('.app-content').waitFor(settle);
      expect(await overflow(), path).toBeLessThanOrEqual(0);
    }
    // The portal's catalogue: a card per published table, its name the card's heading and link.
    const card = page.locator('[data-testid="public-table-list"] .card-list-item').first();
    await card.waitFor(settle);
    expect(await card.locator('.card-list-title [data-testid="public-table-link"]').count()).toBe(1);
    expect(await card.textContent()).toContain('当年预算');
    await e2e.screenshot('phone-public');
  });

  it('reads the table list and the review queue as cards on a phone, paging the list through the URL', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 390, height: 844 });
    const [first] = seedTables();
    if (!first) throw new Error('seed tables missing');
    const waiting = await storeAsAuthor(e2e.db, { ...first, name: `${first.name}（待审）` });
    await walk(e2e.db, waiting.id, [['submit', 'author']]);

    await e2e.signIn('author');
    // Two a page: the card list's pager moves the page in the URL as the table's does.
    await page.goto(e2e.url('/tables?pageSize=2'));
    const list = page.getByTestId('table-list');
    await list.locator('.card-list-item').first().waitFor(settle);
    await page.waitForLoadState('networkidle');
    expect(await overflow(), '/tables').toBeLessThanOrEqual(0);
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(await list.locator('.card-list-item').count()).toBe(2);
    const firstCard = list.locator('.card-list-item').first();
    expect(await firstCard.locator('.card-list-title .table-name-link').count()).toBe(1);
    expect(await firstCard.textContent()).toContain('状态');
    const firstName = await firstCard.locator('.card-list-title').textContent();
    await e2e.screenshot('phone-tables');
    await page.locator('.ant-pagination-next').click();
    await page.waitForURL(/[?&]page=2/, settle);
    await expect
      .poll(async () => list.locator('.card-list-item .card-list-title').first().textContent(), settle)
      .not.toBe(firstName);
    await e2e.signOut();

    await e2e.signIn('department_reviewer');
    await page.goto(e2e.url('/review'));
    const queue = page.getByTestId('review-queue-list');
    const card = queue.locator('.card-list-item', { hasText: '（待审）' });
    await card.waitFor(settle);
    await page.waitForLoadState('networkidle');
    expect(await overflow(), '/review').toBeLessThanOrEqual(0);
    expect(await page.locator('.ant-table').count()).toBe(0);
    await e2e.screenshot('phone-review-queue');
    await card.locator('.card-list-title [data-testid="review-queue-link"]').click();
    await page.waitForURL(new RegExp(`/review/${waiting.id}`), settle);
    await e2e.signOut();
  });
});
