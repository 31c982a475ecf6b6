import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption } from '../testing/antd-select.ts';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTable, storeAsAuthor } from '../testing/e2e-tables.ts';

// The machines are shared and slow at times: waits allow up to 15 s.
const settle = { timeout: 15_000 };

/** Name, levels and target of every row of the editor's indicator grid, in order. */
async function gridRows(page: Page): Promise<string[]> {
  return page.getByTestId('indicator-group').evaluateAll((groups) =>
    groups.flatMap((group) => {
      const level1 = group.querySelector<HTMLInputElement>('.indicator-group-head input')?.value ?? '';
      return [...group.querySelectorAll('.indicator-subgroup')].flatMap((sub) => {
        const level2 = sub.querySelector<HTMLInputElement>('.indicator-subgroup-head input')?.value ?? '';
        return [...sub.querySelectorAll('[data-testid="indicator-row"]')].map((row) => {
          const name = row.querySelector<HTMLInputElement>('[data-testid="indicator-name"]')?.value ?? '';
          const target = row.querySelector<HTMLInputElement>('[data-testid="indicator-target"]')?.value ?? '';
          return `${level1}/${level2}/${name}/${target}`;
        });
      });
    }),
  );
}

/**
 * The printed form's shape on the page shown: the labels of each row of the sheet (header, narratives,
 * money), the grid's column headings and widths, and how many indicator rows it holds.
 */
async function printedShape(
  page: Page,
): Promise<{ rows: string[]; columns: string[]; widths: string[]; indicatorRows: number }> {
  const form = page.getByTestId('official-layout').locator('.jx-form');
  await form.waitFor(settle);
  return {
    rows: await form
      .locator('table.jx-sheet tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('th')].map((th) => th.textContent).join('|')),
      ),
    columns: await form.locator('table.jx-grid .jx-heads th').allTextContents(),
    widths: await form
      .locator('table.jx-grid col')
      .evaluateAll((cols) => cols.map((col) => col.getAttribute('style') ?? '')),
    indicatorRows: await form.locator('table.jx-grid tbody tr').count(),
  };
}

/** Ticks the row of `name` in the drawer's results after searching for `query`. */
async function tick(page: Page, query: string, name: string): Promise<void> {
  const drawer = page.getByTestId('library-drawer');
  await drawer.getByTestId('library-search').locator('input').fill(query);
  const row = drawer.locator('.ant-table-row', {
    has: page.locator('[data-testid="library-name"]', { hasText: name }),
  });
  await row.first().waitFor(settle);
  await row.first().locator('input[type="checkbox"]').check();
}

