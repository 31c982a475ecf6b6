import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisations, demoUserFor } from '@jixiao/db/accounts-demo';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

// Hostile values in ordinary requests. Each must answer a 4xx problem+json with a stable code
// (400 for a value out of range, 404 for a version that cannot exist), and the server must go on.

const seedUnit = () =>
  demoOrganisations.find((o) => o.id === demoUserFor('author').organisationId)?.name ??
  '上海推进科技创新中心建设办公室';

function expectProblem(status: number, body: unknown, expected: number[]) {
  expect(expected, JSON.stringify(body).slice(0, 300)).toContain(status);
  const problem = body as Problem;
  expect(typeof problem.code).toBe('string');
  expect(problem.zh).toBeTruthy();
  expect(problem.en).toBeTruthy();
}

describeEachDatabase('hostile input answers 4xx, never 500', (getDb) => {
  const getApp = useTestApp(getDb, { auth: { loginPerIp: { max: 10_000, timeWindowMs: 60_000 } } });

  async function createTable(): Promise<{ id: string; version: number }> {
    const created = await getApp().call<{ id: string; version: number }>('POST', '/api/tables', {
      body: { table: buildTable({ unit: seedUnit(), year: 2026, name: `敌意输入${Math.random()}` }) },
    });
    expect(created.status, created.text).toBe(201);
    return created.body;
  }

  it('refuses lone surrogates in a table (400 with the field path)', async () => {
    for (const name of ['\uD800', `项目\uDC00名称`, `a\uDBFFb`]) {
      const table = buildTable({ unit: seedUnit(), year: 2026 });
      table.name = name;
      const response = await getApp().call('POST', '/api/tables', { body: { table } });
      expectProblem(response.status, response.body, [400]);
      expect((response.body as Problem).path).toBe('table.name');
    }
    // In a query string too.
    const search = await getApp().call('GET', '/api/tables?q=%ED%A0%80');
    expect(search.status).toBeLessThan(500);
  });

  it('answers a 3,000-character CJK name with 201 or 400, not 500', async () => {
    const table = buildTable({ unit: seedUnit(), year: 2026 });
    table.name = '绩'.repeat(3_000);
    const response = await getApp().call('POST', '/api/tables', { body: { table } });
    if (response.status !== 201) expectProblem(response.status, response.body, [400]);
  });

  it('refuses an amount past what the database keeps (currentYear: 1e20) with the field path', async () => {
    const table = buildTable({ unit: seedUnit(), year: 2026, name: `大额${Math.random()}` });
    table.budget.currentYear = 1e20;
    const response = await getApp().call('POST', '/api/tables', { body: { table } });
    expectProblem(response.status, response.body, [400]);
    expect((response.body as Problem).path).toBe('table.budget.currentYear');
  });

  it('answers a version id past the integer range with 400 or 404', async () => {
    const { id } = await createTable();
    for (const url of [
      `/api/tables/${id}/versions/99999999999`,
      `/api/tables/${id}/versions/1e20`,
      `/api/tables/${id}/diff?from=1&to=99999999999`,
      `/api/tables/${id}/export.html?version=99999999999`,
      `/api/tables?year=99999999999`,
      `/api/public/tables?year=1e20`,
    ]) {
      const response = await getApp().call('GET', url);
      expectProblem(response.status, response.body, [400, 404]);
    }
  });

  it('answers a truncated multipart upload with 400', async () => {
    const boundary = 'hostile-boundary';
    const full = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n`,
      ),
      Buffer.from('项目名称：测试\n'.repeat(200)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    for (const cut of [full.length - 10, Math.floor(full.length / 2), 40]) {
      const response = await getApp().call('POST', '/api/imports', {
        body: full.subarray(0, cut),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expectProblem(response.status, response.body, [400]);
    }
    expect((await getApp().call('GET', '/api/health')).status).toBe(200);
  });
});
