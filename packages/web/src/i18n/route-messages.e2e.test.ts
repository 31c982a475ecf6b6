/**
 * Each route's Chinese words arrive with its chunk (routes.tsx, withMessages): opened afresh (a reload, so
 * nothing is left from an earlier page), no page shows a message key instead of its text, in Chinese and
 * with English chosen, and the page's heading is there when it first paints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, startE2e } from '../testing/e2e-harness.ts';
import { seedTables, storeAsAuthor } from '../testing/e2e-tables.ts';
import { zhMessages } from './messages.zh.ts';

const settle = { timeout: 15_000 };
const keys = Object.keys(zhMessages);

describe('each route loads its own words', () => {
  let e2e: E2eSession;
  let tableId = '';

  beforeAll(async () => {
    e2e = await startE2e({ as: 'finance_reviewer' });
    const [first] = seedTables();
    if (!first) throw new Error('seed tables missing');
    tableId = (await storeAsAuthor(e2e.db, first)).id;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** The message keys the page shows as text (none when every word arrived). */
  const shownKeys = async () => {
    const text = (await e2e.page.locator('body').innerText()) ?? '';
    return keys.filter((key) => text.includes(key));
  };

  it('shows words, never keys, on every route opened afresh, in Chinese and in English', async () => {
    const { page } = e2e;
    const routes = [
      '/tables',
      `/tables/${tableId}`,
      '/workbench',
      '/review',
      '/monitoring',
      `/monitoring/${tableId}?month=6`,
      '/dashboard',
      '/recheck',
      '/rules',
      `/tables/${tableId}/ex-ante`,
      '/public',
      '/public/open-data',
    ];
    await page.goto(e2e.url('/tables'));
    for (const locale of ['zh', 'en'] as const) {
      await page.evaluate((l) => localStorage.setItem('jixiao.locale', l), locale);
      for (const path of routes) {
        await page.goto(e2e.url(path));
        await page.locator('h1, h2, h3, h4').first().waitFor(settle);
        await page.waitForLoadState('networkidle');
        expect(await shownKeys(), `${locale} ${path}`).toEqual([]);
      }
    }
    await page.evaluate(() => localStorage.setItem('jixiao.locale', 'zh'));
  });
});