describe('indicator library in the browser', () => {
  let e2e: E2eSession;
  let tableId = '';

  beforeAll(async () => {
    e2e = await startE2e();
    tableId = (await storeAsAuthor(e2e.db, seedTable('未来公园展厅运营经费'))).id;
    // Two published tables of other units with the same indicators: their entries are 常用 (used by two
    // published tables), which must not move them ahead of the framework's order.
    const store = createTableRepository(e2e.db);
    const published: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];
    for (const name of ['滨江公园展厅运营经费', '郊野公园展厅运营经费']) {
      let record = await store.create(
        { ...seedTable('未来公园展厅运营经费'), name },
        { userId: null },
        { organisationId: null },
      );
      for (const status of published)
        record = await store.setStatus(record.id, record.version, status, { userId: null });
    }
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('adds two indicators under their levels with their targets, saves, and the official layout prints them', async () => {
    const { page } = e2e;
    // The printed form before: its rows are the framework's, whatever the data fills in.
    await page.goto(e2e.url(`/tables/${tableId}/print`));
    const printedBefore = await printedShape(page);
    expect(printedBefore.rows[0]).toBe('申报单位名称：');
    expect(printedBefore.columns).toEqual(['一级目标', '二级目标', '三级目标', '指标目标值']);
    await page.goto(e2e.url(`/tables/${tableId}`));
    await page.getByTestId('indicator-grid').waitFor(settle);
    const before = await gridRows(page);
    expect(before).toHaveLength(15);

    await page.getByTestId('add-from-library').click();
    const drawer = page.getByTestId('library-drawer');
    await drawer.waitFor(settle);
    // The table follows Shanghai 2020, so the drawer starts there.
    await expect.poll(() => drawer.getByTestId('library-framework').textContent(), settle).toContain('上海');
    // The entries come in the framework's order: its level-1 categories as the form prints them, and under
    // 产出目标 数量, 质量, 时效 in that order.
    await drawer.locator('.ant-table-row').first().waitFor(settle);
    const levels = await drawer
      .locator('.ant-table-row')
      .evaluateAll((rows) =>
        rows.map((row) =>
          (
            [...row.querySelectorAll('td')]
              .map((td) => td.textContent ?? '')
              .find((t) => t.includes(' / ')) ?? ''
          )
            .split(' / ')
            .map((part) => part.trim()),
        ),
      );
    const runs = (values: string[]) => values.filter((value, i) => value !== values[i - 1]);
    expect(runs(levels.map(([level1]) => level1 ?? ''))).toEqual([
      '投入与管理',
      '产出目标',
      '效果目标',
      '影响力目标',
    ]);
    const output = runs(levels.filter(([level1]) => level1 === '产出目标').map(([, level2]) => level2 ?? ''));
    expect(output.slice(0, 3)).toEqual(['数量', '质量', '时效']);
    // Within 投入与管理 the indicators come as the framework lists them (the form's order).
    const names = await drawer.getByTestId('library-name').allTextContents();
    expect(names.slice(0, 9)).toEqual([
      '预算编制合理性',
      '预算执行率',
      '预算资金到位率',
      '财务管理制度健全性',
      '财务监控有效性',
      '资金使用规范性',
      '项目管理制度健全性',
      '资格审核（含复审）规范性',
      '信息公开实现率',
    ]);
    // What the published tables use says so on the entry (×2), and what this table already has is marked
    // and cannot be ticked again.
    const budgetRate = drawer.locator('.ant-table-row', {
      has: page.locator('[data-testid="library-name"]', { hasText: /^预算执行率$/ }),
    });
    expect(await budgetRate.getByTestId('library-source').textContent()).toBe('内置 ×2');
    expect(await budgetRate.getByTestId('library-in-table').textContent()).toBe('本表已有');
    expect(await budgetRate.locator('input[type="checkbox"]').isDisabled()).toBe(true);
    // The common rates arrive with their typical targets, so adding them opens no missing-target error.
    for (const [name, target] of [
      ['预算执行率', '>=95%'],
      ['预算资金到位率', '=100%'],
      ['信息公开实现率', '=100%'],
    ] as const) {
      await drawer.getByTestId('library-search').locator('input').fill(name);
      const found = drawer.locator('.ant-table-row', {
        has: page.locator('[data-testid="library-name"]', { hasText: name }),
      });
      await expect.poll(() => found.first().locator('code').first().textContent(), settle).toBe(target);
    }
    await tick(page, '服务对象满意度', '服务对象满意度');
    await tick(page, '场次', '举办活动场次');
    await drawer.getByTestId('library-add-selected').click();
    await page.getByText('已添加 2 个指标').waitFor(settle);

    const after = await gridRows(page);
    expect(after).toHaveLength(17);
    // Under the table's own labels (产出目标 / 数量, 效果目标 / 满意度), after the indicators already there,
    // with typical targets written as typed ones are (>=, not ≥).
    expect(after.slice(9, 11)).toEqual([
      '产出目标/数量/参展人数/>=4000人',
      '产出目标/数量/举办活动场次/>=4场',
    ]);
    expect(after.slice(14, 16)).toEqual([
      '效果目标/满意度/参观人员满意度/>=90%',
      '效果目标/满意度/服务对象满意度/>=90%',
    ]);
    expect(await page.getByTestId('dirty-flag').textContent()).toBe('有未保存的修改');
    await e2e.screenshot('indicator-library-added', page, { fullPage: false });
    // 主管部门, which this table left empty, filled in as well.
    await chooseOption(page, page.getByTestId('select-supervisingDepartment'), '上海市科学技术委员会');

    await page.getByTestId('save').click();
    await page
      .getByText(/已保存/)
      .first()
      .waitFor(settle);
    const stored = await createTableRepository(e2e.db).get(tableId);
    expect(stored.table.indicators.map((i) => i.name)).toContain('服务对象满意度');
    expect(stored.table.indicators[15]?.target).toMatchObject({ operator: '>=', value: 90, unit: '%' });
    // The entries carry their direction and the table now has a 主管部门 ...
    expect(stored.table.indicators[15]?.direction).toBe('正向');
    expect(stored.table.supervisingDepartment).toBe('上海市科学技术委员会');

    await page.getByTestId('open-print').click();
    const grid = page.getByTestId('official-layout').locator('table.jx-grid');
    await grid.waitFor(settle);
    const text = (await grid.textContent()) ?? '';
    expect(text).toContain('举办活动场次');
    expect(text).toContain('服务对象满意度');
    expect(text).toContain('4场');
    // ... and the printed form keeps its rows and columns: no 主管部门 row above 申报单位名称, no 指标方向
    // column; only the grid's rows grow by the two indicators.
    const printedAfter = await printedShape(page);
    expect(printedAfter.rows).toEqual(printedBefore.rows);
    expect(printedAfter.columns).toEqual(printedBefore.columns);
    expect(printedAfter.indicatorRows).toBe(printedBefore.indicatorRows + 2);
    expect(printedAfter.widths).toEqual(printedBefore.widths);
  });

  it('lets the administrator add an entry on the /rules 指标库 tab that the author then finds by search', async () => {
    const { page } = e2e;
    await e2e.signIn('admin');
    await page.goto(e2e.url('/rules'));
    await page.getByRole('tab', { name: '指标库' }).click();
    const admin = page.getByTestId('library-admin');
    await admin.waitFor(settle);
    await admin.getByTestId('library-new').click();
    const dialog = page.getByRole('dialog', { name: '新增指标库条目' });
    await dialog.waitFor(settle);
    await dialog.getByTestId('library-form-level1').fill('产出目标');
    await dialog.getByTestId('library-form-level2').fill('数量');
    await dialog.getByTestId('library-form-name').fill('科普展览场次');
    await dialog.getByTestId('library-form-target').fill('≥12场');
    await e2e.screenshot('indicator-library-admin-form', page, { fullPage: false });
    await dialog.getByTestId('library-form-save').click();
    await page.getByText('指标库条目已保存').waitFor(settle);
    await admin.locator('.ant-table-row', { hasText: '科普展览场次' }).waitFor(settle);
    await e2e.screenshot('indicator-library-admin', page);

    // A built-in entry becomes the administrators' own, with the target the region wants.
    await admin.getByTestId('library-admin-search').locator('input').fill('预算执行率');
    await admin.getByTestId('library-admin-search').locator('input').press('Enter');
    await expect.poll(() => admin.locator('.ant-table-row').count(), settle).toBe(1);
    await admin.getByTestId('library-override').click();
    const override = page.getByRole('dialog', { name: '新增指标库条目' });
    expect(await override.getByTestId('library-form-name').inputValue()).toBe('预算执行率');
    await override.getByTestId('library-form-target').fill('=100%');
    await override.getByTestId('library-form-save').click();
    const budgetRow = admin.locator('.ant-table-row', { hasText: '预算执行率' });
    // The two published tables use it: the count stays with the entry that replaced the built-in one.
    await expect
      .poll(() => budgetRow.getByTestId('library-source').textContent(), settle)
      .toBe('管理员维护 ×2');
    expect(await admin.locator('.ant-table-row').count()).toBe(1);
    expect(await budgetRow.textContent()).toContain('=100%');

    await e2e.signIn('author');
    await page.goto(e2e.url(`/tables/${tableId}`));
    await page.getByTestId('add-from-library').click();
    const drawer = page.getByTestId('library-drawer');
    await drawer.getByTestId('library-search').locator('input').fill('科普 展览');
    const row = drawer.locator('.ant-table-row', { hasText: '科普展览场次' });
    // Both words must match, so the search leaves this one entry.
    await expect.poll(() => drawer.locator('.ant-table-row').count(), settle).toBe(1);
    await row.waitFor(settle);
    expect(await row.getByTestId('library-source').textContent()).toBe('管理员维护');
    expect(await row.textContent()).toContain('≥12场');
    await e2e.screenshot('indicator-library-drawer', page, { fullPage: false });
  });
});
