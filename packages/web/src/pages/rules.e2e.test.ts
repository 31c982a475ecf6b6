import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTable, storeAsAuthor } from '../testing/e2e-tables.ts';

// The machines are shared and slow at times: polls wait up to 15 s (vitest's default is 1 s).
const poll = { timeout: 15_000 };

const choose = chooseOption;

/** The rule ids the editor's findings panel shows for the table. */
async function editorFindings(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId('table-findings')
    .locator('[data-rule]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-rule') ?? ''));
  return ids;
}

describe('review rules in the browser', () => {
  let e2e: E2eSession;
  let tableId = '';

  beforeAll(async () => {
    e2e = await startE2e();
    // 未来公园展厅运营经费: its 提升园区科创成果知名度20% puts a number in a name (SH2020-Q02).
    tableId = (await storeAsAuthor(e2e.db, seedTable('未来公园展厅运营经费'))).id;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the author reads the rules, searches them, and sees scoring and monitoring thresholds', async () => {
    const { page } = e2e;
    await page.goto(e2e.url(`/tables/${tableId}`));
    await page.getByTestId('table-editor-page').waitFor();
    await expect.poll(() => editorFindings(page), poll).toContain('SH2020-Q02');

    await page.goto(e2e.url('/workbench'));
    await page.getByRole('link', { name: '审核规则' }).click();
    await page.getByTestId('rules-page').waitFor();
    const facts = (await page.getByTestId('rule-set-facts').textContent()) ?? '';
    expect(facts).toContain('上海市');
    // The framework and the base set by name, not by slug.
    expect(facts).toContain('上海市项目支出绩效目标指标体系（2020）');
    expect(facts).not.toContain('shanghai-2020');
    const rows = page.getByTestId('rules-table').locator('tr[data-rule]');
    const all = await rows.count();
    expect(all).toBeGreaterThan(20);
    await page.getByTestId('rules-search').locator('input').fill('数值');
    await expect.poll(() => rows.count(), poll).toBeLessThan(all);
    const q02 = page.locator('tr[data-rule="SH2020-Q02"]');
    await q02.waitFor();
    expect(await q02.textContent()).toContain('把指标名称中的数值移到目标值里');
    expect(await page.getByTestId('derive-version').count()).toBe(0);
    await e2e.screenshot('rules-author');

    await page.getByRole('tab', { name: '评分办法' }).click();
    expect(await page.getByTestId('scoring-schemes').textContent()).toContain('优：90 分及以上');
    await page.getByRole('tab', { name: '监控亮灯标准' }).click();
    expect(await page.getByTestId('monitoring-thresholds').textContent()).toContain('红灯：低于 60%');
  });

  it('the admin derives a version with SH2020-Q02 off, confirms, and assigns it to 上海市 2020', async () => {
    const { page } = e2e;
    await e2e.signIn('admin');
    await page.goto(e2e.url('/rules'));
    await page.getByTestId('rules-page').waitFor();
    await page.getByTestId('derive-version').click();
    const editor = page.getByTestId('rule-set-editor');
    await editor.waitFor();
    await page.getByTestId('rule-enabled-Q02').click();
    await choose(page, page.getByTestId('rule-severity-Q05'), '提示');
    // 结果应用: the cut a grade of 中 suggests for next year's budget, and the re-check gap that opens a
    // 整改 task, are the set's own parameters.
    const share = page.locator(
      'input[data-testid="param-linkageReduceShare"], [data-testid="param-linkageReduceShare"] input',
    );
    await share.first().fill('0.2');
    await share.first().blur();
    const gap = page.locator(
      'input[data-testid="param-rectificationRecheckGap"], [data-testid="param-rectificationRecheckGap"] input',
    );
    await gap.first().fill('8');
    await gap.first().blur();
    await page.getByTestId('publish-version').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('停用 1 条规则，调整级别 1 条');
    await e2e.screenshot('rules-confirm', page, { fullPage: false });
    await page.getByTestId('confirm-publish').click();
    await expect.poll(() => editor.count(), poll).toBe(0);
    // The published version is now selected: Q02 is gone from its rules, Q05 is a hint.
    await expect.poll(() => page.getByTestId('rule-set-facts').textContent(), poll).toContain('v2');
    expect(await page.locator('tr[data-rule="SH2020-Q02"]').count()).toBe(0);
    expect(await page.locator('tr[data-rule="SH2020-Q05"]').textContent()).toContain('提示');

    // antd puts the test id on the input itself or on its wrapper, depending on the addon.
    await page
      .locator('input[data-testid="assign-year"], [data-testid="assign-year"] input')
      .first()
      .fill('2020');
    await choose(page, page.getByTestId('assign-set'), '审核规则 v2');
    await page.getByTestId('assign-save').click();
    await page.locator('[data-assignment="上海市/2020"]').waitFor();
    expect(await page.locator('[data-assignment="上海市/2020"]').textContent()).toContain('v2');
    await e2e.screenshot('rules-admin');

    const audit = await e2e.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'ruleset.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ruleset.derive', 'ruleset.assign']);
    const published = await e2e.db
      .selectFrom('rule_set_versions')
      .select('definition')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(published.definition).toMatchObject({
      params: { linkageReduceShare: 0.2, rectificationRecheckGap: 8 },
    });
  });

  it('the author’s seed table no longer shows the Q02 finding in the editor', async () => {
    const { page } = e2e;
    await e2e.signIn('author');
    await page.goto(e2e.url(`/tables/${tableId}`));
    await page.getByTestId('table-editor-page').waitFor();
    await expect.poll(() => page.getByTestId('table-findings').textContent(), poll).toContain('v2');
    const ids = await editorFindings(page);
    expect(ids).not.toContain('SH2020-Q02');
    expect(ids).toContain('SH2020-Q01');
    await e2e.screenshot('rules-editor-findings');
  });
});
