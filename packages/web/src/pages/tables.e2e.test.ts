/**
 * The life of a table through the browser: import the seed file, fix an indicator in the editor,
 * save, see it in the official layout, download PDF and Excel and read what is in them.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workbookCells } from '@jixiao/export/testing/workbook-text';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import { extractPdfPages } from '@jixiao/import/pdf/pdf-text';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';

const seedFile = join(repoRoot, 'fixtures/seed.txt');
// The machines are shared and slow at times: polls wait up to 15 s (vitest's default is 1 s).
const poll = { timeout: 15_000 };
const compact = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return readFile(path);
}

describe('tables in the browser', () => {
  let e2e: E2eSession;
  let tableUrl = '';

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('imports the seed file: source with warnings beside three parsed tables, then confirms', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/tables'));
    await page.getByText('还没有目标表。可以导入文件或新建一张。').waitFor();
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles(seedFile);
    await page.getByTestId('source-view').waitFor();
    expect(await page.getByTestId('source-view').textContent()).toContain('科创中心建设工作经费');
    await expect.poll(() => page.getByRole('tab').count(), poll).toBe(3);
    await e2e.screenshot('import-preview');
    await e2e.docScreenshot('tour-2-import');

    await page.getByTestId('import-confirm').click();
    const created = page.getByTestId('import-created');
    await created.waitFor();
    expect(await created.locator('.ant-list-item').count()).toBe(3);
    await e2e.screenshot('import-done');
    await created.getByRole('link', { name: '打开' }).first().click();
    await page.getByTestId('table-editor-page').waitFor();
    tableUrl = new URL(page.url()).pathname;
    expect(tableUrl).toMatch(/^\/tables\/[0-9a-f-]{36}$/);
  });

  it('asks before importing the seed file again, and skipping every table creates none', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles(seedFile);
    await expect.poll(() => page.getByRole('tab').count(), poll).toBe(3);
    await page.getByTestId('import-confirm').click();
    const dialog = page.getByTestId('import-duplicates');
    await dialog.waitFor();
    const rows = dialog.locator('[data-testid^="duplicate-"]');
    expect(await rows.count()).toBe(3);
    expect(await dialog.textContent()).toContain('科创中心展厅运营经费');
    await e2e.screenshot('import-duplicates');
    for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('radio', { name: '跳过' }).check();
    await page.getByTestId('duplicates-ok').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.locator('.ant-result-title').textContent()).toBe('已全部跳过，没有新建目标表');
    await page.goto(e2e.url('/tables'));
    await expect.poll(() => page.locator('.ant-table-row').count(), poll).toBe(3);
    // The next step edits the first imported table, as the first step left it open.
    await page.goto(e2e.url(tableUrl));
    await page.getByTestId('table-editor-page').waitFor();
  });

  it('edits an indicator target, sees it parsed live, and saves a new version', async () => {
    const { page } = e2e;
    const row = page.getByTestId('indicator-row').filter({ has: page.locator('input[value="预算执行率"]') });
    const target = row.getByTestId('indicator-target');
    await target.fill('>=98%');
    const parsed = row.getByTestId('parsed-target');
    expect(compact((await parsed.textContent()) ?? '')).toContain('定量>=98%');
    expect(await page.getByTestId('dirty-flag').textContent()).toBe('有未保存的修改');
    await e2e.screenshot('editor-edited');
    await e2e.docScreenshot('tour-3-editor', page, { at: '[data-testid="indicator-grid-head"]' });

    // Leaving with unsaved edits asks first; staying keeps them.
    await page.locator('.app-nav').getByRole('link', { name: '目标表' }).click();
    await page.getByText('离开此页？').waitFor();
    await page.getByRole('button', { name: '留在此页' }).click();
    expect(new URL(page.url()).pathname).toBe(tableUrl);
    expect(await target.inputValue()).toBe('>=98%');

    await page.getByTestId('save').click();
    await page.getByText('已保存为第 2 版').waitFor();
    expect(await page.getByTestId('dirty-flag').textContent()).toBe('所有修改已保存');
  });

  it('shows the edit in the official layout with merged level cells', async () => {
    const { page } = e2e;
    await page.getByTestId('open-print').click();
    const layout = page.getByTestId('official-layout');
    await layout.waitFor();
    const text = compact((await layout.textContent()) ?? '');
    expect(text).toContain('财政项目支出绩效目标表');
    expect(text).toContain(compact('（2020年度）'));
    expect(text).toContain('预算执行率>=98%');
    // 投入与管理 covers its nine common indicators in one merged cell, as printed.
    const level1 = layout.locator('table.jx-grid td[data-field="indicators.0.level1"]');
    expect(Number(await level1.getAttribute('rowspan'))).toBeGreaterThan(1);
    await e2e.screenshot('official-layout');
    await e2e.docScreenshot('tour-6-official-layout');
    // Printed on A4 the toolbar disappears and the sheet loses its shadow and margins.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    await e2e.screenshot('official-layout-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('downloads the official layout as PDF, Excel and Word with the edited content', async () => {
    const { page } = e2e;
    const pdf = await download(page, 'download-pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await extractPdfPages(new Uint8Array(pdf));
    const pdfText = compact(pages.join('\n'));
    expect(pdfText).toContain('财政项目支出绩效目标表');
    expect(pdfText).toContain('预算执行率');
    expect(pdfText).toContain('>=98%');
    // The indicator grid runs over a page break: its column headings head every page from its first on,
    // once each, and a page never ends on them.
    const heading = '一级目标\t二级目标\t三级目标\t指标目标值';
    const gridPages = pages.slice(pages.findIndex((p) => p.includes(heading))).map((p) => p.split('\n'));
    expect(gridPages.length).toBeGreaterThanOrEqual(2);
    for (const lines of gridPages) {
      expect(lines.filter((line) => line === heading)).toHaveLength(1);
      expect(lines.at(-1)).not.toBe(heading);
    }

    const xlsx = await download(page, 'download-xlsx');
    const cells = await workbookCells(xlsx);
    expect(cells).toContain('财政项目支出绩效目标表');
    expect(cells).toContain('>=98%');
    expect(cells).toContain('预算执行率');

    const docx = await download(page, 'download-docx');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const docxText = await extractDocxText(new Uint8Array(docx));
    expect(docxText).toContain('财政项目支出绩效目标表\n');
    expect(docxText).toMatch(/\t预算执行率\t>=98%\n/);
    // Opened in the English interface, the downloads are English too, not only after the form's own switch.
    const docxHref = () => page.getByTestId('download-docx').getAttribute('href');
    for (const locale of ['en', 'zh']) {
      await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
      await page.reload();
      await expect.poll(docxHref, poll).toContain(`locale=${locale}`);
    }
    // The language switch above the sheet (中文 / English) goes with the downloads (?locale=).
    await page.locator('.print-toolbar').getByText('English', { exact: true }).click();
    await expect.poll(docxHref, poll).toContain('locale=en');
    const englishText = await extractDocxText(new Uint8Array(await download(page, 'download-docx')));
    expect(englishText).toContain('Performance Targets of Project Expenditure');
    expect(englishText).not.toContain('财政项目支出绩效目标表');
    // That switch is the page's language, the app's: the toolbar, the sheet and all four downloads change
    // together, and the choice stays when the page is opened again, as the interface language does.
    const downloads = ['download-pdf', 'download-docx', 'download-xlsx', 'download-html'];
    const locales = () =>
      Promise.all(
        downloads.map(async (id) =>
          new URL((await page.getByTestId(id).getAttribute('href')) ?? '', e2e.baseUrl).searchParams.get(
            'locale',
          ),
        ),
      );
    const sheetTitle = () => page.getByTestId('official-layout').locator('.jx-title').textContent();
    const htmlButton = () => page.getByTestId('download-html').textContent();
    await expect.poll(htmlButton, poll).toBe('Download HTML');
    expect(await sheetTitle()).toContain('Performance Targets of Project Expenditure');
    expect(await locales()).toEqual(['en', 'en', 'en', 'en']);
    const englishHtml = (await download(page, 'download-html')).toString('utf8');
    expect(englishHtml).toContain('Performance Targets of Project Expenditure');
    expect(englishHtml).not.toContain('财政项目支出绩效目标表');
    await page.reload();
    await expect.poll(htmlButton, poll).toBe('Download HTML');
    expect(await locales()).toEqual(['en', 'en', 'en', 'en']);
    await page.locator('.print-toolbar').getByText('中文', { exact: true }).click();
    await expect.poll(htmlButton, poll).toBe('下载 HTML');
    await expect.poll(sheetTitle, poll).toContain('财政项目支出绩效目标表');
    expect(await locales()).toEqual(['zh', 'zh', 'zh', 'zh']);
    const chineseHtml = (await download(page, 'download-html')).toString('utf8');
    expect(chineseHtml).toContain('财政项目支出绩效目标表');

    // The import page takes the Word file back (preview only: the later tests count three tables).
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles({
      name: '绩效目标表.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docx,
    });
    await page.getByTestId('source-view').waitFor(poll);
    expect(await page.getByTestId('source-view').textContent()).toContain('>=98%');
    await expect.poll(() => page.getByRole('tab').count(), poll).toBe(1);
    expect(await page.getByTestId('import-confirm').textContent()).toContain('1');
  });

  it('lists, searches by indicator text and shows the version diff', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/tables'));
    await expect.poll(() => page.locator('.ant-table-row').count(), poll).toBe(3);
    // 提示 counts the automatic review's findings too: the imported seed tables have errors (信息公开实现率
    // with a text target), shown red, beyond their import warnings.
    const notes = page.getByTestId('list-notes');
    const errors = await notes.evaluateAll((cells) =>
      cells.map((c) => Number(c.getAttribute('data-errors'))),
    );
    expect(errors.some((n) => n > 0)).toBe(true);
    await e2e.screenshot('table-list');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Performance target tables' }).waitFor();
    await e2e.screenshot('table-list-en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '绩效目标表' }).waitFor();
    await page.getByTestId('list-search').locator('input').fill('科创中心建设工作经费');
    await page.getByTestId('list-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count(), poll).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('科创中心建设工作经费');
    // Indicator text finds the table too: only the first seed table has this indicator.
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await expect.poll(() => page.locator('.ant-table-row').count(), poll).toBe(3);
    await page.getByTestId('list-search').locator('input').fill('项目对科创中心建设贡献度');
    await page.getByTestId('list-search').locator('input').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), poll).toBe('项目对科创中心建设贡献度');
    await expect.poll(() => page.locator('.ant-table-row').count(), poll).toBe(1);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('科创中心建设工作经费');

    await page.goto(e2e.url(tableUrl));
    await page.getByRole('button', { name: /历史版本/ }).click();
    const diff = page.getByTestId('diff-view');
    await diff.waitFor();
    expect(compact((await diff.textContent()) ?? '')).toContain('>=98%');
    await e2e.screenshot('version-diff', page, { fullPage: false });
  });

  it('keeps the edits and explains a conflict when someone else saved first', async () => {
    const { page, context } = e2e;
    await page.goto(e2e.url(tableUrl));
    await page.getByTestId('table-editor-page').waitFor();
    const other = await context.newPage();
    await other.goto(e2e.url(tableUrl));
    await other.locator('#f-name').fill('科创中心建设工作经费（调整）');
    await other.getByTestId('save').click();
    await other.getByText('已保存为第 3 版').waitFor();
    await other.close();

    // 绩效类型 is chosen from its list, not typed.
    await chooseOption(page, page.getByTestId('select-performanceType'), '工程建设类');
    await page.getByTestId('save').click();
    const message = page.getByTestId('conflict-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('第 3 版');
    expect(await page.getByTestId('select-performanceType').textContent()).toContain('工程建设类');
    await e2e.screenshot('editor-conflict', page, { fullPage: false });
    await page.getByTestId('conflict-overwrite').click();
    await page.getByText('已保存为第 4 版').waitFor();
    // The history, read through the shared cache, lists the version just saved and compares it with the last.
    await page.getByRole('button', { name: /历史版本/ }).click();
    const history = page.getByTestId('version-history');
    await history.waitFor();
    const current = history.locator('.ant-list-item', { hasText: '当前' });
    await expect.poll(async () => compact((await current.textContent()) ?? ''), poll).toContain('第4版');
    await expect
      .poll(async () => compact((await page.getByTestId('diff-view').textContent()) ?? ''), poll)
      .toContain('工程建设类');
    await page.keyboard.press('Escape');
  });

  it('creates a table from scratch: required fields first, then saved and reopened by its id', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/tables/new'));
    await page.getByTestId('table-editor-page').waitFor();
    // The author's own unit is filled in, and the untouched form has nothing unsaved.
    await expect
      .poll(() => page.locator('#f-unit').inputValue(), poll)
      .toBe('上海推进科技创新中心建设办公室');
    expect(await page.getByTestId('dirty-flag').textContent()).not.toBe('有未保存的修改');
    // 主管部门 comes from the organisation tree's departments; 项目类别 and 绩效类型 are lists too.
    await chooseOption(page, page.getByTestId('select-supervisingDepartment'), '上海市科学技术委员会');
    for (const list of ['select-category', 'select-performanceType']) {
      expect(await page.getByTestId(list).getAttribute('class')).toMatch(/\bant-select\b/);
    }
    await page.getByRole('button', { name: '添加一级指标' }).first().click();
    // The grid's columns are headed, and the direction select says what it is.
    expect(compact((await page.getByTestId('indicator-grid-head').textContent()) ?? '')).toBe(
      '三级指标指标目标值系统读出的目标方向与操作',
    );
    expect(compact((await page.getByTestId('indicator-direction').first().textContent()) ?? '')).toBe(
      '方向未定',
    );
    await page.getByTestId('indicator-name').first().fill('培训人次');
    await page.getByTestId('indicator-target').first().fill('≥1200人次');
    expect(compact((await page.getByTestId('parsed-target').first().textContent()) ?? '')).toBe(
      '定量>=1200人次',
    );
    await page.locator('#f-budget\\.total').fill('1250000');
    expect(await page.getByTestId('f-budget.total-wan').textContent()).toBe('≈ 125 万元');

    await page.getByTestId('save').click();
    await page.getByText('表格有 1 处需要修改，请查看标红的字段').first().waitFor();
    await page.locator('#f-name').fill('青年科技人才培训');
    await page.getByTestId('save').click();
    await page.waitForURL(/\/tables\/[0-9a-f-]{36}$/);
    await page.getByTestId('dirty-flag').filter({ hasText: '所有修改已保存' }).waitFor();
    expect(await page.locator('#f-budget\\.total').inputValue()).toBe('1,250,000');
    expect(await page.getByTestId('select-supervisingDepartment').textContent()).toContain(
      '上海市科学技术委员会',
    );
    // The automatic review names a missing category as the form prints it (产出目标), not the bare 产出.
    const findings = page.getByTestId('table-findings');
    await expect.poll(() => findings.textContent(), poll).toContain('「产出目标」');
    expect(await findings.textContent()).not.toMatch(/「(产出|效果|影响力)」/);
  });

  it('points at the place of each import warning and lets the user fix the fields before confirming', async () => {
    const { page } = e2e;
    // The seed cut off inside the indicators of its first table: the importer warns near the cut.
    const cut = (await readFile(seedFile, 'utf8')).split('\n').slice(0, 60).join('\n');
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles({
      name: 'cut.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(cut),
    });
    const warnings = page.getByTestId('import-warnings');
    await warnings.waitFor();
    const truncated = warnings.locator('.warning-item').filter({ hasText: '截断' });
    const line = await truncated.getAttribute('data-line');
    expect(Number(line)).toBeGreaterThan(40);
    await truncated.click();
    const focused = page.locator('.source-line.is-focused');
    expect(await focused.getAttribute('data-line')).toBe(line);
    expect(await page.locator('.source-line.has-warning').count()).toBeGreaterThanOrEqual(1);

    // An empty project name is refused by the same schema the server uses: confirming waits for the fix.
    const confirm = page.getByTestId('import-confirm');
    expect(await confirm.isDisabled()).toBe(false);
    const form = page.getByTestId('imported-table').first();
    await form.locator('#imp-0-name').fill('');
    await expect.poll(() => confirm.isDisabled(), poll).toBe(true);
    expect(await form.locator('.field-error').first().textContent()).toBe('必填');
    await form.locator('#imp-0-name').fill('科技创新政策研究经费');
    await expect.poll(() => confirm.isDisabled(), poll).toBe(false);
    await e2e.screenshot('import-warnings');
    await confirm.click();
    await page.getByTestId('import-created').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toContain('科技创新政策研究经费');
  });

  it('marks the rows read from a form whose borders were lost, for the clerk to check', async () => {
    const { page } = e2e;
    // A Word table pasted without separators: the importer reads it as running text and says so per row.
    const flat =
      '2024年度项目支出绩效目标表项目名称村级道路维护实施单位上海推进科技创新中心建设办公室' +
      '一级指标二级指标三级指标指标值产出指标数量指标维护道路里程≥80公里效益指标社会效益指标通行条件改善率≥95%';
    await page.goto(e2e.url('/import'));
    await page.locator('input[type=file]').setInputFiles({
      name: 'flat.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(flat),
    });
    const form = page.getByTestId('imported-table').first();
    await form.waitFor();
    await expect.poll(() => form.getByTestId('indicator-notice').count(), poll).toBe(2);
    expect(await form.getByTestId('indicator-notice').first().textContent()).toContain('维护道路里程');
    expect(await form.getByTestId('indicator-name').nth(1).inputValue()).toBe('通行条件改善率');
    await e2e.screenshot('import-low-confidence');
  });

  it('shows a finance reviewer the tables without the author-only actions', async () => {
    const { page } = e2e;
    await e2e.signIn('finance_reviewer');
    await page.goto(e2e.url('/tables'));
    await expect.poll(() => page.locator('.ant-table-row').count(), poll).toBeGreaterThan(3);
    expect(await page.getByRole('button', { name: '新建目标表' }).count()).toBe(0);
    expect(await page.locator('.ant-table-row .anticon-delete').count()).toBe(0);
    await e2e.signIn('author');
    await page.goto(e2e.url('/tables'));
    await page.getByRole('button', { name: '新建目标表' }).waitFor();
    // The button shows as soon as the session is known; the rows arrive with the list request after it.
    await expect.poll(() => page.locator('.ant-table-row .anticon-delete').count(), poll).toBeGreaterThan(0);
  });
});
