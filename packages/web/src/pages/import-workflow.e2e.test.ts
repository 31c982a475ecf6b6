/**
 * The import workflow for people (issue 10) on real corpus documents: the preview shows each row beside
 * its source lines, the kind found, and a self-evaluation's results; rows are split and merged. A file the
 * reader gets wrong is fixed by column mapping and saved as a layout template; the next file of that
 * layout is read by the template with no correction; an administrator retires the template.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';

const train = join(repoRoot, 'packages/import/fixtures/corpus/train');
// The machines are shared and slow at times: polls wait up to 15 s (vitest's default is 1 s).
const poll = { timeout: 15_000 };

describe('import workflow in the browser', () => {
  let e2e: E2eSession;

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('previews a real 自评表 with its results, shows each row’s source lines, splits and merges rows', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles(join(train, 'selfeval-01.txt'));
    await page.getByTestId('imported-table').waitFor();
    expect(await page.getByTestId('import-kind-found').textContent()).toBe('识别为绩效自评表');
    const rows = page.getByTestId('indicator-row');
    expect(await rows.count()).toBe(9);
    // A self-evaluation shows actual, weight and score per row and the printed total.
    expect(await rows.nth(1).getByTestId('indicator-actual').inputValue()).toBe('100');
    expect(await page.getByTestId('import-score-total').textContent()).toContain('得分合计 89 分');

    // A click on a row tints its lines in the source and scrolls there.
    await rows.nth(4).getByTestId('indicator-name').click();
    const tinted = page.locator('.source-line.in-row');
    await expect.poll(() => tinted.count(), poll).toBeGreaterThan(0);
    expect(await tinted.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('成本控制率')]),
    );
    expect(await page.getByTestId('source-view').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await e2e.screenshot('import-row-source');

    // Split a row in two, then merge them back.
    await rows.nth(0).getByTestId('indicator-name').fill('工程资金金额、工程资金拨付率');
    await rows.nth(0).getByTestId('row-split').click();
    await expect.poll(() => rows.count(), poll).toBe(10);
    expect(await rows.nth(1).getByTestId('indicator-name').inputValue()).toBe('工程资金拨付率');
    expect(await rows.nth(1).getAttribute('data-missing')).toContain('target');
    await rows.nth(0).getByTestId('row-merge').click();
    await expect.poll(() => rows.count(), poll).toBe(9);
    expect(await rows.nth(0).getByTestId('indicator-name').inputValue()).toBe('工程资金金额工程资金拨付率');

    // The user says it is a target table: the results go out of sight.
    await page.getByTestId('import-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '绩效目标表' }).first().click();
    await expect.poll(() => page.getByTestId('indicator-evaluation').count(), poll).toBe(0);
  });

  it('fixes a misread file by column mapping, saves the layout, and reads the next file of it by the template', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/import'));
    // train/topic-d-04: the reader takes the level 2 时效指标 for the name of the last row.
    await page.locator('input[type=file]').setInputFiles(join(train, 'topic-d-04.txt'));
    await page.getByTestId('imported-table').waitFor();
    const names = () =>
      page
        .getByTestId('indicator-name')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    // The page title was read as a form of its own; the table is on the second tab.
    await page.getByRole('tab').nth(1).click();
    await expect.poll(names, poll).toContain('时效指标');

    // Choose the table in the source: first and last line clicked.
    await page.getByTestId('mapping-open').click();
    await page.getByTestId('mapping-pick').click();
    await page.locator('.source-line[data-line="21"]').click();
    await page.locator('.source-line[data-line="26"]').click();
    await expect.poll(() => page.getByTestId('mapping-column').count(), poll).toBe(6);
    const roles = page.getByTestId('mapping-role');
    await chooseOption(page, roles.nth(4), '实际完成值');
    await chooseOption(page, roles.nth(5), '偏差原因');
    await expect
      .poll(() => page.getByTestId('mapping-result').textContent(), poll)
      .toBe('按映射读到 5 行指标');
    await expect
      .poll(names, poll)
      .toEqual([
        '管理忠烈祠面积',
        '忠烈祠免费开放',
        '聘用讲解员,、综治队员以及物业管理人员',
        '忠烈祠保护合格率',
        '2020年12月完成',
      ]);
    expect(await page.locator('.source-line.in-mapping').count()).toBe(6);
    await e2e.screenshot('import-mapping');
    await page.getByTestId('template-name').fill('南岳区整体支出自评表');
    await page.getByTestId('template-save').click();
    await page.locator('.ant-message').getByText('已保存版式模板“南岳区整体支出自评表”').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-created').waitFor();

    // The unit's next form of that layout (another year, other figures): read by the template, confirmed as is.
    const next = (await readFile(join(train, 'topic-d-04.txt'), 'utf8'))
      .replaceAll('2020', '2021')
      .replace('管理忠烈祠面積 | =230畝 | =230畝', '管理忠烈祠面積 | =240畝 | =238畝');
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: '2021年整体支出自评表.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(next),
    });
    await page.getByTestId('import-template-used').waitFor();
    expect(await page.getByTestId('import-template-used').textContent()).toBe(
      '已按版式模板“南岳区整体支出自评表”读取',
    );
    expect((await names()).at(-1)).toBe('2021年12月完成');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-created').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toContain('2021');

    // An administrator sees the template and retires it.
    await e2e.signIn('admin');
    await page.goto(e2e.url('/admin'));
    await page.getByRole('tab', { name: '版式模板' }).click();
    const row = page
      .getByTestId('templates-admin')
      .locator('.ant-table-row')
      .filter({ hasText: '南岳区整体支出自评表' });
    await row.waitFor();
    await row.getByTestId('template-retire').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /停\s*用/ }).click();
    await expect.poll(() => row.textContent(), poll).toContain('已停用');
  });
});
