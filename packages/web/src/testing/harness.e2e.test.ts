import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from './e2e-harness.ts';

describe('e2e harness', () => {
  let e2e: E2eSession;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('serves the built UI from the real server and renders the app shell in chromium', async () => {
    await e2e.page.goto(e2e.url('/'));
    // Signed in, "/" opens the workbench (我的待办).
    await e2e.page.getByTestId('workbench-page').waitFor();
    expect(new URL(e2e.page.url()).pathname).toBe('/workbench');
    expect(await e2e.page.locator('.app-brand').textContent()).toContain('绩效');
    await e2e.screenshot('harness-shell');
  });

  it('signs the browser in as a demo user of a role through the real login API', async () => {
    const me = await e2e.page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    expect(me.user.roles).toContain('author');
    await e2e.signOut();
    const anonymous = await e2e.page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
    expect(anonymous.user).toBeNull();
  });
});
