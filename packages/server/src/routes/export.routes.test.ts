import { officialLayout } from '@jixiao/core/export/official-layout';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { updateStoredTable } from '@jixiao/db/testing/table-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { closeSharedBrowser } from '@jixiao/export/chromium';
import { buildSelfEvaluation, seedTable } from '@jixiao/export/testing/export-fixtures';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import { parseFile } from '@jixiao/import/parse-file';
import { extractPdfText } from '@jixiao/import/pdf/pdf-text';
import { importWorkbook } from '@jixiao/import/xlsx/xlsx-import';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

afterAll(closeSharedBrowser);

const fileName = encodeURIComponent('科创中心展厅运营经费-2020-财政项目支出绩效目标表');

describeEachDatabase('export API', (getDb) => {
  const getApp = useTestApp(getDb);

  beforeAll(async () => {
    // Signing in creates the demo organisations the stored tables belong to.
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  async function stored(table = seedTable(1)): Promise<string> {
    const author = demoUserFor('author');
    const record = await createTableRepository(getDb()).create(
      table,
      { userId: author.id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    return record.id;
  }

  it('serves the official form as a standalone HTML page, shown inline', async () => {
    const id = await stored();
    const res = await getApp().call('GET', `/api/tables/${id}/export.html`, { as: 'author' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="2020.html"; filename*=UTF-8''${fileName}.html`,
    );
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<h1 class="jx-title">财政项目支出绩效目标表</h1>');
    expect(res.text).toContain('rowspan="9"');
  });

  it('serves the form as a PDF download whose text is the form', async () => {
    const id = await stored();
    const res = await getApp().call('GET', `/api/tables/${id}/export.pdf`, { as: 'author' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/,
    );
    expect(res.headers['content-disposition']).toContain(`${fileName}.pdf`);
    const text = await extractPdfText(res.raw);
    expect(text).toContain('项目名称：\t科创中心展厅运营经费\t项目类别：\t经常性专项业务费');
  });

  it('serves an Excel workbook that imports back to the stored table', async () => {
    const id = await stored();
    const res = await getApp().call('GET', `/api/tables/${id}/export.xlsx?disposition=inline`, {
      as: 'author',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    const read = await importWorkbook(res.raw);
    expect(read.tables).toEqual([seedTable(1)]);
  });

  it('serves a Word document download whose tables hold the form and import back to the stored table', async () => {
    const id = await stored();
    const res = await getApp().call('GET', `/api/tables/${id}/export.docx`, { as: 'auditor' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="2020\.docx"; filename\*=UTF-8''/,
    );
    expect(res.headers['content-disposition']).toContain(`${fileName}.docx`);
    // A zip (PK) whose main part carries the form as table rows.
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
    const text = await extractDocxText(new Uint8Array(res.raw));
    expect(text).toContain('项目名称：\t科创中心展厅运营经费\t项目类别：\t经常性专项业务费\n');
    expect(text).toContain('投入与管理\t投入管理\t预算编制合理性\t合理\n');
    const parsed = await parseFile({ name: 'x.docx', bytes: new Uint8Array(res.raw) });
    expect(parsed.tables).toEqual([seedTable(1)]);
  });

  it('exports an earlier saved version when asked', async () => {
    const id = await stored();
    const author = demoUserFor('author');
    await updateStoredTable(getDb(), id, 1, { ...seedTable(1), name: '改名后的项目' }, { userId: author.id });
    const current = await getApp().call('GET', `/api/tables/${id}/export.html`, { as: 'author' });
    expect(current.text).toContain('改名后的项目');
    const first = await getApp().call('GET', `/api/tables/${id}/export.html?version=1`, { as: 'author' });
    expect(first.status).toBe(200);
    expect(first.text).toContain('科创中心展厅运营经费');
    expect(first.text).not.toContain('改名后的项目');
  });

  it('prints a self-evaluation table as the 自评表, in English labels when asked', async () => {
    const id = await stored(buildSelfEvaluation());
    const res = await getApp().call('GET', `/api/tables/${id}/export.html?locale=en`, {
      as: 'finance_reviewer',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain(officialLayout(buildSelfEvaluation(), 'en').title);
    expect(res.text).toContain('<html lang="en">');
  });

  it('answers problem+json for an unknown table, a missing version and an unsigned caller', async () => {
    const missing = await getApp().call<Problem>(
      'GET',
      '/api/tables/00000000-0000-4000-8000-000000000000/export.pdf',
      { as: 'author' },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('table.not_found');
    const id = await stored();
    const version = await getApp().call<Problem>('GET', `/api/tables/${id}/export.xlsx?version=7`, {
      as: 'author',
    });
    expect(version.body).toMatchObject({ code: 'table.version_not_found', path: 'version' });
    expect(version.status).toBe(404);
    const anonymous = await getApp().call<Problem>('GET', `/api/tables/${id}/export.html`, {
      as: 'anonymous',
    });
    expect(anonymous.status).toBe(401);
    const badLocale = await getApp().call<Problem>('GET', `/api/tables/${id}/export.html?locale=fr`, {
      as: 'author',
    });
    expect(badLocale.status).toBe(400);
  });
});
