/**
 * The public portal in the browser: an anonymous visitor finds a published table by searching, reads it
 * in the official layout, downloads it as Excel and Word and downloads the open data CSV; drafts never show.
 * Then a finance reviewer sees the same tables counted on the dashboard, and an author is told it is not theirs.
 */

import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { workbookCells } from '@jixiao/export/testing/workbook-text';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';

const poll = { timeout: 15_000 };
const toPublished: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile(await file.path());
}

describe('public portal in the browser', () => {
  let e2e: E2eSession;

  let examTableId = '';

  async function stored(table: PerformanceTable, path: TableStatus[]): Promise<string> {
    const store = createTableRepository(e2e.db);
    let record = await store.create(table, { userId: null }, { organisationId: null });
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record.id;
  }

  /**
   * What the form prints around the data: its labels, column widths and grid headings. The app's pages show
   * the form inside their official-layout box; export.html is the form alone (`standalone`).
   */
  async function formFrame(
    page: Page,
    standalone = false,
  ): Promise<{ labels: string[]; widths: string[]; headings: string[]; sheet: string[] }> {
    const form = (standalone ? page : page.getByTestId('official-layout')).locator('.jx-form');
    await form.waitFor(poll);
    return {
      labels: await form.locator('th.jx-label').allTextContents(),
      widths: await form.locator('col').evaluateAll((cols) => cols.map((c) => c.getAttribute('style') ?? '')),
      headings: await form.locator('.jx-heads th, .jx-caption').allTextContents(),
      // The white A4 sheet, and how its labels are set (alignment and face), wherever it is shown.
      sheet: await form.evaluate((el) => {
        const style = getComputedStyle(el);
        const label = getComputedStyle(el.querySelector('th.jx-label') ?? el);
        return [
          style.backgroundColor,
          String(Math.round(Number.parseFloat(style.width))),
          label.textAlign,
          label.fontFamily,
        ];
      }),
    };
  }

  beforeAll(async () => {
    e2e = await startE2e({ as: 'anonymous' });
    examTableId = await stored(
      buildTable({
        unit: '上海市教育考试院',
        supervisingDepartment: '上海市教育委员会',
        name: '考务组织经费',
        // 123.45 万元: the statistics must show this table's own budget, not the factory's 200 万元.
        budget: { ...buildTable().budget, total: 1_234_500, currentYear: 1_234_500 },
        indicators: [
          buildIndicator('产出目标', '数量', '组织考试场次', '>=30场'),
          buildIndicator('效果目标', '满意度', '考生满意度', '>=90%'),
        ],
      }),
      toPublished,
    );
    await stored(buildTable({ name: '社区科普活动经费' }), toPublished);
    await stored(buildTable({ name: '内部草稿经费' }), []);
    await stored(buildTable({ name: '已批复待公开经费' }), toPublished.slice(0, 3));
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('lets an anonymous visitor find a published table, read it and download it and the open data', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/public'));
    await page.getByText('共 2 张已公开的目标表').waitFor(poll);
    const listed = (await page.getByTestId('public-table-list').textContent()) ?? '';
    expect(listed).toContain('考务组织经费');
    expect(listed).toContain('社区科普活动经费');
    expect(listed).not.toContain('内部草稿经费');
    expect(listed).not.toContain('已批复待公开经费');
    // Statistics of published tables only: as charts (SVG text, aria-label) and as a table of numbers.
    await page.getByTestId('public-stats-year-table').waitFor(poll);
    expect(await page.getByTestId('public-stats-summary').textContent()).toBe(
      '已公开目标表 2 张，当年预算合计 323.45 万元。',
    );
    const yearCells = await page.getByTestId('public-stats-year-table').locator('tbody tr').allInnerTexts();
    expect(yearCells.map((row) => row.split('\t').map((c) => c.trim()))).toEqual([['2020', '2', '323.45']]);
    const departmentRows = await page
      .getByTestId('public-stats-department-table')
      .locator('tbody tr')
      .allInnerTexts();
    expect(departmentRows.map((row) => row.split('\t').map((c) => c.trim()))).toEqual([
      ['上海市教育委员会', '1', '123.45'],
      ['未注明主管部门', '1', '200'],
    ]);
    const yearChart = page.getByTestId('public-stats-year-chart');
    await expect
      .poll(() => yearChart.locator('svg text').allTextContents(), poll)
      .toContain('2 张 · 323.45 万元');
    expect(await yearChart.getAttribute('aria-label')).toBe('按年度：2020 2 张 · 323.45 万元');
    await expect
      .poll(
        () => page.getByTestId('public-stats-department-chart').locator('svg text').allTextContents(),
        poll,
      )
      .toContain('1 张 · 123.45 万元');
    await e2e.screenshot('public-catalogue');
    await e2e.docScreenshot('tour-9-portal');

    // Search by indicator text finds the one table that has it.
    await page.getByPlaceholder('搜索项目名称、单位或指标').fill('考试场次');
    await page.getByPlaceholder('搜索项目名称、单位或指标').press('Enter');
    await page.getByText('共 1 张已公开的目标表').waitFor(poll);
    await page.getByTestId('public-table-link').filter({ hasText: '考务组织经费' }).click();

    await page.getByTestId('official-layout').waitFor(poll);
    const form = (await page.getByTestId('official-layout').textContent()) ?? '';
    expect(form).toContain('财政项目支出绩效目标表');
    expect(form).toContain('组织考试场次');
    await e2e.screenshot('public-table');
    const xlsx = await download(page, 'public-download-xlsx');
    const cells = await workbookCells(xlsx, { firstSheetOnly: true });
    expect(cells).toContain('考务组织经费');
    const docx = await download(page, 'public-download-docx');
    expect(await extractDocxText(new Uint8Array(docx))).toContain('考务组织经费');
    // The form's own switch puts the sheet and its downloads (HTML too) in English; a switch of the portal's
    // language afterwards brings the form along, so it never stays in a language the visitor left.
    const formTitle = () => page.getByTestId('official-layout').locator('.jx-title').textContent();
    const htmlHref = () => page.getByTestId('public-download-html').getAttribute('href');
    expect(await htmlHref()).toContain('locale=zh');
    await page.getByTestId('public-table-page').getByText('English', { exact: true }).click();
    await expect.poll(formTitle, poll).toContain('Performance Targets of Project Expenditure');
    expect(await htmlHref()).toContain('locale=en');
    await page.getByTestId('language-switch').click();
    await expect
      .poll(() => page.getByTestId('public-download-html').textContent(), poll)
      .toBe('Download HTML');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('public-download-html').textContent(), poll).toBe('下载 HTML');
    await expect.poll(formTitle, poll).toContain('财政项目支出绩效目标表');
    expect(await htmlHref()).toContain('locale=zh');

    await page.getByTestId('open-data-link').click();
    await page.getByTestId('open-data-count').waitFor(poll);
    expect(await page.getByTestId('open-data-count').textContent()).toBe(
      `当前共 ${2 + buildTable().indicators.length} 行`,
    );
    await e2e.screenshot('public-open-data');
    const csv = await download(page, 'open-data-csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^年度 \(year\),单位 \(unit\)/);
    expect(text).toContain(
      '上海市教育考试院,上海市教育委员会,考务组织经费,,产出目标,数量,组织考试场次,>=30场',
    );
    expect(text).not.toContain('内部草稿经费');
    expect(text).not.toContain('已批复待公开经费');

    // English for foreign visitors.
    await page.getByTestId('language-switch').click();
    await page.getByText('Open data: performance indicators').waitFor(poll);
  });

  it('shows a finance reviewer the dashboard over every table', async () => {
    // The language chosen in the first test stays in this browser: English.
    await e2e.signIn('finance_reviewer');
    const { page } = e2e;
    // Reviewers find the dashboard in the navigation (authors do not: see the nav's `requires`).
    await page.goto(e2e.url('/tables'));
    await page
      .locator('.app-nav')
      .getByRole('link', { name: /概览|Dashboard/ })
      .click();
    await page.getByTestId('dashboard-page').waitFor(poll);
    await expect
      .poll(() => page.getByTestId('dashboard-tables').textContent(), poll)
      .toMatch(/^(目标表|Tables)\s*4$/);
    // Charts (SVG, English here): the funnel holds the 2 published tables, years and departments the
    // budget of all four tables (2 × 200 + 123.45 + 200 万元); tables of no unit have no department.
    const status = page.getByTestId('dashboard-status-chart');
    await expect.poll(() => status.locator('svg text').allTextContents(), poll).toContain('Published');
    expect(await status.getAttribute('aria-label')).toContain('Published 2; Returned 0');
    const years = page.getByTestId('dashboard-year-bars');
    await expect
      .poll(() => years.locator('svg text').allTextContents(), poll)
      .toContain('4 · 723.45 10k yuan');
    expect(await page.getByTestId('dashboard-department-chart').getAttribute('aria-label')).toContain(
      'No supervising department 4 · 723.45 10k yuan',
    );
    await e2e.screenshot('dashboard');
    await e2e.docScreenshot('tour-10-dashboard');

    // The portal's page and the signed-in 正式版式 print one form: same labels (with their colon), column
    // widths and headings, on the same white A4 sheet.
    await page.goto(e2e.url(`/public/tables/${examTableId}`));
    const portal = await formFrame(page);
    await page.goto(e2e.url(`/tables/${examTableId}/print`));
    const formal = await formFrame(page);
    expect(formal).toEqual(portal);
    expect(portal.labels).toContain('Budget unit:');
    expect(portal.labels.every((label) => label.endsWith(':'))).toBe(true);
    expect(portal.headings).toEqual([
      'Municipal funds of this project',
      'Performance targets 2020',
      'Level 1',
      'Level 2',
      'Indicator',
      'Target value',
    ]);
    // 210 mm at 96 CSS pixels to the inch.
    expect(portal.sheet.slice(0, 3)).toEqual([
      'rgb(255, 255, 255)',
      String(Math.round((210 / 25.4) * 96)),
      'left',
    ]);

    // The files print that form too. export.html, opened as the browser shows it, is the same sheet.
    await page.goto(e2e.url(`/api/tables/${examTableId}/export.html?locale=en`));
    expect(await formFrame(page, true)).toEqual(portal);
    // Every label and heading in the order the form prints them.
    const order = await page.locator('.jx-form').locator('th, caption').allTextContents();
    expect(order).toHaveLength(portal.labels.length + portal.headings.length);
    // The PDF 正式版式 downloads: A4 pages, the same labels (with their colon) and headings in that order.
    await page.goto(e2e.url(`/tables/${examTableId}/print`));
    await page.getByTestId('official-layout').waitFor(poll);
    const pdf = join(tmpdir(), `jixiao-public-e2e-${process.pid}.pdf`);
    await writeFile(pdf, await download(page, 'download-pdf'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/^Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)$/m);
    // pdftotext -raw keeps the order the text was drawn in, which is the form's; spaces and line breaks
    // depend on wrapping, so they are left out on both sides.
    const flat = (text: string) => text.replace(/\s+/g, '');
    const printed = flat(
      execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }),
    );
    await rm(pdf, { force: true });
    let at = 0;
    for (const text of order) {
      const found = printed.indexOf(flat(text), at);
      expect(found, `${text} after ${printed.slice(Math.max(0, at - 40), at)}`).toBeGreaterThanOrEqual(at);
      at = found + flat(text).length;
    }
  });

  it('tells an author who opens the dashboard by its address that it is not for their role', async () => {
    // The page loads its error result on demand (not with the page): it must still arrive and say why.
    await e2e.signIn('author');
    const { page } = e2e;
    await page.goto(e2e.url('/dashboard'));
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor(poll);
    expect(await forbidden.textContent()).toContain('The dashboard is for reviewers, admins and auditors');
    await forbidden.getByRole('button', { name: 'Back to tables' }).click();
    await page.waitForURL(/\/tables$/, poll);
  });
});
