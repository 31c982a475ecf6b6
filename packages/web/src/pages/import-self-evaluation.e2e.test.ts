/**
 * Issue 16 in the browser: an author uploads a filled 自评表 of a year before the system (a real corpus
 * document); the import page offers to bring its own table, names the scoring scheme its printed weights
 * tell, and on confirming opens the self-evaluation with the unit's scores beside the rules'.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';

const train = join(repoRoot, 'packages/import/fixtures/corpus/train');
const poll = { timeout: 15_000 };

describe('importing a filled 自评表 in the browser', () => {
  let e2e: E2eSession;

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('imports a past year’s form with its own table and shows the claims beside the rules', async () => {
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
    await page.getByTestId('import-confirm').click();
    await page.waitForURL(/\/self-evaluation\/[0-9a-f-]+$/, poll);
    const claims = page.getByTestId('row-claim');
    await expect.poll(() => claims.count(), poll).toBeGreaterThan(0);
    const texts = (await claims.allTextContents()).join('\n');
    // The unit printed 7 for a target it met (资金到位及时率 100%): said, with the rule's score.
    expect(texts).toContain('单位自评 7 分，按规则 10');
    expect(texts).toContain('已达标但得分低于分值');
  });
});
