/**
 * The import workflow for people (issue 10) on real corpus documents: the preview shows each row beside
 * its source lines, the kind found, and a self-evaluation's results; rows are split and merged.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
