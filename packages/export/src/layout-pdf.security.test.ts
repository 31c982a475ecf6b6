import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { extractPdfText } from '@jixiao/import/pdf/pdf-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedBrowser } from './chromium.ts';
import { htmlToPdf, layoutToPdf } from './layout-pdf.ts';

// The PDF is printed by a real browser from HTML built out of what users typed: even if escaping ever
// failed, that browser must run no script and fetch nothing (no SSRF to the intranet, no tracking).

let server: Server;
let hits: string[] = [];
let origin = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.setHeader('content-type', 'text/css');
    response.end('body { color: red }');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await closeSharedBrowser();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('PDF printing of hostile content', () => {
  it('runs no script and fetches no URL named by the document', async () => {
    hits = [];
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="${origin}/link.css">
      <style>@import url("${origin}/import.css"); body { background: url("${origin}/bg.png") }</style>
      </head><body><p id="out">NO SCRIPT RAN</p>
      <img src="${origin}/img.png">
      <iframe src="${origin}/frame.html"></iframe>
      <script>document.getElementById('out').textContent = 'SCRIPT RAN';</script>
      <script src="${origin}/script.js"></script>
      </body></html>`;
    const text = await extractPdfText(await htmlToPdf(html));
    expect(text).toContain('NO SCRIPT RAN');
    expect(text.replace('NO SCRIPT RAN', '')).not.toContain('SCRIPT RAN');
    expect(hits).toEqual([]);
  });

  it('prints markup typed into a table as text', async () => {
    hits = [];
    const table = buildTable({
      name: `<img src="${origin}/name.png"><script>x</script>`,
      indicators: [
        ...buildTable().indicators,
        buildIndicator('产出指标', '数量指标', `<b>粗体</b>`, '>=1个'),
      ],
    });
    const text = await extractPdfText(await layoutToPdf(officialLayout(table, 'zh')));
    // The narrow name cell wraps the text across lines; compare without the line breaks and layout gaps.
    const flat = text.replace(/\s+/g, '');
    // (another cell's text sits between the pieces of the wrapped name).
    expect(flat).toContain('<imgsrc="http://');
    expect(flat).toContain('x</script>');
    expect(flat).toContain('<b>粗体</b>');
    expect(hits).toEqual([]);
  });
});
