/**
 * Accounts in the browser: a wrong password shows the server's message, the right one opens the
 * workbench, the navigation follows the role, an administrator creates a user who must choose a password
 * of their own at the first sign-in, and an administrator sees and clears sign-in throttles.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { demoPassword } from '@jixiao/db/accounts-demo';
import { queryAuditLog } from '@jixiao/db/audit-query.repository';
import { seedDemoAccounts } from '@jixiao/server/auth/demo-accounts';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, ensureWebBuilt, startE2e } from '../testing/e2e-harness.ts';

describe('sign-in and accounts admin in the browser', () => {
  let e2e: E2eSession;

  beforeAll(async () => {
    e2e = await startE2e({ as: 'anonymous' });
    await seedDemoAccounts(e2e.db);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  async function logIn(username: string, password: string) {
    const { page } = e2e;
    await page.goto(e2e.url('/login'));
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  it('shows the server’s message for a wrong password and stays on the login page', async () => {
    const { page } = e2e;
    // The first page a visitor opens, with the headers the browser got for each file of it.
    const assets: { path: string; encoding: string; cache: string }[] = [];
    // Bytes of each file as they came over the wire (compressed), once the body has arrived.
    const transfers: Promise<number>[] = [];
    let documentCache = '';
    const seen = (response: Response) => {
      const { pathname } = new URL(response.url());
      if (pathname === '/login') documentCache = response.headers()['cache-control'] ?? '';
      if (!pathname.startsWith('/assets/')) return;
      if (/\.(js|css)$/.test(pathname))
        transfers.push(
          response
            .finished()
            .then(() => response.request().sizes())
            .then((sizes) => sizes.responseBodySize),
        );
      const headers = response.headers();
      assets.push({
        path: pathname,
        encoding: headers['content-encoding'] ?? '',
        cache: headers['cache-control'] ?? '',
      });
    };
    page.on('response', seen);
    await logIn('author', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await e2e.screenshot('login-wrong-password');
    page.off('response', seen);
    // Hashed files are sent as compressed at build time (brotli or gzip, as the browser accepts; files under
    // 1 KB are not worth it) and kept for good; the page itself is asked again each time.
    const scripts = assets.filter((a) => /\.(js|css)$/.test(a.path));
    expect(scripts.length).toBeGreaterThan(0);
    const served = ensureWebBuilt();
    for (const asset of scripts) {
      if (statSync(join(served, asset.path)).size >= 1024)
        expect(asset.encoding, asset.path).toMatch(/^(br|gzip)$/);
      expect(asset.cache, asset.path).toBe('public, max-age=31536000, immutable');
    }
    expect(documentCache).toBe('no-cache');
    // What the first page cost the browser: its JavaScript and CSS as transferred, compressed, within the
    // first-load budget the bench (first-load.bench.ts) holds the build to, and well under their raw size.
    const sent = (await Promise.all(transfers)).reduce((sum, bytes) => sum + bytes, 0);
    const raw = scripts.reduce((sum, asset) => sum + statSync(join(served, asset.path)).size, 0);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(400 * 1024);
    expect(sent).toBeLessThan(raw / 2);
    // The sign-in page carries no other page's words: the shell's (common, accounts) are in its first load,
    // every page feature's Chinese (messages.tables, messages.workbench, …) and English stay on the server.
    expect(assets.map((a) => a.path).filter((path) => path.includes('/messages.'))).toEqual([]);
    // The hint names every demo account, author2 (another department's unit) included.
    expect(await page.getByText(/^演示账户：/).textContent()).toBe(
      '演示账户：author / author2 / dept / finance / admin / auditor，密码 jixiao2026',
    );

    // The same page and the server's message in English.
    await page.getByTestId('language-switch').click();
    await page.getByText('Sign in to Jixiao 绩效').waitFor();
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('Wrong username or password');
    await e2e.screenshot('login-wrong-password-en');
    await page.getByTestId('language-switch').click();
    await page.getByText('登录绩效 Jixiao').waitFor();
  });

  it('signs in with the right password, opens the workbench (我的待办) and shows the user; no admin pages for an author', async () => {
    const { page } = e2e;
    await logIn('author', demoPassword);
    await page.getByTestId('workbench-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/workbench');
    expect(await page.getByTestId('user-menu').textContent()).toContain('王编报');
    const nav = (await page.locator('.app-nav .ant-menu-item').allTextContents()).map((s) => s.trim());
    expect(nav).toEqual(['我的待办', '目标表', '导入', '监控', '审核规则', '公开目录']);
    await e2e.screenshot('login-author-tables');
  });

  it('signs out from the user menu', async () => {
    const { page } = e2e;
    await page.getByTestId('user-menu').hover();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-page').waitFor();
    expect(await page.getByTestId('login-button').count()).toBe(1);
  });

  it('lets an administrator create a user, who then signs in', async () => {
    const { page } = e2e;
    await logIn('admin', demoPassword);
    await page.getByTestId('workbench-page').waitFor();
    // An administrator writes no tables: no import in the navigation, but users and audit pages.
    await page.locator('.app-nav').getByText('用户与单位').waitFor();
    expect(await page.locator('.app-nav').textContent()).not.toContain('导入');
    await page.locator('.app-nav').getByText('用户与单位').click();
    await page.getByTestId('admin-page').waitFor();
    await page.getByTestId('admin-users').getByText('author2').waitFor();
    await page.getByTestId('admin-new-user').click();
    await page.getByTestId('admin-user-username').fill('zhangsan');
    await page.getByTestId('admin-user-display-name').fill('张三');
    await page.getByTestId('admin-user-roles').click();
    await page.locator('.ant-select-dropdown').getByText('编报人', { exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('admin-user-password').fill('Kx7-first-login');
    await e2e.screenshot('admin-new-user');
    await page.getByTestId('admin-user-save').click();
    await page.getByTestId('admin-users').getByText('zhangsan').waitFor();
    await e2e.screenshot('admin-users');

    const log = await queryAuditLog(e2e.db, { action: 'user.create', page: 1, pageSize: 5 });
    expect(log.items[0]).toMatchObject({
      actorUsername: 'admin',
      diff: { username: 'zhangsan', roles: ['author'] },
    });

    // The organisation tree: a new budget unit under the science commission.
    await page.getByRole('tab', { name: '单位' }).click();
    await page.getByTestId('org-name').fill('上海市科技人才发展中心');
    await page.getByTestId('org-parent').click();
    await page.locator('.ant-select-dropdown').getByText('上海市科学技术委员会（主管部门）').click();
    await page.getByTestId('org-create').click();
    await page.getByTestId('org-node').filter({ hasText: '上海市科技人才发展中心' }).waitFor();
    await e2e.screenshot('admin-organisations');
    await e2e.docScreenshot('tour-11-admin');

    await page.locator('.app-nav').getByText('审计日志').click();
    await page.getByTestId('audit-page').waitFor();
    await page.getByTestId('audit-table').getByText('user.create').first().waitFor();
    // Who and what by name, not by id: the new user as 张三（zhangsan）, the admin by name and username.
    const auditText = (await page.getByTestId('audit-table').textContent()) ?? '';
    expect(auditText).toContain('张三（zhangsan）');
    expect(auditText).toContain('（admin）');
    expect(auditText).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    await e2e.screenshot('audit-log');

    // The administrator's navigation fits a 1440 px window in English too (the longest labels).
    await page.getByTestId('language-switch').click();
    await page.locator('.app-nav').getByText('Audit log').waitFor();
    const measure = () =>
      page.evaluate(() => {
        const items = [...document.querySelectorAll('.app-nav > .ant-menu-item')];
        const right = document.querySelector('.app-header-right');
        const header = document.querySelector('.app-header');
        if (items.length === 0 || !right || !header) return null;
        const tops = new Set(items.map((item) => Math.round(item.getBoundingClientRect().top)));
        return {
          lines: tops.size,
          lastRight: Math.max(...items.map((item) => item.getBoundingClientRect().right)),
          actionsLeft: right.getBoundingClientRect().left,
          headerHeight: header.getBoundingClientRect().height,
          pageOverflow: (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth,
        };
      });
    // antd's menu lays its items out again once the new labels are measured: judge the settled layout.
    await expect.poll(async () => (await measure())?.lines, { timeout: 10_000 }).toBe(1);
    const fit = await measure();
    // One line inside the 56 px header, clear of the user menu, nothing past the window (it wrapped).
    expect(fit).toMatchObject({ lines: 1, headerHeight: 56 });
    expect(fit?.lastRight).toBeLessThanOrEqual(fit?.actionsLeft ?? 0);
    expect(fit?.pageOverflow).toBeLessThanOrEqual(0);
    await e2e.screenshot('admin-nav-en', page, { fullPage: false });
    await page.getByTestId('language-switch').click();
    await page.locator('.app-nav').getByText('审计日志').waitFor();

    // A reload shows no signed-out navigation while the session is asked for (it flashed before).
    await page.route('**/api/auth/me', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.reload();
    await page.locator('.app-header').waitFor();
    expect(await page.locator('.app-nav .ant-menu-item').count()).toBe(0);
    expect(await page.getByTestId('login-button').count()).toBe(0);
    await page.locator('.app-nav').getByText('审计日志').waitFor();
    await page.unroute('**/api/auth/me');

    await page.getByTestId('user-menu').hover();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-page').waitFor();
    // The first sign-in of an account an administrator created asks for a password of one's own first.
    await logIn('zhangsan', 'Kx7-first-login');
    await page.getByTestId('change-password-page').waitFor();
    await page.getByTestId('change-password-required').waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');
    // Elsewhere in the app the shell brings the user back here.
    await page.goto(e2e.url('/tables'));
    await page.getByTestId('change-password-page').waitFor();
    await page.getByTestId('current-password').fill('Kx7-first-login');
    await page.getByTestId('new-password').fill('12345678');
    await page.getByTestId('confirm-password').fill('12345678');
    await page.getByTestId('change-password-submit').click();
    await page.getByText('该密码过于常见').waitFor();
    await e2e.screenshot('change-password-common');
    await page.getByTestId('new-password').fill('Zs-own-pass-2026');
    await page.getByTestId('confirm-password').fill('Zs-own-pass-2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('table-list-page').or(page.getByTestId('workbench-page')).first().waitFor();
    expect(await page.getByTestId('user-menu').textContent()).toContain('张三');
  });

  it('shows an administrator the sign-in throttles and clears one', async () => {
    const { page } = e2e;
    await page.getByTestId('user-menu').hover();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-page').waitFor();
    for (let i = 0; i < 7; i++) await logIn('author2', `typo-${i}`);
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toMatch(/登录失败次数过多|用户名或密码错误/);
    await logIn('admin', demoPassword);
    await page.getByTestId('workbench-page').waitFor();
    await page.goto(e2e.url('/admin'));
    await page.getByRole('tab', { name: '登录限制' }).click();
    const row = page.getByTestId('throttles-admin').locator('tr').filter({ hasText: 'author2 @ ' });
    await row.waitFor();
    await e2e.screenshot('admin-throttles');
    await row.getByTestId('throttle-clear').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    const log = await queryAuditLog(e2e.db, { action: 'auth.throttle_cleared', page: 1, pageSize: 5 });
    expect(log.items[0]).toMatchObject({ actorUsername: 'admin' });
  });
});
