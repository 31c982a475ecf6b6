/**
 * The workflow's safety rails in the browser: approved and published tables are read-only in the editor
 * with 调整 as the one way back in.
 */
import type { Role } from '@jixiao/core/accounts/account.schema';
import type { WorkflowAction } from '@jixiao/core/workflow/workflow.schema';
import { toSessionUser } from '@jixiao/db/accounts.repository';
import { demoUserFor } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { fireTransition } from '@jixiao/db/workflow.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTables, storeAsAuthor } from '../testing/e2e-tables.ts';

/** The server and a busy machine may take a moment: wait for the UI, not a fixed time. */
const settle = { timeout: 15_000 };

/** Fires transitions as the demo users, the way the API would. */
async function walk(db: Database, id: string, steps: [WorkflowAction, Role][]): Promise<void> {
  let version = 1;
  for (const [action, role] of steps) {
    const state = await fireTransition(
      db,
      id,
      { action, expectedVersion: version },
      { user: toSessionUser(demoUserFor(role)) },
    );
    version = state.version;
  }
}

const toApproved: [WorkflowAction, Role][] = [
  ['submit', 'author'],
  ['forward', 'department_reviewer'],
  ['approve', 'finance_reviewer'],
];

describe('workflow safety rails in the browser', () => {
  let e2e: E2eSession;
  const ids: Record<'approved' | 'published', string> = { approved: '', published: '' };

  beforeAll(async () => {
    e2e = await startE2e();
    const [first, second] = seedTables();
    if (!first || !second) throw new Error('seed tables missing');
    ids.approved = (await storeAsAuthor(e2e.db, first)).id;
    await walk(e2e.db, ids.approved, toApproved);
    ids.published = (await storeAsAuthor(e2e.db, second)).id;
    await walk(e2e.db, ids.published, [...toApproved, ['publish', 'finance_reviewer']]);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows approved and published tables read-only, with 调整 as the way in', async () => {
    const { page } = e2e;
    for (const which of ['published', 'approved'] as const) {
      await page.goto(e2e.url(`/tables/${ids[which]}`));
      const editor = page.locator('[data-testid="table-editor-page"][data-readonly]');
      await editor.waitFor(settle);
      await page.getByTestId('workflow-adjust').waitFor(settle);
      // Nothing to save, add, move or remove; every field refuses typing.
      expect(await page.getByTestId('save').count()).toBe(0);
      expect(await page.getByTestId('add-indicator').count()).toBe(0);
      expect(await page.getByTestId('add-from-library').count()).toBe(0);
      expect(await page.locator('[data-move]').count()).toBe(0);
      expect(await page.getByRole('button', { name: '删除指标' }).count()).toBe(0);
      expect(await page.getByTestId('indicator-name').first().isEditable()).toBe(false);
      expect(await page.locator('#f-name').isEditable()).toBe(false);
      expect(await page.locator('#f-narrative\\.overview').isEditable()).toBe(false);
      await page.getByTestId('indicator-target').first().click({ force: true });
      await page.keyboard.type('12');
      expect(await page.getByTestId('dirty-flag').textContent()).toContain('只读');
      expect(await page.getByText('有未保存的修改').count()).toBe(0);
    }
    await e2e.screenshot('workflow-frozen-readonly');

    // 调整 with a reason opens a new draft version, and the editor takes typing again.
    await page.getByTestId('workflow-adjust').click();
    await page.getByTestId('adjust-reason').fill('预算调减，指标随之调整');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('[data-testid="table-editor-page"]:not([data-readonly])').waitFor(settle);
    await page.getByTestId('save').waitFor(settle);
    expect(await page.getByTestId('indicator-name').first().isEditable()).toBe(true);
    await page.locator('#f-name').fill('调整后的项目名称');
    expect(await page.getByTestId('dirty-flag').textContent()).toBe('有未保存的修改');
  });
});
