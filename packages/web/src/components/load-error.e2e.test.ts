/**
 * A read that fails is shown where its data would be, in the reader's language: one API call is made to
 * fail in the browser (a 500 with a proxy's plain-text body, or the connection dropped) while the rest of
 * the page loads as usual.
 */
import { join } from 'node:path';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { MONITORED_PROJECT, monitoringFormText } from '@jixiao/server/testing/monitoring-form';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';
import { seedTable, storeAsAuthor } from '../testing/e2e-tables.ts';

const settle = { timeout: 15_000 };

/** Answers as a failing proxy would: 500, a plain-text body, no problem+json. */
const serverError = (route: Route) =>
  route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' });
/** The connection drops before an answer. */
const dropped = (route: Route) => route.abort('connectionreset');

/**
 * The answer to `method` on a path matching `path` is lost half-way: fetch has its headers, reading the
 * body fails with the browser's TypeError (a connection dropped mid-answer). Until the next page load.
 */
async function loseAnswerBody(page: Page, method: string, path: RegExp): Promise<void> {
  await page.evaluate(
    ([m, source]) => {
      const original = window.fetch.bind(window);
      const pattern = new RegExp(source);
      window.fetch = async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if ((init?.method ?? 'GET') !== m || !pattern.test(new URL(url, location.href).pathname))
          return original(input, init);
        const body = new ReadableStream({
          start: (controller) => controller.error(new TypeError('network error')),
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
      };
    },
    [method, path.source] as const,
  );
}

/** Sets the interface language as the app keeps it, before the next page load. */
async function useLanguage(page: Page, locale: 'zh' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
}

describe('failed reads in the browser', () => {
  let e2e: E2eSession;
  let draftId = '';
  let submittedId = '';
  let monitoredId = '';

  beforeAll(async () => {
    e2e = await startE2e();
    const store = createTableRepository(e2e.db);
    draftId = (await storeAsAuthor(e2e.db, seedTable('未来公园展厅运营经费'))).id;
    const submitted = await storeAsAuthor(e2e.db, seedTable('科创中心展厅运营经费'));
    submittedId = (await store.setStatus(submitted.id, submitted.version, 'submitted', { userId: null })).id;
    let published = await store.create(
      seedTable('科创中心建设工作经费'),
      { userId: null },
      { organisationId: null },
    );
    const toPublished: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];
    for (const status of toPublished)
      published = await store.setStatus(published.id, published.version, status, { userId: null });
    // An approved table of the author's unit, which a monitoring form goes to.
    let monitored = await storeAsAuthor(e2e.db, seedTable(MONITORED_PROJECT));
    for (const status of ['submitted', 'department_reviewed', 'approved'] as const)
      monitored = await store.setStatus(monitored.id, monitored.version, status, { userId: null });
    monitoredId = monitored.id;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('editor: the workflow state lost on the way says so in place of the workflow buttons, and retry brings them', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/tables'));
    await useLanguage(page, 'zh');
    const workflowUrl = `**/api/tables/${draftId}/workflow`;
    const peersUrl = `**/api/tables/${draftId}/peers`;
    await page.route(workflowUrl, dropped);
    await page.route(peersUrl, serverError);
    const organisations = (url: URL) => url.pathname === '/api/organisations';
    await page.route(organisations, serverError);
    await page.goto(e2e.url(`/tables/${draftId}`));
    await page.getByTestId('table-editor-page').waitFor(settle);
    const error = page.getByTestId('workflow-error');
    await error.waitFor(settle);
    expect(await error.textContent()).toContain('无法连接服务器');
    expect(await error.textContent()).toContain('这部分内容读取失败');
    expect(await page.getByTestId('workflow-submit').count()).toBe(0);
    await e2e.screenshot('load-error-workflow', page, { fullPage: false });

    await page.unroute(workflowUrl);
    await error.locator('button').click();
    await page.getByTestId('workflow-submit').waitFor(settle);
    expect(await page.getByTestId('workflow-error').count()).toBe(0);

    // 主管部门's list, read from the organisation tree, says under the field that it could not be read.
    expect(await page.getByTestId('departments-error').textContent()).toBe(
      '主管部门列表未能读取（请求失败（HTTP 500）：Internal Server Error），刷新页面可重试',
    );
    await page.unroute(organisations);

    // Similar projects that could not be read do not pass for none: the button says so and retries.
    const peersError = page.getByTestId('peers-error');
    expect(await peersError.textContent()).toBe('同类项目未能读取，点击重试');
    expect(await peersError.getAttribute('data-code')).toBe('http.error');
    expect(await page.getByTestId('open-peers').count()).toBe(0);
    await page.unroute(peersUrl);
    await peersError.click();
    await expect
      .poll(() => page.getByTestId('open-peers').textContent(), settle)
      .toMatch(/^同类项目（\d+）$/);
  });

  it('review: a 500 from the automatic review shows in its card, not as a review still pending', async () => {
    const { page } = e2e;
    await e2e.signIn('department_reviewer');
    await page.route(`**/api/tables/${submittedId}/findings`, serverError);
    await page.goto(e2e.url(`/review/${submittedId}`));
    await page.getByTestId('review-form').waitFor(settle);
    const error = page.getByTestId('review-findings').getByTestId('load-error');
    await error.waitFor(settle);
    expect(await error.textContent()).toContain('请求失败（HTTP 500）：Internal Server Error');
    expect(await page.getByTestId('review-findings').textContent()).not.toContain('尚未就绪');
    await page.unroute(`**/api/tables/${submittedId}/findings`);
    await error.locator('button').click();
    await page.getByTestId('review-findings').getByTestId('findings-panel').waitFor(settle);
  });

  it('rules page: a rule-set catalogue that cannot be read is said, not an endless spinner', async () => {
    const { page } = e2e;
    await e2e.signIn('author');
    const catalogue = (url: URL) => url.pathname === '/api/rule-sets';
    await page.route(catalogue, serverError);
    await page.goto(e2e.url('/rules'));
    const error = page.getByTestId('rules-page').getByTestId('load-error');
    await error.waitFor(settle);
    expect(await error.textContent()).toContain('请求失败（HTTP 500）：Internal Server Error');
    await page.unroute(catalogue);
    await error.locator('button').click();
    await page.getByRole('tab', { name: '评分办法' }).waitFor(settle);
    expect(await page.getByTestId('load-error').count()).toBe(0);
  });

  it('portal (English): failed statistics and a failed search are shown where they belong, not old rows', async () => {
    const { page } = e2e;
    await e2e.signOut();
    await page.goto(e2e.url('/public'));
    await useLanguage(page, 'en');
    const statistics = (url: URL) => url.pathname === '/api/public/statistics';
    await page.route(statistics, serverError);
    await page.reload();
    const rows = page.getByTestId('public-table-list').locator('.ant-table-row');
    await rows.first().waitFor(settle);
    const statsError = page.getByTestId('public-stats').getByTestId('load-error');
    await statsError.waitFor(settle);
    expect(await statsError.textContent()).toContain('Request failed (HTTP 500): Internal Server Error');
    expect(await statsError.textContent()).toContain('This part could not be loaded');
    await page.unroute(statistics);

    // The next search loses its connection: the list says so in its place, instead of keeping the rows of
    // the search before as if they were this one's.
    const search = (url: URL) =>
      url.pathname === '/api/public/tables' && url.searchParams.get('q') === '科创中心建设';
    await page.route(search, dropped);
    await page.getByTestId('public-search').locator('input').fill('科创中心建设');
    await page.getByTestId('public-search').locator('input').press('Enter');
    const listError = page.locator('[data-testid="load-error"][data-code="network.unreachable"]');
    await listError.waitFor(settle);
    expect(await listError.textContent()).toContain('Cannot reach the server');
    expect(await rows.count()).toBe(0);
    await e2e.screenshot('load-error-portal-en', page, { fullPage: false });
    await page.unroute(search);
    await listError.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => rows.count(), settle).toBe(1);
    await useLanguage(page, 'zh');
  });

  it('re-check and monitoring filters: organisations that cannot be read are said beside the filter, with a retry', async () => {
    const { page } = e2e;
    await e2e.signIn('finance_reviewer');
    const organisations = (url: URL) => url.pathname === '/api/organisations';
    await page.route(organisations, serverError);
    await page.goto(e2e.url('/recheck'));
    await page.getByTestId('recheck-page').waitFor(settle);
    const error = page.getByTestId('organisations-error');
    await error.waitFor(settle);
    expect(await error.textContent()).toBe('单位列表未能读取（请求失败（HTTP 500）：Internal Server Error）');
    await page.unroute(organisations);
    await page.getByTestId('organisations-retry').click();
    await expect.poll(() => error.count(), settle).toBe(0);

    await page.route(organisations, dropped);
    await page.goto(e2e.url('/monitoring'));
    await page.getByTestId('monitoring-page').waitFor(settle);
    await error.waitFor(settle);
    expect(await error.textContent()).toBe('单位列表未能读取（无法连接服务器）');
    expect(await error.getAttribute('data-code')).toBe('network.unreachable');
    await page.unroute(organisations);
    await page.getByTestId('organisations-retry').click();
    await expect.poll(() => error.count(), settle).toBe(0);
  });

  it('import: a failed look-up of the table a form goes to is said with a retry, not shown as no match', async () => {
    const { page } = e2e;
    await e2e.signIn('author');
    const monitoringMatch = (url: URL) => url.pathname.endsWith('/monitoring-match');
    await page.route(monitoringMatch, serverError);
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles({
      name: '科创中心建设工作经费-1-6月监控表.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(monitoringFormText),
    });
    const target = page.getByTestId('monitoring-target');
    const error = target.getByTestId('monitoring-match-error');
    await error.waitFor(settle);
    expect(await error.textContent()).toContain('请求失败（HTTP 500）：Internal Server Error');
    expect(await error.textContent()).toContain('并非没有匹配');
    expect(await target.textContent()).not.toContain('没有已批复或已公开的绩效目标表');
    await page.unroute(monitoringMatch);
    await error.locator('button').click();
    await target.getByTestId('monitoring-matched').waitFor(settle);
    expect(await target.getByTestId('monitoring-matched').textContent()).toContain(MONITORED_PROJECT);
    expect(await error.count()).toBe(0);

    // A filled 自评表 whose match is lost on the way: said, and the retry finds its own-table choice.
    const selfMatch = (url: URL) => url.pathname.endsWith('/self-evaluation-match');
    await page.route(selfMatch, dropped);
    await page.goto(e2e.url('/import'));
    const train = join(repoRoot, 'packages/import/fixtures/corpus/train');
    await page.locator('input[type=file]').setInputFiles(join(train, 'selfeval-03.txt'));
    const selfTarget = page.getByTestId('self-evaluation-target');
    const selfError = selfTarget.getByTestId('self-evaluation-match-error');
    await selfError.waitFor(settle);
    expect(await selfError.textContent()).toContain('无法连接服务器');
    await page.unroute(selfMatch);
    await selfError.locator('button').click();
    await expect
      .poll(() => selfTarget.getByTestId('self-evaluation-table-select').textContent(), settle)
      .toContain('往年自评：连同目标表一并导入');
    expect(await selfError.count()).toBe(0);
  });

  it('monitoring entry: a save whose answer is lost says so; a calendar that cannot be read is said under the period', async () => {
    const { page } = e2e;
    await e2e.signIn('author');
    const calendar = (url: URL) => url.pathname === '/api/budget-years';
    await page.route(calendar, serverError);
    await page.goto(e2e.url(`/monitoring/${monitoredId}`));
    await page.getByTestId('monitoring-entry').waitFor(settle);
    const defaulted = page.getByTestId('monitoring-month-defaulted');
    await defaulted.waitFor(settle);
    expect(await defaulted.textContent()).toBe(
      '预算年度设置未能读取（请求失败（HTTP 500）：Internal Server Error），期间暂按默认的 7 月，请核对后再填写',
    );
    await page.unroute(calendar);

    await loseAnswerBody(page, 'PUT', /\/monitoring\//);
    await page.getByTestId('monitoring-save').click();
    const failure = page.getByTestId('action-error');
    await failure.waitFor(settle);
    expect(await failure.textContent()).toBe('无法连接服务器');
    expect(await failure.getAttribute('data-code')).toBe('network.unreachable');
  });

  it('rules: an assignment whose answer the page cannot use says so instead of nothing', async () => {
    const { page } = e2e;
    await e2e.signIn('admin');
    const assignments = (url: URL) => url.pathname === '/api/rule-sets/assignments';
    // A proxy that answers 200 with nothing: the write's outcome is unknown and the page cannot read it.
    await page.route(assignments, (route) =>
      route.request().method() === 'PUT' ? route.fulfill({ status: 200, body: '' }) : route.fallback(),
    );
    await page.goto(e2e.url('/rules'));
    await page.getByTestId('rule-set-assignments').waitFor(settle);
    await page
      .locator('input[data-testid="assign-year"], [data-testid="assign-year"] input')
      .first()
      .fill('2020');
    await chooseOption(page, page.getByTestId('assign-set'), 'v1');
    await page.getByTestId('assign-save').click();
    const failure = page.getByTestId('action-error');
    await failure.waitFor(settle);
    expect(await failure.getAttribute('data-code')).toBe('client.unexpected');
    expect(await failure.textContent()).toMatch(/^页面出错：/);
    await page.unroute(assignments);
  });

  it('editor: a to-do count and a calendar that cannot be read are said; so is a conflict whose latest version cannot be', async () => {
    const { page } = e2e;
    await e2e.signIn('author');
    const workbench = (url: URL) => url.pathname === '/api/workbench';
    const calendar = (url: URL) => url.pathname === '/api/budget-years';
    await page.route(workbench, serverError);
    await page.route(calendar, serverError);
    await page.goto(e2e.url(`/tables/${draftId}`));
    await page.getByTestId('table-editor-page').waitFor(settle);
    // No badge would read as nothing to do: the badge says the count is unknown.
    const badge = page.getByTestId('workbench-badge-error');
    await badge.waitFor(settle);
    expect(await badge.textContent()).toBe('!');
    expect(await badge.getAttribute('data-code')).toBe('http.error');
    // No notice would read as an open year: the calendar's failure is said above the table.
    const calendarError = page.getByTestId('calendar-error');
    await calendarError.waitFor(settle);
    expect(await calendarError.textContent()).toContain(
      '预算年度设置未能读取（请求失败（HTTP 500）：Internal Server Error），本年度是否仍可提交以保存时服务器的答复为准',
    );
    await page.unroute(calendar);
    await calendarError.locator('button').click();
    await expect.poll(() => calendarError.count(), settle).toBe(0);
    await page.unroute(workbench);

    // Someone saved first, and the version they saved cannot be read: the dialog says why it offers no overwrite.
    const table = (url: URL) => url.pathname === `/api/tables/${draftId}`;
    let refused = false;
    await page.route(table, (route) => {
      if (route.request().method() === 'PUT') {
        refused = true;
        return route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            code: 'table.version_conflict',
            zh: '此表已被他人保存',
            en: 'Someone saved this table first',
          }),
        });
      }
      return refused ? serverError(route) : route.fallback();
    });
    await page.locator('#f-name').fill('未来公园展厅运营经费（调整）');
    await page.getByTestId('save').click();
    const latestError = page.getByTestId('conflict-latest-error');
    await latestError.waitFor(settle);
    expect(await latestError.textContent()).toBe(
      '最新版本未能读取（请求失败（HTTP 500）：Internal Server Error），暂不能覆盖；可重新加载，或在新窗口查看最新版本。',
    );
    expect(await page.getByTestId('conflict-overwrite').isDisabled()).toBe(true);
    await page.unroute(table);
    await page.getByTestId('conflict-reload').click();
    await expect.poll(() => page.locator('#f-name').inputValue(), settle).toBe('未来公园展厅运营经费');
  });

  it('open data (English): row counts that cannot be read are said beside the downloads', async () => {
    const { page } = e2e;
    await e2e.signOut();
    await page.goto(e2e.url('/public'));
    await useLanguage(page, 'en');
    const manifest = (url: URL) => url.pathname === '/api/public/open-data';
    await page.route(manifest, serverError);
    await page.goto(e2e.url('/public/open-data'));
    const error = page.getByTestId('open-data-counts-error');
    await error.waitFor(settle);
    expect(await error.textContent()).toContain(
      'The row counts per year could not be loaded (Request failed (HTTP 500): Internal Server Error); the downloads still hold every year',
    );
    await page.unroute(manifest);
    await error.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('open-data-count').waitFor(settle);
    expect(await error.count()).toBe(0);
    await useLanguage(page, 'zh');
  });
});
