import { createHash } from 'node:crypto';
import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sharedBrowser } from './chromium.ts';
import { renderLayoutHtml } from './layout-html.ts';

/** Pages printing at once: printing is CPU-bound, and the machines this runs on have few cores. */
const MAX_PAGES = 2;

interface Pool {
  browser: Browser;
  context: BrowserContext;
  idle: Page[];
  busy: number;
  waiting: (() => void)[];
}

let pool: Promise<Pool> | null = null;

async function createPool(): Promise<Pool> {
  const browser = await sharedBrowser();
  // One context for every print job: the documents are self-contained, run no script and fetch nothing,
  // so they cannot see each other; a context per job costs more than the printing.
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.route('**/*', (route) => route.abort());
  return { browser, context, idle: [], busy: 0, waiting: [] };
}

/** The page pool on the live browser; a pool whose browser went away is replaced. */
async function getPool(): Promise<Pool> {
  for (let attempt = 0; ; attempt++) {
    if (!pool) {
      const starting = createPool();
      pool = starting;
      starting.catch(() => {
        if (pool === starting) pool = null;
      });
    }
    const current = pool;
    const p = await current;
    if (p.browser.isConnected() || attempt > 0) return p;
    if (pool === current) pool = null;
  }
}

async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const p = await getPool();
  while (p.busy >= MAX_PAGES) await new Promise<void>((resolve) => p.waiting.push(resolve));
  p.busy += 1;
  let page: Page | undefined;
  let healthy = false;
  try {
    page = p.idle.pop() ?? (await p.context.newPage());
    const result = await work(page);
    healthy = true;
    return result;
  } finally {
    p.busy -= 1;
    if (page) {
      // A page that failed mid-print may be in any state: close it rather than reuse it.
      if (healthy && p.browser.isConnected()) p.idle.push(page);
      else await page.close().catch(() => undefined);
    }
    p.waiting.shift()?.();
  }
}

/** Recently printed documents by the hash of their HTML: a published table is downloaded many times. */
const CACHE_ENTRIES = 24;
const cache = new Map<string, Buffer>();

function remember(key: string, pdf: Buffer): void {
  cache.set(key, pdf);
  while (cache.size > CACHE_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

export interface PdfOptions {
  /** Page numbers in the bottom margin, in the form's language (第 1 页 / 共 2 页, Page 1 of 2). */
  pageNumbers?: 'zh' | 'en' | false;
}

const FOOTER_STYLE =
  "width:100%;text-align:center;font-size:8pt;color:#444;font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif";

function footerTemplate(locale: 'zh' | 'en'): string {
  const page = '<span class="pageNumber"></span>';
  const total = '<span class="totalPages"></span>';
  const text = locale === 'zh' ? `第 ${page} 页 / 共 ${total} 页` : `Page ${page} of ${total}`;
  return `<div style="${FOOTER_STYLE}">${text}</div>`;
}

/** Prints standalone HTML to an A4 PDF with the shared headless chromium (identical HTML is printed once). */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const pageNumbers = options.pageNumbers ?? false;
  const key = createHash('sha256').update(`${pageNumbers}\n${html}`).digest('hex');
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last, so the oldest is dropped first.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const pdf = await withPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    const printed = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      ...(pageNumbers
        ? {
            displayHeaderFooter: true,
            headerTemplate: '<span></span>',
            footerTemplate: footerTemplate(pageNumbers),
          }
        : {}),
    });
    return Buffer.from(printed);
  });
  remember(key, pdf);
  return pdf;
}

/** Renders one or more official layouts to an A4 PDF with page numbers (one form per page run, in order). */
export async function layoutToPdf(layouts: OfficialLayout | readonly OfficialLayout[]): Promise<Buffer> {
  const first = Array.isArray(layouts) ? layouts[0] : (layouts as OfficialLayout);
  return htmlToPdf(renderLayoutHtml(layouts), { pageNumbers: first?.locale === 'en' ? 'en' : 'zh' });
}
