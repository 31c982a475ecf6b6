import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { tableLimits } from '@jixiao/core/tables/table-limits';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisations, demoUserFor } from '@jixiao/db/accounts-demo';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollHealth } from '../testing/health-poller.ts';
import { listening } from '../testing/listening-app.ts';
import { signInHeaders } from '../testing/test-auth.ts';

// Uploads and saves an attacker shapes to hold the server. Each upload must be answered (read,
// or refused with a 4xx problem) within a time limit while /api/health, asked every 25 ms in parallel over
// real HTTP, keeps answering within 200 ms: parsing runs in the worker pool, off the event loop. Then the
// schema's length and count limits, and formula/markup injection into the Excel and Word exports.

// The pool gives a file 20 s of parsing (then 422 import.too_slow); queueing and inflating a bomb come on top.
const uploadLimitMs = 60_000;
const healthLimitMs = 200;
/**
 * Files allowed a longer health-check limit than 200 ms, each with its reason; empty because a file is
 * capped at 5,000 rows, which keeps storing its preview off the event loop's critical path. Put a file
 * here only while a known fix is pending.
 */
const knownSlow: Record<string, number> = {};
const unit = () =>
  demoOrganisations.find((o) => o.id === demoUserFor('author').organisationId)?.name ??
  '上海推进科技创新中心建设办公室';

function multipart(name: string, bytes: Uint8Array): { body: Buffer; type: string } {
  const boundary = `hostile-${Math.random().toString(36).slice(2)}`;
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

const header =
  '项目名称：测试项目\n主管部门：上海市科学技术委员会\n实施单位：上海推进科技创新中心建设办公室\n';

/** The files of the issue's attack, built here (no binary fixtures). */
function hostileFiles(): { name: string; bytes: Uint8Array }[] {
  const text = (s: string) => strToU8(s);
  return [
    { name: 'spaces.txt', bytes: text(`${header}数量指标 培训人次${' '.repeat(200_000)}≥100人次\n`) },
    { name: 'digits.txt', bytes: text(`${header}数量指标 培训人次 ${'9'.repeat(200_000)}\n`) },
    { name: 'operators.txt', bytes: text(`${header}数量指标 培训人次 ${'≥'.repeat(100_000)}\n`) },
    { name: 'pipes.txt', bytes: text(`${header}${'|'.repeat(200_000)}\n`) },
    {
      name: 'repeated.txt',
      bytes: text(`${header}${'产出指标 数量指标 培训人次 ≥100人次\n'.repeat(150_000)}`),
    },
    {
      name: 'bomb.docx',
      bytes: zipSync({ 'word/document.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 9 }),
    },
    {
      name: 'bomb.xlsx',
      bytes: zipSync(
        {
          '[Content_Types].xml': text('<Types/>'),
          'xl/workbook.xml': text('<workbook/>'),
          'xl/worksheets/sheet1.xml': new Uint8Array(160 * 1024 * 1024),
        },
        { level: 9 },
      ),
    },
  ];
}

describeEachDatabase('hostile uploads, limits and injection', (getDb) => {
  let app: FastifyInstance | null = null;
  let base = '';
  beforeAll(async () => {
    ({ app, base } = await listening(getDb, { auth: { loginPerIp: { max: 10_000, timeWindowMs: 60_000 } } }));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });
  const getApp = () => {
    if (!app) throw new Error('app not built');
    return app;
  };

  it('answers each hostile upload within the limit while /api/health keeps answering < 200 ms', async () => {
    const author = await signInHeaders(getApp(), 'author');
    // The worker pool starts with the first upload of a server's life; that start is not what is measured.
    const warm = multipart('warm.txt', strToU8(header));
    await fetch(`${base}/api/imports`, {
      method: 'POST',
      headers: { ...author, 'content-type': warm.type },
      body: new Uint8Array(warm.body),
    });
    const results: string[] = [];
    for (const file of hostileFiles()) {
      const { body, type } = multipart(file.name, file.bytes);
      const health = pollHealth(base);
      const started = performance.now();
      const response = await fetch(`${base}/api/imports`, {
        method: 'POST',
        headers: { ...author, 'content-type': type },
        body: new Uint8Array(body),
      });
      const problem = (await response.json()) as Problem;
      const ms = performance.now() - started;
      const slowestHealth = await health.stop();
      results.push(
        `${file.name}: ${response.status < 500 ? 'answered' : `${response.status} ${problem.code}`}${ms > uploadLimitMs ? ` in ${Math.round(ms)} ms` : ''}${slowestHealth >= (knownSlow[file.name] ?? healthLimitMs) ? `, health ${Math.round(slowestHealth)} ms` : ''}`,
      );
    }
    expect(results).toEqual(hostileFiles().map((f) => `${f.name}: answered`));
  }, 300_000);

  it('refuses texts and counts past the schema limits with the field path', async () => {
    const author = await signInHeaders(getApp(), 'author');
    const send = async (table: unknown) => {
      const response = await getApp().inject({
        method: 'POST',
        url: '/api/tables',
        headers: { ...author, 'content-type': 'application/json' },
        payload: JSON.stringify({ table }),
      });
      return { status: response.statusCode, path: (response.json() as Problem).path };
    };
    const longName = buildTable({ unit: unit(), year: 2026 });
    longName.name = '名'.repeat(tableLimits.name + 1);
    expect(await send(longName)).toEqual({ status: 400, path: 'table.name' });
    const many = buildTable({ unit: unit(), year: 2026 });
    many.indicators = Array.from({ length: tableLimits.indicators + 1 }, (_, i) =>
      buildIndicator('产出指标', '数量指标', `指标${i}`, '>=1个'),
    );
    expect(await send(many)).toEqual({ status: 400, path: 'table.indicators' });
    const hugeNote = buildTable({ unit: unit(), year: 2026 });
    hugeNote.narrative.overview = '概'.repeat(tableLimits.narrative + 1);
    expect(await send(hugeNote)).toEqual({ status: 400, path: 'table.narrative.overview' });
  });

  it('exports formulas and markup as text in Excel and Word (no formula cells, no field codes)', async () => {
    const author = await signInHeaders(getApp(), 'author');
    const formula = '=HYPERLINK("http://evil.example","点击")';
    const table = buildTable({ unit: unit(), year: 2026, name: `${formula}${Math.random()}` });
    table.indicators.push(
      buildIndicator('产出指标', '数量指标', '<w:fldSimple w:instr="INCLUDETEXT"/>', '+1+1'),
    );
    const created = await getApp().inject({
      method: 'POST',
      url: '/api/tables',
      headers: { ...author, 'content-type': 'application/json' },
      payload: JSON.stringify({ table }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };

    const xlsx = await getApp().inject({
      method: 'GET',
      url: `/api/tables/${id}/export.xlsx`,
      headers: author,
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    let formulas = 0;
    let seen = false;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas++;
          if (String(cell.value).includes('HYPERLINK')) seen = true;
        }),
      ),
    );
    expect(formulas).toBe(0);
    expect(seen).toBe(true);

    const docx = await getApp().inject({
      method: 'GET',
      url: `/api/tables/${id}/export.docx`,
      headers: author,
    });
    expect(docx.statusCode).toBe(200);
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']);
    expect(xml).not.toMatch(/<w:fldSimple|<w:instrText/);
    expect(xml).toContain('&lt;w:fldSimple');
  });
});
