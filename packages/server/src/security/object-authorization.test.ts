import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoPassword } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { updateStoredTable } from '@jixiao/db/testing/table-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { csrfCookie, csrfHeader, sessionCookie } from '../auth/auth.plugin.ts';
import { useTestApp } from '../testing/test-app.ts';

// Object-level authorisation (IDOR): the matrix test calls each route as one user per role of the
// demo's own unit; here a user of ANOTHER unit (author2, 上海市教育考试院 under another department) and
// the department reviewer of the wrong department try the ids of the seed unit's objects.

const seedPath = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'seed.txt');

describeEachDatabase('object-level authorisation', (getDb) => {
  const getApp = useTestApp(getDb, { auth: { loginPerIp: { max: 10_000, timeWindowMs: 60_000 } } });

  async function signIn(username: string): Promise<Record<string, string>> {
    const app = getApp().app;
    const anonymous = await getApp().call<{ csrfToken: string }>('GET', '/api/auth/me', { as: 'anonymous' });
    expect(anonymous.status).toBe(200);
    const csrf = anonymous.body.csrfToken;
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `${csrfCookie}=${csrf}`, [csrfHeader]: csrf },
      payload: { username, password: demoPassword },
    });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.cookies.find((c) => c.name === sessionCookie)?.value;
    const token = (login.json() as { csrfToken: string }).csrfToken;
    return { cookie: `${sessionCookie}=${session}; ${csrfCookie}=${token}`, [csrfHeader]: token };
  }

  async function tableOf(unit: string, path: TableStatus[]): Promise<{ id: string; version: number }> {
    const store = createTableRepository(getDb());
    let record = await store.create(
      buildTable({ name: `IDOR ${Math.random()}` }),
      { userId: null },
      {
        organisationId: unit,
      },
    );
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return { id: record.id, version: record.version };
  }

  it("refuses another unit's author every read and write of a draft, its history and its import", async () => {
    // Make sure the demo accounts exist before author2 signs in.
    await getApp().call('GET', '/api/auth/me', { as: 'author' });
    const other = await signIn('author2');
    const draft = await tableOf(demoOrganisationIds.seedUnit, []);
    const updated = await getApp().call<{ version: number }>('PUT', `/api/tables/${draft.id}`, {
      body: { version: draft.version, table: buildTable({ name: 'IDOR v2' }) },
    });
    expect(updated.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await readFile(seedPath))]), 'seed.txt');
    const preview = await getApp().call<{ importId: string }>('POST', '/api/imports', { body: form });
    expect(preview.status).toBe(201);

    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/tables/${draft.id}`],
      ['GET', `/api/tables/${draft.id}/versions`],
      ['GET', `/api/tables/${draft.id}/versions/1`],
      ['GET', `/api/tables/${draft.id}/diff?from=1&to=2`],
      ['GET', `/api/tables/${draft.id}/comments`],
      ['GET', `/api/tables/${draft.id}/reviews`],
      ['GET', `/api/tables/${draft.id}/findings`],
      ['GET', `/api/tables/${draft.id}/export.html`],
      ['GET', `/api/tables/${draft.id}/export.pdf`],
      ['GET', `/api/tables/${draft.id}/monitoring/6`],
      ['GET', `/api/tables/${draft.id}/self-evaluation`],
      ['PUT', `/api/tables/${draft.id}`, { version: 2, table: buildTable({ name: 'stolen' }) }],
      ['DELETE', `/api/tables/${draft.id}`],
      ['POST', `/api/tables/${draft.id}/transitions`, { action: 'submit', expectedVersion: 2 }],
      ['GET', `/api/imports/${preview.body.importId}`],
      ['GET', `/api/imports/${preview.body.importId}/file`],
      ['POST', `/api/imports/${preview.body.importId}/confirm`, { tables: [buildTable()] }],
    ];
    const outcomes: string[] = [];
    for (const [method, url, body] of attempts) {
      const response = await getApp().app.inject({
        method: method as 'GET',
        url,
        headers: body === undefined ? other : { ...other, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      outcomes.push(`${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} ${response.statusCode}`);
    }
    expect(outcomes).toEqual(attempts.map(([m, u]) => `${m} ${u.replace(/[0-9a-f-]{36}/g, ':id')} 403`));
    // Nor does the list or a search give it away.
    const list = await getApp().app.inject({ method: 'GET', url: '/api/tables?q=IDOR', headers: other });
    expect((list.json() as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(draft.id);
    // The owner still sees it (the refusals above are about who asks, not a broken table).
    expect((await getApp().call('GET', `/api/tables/${draft.id}`)).status).toBe(200);
  });

  it("refuses a department reviewer the tables of another department's units", async () => {
    const submitted = await tableOf(demoOrganisationIds.examinationAuthority, ['submitted']);
    const review = await getApp().call('POST', `/api/tables/${submitted.id}/reviews`, {
      as: 'department_reviewer',
      body: {
        expectedVersion: submitted.version,
        criteria: { completeness: '优', relevance: '优', appropriateness: '优', feasibility: '优' },
        overall: '优',
        decision: 'forward',
        comments: [],
      },
    });
    expect(review.status).toBe(403);
    const move = await getApp().call('POST', `/api/tables/${submitted.id}/transitions`, {
      as: 'department_reviewer',
      body: { action: 'forward', expectedVersion: submitted.version, comment: 'x' },
    });
    expect(move.status).toBe(403);
    const read = await getApp().call('GET', `/api/tables/${submitted.id}/comments`, {
      as: 'department_reviewer',
    });
    expect(read.status).toBe(403);
  });

  it('shows anonymous visitors nothing unpublished: tables, history, diffs, originals, public pages', async () => {
    const approved = await tableOf(demoOrganisationIds.seedUnit, [
      'submitted',
      'department_reviewed',
      'approved',
    ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await readFile(seedPath))]), 'seed.txt');
    const preview = await getApp().call<{ importId: string }>('POST', '/api/imports', { body: form });
    const urls = [
      `/api/tables/${approved.id}`,
      `/api/tables/${approved.id}/versions`,
      `/api/tables/${approved.id}/versions/1`,
      `/api/tables/${approved.id}/diff?from=1&to=2`,
      `/api/tables/${approved.id}/export.html`,
      `/api/tables/${approved.id}/workflow`,
      `/api/imports/${preview.body.importId}/file`,
    ];
    for (const url of urls) {
      const response = await getApp().call('GET', url, { as: 'anonymous' });
      expect(response.status, url).toBe(401);
    }
    for (const url of [`/api/public/tables/${approved.id}`, `/api/public/tables/${approved.id}/export.pdf`]) {
      const response = await getApp().call('GET', url, { as: 'anonymous' });
      expect(response.status, url).toBe(404);
    }
    const list = await getApp().call('GET', '/api/tables', { as: 'anonymous' });
    expect(list.status).toBe(401);
  });

  it('serves anonymous visitors only the published version of a published table, through the portal', async () => {
    const store = createTableRepository(getDb());
    const first = await store.create(
      buildTable({ name: '初稿 unpublished draft' }),
      { userId: null },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    let record = await updateStoredTable(
      getDb(),
      first.id,
      first.version,
      buildTable({ name: '公开版 published' }),
      {
        userId: null,
      },
    );
    for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    const urls = [
      `/api/tables/${record.id}`,
      `/api/tables/${record.id}/self-evaluation`,
      `/api/tables/${record.id}/findings`,
      `/api/tables/${record.id}/workflow`,
      `/api/tables/${record.id}/export.html?version=1`,
      `/api/tables/${record.id}/export.pdf?version=1`,
      `/api/tables/${record.id}/export.xlsx?version=1`,
      `/api/tables/${record.id}/export.docx?version=1`,
      `/api/tables/${record.id}/export.html`,
      '/api/tables?q=unpublished',
    ];
    for (const url of urls) {
      const response = await getApp().call('GET', url, { as: 'anonymous' });
      expect(response.status, url).toBe(401);
      expect(response.text, url).not.toContain('unpublished');
    }
    const published = await getApp().call('GET', `/api/public/tables/${record.id}/export.html`, {
      as: 'anonymous',
    });
    expect(published.status).toBe(200);
    expect(published.text).toContain('公开版 published');
    expect(published.text).not.toContain('unpublished');
  });
});
