/**
 * A phone (390×844): the public portal, the workbench, the monitoring entry and the self-evaluation entry
 * fit the screen, with the navigation in a drawer; no page scrolls sideways (wide tables scroll in their
 * own box).
 */
import type { Role } from '@jixiao/core/accounts/account.schema';
import type { WorkflowAction } from '@jixiao/core/workflow/workflow.schema';
import { toSessionUser } from '@jixiao/db/accounts.repository';
import { demoUserFor } from '@jixiao/db/accounts-demo';
import { fireTransition } from '@jixiao/db/workflow.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTables, storeAsAuthor } from '../testing/e2e-tables.ts';

const settle = { timeout: 15_000 };

describe('on a phone (390 px)', () => {
  let e2e: E2eSession;
  let id = '';

  beforeAll(async () => {
    e2e = await startE2e({ viewport: { width: 390, height: 844 } });
    const [first] = seedTables();
    if (!first) throw new Error('seed table missing');
    id = (await storeAsAuthor(e2e.db, first)).id;
    const steps: [WorkflowAction, Role][] = [
      ['submit', 'author'],
      ['forward', 'department_reviewer'],
      ['approve', 'finance_reviewer'],
      ['publish', 'finance_reviewer'],
    ];
    let version = 1;
    for (const [action, role] of steps) {
      version = (
        await fireTransition(
          e2e.db,
          id,
          { action, expectedVersion: version, reason: '测试' },
          { user: toSessionUser(demoUserFor(role)) },
        )
      ).version;
    }
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** How far the page reaches past the window (0 when nothing scrolls sideways). */
  const overflow = () =>
    e2e.page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

  it('fits the workbench, monitoring and self-evaluation entry, with the menu in a drawer', async () => {
    const { page } = e2e;
    const pages: [string, string][] = [
      ['/workbench', 'workbench-page'],
      [`/monitoring/${id}`, 'monitoring-entry'],
      [`/self-evaluation/${id}`, 'self-evaluation-page'],
    ];
    for (const [path, testId] of pages) {
      await page.goto(e2e.url(path));
      await page.getByTestId(testId).waitFor(settle);
      await page.waitForLoadState('networkidle');
      expect(await overflow(), path).toBeLessThanOrEqual(0);
      await e2e.screenshot(`phone${path.replace(/\/[0-9a-f-]{36}/, '').replaceAll('/', '-')}`);
    }
    // The navigation is one button that opens a drawer with every entry.
    expect(await page.locator('.app-nav').isVisible()).toBe(false);
    await page.getByTestId('nav-drawer-open').click();
    const drawer = page.getByTestId('nav-drawer');
    await drawer.waitFor(settle);
    expect(await drawer.textContent()).toContain('目标表');
    await e2e.screenshot('phone-nav-drawer', page, { fullPage: false });
  });

  it('fits the public portal and a published table', async () => {
    const { page } = e2e;
    await e2e.signOut();
    for (const path of ['/public', `/public/tables/${id}`]) {
      await page.goto(e2e.url(path));
      await page.waitForLoadState('networkidle');
      await page.locator('.app-content').waitFor(settle);
      expect(await overflow(), path).toBeLessThanOrEqual(0);
    }
    await page.goto(e2e.url('/public'));
    await page.waitForLoadState('networkidle');
    await e2e.screenshot('phone-public');
  });
});
