/**
 * 同类项目 (案例库) in the browser on the demo: the author opens the returned seed table 未来公园展厅运营经费,
 * sees the evidence finding that names the similar projects and the peers' cost per visitor beside the row
 * it is worked out from, opens them with what they achieved, adopts
 * 参观人数 with its target from 张江科学城展厅运营经费 and saves: the stored row remembers its source.
 */
import { join } from 'node:path';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { loadDemoData } from '@jixiao/server/demo-data';
import { demoSeedTables } from '@jixiao/server/demo-lifecycle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';

const settle = { timeout: 15_000 };

describe('similar projects in the editor', () => {
  let e2e: E2eSession;

  beforeAll(async () => {
    e2e = await startE2e();
    await loadDemoData(e2e.db, { seedPath: join(repoRoot, 'fixtures', 'seed.txt'), corpusDir: null });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('lists peers with actuals, names them in a finding, and adopts an indicator with its source', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/tables'));
    await page.locator('.table-name-link', { hasText: demoSeedTables.returned }).first().click();
    await page.getByTestId('table-editor-page').waitFor(settle);
    const tableId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // The evidence rule compares the seed's cost per visitor with the peers' and names them.
    const costFinding = page.locator('[data-rule="SH2020-P03"]').first();
    await costFinding.waitFor(settle);
    expect(await costFinding.textContent()).toContain(
      '张江科学城展厅运营经费（2019，张江科学城建设管理办公室）',
    );

    // The row the cost comes from shows it beside the peers' costs per visitor (budget ÷ people received).
    const costNote = page.getByTestId('peer-cost-note').first();
    await costNote.waitFor(settle);
    expect(await costNote.textContent()).toMatch(
      /^单位成本 [\d,.]+元\/人（按目标）；同类项目 333\.33–400元\/人（3 个）$/,
    );

    await page.getByTestId('open-peers').filter({ hasText: '同类项目（3）' }).click();
    const drawer = page.getByTestId('peers-drawer');
    await drawer.getByTestId('peer-project').first().waitFor(settle);
    expect(await drawer.getByTestId('peer-project').count()).toBe(3);
    expect(await drawer.getByTestId('peer-cost-summary').textContent()).toMatch(/元\/人/);
    const zhangjiang = drawer.getByTestId('peer-project').filter({ hasText: '张江科学城展厅运营经费' });
    expect(await zhangjiang.getByTestId('peer-grade').textContent()).toContain('自评 优');
    const visitors = zhangjiang.locator('tr', { hasText: '参观人数' });
    expect(await visitors.getByTestId('peer-actual').textContent()).toBe('15000人');
    await page.waitForFunction(
      () => !document.querySelector('.ant-drawer [class*="-appear"], .ant-drawer [class*="-enter"]'),
    );
    await e2e.screenshot('peers-drawer', page, { fullPage: false });

    await visitors.getByTestId('adopt-peer-indicator').click();
    await page.getByText('已采用「参观人数」及目标值 >=12000人').waitFor(settle);
    await page.keyboard.press('Escape');
    const adopted = page
      .getByTestId('adopted-from')
      .filter({ hasText: '来自 张江科学城展厅运营经费（2019）' });
    await adopted.waitFor(settle);

    await page.getByTestId('save').click();
    await page.getByText(/已保存为第 \d+ 版/).waitFor(settle);
    const stored = await createTableRepository(e2e.db).get(tableId);
    const row = stored.table.indicators.find((i) => i.adoptedFrom);
    expect(row).toMatchObject({
      name: '参观人数',
      target: { raw: '>=12000人', value: 12000, unit: '人' },
      adoptedFrom: { project: '张江科学城展厅运营经费', year: 2019, actual: '15000人' },
    });
    // Placed with the other 产出目标 / 数量 row, not at the end.
    const index = stored.table.indicators.indexOf(row!);
    expect(stored.table.indicators[index - 1]?.level2).toBe('数量');
  });
});
