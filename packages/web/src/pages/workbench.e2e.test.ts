/**
 * The workbench (我的待办) in the browser on the demo data: the author lands on it after signing in, sees
 * the demo table returned with its two comments and opens it in the editor with the comments; the finance
 * reviewer sees the demo table waiting for finance and opens the review workspace. The badge counts the
 * author's to-dos right after a resubmission and an import.
 */
import { join } from 'node:path';
import { demoPassword } from '@jixiao/db/accounts-demo';
import { loadDemoData } from '@jixiao/server/demo-data';
import { demoSeedTables } from '@jixiao/server/demo-lifecycle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';
import { fireFromBar } from '../testing/workflow-dialog.ts';

/** The server and a busy machine may take a moment: wait for the UI, not a fixed time. */
const settle = { timeout: 15_000 };

describe('workbench in the browser', () => {
  let e2e: E2eSession;

  beforeAll(async () => {
    e2e = await startE2e({ as: 'anonymous' });
    // The seed only: its three tables published, with finance and returned to the author.
    const loaded = await loadDemoData(e2e.db, {
      seedPath: join(repoRoot, 'fixtures', 'seed.txt'),
      corpusDir: null,
    });
    expect(loaded.loaded).toBe(true);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('lands the author on the workbench after sign-in with the returned demo table and its comments', async () => {
    const { page } = e2e;
    await page.goto(e2e.url('/login'));
    await page.getByTestId('login-username').fill('author');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('workbench-page').waitFor(settle);
    expect(new URL(page.url()).pathname).toBe('/workbench');
    const returned = page.getByTestId('workbench-group-returned');
    await returned.waitFor(settle);
    const row = returned.getByTestId('workbench-item').filter({ hasText: demoSeedTables.returned });
    await row.waitFor(settle);
    expect(await row.getByTestId('workbench-returned').textContent()).toMatch(/李审核.*退回，2 条意见待处理/);
    expect(await row.getByTestId('workbench-waiting').textContent()).toMatch(/前|刚刚/);
    // The navigation badge counts every item of the workbench.
    expect(Number(await page.getByTestId('workbench-badge').first().textContent())).toBeGreaterThanOrEqual(1);
    await e2e.screenshot('workbench-author');
    await e2e.docScreenshot('tour-1-workbench');

    await row.getByTestId('workbench-open').click();
    await page.waitForURL(/\/tables\/[0-9a-f-]{36}$/, settle);
    const comments = page.getByTestId('open-comments');
    await comments.waitFor(settle);
    expect(await comments.textContent()).toContain('2');
    await e2e.screenshot('workbench-author-opened');

    // The badge follows the user's own writes at once, with no page change: one query cache, which
    // every write marks stale. A resubmission takes the returned table off the list…
    const badge = async () => Number(await page.getByTestId('workbench-badge').first().textContent());
    const before = await badge();
    await fireFromBar(page, 'submit');
    await expect.poll(badge, settle).toBe(before - 1);
    // …withdrawing it makes it a draft to finish (the department's queue stays empty for the test below)…
    await fireFromBar(page, 'withdraw');
    await expect.poll(badge, settle).toBe(before);
    // …and an import adds its drafts as soon as it is confirmed.
    await page.goto(e2e.url('/import'));
    await page
      .locator('input[type=file]')
      .setInputFiles(join(repoRoot, 'packages/import/fixtures/corpus/train/corpus2-01.txt'));
    await page.getByTestId('imported-table').waitFor(settle);
    await expect.poll(badge, settle).toBe(before);
    await page.getByTestId('import-confirm').click();
    const created = page.getByTestId('import-created');
    await created.waitFor(settle);
    const drafts = await created.locator('.ant-list-item').count();
    expect(drafts).toBeGreaterThan(0);
    await expect.poll(badge, settle).toBe(before + drafts);
  });

  it('shows the finance reviewer the demo table waiting for finance and opens the review workspace', async () => {
    const { page } = e2e;
    await e2e.signOut();
    await e2e.signIn('finance_reviewer');
    await page.goto(e2e.url('/'));
    await page.getByTestId('workbench-page').waitFor(settle);
    expect(new URL(page.url()).pathname).toBe('/workbench');
    const queue = page.getByTestId('workbench-group-finance_queue');
    await queue.waitFor(settle);
    const row = queue.getByTestId('workbench-item').filter({ hasText: demoSeedTables.inFinanceQueue });
    await row.waitFor(settle);
    expect(await page.getByTestId('workbench-group-returned').count()).toBe(0);
    await e2e.screenshot('workbench-finance');
    await row.getByTestId('workbench-open').click();
    await page.waitForURL(/\/review\/[0-9a-f-]{36}$/, settle);
    await page.getByTestId('review-form').waitFor(settle);
  });

  it('tells the department reviewer nicely that nothing is waiting, in zh and en', async () => {
    const { page } = e2e;
    await e2e.signOut();
    await e2e.signIn('department_reviewer');
    await page.goto(e2e.url('/workbench'));
    const empty = page.getByTestId('workbench-empty');
    await empty.waitFor(settle);
    expect(await empty.textContent()).toContain('目前没有等待您处理的事项');
    expect(await page.getByTestId('workbench-badge').count()).toBe(0);
    await page.getByTestId('language-switch').click();
    await page.getByText('Nothing is waiting for you').waitFor(settle);
    expect(await page.locator('.app-nav').textContent()).toContain('My to-dos');
    await e2e.screenshot('workbench-empty-en');
    await page.getByTestId('language-switch').click();
    await page.getByText('目前没有等待您处理的事项').waitFor(settle);
  });

  it('gives the auditor counts and links, no action lists', async () => {
    const { page } = e2e;
    await e2e.signOut();
    await e2e.signIn('auditor');
    await page.goto(e2e.url('/workbench'));
    await page.getByTestId('workbench-overview').waitFor(settle);
    expect(await page.getByTestId('workbench-item').count()).toBe(0);
    expect(await page.getByTestId('workbench-link-audit').count()).toBe(1);
    await e2e.screenshot('workbench-auditor');
  });
});
