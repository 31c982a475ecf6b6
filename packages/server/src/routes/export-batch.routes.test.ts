import { batchExportMaxTables } from '@jixiao/core/export/batch-export.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { closeSharedBrowser } from '@jixiao/export/chromium';
import { seedTable } from '@jixiao/export/testing/export-fixtures';
import { workbookCells } from '@jixiao/export/testing/workbook-text';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import { extractPdfText } from '@jixiao/import/pdf/pdf-text';
import { importWorkbook } from '@jixiao/import/xlsx/xlsx-import';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';
import { signInHeaders } from '../testing/test-auth.ts';

afterAll(closeSharedBrowser);

/** The zip's entries by name, as a user's unzip tool lists them. */
function entries(raw: Buffer): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(new Uint8Array(raw))));
}

/** Every cell's text of a workbook's first sheet, as Excel shows it. */
async function workbookText(bytes: Uint8Array): Promise<string> {
  return (await workbookCells(bytes, { firstSheetOnly: true })).join('\n');
}

const title = '财政项目支出绩效目标表';

describeEachDatabase('batch export API', (getDb) => {
  const getApp = useTestApp(getDb);

  beforeAll(async () => {
    // Signing in creates the demo organisations the stored tables belong to.
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  async function stored(table: PerformanceTable, unit: string = demoOrganisationIds.seedUnit) {
    const author = demoUserFor('author');
    const record = await createTableRepository(getDb()).create(
      table,
      { userId: author.id },
      { organisationId: unit },
    );
    return record.id;
  }

  it('zips one workbook per table for a finance reviewer, named as the single export names them', async () => {
    const first = await stored(seedTable(0));
    const second = await stored(seedTable(2), demoOrganisationIds.examinationAuthority);
    const res = await getApp().call('POST', '/api/tables/export', {
      as: 'finance_reviewer',
      body: { ids: [first, second, first], format: 'xlsx', locale: 'zh' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="2.zip"; filename*=UTF-8''${encodeURIComponent('绩效目标表-2张.zip')}`,
    );
    const zip = entries(res.raw);
    expect([...zip.keys()]).toEqual([
      `科创中心建设工作经费-2020-${title}.xlsx`,
      `未来公园展厅运营经费-2020-${title}.xlsx`,
    ]);
    const [a, b] = [...zip.values()] as [Uint8Array, Uint8Array];
    expect(await workbookText(a)).toContain('科创中心建设工作经费');
    expect(await workbookText(b)).toContain('未来公园展厅运营经费');
    expect((await importWorkbook(Buffer.from(b))).tables).toEqual([seedTable(2)]);
  });

  it('zips Word documents for an auditor; equal names get a number', async () => {
    const first = await stored(seedTable(1));
    const twin = await stored(seedTable(1));
    const res = await getApp().call('POST', '/api/tables/export', {
      as: 'auditor',
      body: { ids: [first, twin], format: 'docx', locale: 'zh' },
    });
    expect(res.status).toBe(200);
    const zip = entries(res.raw);
    const name = `科创中心展厅运营经费-2020-${title}`;
    expect([...zip.keys()]).toEqual([`${name}.docx`, `${name} (2).docx`]);
    for (const bytes of zip.values()) {
      const text = await extractDocxText(bytes);
      expect(text).toContain('项目名称：\t科创中心展厅运营经费\t项目类别：\t经常性专项业务费\n');
    }
  });

  it('zips printed PDFs with English labels for a department reviewer', async () => {
    const first = await stored(seedTable(0));
    const second = await stored(seedTable(1));
    const res = await getApp().call('POST', '/api/tables/export', {
      as: 'department_reviewer',
      body: { ids: [first, second], format: 'pdf', locale: 'en' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="target-tables-2.zip"; filename*=UTF-8''target-tables-2.zip`,
    );
    const zip = entries(res.raw);
    expect(zip.size).toBe(2);
    const texts = await Promise.all([...zip.values()].map((bytes) => extractPdfText(Buffer.from(bytes))));
    expect(texts[0]).toContain('科创中心建设工作经费');
    expect(texts[1]).toContain('科创中心展厅运营经费');
    expect(texts[0]).toContain('Project name');
    for (const name of zip.keys()) expect(name).toMatch(/^科创中心.+-2020-.+\.pdf$/);
  });

  it('exports nothing when one table may not be read or does not exist: 404 naming the id', async () => {
    const own = await stored(seedTable(0));
    const other = await stored(seedTable(2), demoOrganisationIds.examinationAuthority);
    const forbidden = await getApp().call<Problem>('POST', '/api/tables/export', {
      as: 'author',
      body: { ids: [own, other], format: 'xlsx', locale: 'zh' },
    });
    expect(forbidden.status).toBe(404);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(forbidden.body).toMatchObject({ code: 'table.not_found', path: 'ids.1' });
    expect(forbidden.body.zh).toContain(other);
    expect(forbidden.body.en).toContain(other);
    expect(forbidden.body.zh).toContain('没有导出任何表');
    // The same table is readable one at a time only to its readers, too: the policies agree.
    const single = await getApp().call('GET', `/api/tables/${other}/export.xlsx`, { as: 'author' });
    expect(single.status).toBe(403);

    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await getApp().call<Problem>('POST', '/api/tables/export', {
      as: 'finance_reviewer',
      body: { ids: [unknown], format: 'pdf', locale: 'zh' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'table.not_found', path: 'ids.0' });
  });

  it('refuses more than 200 ids, an empty list and an unknown format with the failing path; anonymous callers sign in first', async () => {
    const id = await stored(seedTable(0));
    const tooMany = await getApp().call<Problem>('POST', '/api/tables/export', {
      as: 'finance_reviewer',
      body: { ids: Array.from({ length: batchExportMaxTables + 1 }, () => id), format: 'xlsx', locale: 'zh' },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ code: 'request.invalid', path: 'ids' });
    expect(tooMany.body.zh).toContain('ids');
    const none = await getApp().call<Problem>('POST', '/api/tables/export', {
      as: 'finance_reviewer',
      body: { ids: [], format: 'xlsx', locale: 'zh' },
    });
    expect(none.status).toBe(400);
    expect(none.body.path).toBe('ids');
    const html = await getApp().call<Problem>('POST', '/api/tables/export', {
      as: 'finance_reviewer',
      body: { ids: [id], format: 'html', locale: 'zh' },
    });
    expect(html.status).toBe(400);
    expect(html.body.path).toBe('format');
    const anonymous = await getApp().call<Problem>('POST', '/api/tables/export', {
      as: 'anonymous',
      body: { ids: [id], format: 'xlsx', locale: 'zh' },
    });
    expect(anonymous.status).toBe(401);
  });

  describe('one running batch per user', () => {
    const batch = (ids: string[], format: 'pdf' | 'xlsx' = 'xlsx') => ({ ids, format, locale: 'zh' });

    it('answers a second simultaneous batch of the same user 429, frees the slot when it ends; other users go on', async () => {
      const ids = await Promise.all([0, 1, 2, 0, 1, 2].map((i) => stored(seedTable(i))));
      // Signed in before, so both requests of a pair start at once.
      for (const as of ['finance_reviewer', 'auditor'] as const)
        await getApp().call('GET', '/api/health', { as });
      const [a, b] = await Promise.all([
        getApp().call<Problem>('POST', '/api/tables/export', { as: 'finance_reviewer', body: batch(ids) }),
        getApp().call<Problem>('POST', '/api/tables/export', { as: 'finance_reviewer', body: batch(ids) }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 429]);
      const refused = a.status === 429 ? a : b;
      const served = a.status === 429 ? b : a;
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'export.batch_running',
        zh: '您的一个批量导出仍在进行，请等它完成或取消后再试',
      });
      expect(refused.body.en).toContain('A batch export of yours is still running');
      expect(entries(served.raw).size).toBe(6);
      // The first one has finished: the next batch of the same user goes through.
      expect(
        (await getApp().call('POST', '/api/tables/export', { as: 'finance_reviewer', body: batch(ids) }))
          .status,
      ).toBe(200);
      // Two users at once each get their batch.
      const both = await Promise.all(
        (['finance_reviewer', 'auditor'] as const).map((as) =>
          getApp().call('POST', '/api/tables/export', { as, body: batch(ids) }),
        ),
      );
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      expect(both.map((r) => entries(r.raw).size)).toEqual([6, 6]);
      // A refused batch (an unknown table) does not keep the slot either.
      const unknown = await getApp().call('POST', '/api/tables/export', {
        as: 'finance_reviewer',
        body: batch(['00000000-0000-4000-8000-000000000000']),
      });
      expect(unknown.status).toBe(404);
      expect(
        (await getApp().call('POST', '/api/tables/export', { as: 'finance_reviewer', body: batch(ids) }))
          .status,
      ).toBe(200);
    });

    it('frees the slot when the client aborts a download mid-way', async () => {
      const app = getApp().app;
      // Over real HTTP, where a client can close the connection mid-download; the app closes it after the suite.
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => stored(seedTable(i % 3))));
        const headers = {
          ...(await signInHeaders(app, 'department_reviewer')),
          'content-type': 'application/json',
        };
        const controller = new AbortController();
        const started = Date.now();
        const response = await fetch(`${address}/api/tables/export`, {
          method: 'POST',
          headers,
          body: JSON.stringify(batch(ids, 'pdf')),
          signal: controller.signal,
        });
        expect(response.status).toBe(200);
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        const chunk = await reader.read();
        expect(chunk.value?.byteLength).toBeGreaterThan(0);
        // Mid-way (we read one chunk and stop): the same user's next batch waits.
        const meanwhile = await getApp().call<Problem>('POST', '/api/tables/export', {
          as: 'department_reviewer',
          body: batch(ids.slice(0, 1)),
        });
        expect(meanwhile.status).toBe(429);
        controller.abort();
        await reader.cancel().catch(() => undefined);
        const aborted = Date.now();
        // Polled as a user would retry: the slot comes free once the files already printing are done.
        let status = 429;
        while (status === 429 && Date.now() - aborted < 15_000) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          status = (
            await getApp().call('POST', '/api/tables/export', {
              as: 'department_reviewer',
              body: batch(ids.slice(0, 1)),
            })
          ).status;
        }
        expect(status).toBe(200);
        console.info(
          `batch export abort: aborted ${aborted - started} ms after the request, slot free ${Date.now() - aborted} ms after the abort`,
        );
      } finally {
        // Undici may keep a spare connection open that never carries a request; the app's close would wait on it.
        app.server.closeAllConnections();
      }
    });
  });
});
