/**
 * Browser-test harness: the real server (PLATFORM's buildApp) on a free port with a fresh in-memory
 * PGlite, serving the built UI, driven by Debian's chromium through playwright-core.
 *
 *   const e2e = await startE2e();          // in beforeAll
 *   await e2e.page.goto(e2e.url('/tables'));
 *   await e2e.screenshot('table-list');    // → test-output/table-list.png
 *   await e2e.close();                     // in afterAll
 *
 * `*.e2e.test.ts` files run one after another (vitest.e2e.config.ts); each starts its own server so
 * tests never share data.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Role } from '@jixiao/core/accounts/account.schema';
import { demoPassword, demoUserFor } from '@jixiao/db/accounts-demo';
import type { Database, Engine } from '@jixiao/db/database';
import { createTestDatabase } from '@jixiao/db/testing/fresh-database';
import { CHROMIUM_ARGS } from '@jixiao/export/chromium';
import { buildApp } from '@jixiao/server/app';
import { csrfHeader } from '@jixiao/server/auth/auth.plugin';
import { seedDemoAccounts } from '@jixiao/server/auth/demo-accounts';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

import { ensureWebBuilt, repoRoot } from './web-build.ts';

export { ensureWebBuilt, repoRoot };
export const testOutput = join(repoRoot, 'test-output');
/** The README's tour pictures, written by the browser tests (docScreenshot). */
export const docScreenshots = join(repoRoot, 'docs', 'screenshots');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The same flags PDF export launches chromium with (one list, so tests run the browser production runs). */
export const chromiumArgs = CHROMIUM_ARGS;

export interface E2eOptions {
  /** Browser window size; the default fits a 1440-wide office screen. */
  viewport?: { width: number; height: number };
  /** UI language stored before the first page loads (default zh). */
  locale?: 'zh' | 'en';
  /** The demo user the browser is signed in as at start (default `author`); `anonymous` signs in nobody. */
  as?: Role | 'anonymous';
  /**
   * The database the server runs on: in-memory PGlite (default), or a schema of its own on the
   * TEST_DATABASE_URL server, as the storage tests use.
   */
  engine?: Engine;
}

export interface E2eSession {
  /** http://127.0.0.1:<port> of the running server. */
  baseUrl: string;
  url(path: string): string;
  app: FastifyInstance;
  db: Database;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Signs the browser in as the demo user of a role, through the real login API (cookies + CSRF). */
  signIn(as: Role): Promise<void>;
  /** Signs the browser out (clears the session cookie). */
  signOut(): Promise<void>;
  /**
   * Saves a PNG as test-output/<name>.png (the full page; `fullPage: false` for what the window shows,
   * e.g. a drawer or dialog) and returns its path. Fails when the page threw an error.
   */
  screenshot(name: string, page?: Page, options?: { fullPage?: boolean }): Promise<string>;
  /**
   * A screenshot for the README's tour: what the window shows (not the full page; `at` scrolls a selector
   * to the top first), as
   * test-output/docs/<name>.png on every run and, when UPDATE_DOC_SCREENSHOTS=1, as
   * docs/screenshots/<name>.png too (the committed copies the README shows).
   */
  docScreenshot(name: string, page?: Page, options?: { at?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Starts server + browser. Call in beforeAll (allow ~60 s the first time: it may build the UI). */
export async function startE2e(options: E2eOptions = {}): Promise<E2eSession> {
  const webDist = ensureWebBuilt();
  mkdirSync(testOutput, { recursive: true });

  // From the migrated template the storage tests use: initdb and the migrations once, not once a file.
  const testDb = await createTestDatabase(options.engine ?? 'pglite');
  const db = testDb.db;
  const app = await buildApp({ db, webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
    deviceScaleFactor: 1,
  });
  const locale = options.locale ?? 'zh';
  await context.addInitScript((value) => {
    try {
      if (!localStorage.getItem('jixiao.locale')) localStorage.setItem('jixiao.locale', value);
    } catch {
      // about:blank has no storage.
    }
  }, locale);
  const page = await context.newPage();
  // A page error is a bug: fail loudly instead of staring at a blank screenshot.
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));

  let demoAccountsSeeded = false;
  async function signIn(as: Role): Promise<void> {
    if (!demoAccountsSeeded) {
      await seedDemoAccounts(db);
      demoAccountsSeeded = true;
    }
    // context.request shares the browser's cookie jar, so the page is signed in afterwards.
    const me = await context.request.get(`${baseUrl}/api/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const user = demoUserFor(as);
    const login = await context.request.post(`${baseUrl}/api/auth/login`, {
      data: { username: user.username, password: demoPassword },
      headers: { [csrfHeader]: csrfToken },
    });
    if (!login.ok()) throw new Error(`Sign-in as ${as} failed: ${login.status()} ${await login.text()}`);
  }
  async function signOut(): Promise<void> {
    await context.clearCookies();
  }
  const as = options.as ?? 'author';
  if (as !== 'anonymous') await signIn(as);

  return {
    baseUrl,
    signIn,
    signOut,
    url: (path) => `${baseUrl}${path.startsWith('/') ? path : `/${path}`}`,
    app,
    db,
    browser,
    context,
    page,
    async screenshot(name, target = page, { fullPage = true } = {}) {
      const file = join(testOutput, `${name}.png`);
      // Sticky bars would be stitched in mid-page when the page is scrolled.
      if (fullPage) await target.evaluate(() => window.scrollTo(0, 0));
      await target.screenshot({ path: file, fullPage });
      if (pageErrors.length > 0) throw pageErrors[0];
      return file;
    },
    async docScreenshot(name, target = page, { at } = {}) {
      const file = join(testOutput, 'docs', `${name}.png`);
      mkdirSync(join(testOutput, 'docs'), { recursive: true });
      // `at`: a selector of what the picture is about, brought to the top of the window (else the top).
      await target.evaluate((selector) => {
        const element = selector ? document.querySelector(selector) : null;
        // Below the sticky bars (the app header, the editor's title bar) with a little air.
        const top = element ? element.getBoundingClientRect().top + window.scrollY - 160 : 0;
        window.scrollTo(0, Math.max(0, top));
      }, at ?? null);
      // Whatever toast or tooltip the flow left open would be in the picture; let it fade first.
      await target.mouse.move(0, 0);
      await target.waitForTimeout(400);
      await target.screenshot({ path: file });
      if (process.env.UPDATE_DOC_SCREENSHOTS === '1') copyFileSync(file, join(docScreenshots, `${name}.png`));
      if (pageErrors.length > 0) throw pageErrors[0];
      return file;
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
      await testDb.dispose();
    },
  };
}
