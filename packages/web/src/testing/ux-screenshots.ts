/**
 * Product-review screenshots: every page as every role sees it, in zh and en, at two office screen sizes,
 * against a running server (`npm start`). Not a test: a person looks at the PNGs.
 *
 *   npx tsx packages/web/src/testing/ux-screenshots.ts http://localhost:3100 [filter]
 *   UX_WIDTHS=1366 npx tsx …   (one window size only)
 *
 * Writes test-output/ux/<locale>-<width>/<role>-<page>.png and prints each page's document title and
 * any English/Chinese text that leaked into the other locale's page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, testOutput } from './e2e-harness.ts';

const baseUrl = process.argv[2] ?? 'http://localhost:3100';
const filter = process.argv[3] ?? '';
const password = 'jixiao2026';

type Who = 'anonymous' | 'author' | 'author2' | 'dept' | 'finance' | 'admin' | 'auditor';

interface TableRow {
  id: string;
  name: string;
  status: string;
  indicatorCount: number;
}

async function tableIds(context: BrowserContext): Promise<Record<string, string>> {
  const response = await context.request.get(`${baseUrl}/api/tables?pageSize=100`);
  const body = (await response.json()) as { items: TableRow[] };
  const byName = (name: string) => body.items.find((row) => row.name === name)?.id ?? 'missing';
  const longest = [...body.items].sort((a, b) => b.indicatorCount - a.indicatorCount)[0];
  return {
    published: byName('科创中心建设工作经费'),
    inReview: byName('科创中心展厅运营经费'),
    returned: byName('未来公园展厅运营经费'),
    longest: longest?.id ?? 'missing',
  };
}

async function signIn(context: BrowserContext, who: Who): Promise<void> {
  await context.clearCookies();
  if (who === 'anonymous') return;
  const me = await context.request.get(`${baseUrl}/api/auth/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const login = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { username: who, password },
    headers: { 'x-csrf-token': csrfToken },
  });
  if (!login.ok()) throw new Error(`sign-in ${who}: ${login.status()}`);
}

function pagesFor(who: Who, ids: Record<string, string>): Array<[string, string]> {
  const common: Array<[string, string]> = [['not-found', '/no-such-page']];
  switch (who) {
    case 'anonymous':
      return [
        ['login', '/login'],
        ['tables', '/tables'],
        ['public', '/public'],
        ['public-table', `/public/tables/${ids.published}`],
        ['open-data', '/public/open-data'],
        ...common,
      ];
    case 'author':
      return [
        ['tables', '/tables'],
        ['editor', `/tables/${ids.returned}`],
        ['editor-long', `/tables/${ids.longest}`],
        ['editor-new', '/tables/new'],
        ['import', '/import'],
        ['print', `/tables/${ids.published}/print`],
        ['monitoring', '/monitoring'],
        ['monitoring-entry', `/monitoring/${ids.published}`],
        ['self-evaluation', `/self-evaluation/${ids.published}`],
        ['self-evaluation-form', `/self-evaluation/${ids.published}/form`],
        ['forbidden-admin', '/admin'],
        ['forbidden-dashboard', '/dashboard'],
        ['forbidden-review', `/review/${ids.inReview}`],
        ...common,
      ];
    case 'author2':
      return [
        ['tables-empty', '/tables'],
        ['tables-no-match', '/tables?q=不存在的项目'],
        ['monitoring-empty', '/monitoring'],
      ];
    case 'dept':
      return [
        ['tables', '/tables'],
        ['review-queue', '/review'],
        ['dashboard', '/dashboard'],
        ['monitoring', '/monitoring'],
      ];
    case 'finance':
      return [
        ['review-queue', '/review'],
        ['review', `/review/${ids.inReview}`],
        ['dashboard', '/dashboard'],
      ];
    case 'admin':
      return [
        ['admin', '/admin'],
        ['audit', '/audit'],
        ['tables', '/tables'],
      ];
    case 'auditor':
      return [
        ['tables', '/tables'],
        ['editor-readonly', `/tables/${ids.published}`],
        ['audit', '/audit'],
        ['dashboard', '/dashboard'],
      ];
  }
}

/** Visible text in the wrong language: Latin words on a zh page, Han characters on an en page. */
async function leaks(page: Page, locale: 'zh' | 'en'): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[data-ux-data], .official-layout, td, .ant-select-selection-item'))
        continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    return out;
  });
  const wrong = locale === 'zh' ? /\b[A-Za-z]{4,}\b/ : /\p{Script=Han}/u;
  return [...new Set(texts.filter((text) => wrong.test(text)))].slice(0, 12);
}

async function shoot(page: Page, dir: string, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const ids = await (async () => {
    const context = await browser.newContext();
    await signIn(context, 'admin');
    const found = await tableIds(context);
    await context.close();
    return found;
  })();
  // UX_WIDTHS=1366 shoots one size only (a quicker look after a change).
  const widths = (process.env.UX_WIDTHS ?? '1366,1920').split(',').map(Number);
  const viewports = [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ].filter((v) => widths.includes(v.width));
  const roles: Who[] = ['anonymous', 'author', 'author2', 'dept', 'finance', 'admin', 'auditor'];
  for (const locale of ['zh', 'en'] as const) {
    for (const viewport of viewports) {
      const dir = join(testOutput, 'ux', `${locale}-${viewport.width}`);
      mkdirSync(dir, { recursive: true });
      const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
      await context.addInitScript((value) => localStorage.setItem('jixiao.locale', value), locale);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.log(`  PAGE ERROR ${error.message}`));
      for (const who of roles) {
        await signIn(context, who);
        for (const [name, path] of pagesFor(who, ids)) {
          const file = `${who}-${name}`;
          if (filter && !file.includes(filter)) continue;
          await page.goto(`${baseUrl}${path}`);
          await shoot(page, dir, file);
          const title = await page.title();
          const wrong = await leaks(page, locale);
          console.log(
            `${locale}-${viewport.width} ${file}: «${title}»${wrong.length ? ` LEAKS ${JSON.stringify(wrong)}` : ''}`,
          );
        }
      }
      // Error state: the server stops answering while the user works.
      if (!filter || 'server-down'.includes(filter)) {
        await signIn(context, 'author');
        await page.route('**/api/**', (route) => route.abort('connectionrefused'));
        for (const [name, path] of [
          ['tables', '/tables'],
          ['editor', `/tables/${ids.returned}`],
          ['public', '/public'],
        ]) {
          await page.goto(`${baseUrl}${path}`);
          await shoot(page, dir, `server-down-${name}`);
          console.log(`${locale}-${viewport.width} server-down-${name}: «${await page.title()}»`);
        }
        await page.unroute('**/api/**');
      }
      await context.close();
    }
  }
  await browser.close();
}

await main();
