/**
 * One full review round in the browser: the author submits, the department returns it with
 * comments on a field and an indicator, the author sees them in place, fixes and resubmits, the
 * department sees what changed and forwards, finance approves and publishes, and the public reads it.
 */
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { testEngines } from '@jixiao/db/testing/fresh-database';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { fireFromBar } from '../testing/workflow-dialog.ts';

/** The demo author's unit (上海推进科技创新中心建设办公室), as in the demo accounts. */
const authorUnit = '0a000000-0000-4000-8000-000000000003';

const table = performanceTableSchema.parse({
  year: 2026,
  unit: '上海推进科技创新中心建设办公室',
  name: '科创政策宣讲活动',
  category: '经常性专项业务费',
  budget: { total: 300000, currentYear: 300000 },
  narrative: { overview: '面向园区企业举办科创政策宣讲活动。' },
  indicators: [
    {
      level1: '产出目标',
      level2: '数量',
      name: '宣讲活动场次',
      target: { raw: '>=5场', kind: 'quantitative', operator: '>=', value: 5, unit: '场' },
    },
    {
      level1: '效果目标',
      level2: '满意度',
      name: '参会企业满意度',
      target: { raw: '>=90%', kind: 'quantitative', operator: '>=', value: 90, unit: '%' },
    },
  ],
});

async function grade(page: Page, grades: Record<string, string>, overall: string, decision: string) {
  for (const [criterion, value] of Object.entries(grades)) {
    await page.getByTestId(`grade-${criterion}`).getByText(value, { exact: true }).click();
  }
  await page.getByTestId('grade-overall').getByText(overall, { exact: true }).click();
  await page.getByTestId('decision').getByText(decision, { exact: true }).click();
}

/** The server and a busy machine may take a moment: wait for the UI, not a fixed one second. */
const settle = { timeout: 15_000 };

const allGood = { completeness: '良', relevance: '良', appropriateness: '良', feasibility: '良' };

