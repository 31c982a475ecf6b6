/**
 * A large upload on the import page (issue 15): while the server reads it the page shows what it is doing
 * and for how long, and cancel gives the page back at once.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';

const poll = { timeout: 15_000 };
/** The drop zone's own words (its test id is on the hidden file input). */
const dropText = '点击或拖拽文件到此处上传';

// 150,000 rows of running text: 5.5 MB the reader takes seconds over (the server's limit is 20 s).
const slowFile = Buffer.from(
  `项目名称：测试项目\n实施单位：上海推进科技创新中心建设办公室\n${'产出指标 数量指标 培训人次 ≥100人次\n'.repeat(150_000)}`,
);

describe('import progress in the browser', () => {
  let e2e: E2eSession;

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the upload, then the seconds spent reading, and cancels', async () => {
    const { page } = e2e;
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
});
