/**
 * Batch export (批量导出) in the browser: a finance reviewer ticks two of three tables in the list, exports
 * Excel and gets one zip with those two workbooks; when a ticked table has gone meanwhile, the server's
 * message is shown and nothing is downloaded.
 */

import { readFile } from 'node:fs/promises';
import { removeStoredTable } from '@jixiao/db/testing/table-writes';
import { workbookCells } from '@jixiao/export/testing/workbook-text';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTables, storeAsAuthor } from '../testing/e2e-tables.ts';

// The machines are shared and slow at times: polls wait up to 15 s (vitest's default is 1 s).
const poll = { timeout: 15_000 };
const title = '财政项目支出绩效目标表';

/** Ticks the list row of a project, as a user clicks its checkbox. */
async function tick(page: Page, name: string): Promise<void> {
  await page.locator('.ant-table-row').filter({ hasText: name }).locator('.ant-checkbox-input').check();
}

/** Every cell's text of a workbook's first sheet, as Excel shows it. */
async function workbookText(bytes: Uint8Array): Promise<string> {
  return (await workbookCells(bytes, { firstSheetOnly: true })).join('\n');
}

describe('batch export in the browser', () => {
  let e2e: E2eSession;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    e2e = await startE2e({ as: 'finance_reviewer' });
    for (const table of seedTables()) ids.set(table.name, (await storeAsAuthor(e2e.db, table)).id);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('exports two ticked tables as Excel: one zip with their two workbooks', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/tables'));
    await page.locator('.ant-table-row').filter({ hasText: '科创中心建设工作经费' }).waitFor();
    const button = page.getByTestId('batch-export');
    expect(await button.isDisabled()).toBe(true);
    await tick(page, '科创中心建设工作经费');
    await tick(page, '未来公园展厅运营经费');
    await expect.poll(() => button.textContent(), poll).toBe('批量导出（2）');
    // A ticked row is light blue (the theme's selection), not the grey that reads as disabled.
    const tickedCell = page.locator('.ant-table-row-selected > td').nth(1);
    await page.mouse.move(0, 0);
    // The row's background eases in (antd's transition): read it once it has settled.
    await expect
      .poll(() => tickedCell.evaluate((td) => getComputedStyle(td).backgroundColor), poll)
      .toBe('rgb(230, 244, 255)');
    await button.click();
    await page.getByTestId('batch-export-xlsx').waitFor();
    await e2e.screenshot('batch-export-menu', page, { fullPage: false });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('batch-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('绩效目标表-2张.zip');
    const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(zip).sort()).toEqual(
      [`科创中心建设工作经费-2020-${title}.xlsx`, `未来公园展厅运营经费-2020-${title}.xlsx`].sort(),
    );
    expect(await workbookText(zip[`科创中心建设工作经费-2020-${title}.xlsx`] as Uint8Array)).toContain(
      '科创中心建设工作经费',
    );
    expect(await workbookText(zip[`未来公园展厅运营经费-2020-${title}.xlsx`] as Uint8Array)).toContain(
      '未来公园展厅运营经费',
    );
    await page.locator('.ant-message').getByText('已导出 2 张表').waitFor();
  });

  it("shows the server's message when a ticked table is gone, and downloads nothing", async () => {
    const { page } = e2e;
    // Still ticked from the first test; the author deletes one of the two drafts meanwhile.
    const gone = ids.get('未来公园展厅运营经费') ?? '';
    await removeStoredTable(e2e.db, gone);
    let downloads = 0;
    page.on('download', () => {
      downloads += 1;
    });
    await page.getByTestId('batch-export').click();
    await page.getByTestId('batch-export-docx').click();
    const error = page.locator('.ant-message-error');
    await error.waitFor(poll);
    expect(await error.textContent()).toContain(`批量导出失败：找不到绩效目标表（${gone}）`);
    await e2e.screenshot('batch-export-error', page, { fullPage: false });
    expect(downloads).toBe(0);
    expect(await page.getByTestId('batch-export').isDisabled()).toBe(false);
  });
});
