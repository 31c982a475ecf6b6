/**
 * The import workflow for people on real corpus documents: the preview shows each row beside
 * its source lines, the kind found, and a self-evaluation's results; rows are split and merged. A file the
 * reader gets wrong is fixed by column mapping and saved as a layout template; the next file of that
 * layout is read by the template with no correction; an administrator retires the template. On the same
 * server: a large upload shows its progress and cancels; a filled 自评表 of a year before the system is
 * imported with its own table and its claims shown beside the rules; and the harness itself (the built UI
 * served, sign-in and sign-out through the real API) — one server and browser for all of them.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { splitCells } from '@jixiao/core/tables/table-cells';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { buildDoc } from '@jixiao/import/doc/doc.fixtures';
import { parseFile } from '@jixiao/import/parse-file';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';
import { seedTables, storeAsAuthor } from '../testing/e2e-tables.ts';

const train = join(repoRoot, 'packages/import/fixtures/corpus/train');
const dev = join(repoRoot, '../shared/corpus/dev');
// The machines are shared and slow at times: polls wait up to 15 s (vitest's default is 1 s).
const poll = { timeout: 15_000 };

describe('import workflow in the browser', () => {
  let e2e: E2eSession;

  // train/selfeval-01 as the reader reads it, and the approved target table of its project, unit and year.
  let selfeval01: PerformanceTable;

  beforeAll(async () => {
    e2e = await startE2e();
    const bytes = new Uint8Array(await readFile(join(train, 'selfeval-01.txt')));
    const [read] = (await parseFile({ name: 'selfeval-01.txt', bytes })).tables;
    if (!read) throw new Error('train/selfeval-01 reads as no table');
    selfeval01 = read;
    const store = createTableRepository(e2e.db);
    const [seed] = seedTables();
    if (!seed) throw new Error('no seed table');
    let approved = await storeAsAuthor(e2e.db, {
      ...seed,
      name: read.name,
      unit: read.unit,
      year: read.year,
    });
    for (const status of ['submitted', 'department_reviewed', 'approved'] as const)
      approved = await store.setStatus(approved.id, approved.version, status, { userId: null });
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
    // The total is the rows' scores and the execution score as read.
    const scores = await rows
      .getByTestId('indicator-score')
      .evaluateAll((inputs) => inputs.reduce((n, i) => n + Number((i as HTMLInputElement).value || 0), 0));
    const execution = Number((await page.getByTestId('import-execution-score').inputValue()) || 0);
    expect(scores).toBeGreaterThan(0);
    expect(await page.getByTestId('import-score-total').textContent()).toContain(
      `得分合计 ${scores + execution} 分（指标 ${scores} 分`,
    );

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

    // A 自评表 goes to the approved table of its project, unit and year.
    await expect
      .poll(() => page.getByTestId('self-evaluation-matched').textContent(), poll)
      .toContain(selfeval01.name);
    // The user says it is a monitoring form: the monitoring flow's match is looked up for the same table.
    const kind = page.getByTestId('import-kind').first();
    await chooseOption(page, kind, '绩效运行监控表');
    await expect
      .poll(() => page.getByTestId('monitoring-matched').textContent(), poll)
      .toContain(selfeval01.name);
    // The user says it is a target table: the results and the flows' matches go out of sight.
    await chooseOption(page, kind, '绩效目标表');
    await expect.poll(() => page.getByTestId('indicator-evaluation').count(), poll).toBe(0);
    expect(await page.getByTestId('monitoring-target').count()).toBe(0);
    expect(await page.getByTestId('self-evaluation-target').count()).toBe(0);
  });

  it('fixes a misread file by column mapping, saves the layout, and reads the next file of it by the template', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/import'));
    // train/selfeval-06: cells apart by single spaces; the reader takes a caption row (符号 …) for an indicator,
    // the explanation for the target, and reads no actual, weight or score.
    await page.locator('input[type=file]').setInputFiles(join(train, 'selfeval-06.txt'));
    await page.getByTestId('imported-table').waitFor();
    const names = () =>
      page
        .getByTestId('indicator-name')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const targets = () =>
      page
        .getByTestId('indicator-target')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const actuals = () =>
      page
        .getByTestId('indicator-actual')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(await targets()).not.toContain('>=98%(百分比)');

    // Choose the table in the source (its first and last row clicked) and say what each column holds.
    await page.getByTestId('mapping-open').click();
    await page.getByTestId('mapping-pick').click();
    await page.locator('.source-line[data-line="17"]').click();
    await page.locator('.source-line[data-line="20"]').click();
    await expect.poll(() => page.getByTestId('mapping-column').count(), poll).toBe(12);
    const roles = page.getByTestId('mapping-role');
    const assign: [number, string][] = [
      [3, '指标解释'],
      [4, '符号'],
      [5, '数值'],
      [6, '单位'],
      [7, '实际完成值'],
      [9, '分值'],
      [10, '得分'],
    ];
    for (const [column, role] of assign) await chooseOption(page, roles.nth(column), role);
    await expect
      .poll(() => page.getByTestId('mapping-result').textContent(), poll)
      .toBe('按映射读到 4 行指标');
    await expect
      .poll(names, poll)
      .toEqual(['符合条件申报对象覆盖率', '完成率', '补贴发放率', '服务对象满意度']);
    expect(await targets()).toEqual(['>=98%(百分比)', '>=99%(百分比)', '>=75%(百分比)', '>=95%(百分比)']);
    expect(await actuals()).toEqual(['100%', '100%', '100%', '100%']);
    expect(await page.locator('.source-line.in-mapping').count()).toBe(4);
    await e2e.screenshot('import-mapping');
    // A reload opens the preview as it was left: the mapped rows and the mapping.
    await page.waitForURL(/\/import\?id=[0-9a-f-]{36}$/, poll);
    await page.reload();
    await page.getByTestId('mapping-result').waitFor();
    expect(await page.getByTestId('mapping-result').textContent()).toBe('按映射读到 4 行指标');
    expect(await names()).toEqual(['符合条件申报对象覆盖率', '完成率', '补贴发放率', '服务对象满意度']);
    expect(await actuals()).toEqual(['100%', '100%', '100%', '100%']);
    expect(await page.locator('.source-line.in-mapping').count()).toBe(4);
    await page.getByTestId('template-name').fill('成安县民政局项目自评表');
    await page.getByTestId('template-save').click();
    await page.locator('.ant-message').getByText('已保存版式模板“成安县民政局项目自评表”').waitFor();

    // The bureau's next form of that layout (another year, other figures, one caption reworded): read by
    // the template as it is, the preview saying how well it matched.
    const next = (await readFile(join(train, 'selfeval-06.txt'), 'utf8'))
      .replaceAll('2020', '2021')
      .replaceAll('2021.07.14', '2022.07.14')
      .replace('>= 98 %(百分比) 100% 完成', '>= 97 %(百分比) 99% 完成')
      .replace('权重占比(%)', '权重(%)');
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: '2021年度预算项目绩效自评表.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(next),
    });
    await page.getByTestId('import-template-used').waitFor();
    expect(await page.getByTestId('import-template-used').textContent()).toBe(
      '已按版式模板“成安县民政局项目自评表”读取',
    );
    expect(await page.getByTestId('import-template-fit').textContent()).toMatch(
      /^匹配度 8\d%：表头 3\/4 个词与模板相同，12 列（模板 12 列）$/,
    );
    expect(await names()).toEqual(['符合条件申报对象覆盖率', '完成率', '补贴发放率', '服务对象满意度']);
    expect((await targets())[0]).toBe('>=97%(百分比)');
    expect((await actuals())[0]).toBe('99%');
    expect(await page.getByTestId('import-kind-found').textContent()).toBe('识别为绩效自评表');
    // Confirm waits for the lookup of the self-evaluation's table (it was checked before that answered).
    await expect.poll(() => page.getByTestId('import-confirm').isDisabled(), poll).toBe(false);
    // Confirmed as read: no target table of it is stored, so the form brings its own and its self-evaluation.
    await page.getByTestId('import-confirm').click();
    await page.waitForURL(/\/self-evaluation\/[0-9a-f-]{36}$/, { timeout: 30_000 });

    // An administrator sees the template and retires it.
    await e2e.signIn('admin');
    await page.goto(e2e.url('/admin'));
    await page.getByRole('tab', { name: '版式模板' }).click();
    const row = page
      .getByTestId('templates-admin')
      .locator('.ant-table-row')
      .filter({ hasText: '成安县民政局项目自评表' });
    await row.waitFor();
    await row.getByTestId('template-retire').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await expect.poll(() => row.textContent(), poll).toContain('已停用');
  });

  it('serves the built UI: signed in, "/" opens the workbench; the harness signs in and out through the API', async () => {
    const { page } = e2e;
    await e2e.signIn('author');
    await page.goto(e2e.url('/'));
    await page.getByTestId('workbench-page').waitFor(poll);
    expect(new URL(page.url()).pathname).toBe('/workbench');
    expect(await page.locator('.app-brand').textContent()).toContain('绩效');
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    expect(me.user.roles).toContain('author');
    await e2e.signOut();
    const anonymous = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    expect(anonymous.user).toBeNull();
    await e2e.signIn('author');
  });

  it('shows a large upload, then the seconds spent reading, and cancels', async () => {
    const { page } = e2e;
    // 150,000 rows of running text: 5.5 MB the reader takes seconds over (the server's limit is 20 s).
    const slowFile = Buffer.from(
      `项目名称：测试项目\n实施单位：上海推进科技创新中心建设办公室\n${'产出指标 数量指标 培训人次 ≥100人次\n'.repeat(150_000)}`,
    );
    /** The drop zone's own words (its test id is on the hidden file input). */
    const dropText = '点击或拖拽文件到此处上传';
    await page.goto(e2e.url('/import'));
    await page.getByText(dropText).waitFor();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'slow.txt', mimeType: 'text/plain', buffer: slowFile });
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    const text = page.getByTestId('import-progress-text');
    // Sent at loopback speed, then read: the running bar counts the seconds.
    await expect.poll(() => text.textContent(), poll).toMatch(/正在读取“slow\.txt”，已用 [1-9]\d* 秒/);
    expect(await page.getByText(dropText).isVisible()).toBe(false);
    await e2e.screenshot('import-progress', page, { fullPage: false });

    await page.getByTestId('import-cancel').click();
    await progress.waitFor({ state: 'detached', ...poll });
    await expect.poll(() => page.getByText('已取消导入').count(), poll).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(dropText).isVisible(), poll).toBe(true);
    expect(await page.getByTestId('import-error').count()).toBe(0);
  });

  it('imports a past year’s 自评表 with its own table and shows the claims beside the rules', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles(join(train, 'selfeval-03.txt'));
    const target = page.getByTestId('self-evaluation-target');
    await target.waitFor();
    // No approved table of that project and year: the form brings its own; the scheme is the national one.
    await expect
      .poll(() => target.getByTestId('self-evaluation-table-select').textContent(), poll)
      .toContain('往年自评：连同目标表一并导入');
    expect(await target.getByTestId('self-evaluation-scheme').textContent()).toContain('（按印刷分值识别）');
    // The form prints 预算执行率 worth 10, as the national scheme gives it; corrected to 20 in the preview,
    // the card says the chosen scheme scores it otherwise before anything is confirmed.
    const weight = page.getByTestId('import-execution-weight');
    expect(await weight.inputValue()).toBe('10');
    expect(await target.getByTestId('self-evaluation-printed-execution').textContent()).toBe(
      '表上预算执行分值 10 分',
    );
    expect(await target.getByTestId('self-evaluation-execution-mismatch').count()).toBe(0);
    await weight.fill('20');
    await expect
      .poll(() => target.getByTestId('self-evaluation-execution-mismatch').textContent(), poll)
      .toContain('表上预算执行分值 20 分，所选评分办法为 10 分');
    await weight.fill('10');
    await expect.poll(() => target.getByTestId('self-evaluation-execution-mismatch').count(), poll).toBe(0);
    await page.getByTestId('import-confirm').click();
    await page.waitForURL(/\/self-evaluation\/[0-9a-f-]+$/, poll);
    const claims = page.getByTestId('row-claim');
    await expect.poll(() => claims.count(), poll).toBeGreaterThan(0);
    const texts = (await claims.allTextContents()).join('\n');
    // The unit printed 7 for a target it met (资金到位及时率 100%): said, with the rule's score.
    expect(texts).toContain('单位自评 7 分，按规则 10');
    expect(texts).toContain('已达标但得分低于分值');
  });

  it('imports a real form saved as .xls, and asks what to do when the same form comes again as .doc', async () => {
    const { page } = e2e;
    // dev/10 (a 2023 target table of 7 rows) as a finance system would export it: a legacy .xls sheet,
    // and as a Word 97 .doc of its paragraphs and table rows.
    const text = await readFile(join(dev, '10.txt'), 'utf8');
    const rows = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => splitCells(line, 'pipe'));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '绩效目标表');
    const xls = Buffer.from(XLSX.write(book, { bookType: 'xls', type: 'buffer' }) as Uint8Array);
    const doc = Buffer.from(buildDoc(rows.map((cells) => (cells.length > 1 ? cells : (cells[0] ?? '')))));
    const upload = async (name: string, buffer: Buffer) => {
      await page
        .locator('input[type=file]')
        .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
      await page.getByTestId('imported-table').waitFor();
      expect(await page.locator('#imp-0-name').inputValue()).toBe('雾炮车降尘抑尘服务');
      expect(await page.getByTestId('indicator-row').count()).toBe(7);
    };
    // The flow before ended as the administrator: the unit's author imports.
    await e2e.signIn('author');
    await page.goto(e2e.url('/import'));
    await upload('雾炮车降尘抑尘服务.xls', xls);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-created').waitFor();

    await page.getByRole('button', { name: '重新选择文件' }).click();
    await upload('雾炮车降尘抑尘服务.doc', doc);
    await page.getByTestId('import-confirm').click();
    const asked = page.getByTestId('import-duplicates');
    await asked.waitFor();
    expect(await asked.textContent()).toContain('雾炮车降尘抑尘服务');
    await asked.getByText('跳过', { exact: true }).click();
    await page.getByTestId('duplicates-ok').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('跳过');

    // A damaged .xls: refused with a problem in both languages, shown in Chinese.
    const damaged = Buffer.from(xls);
    damaged.fill(0xff, 512, 1024);
    await page.getByRole('button', { name: '重新选择文件' }).click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/imports') && r.request().method() === 'POST'),
      page.locator('input[type=file]').setInputFiles({
        name: '决算.xls',
        mimeType: 'application/vnd.ms-excel',
        buffer: damaged,
      }),
    ]);
    await page.getByTestId('import-error').waitFor();
    const problem = { type: response.headers()['content-type'], body: await response.json() };
    expect(problem.body.code).toBe('import.xls_unreadable');
    expect(problem.type).toContain('application/problem+json');
    expect(problem.body.zh).toMatch(/[\u4e00-\u9fa5]/);
    expect(problem.body.en).toMatch(/[a-z]/);
    expect(await page.getByTestId('import-error').textContent()).toContain(problem.body.zh);
  });
});