// The whole round runs on each engine the storage tests use (PGlite; PostgreSQL with TEST_DATABASE_URL).
for (const engine of testEngines()) {
  describe(`review round in the browser [${engine}]`, () => {
    let e2e: E2eSession;
    let id = '';

    beforeAll(async () => {
      e2e = await startE2e({ engine });
    });
    afterAll(async () => {
      await e2e?.close();
    });

    async function openQueueItem(): Promise<void> {
      const { page } = e2e;
      await page.goto(e2e.url('/review'));
      await page.getByTestId('review-queue-page').waitFor();
      await page.getByTestId('review-queue-link').filter({ hasText: table.name }).click();
      await page.getByTestId('review-form').waitFor();
    }

    it('the author submits a draft from the editor', async () => {
      const { page } = e2e;
      await page.goto(e2e.url('/tables'));
      const created = await page.evaluate(
        async ({ body }) => {
          const csrf = document.cookie
            .split('; ')
            .find((p) => p.startsWith('jixiao_csrf='))
            ?.slice('jixiao_csrf='.length);
          const response = await fetch('/api/tables', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf ?? '') },
            body: JSON.stringify(body),
          });
          return { status: response.status, body: await response.json() };
        },
        { body: { table, organisationId: authorUnit } },
      );
      expect(created.status).toBe(201);
      id = created.body.id;
      await page.goto(e2e.url(`/tables/${id}`));
      await fireFromBar(page, 'submit');
      await expect.poll(() => page.getByTestId('status-tag').first().textContent(), settle).toBe('已提交');
      await e2e.screenshot('review-1-submitted');
    });

    it('the department returns it with comments on a field and an indicator', async () => {
      const { page } = e2e;
      await e2e.signIn('department_reviewer');
      await openQueueItem();
      expect(await page.getByTestId('review-changes').textContent()).toContain('首次审核');
      await expect.poll(() => page.title(), settle).toMatch(/^审核：.+ · /);
      // Automatic findings come through the shared panel, grouped errors first; a finding with a field
      // path opens a comment on that field (the draft lacks dates and narrative: errors; indicators: warnings).
      const panel = page.getByTestId('review-findings').getByTestId('findings-panel');
      await panel.waitFor(settle);
      const groups = await panel
        .locator('[data-severity]')
        .evaluateAll((lists) => lists.map((list) => list.getAttribute('data-severity')));
      expect(groups.slice(0, 2)).toEqual(['error', 'warning']);
      expect(await page.getByTestId('comment-draft').count()).toBe(0);
      await panel.locator('[data-path="indicators.1"]').first().click();
      await expect.poll(() => page.getByTestId('comment-draft').count(), settle).toBe(1);
      await page.getByTestId('comment-input').last().fill('满意度请写明调查方式');
      await page.getByTestId('review-layout').locator('[data-field="budget.currentYear"]').first().click();
      await page.getByTestId('comment-input').last().fill('当年预算与项目概况所列金额不一致');
      await page.getByTestId('review-layout').locator('[data-field="indicators.0.target"]').click();
      await page.getByTestId('comment-input').last().fill('宣讲场次目标偏低，请参考上年完成值');
      await grade(page, allGood, '中', '退回修改');
      await e2e.screenshot('review-2-returning');
      await e2e.docScreenshot('tour-4-review');
      await page.getByTestId('review-submit').click();
      await page.getByTestId('review-queue-page').waitFor();
      await expect
        .poll(() => page.getByTestId('review-queue-link').filter({ hasText: table.name }).count())
        .toBe(0);
    });

    it('the author sees the comments in place, adds and reorders indicators, fixes one and resubmits', async () => {
      const { page } = e2e;
      await e2e.signIn('author');
      await page.goto(e2e.url(`/tables/${id}`));
      const open = page.getByTestId('open-comments');
      await open.waitFor();
      expect(await open.textContent()).toContain('宣讲场次目标偏低');
      const inPlace = page.locator('[data-testid="field-comment"][data-field="budget.currentYear"]');
      expect(await inPlace.textContent()).toContain('当年预算与项目概况所列金额不一致');
      const rowAt = (index: number) => page.locator(`[data-testid="indicator-row"][data-index="${index}"]`);
      await expect
        .poll(() => rowAt(0).getByTestId('field-comment').textContent(), settle)
        .toContain('宣讲场次目标偏低');
      await e2e.screenshot('review-3-returned-in-editor');

      // A new indicator in the first group, moved above the commented one: every row index shifts, and the
      // comments written on rows 0 and 1 must stay with 宣讲活动场次 and 参会企业满意度, not with the rows now there.
      await page.getByTestId('add-indicator').first().click();
      await rowAt(1).getByTestId('indicator-name').fill('宣讲覆盖企业数');
      await rowAt(1).getByTestId('indicator-target').fill('>=50家');
      await rowAt(1).locator('[data-move="up"]').click();
      expect(await rowAt(0).getByTestId('indicator-name').inputValue()).toBe('宣讲覆盖企业数');
      expect(await rowAt(0).getByTestId('field-comment').count()).toBe(0);
      const row = page
        .getByTestId('indicator-row')
        .filter({ has: page.locator('input[value="宣讲活动场次"]') });
      expect(await row.getAttribute('data-index')).toBe('1');
      expect(await row.getByTestId('field-comment').textContent()).toContain('宣讲场次目标偏低');
      const satisfaction = page
        .getByTestId('indicator-row')
        .filter({ has: page.locator('input[value="参会企业满意度"]') });
      expect(await satisfaction.getAttribute('data-index')).toBe('2');
      expect(await satisfaction.getByTestId('field-comment').textContent()).toContain('满意度请写明调查方式');
      // The list at the top names the rows the comments are on now.
      const listed = open.getByTestId('review-comment').filter({ hasText: '宣讲场次目标偏低' });
      expect(await listed.getAttribute('data-field')).toBe('indicators.1.target');
      expect(await listed.textContent()).toContain('#2「宣讲活动场次」');
      await e2e.screenshot('review-3b-reordered-in-editor');

      await row.getByTestId('indicator-target').fill('>=8场');
      await page.getByTestId('save').click();
      await expect.poll(() => page.getByTestId('dirty-flag').textContent(), settle).toBe('所有修改已保存');
      // Saved as a new version, the server places the comments on the same indicators.
      await expect
        .poll(() => row.getByTestId('field-comment').textContent(), settle)
        .toContain('宣讲场次目标偏低');
      expect(await rowAt(0).getByTestId('field-comment').count()).toBe(0);
      await fireFromBar(page, 'submit');
      await expect.poll(() => page.getByTestId('status-tag').first().textContent(), settle).toBe('已提交');
    });

    it('the department sees what changed since its round and forwards', async () => {
      const { page } = e2e;
      await e2e.signIn('department_reviewer');
      await openQueueItem();
      const changes = page.getByTestId('review-changes');
      await expect.poll(() => changes.textContent(), settle).toContain('2 处修改');
      expect(await changes.textContent()).toContain('宣讲活动场次');
      // Its own comments of the last round sit on the indicators they were written on, now rows 2 and 3.
      const last = page.getByTestId('last-round-comments');
      const onEvents = last.getByTestId('review-comment').filter({ hasText: '宣讲场次目标偏低' });
      expect(await onEvents.getAttribute('data-field')).toBe('indicators.1.target');
      expect(await onEvents.textContent()).toContain('#2「宣讲活动场次」');
      const onSatisfaction = last.getByTestId('review-comment').filter({ hasText: '满意度请写明调查方式' });
      expect(await onSatisfaction.textContent()).toContain('「参会企业满意度」');
      await grade(page, allGood, '良', '转报财政');
      await e2e.screenshot('review-4-forwarding');
      await page.getByTestId('review-submit').click();
      await page.getByTestId('review-queue-page').waitFor();
    });

    it('finance approves and publishes; the history shows every step', async () => {
      const { page } = e2e;
      await e2e.signIn('finance_reviewer');
      await openQueueItem();
      await grade(
        page,
        { completeness: '优', relevance: '优', appropriateness: '良', feasibility: '优' },
        '优',
        '批复',
      );
      // The draft still has errors of the automatic review: approving over them asks for a reason.
      await page.getByTestId('approve-over-errors').waitFor(settle);
      expect(await page.getByTestId('review-submit').isDisabled()).toBe(true);
      await page.getByTestId('approve-reason').fill('缺项已电话核实，批复后补正');
      await page.getByTestId('review-submit').click();
      await page.getByTestId('review-queue-page').waitFor();

      await page.goto(e2e.url(`/tables/${id}`));
      await fireFromBar(page, 'publish');
      await expect.poll(() => page.getByTestId('status-tag').first().textContent(), settle).toBe('已公开');
      await page.goto(e2e.url(`/review/${id}`));
      const history = page.getByTestId('review-history');
      await history.waitFor();
      await expect.poll(async () => await history.locator('.ant-timeline-item').count(), settle).toBe(6);
      await e2e.screenshot('review-5-published-history');
      // In English the history names steps, criteria and grades in English (the reviewers' words stay).
      await page.getByTestId('language-switch').click();
      await history.getByText('Review history').waitFor(settle);
      const grades = (await history.getByTestId('history-grades').first().textContent()) ?? '';
      expect(grades).toMatch(/Overall grade: ?(Excellent|Good|Fair|Poor)/);
      expect(grades).toContain('Completeness');
      expect(grades).not.toMatch(/[优良中差]|完整性/);
      await page.getByTestId('language-switch').click();
      await history.getByText('审核记录').waitFor(settle);
    });

    it('the published table is visible anonymously on the portal, not through the working routes', async () => {
      const { page } = e2e;
      await e2e.signOut();
      const read = await page.evaluate(async (tableId) => {
        const working = await fetch(`/api/tables/${tableId}`);
        const portal = await fetch(`/api/public/tables/${tableId}`);
        return { working: working.status, portal: portal.status, body: await portal.json() };
      }, id);
      expect(read.working).toBe(401);
      expect(read.portal).toBe(200);
      expect(read.body).toMatchObject({ name: table.name });
      await page.goto(e2e.url(`/public/tables/${id}`));
      await page.getByTestId('public-table-page').waitFor();
      await expect.poll(() => page.getByTestId('public-table-page').textContent(), settle).toContain('>=8场');
    });

    it('the approved version stays frozen; the author adjusts it with a reason into a new draft', async () => {
      const { page } = e2e;
      await e2e.signIn('author');
      await page.goto(e2e.url(`/tables/${id}`));
      await page.getByTestId('workflow-adjust').waitFor();
      expect(await page.getByTestId('workflow-bar').textContent()).toContain('内容已冻结');
      // Frozen: nothing to save (the editor is read-only until the adjustment).
      expect(await page.getByTestId('save').count()).toBe(0);
      await fireFromBar(page, 'adjust', '年中预算调减，宣讲场次相应调整');
      await expect.poll(() => page.getByTestId('status-tag').first().textContent(), settle).toBe('草稿');
      expect(await page.getByTestId('workflow-submit').textContent()).toContain('提交审核');
      const versions = await page.evaluate(async (tableId) => {
        const response = await fetch(`/api/tables/${tableId}/versions`);
        return response.json();
      }, id);
      const list: Array<{ status: string; reason: string | null }> = Array.isArray(versions)
        ? versions
        : versions.items;
      expect(list.map((v) => v.status)).toContain('published');
      expect(list.map((v) => v.reason)).toContain('年中预算调减，宣讲场次相应调整');
      await e2e.screenshot('review-6-adjusted');
    });
  });
}
