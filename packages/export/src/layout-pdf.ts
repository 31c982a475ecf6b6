import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import { sharedBrowser } from './chromium.ts';
import { renderLayoutHtml } from './layout-html.ts';

/** Prints standalone HTML to an A4 PDF with the shared headless chromium. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const browser = await sharedBrowser();
  // A fresh context per document: no state leaks between exports that run side by side.
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    // The document is self-contained: nothing may be fetched while printing it.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluateHandle('document.fonts.ready').catch(() => undefined);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return Buffer.from(pdf);
  } finally {
    await context.close();
  }
}

/** Renders one or more official layouts to an A4 PDF (one form per page run, in order). */
export async function layoutToPdf(layouts: OfficialLayout | readonly OfficialLayout[]): Promise<Buffer> {
  return htmlToPdf(renderLayoutHtml(layouts));
}
