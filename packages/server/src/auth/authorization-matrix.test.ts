import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LibraryEntryInput } from '@jixiao/core/library/indicator-library.schema';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { insertUser } from '@jixiao/db/accounts.repository';
import { demoOrganisationIds, demoOrganisations, demoPassword, demoUserFor } from '@jixiao/db/accounts-demo';
import { insertLibraryEntry } from '@jixiao/db/indicator-library.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { storePreview } from '@jixiao/db/testing/table-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { signInHeaders } from '../testing/test-auth.ts';
import {
  authorizationMatrix,
  type Caller,
  callers,
  type MatrixRow,
  type Scenario,
} from './authorization-matrix.ts';
import { seedDemoAccounts } from './demo-accounts.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Fixture {
  tableId: string | null;
  version: number;
}

// Each scenario's table: which unit it belongs to and the statuses it walks through to get there.
const scenarioTables: Record<
  Exclude<Scenario, 'none' | 'own-import'>,
  { unit: string; path: TableStatus[] }
> = {
  'own-draft': { unit: demoOrganisationIds.seedUnit, path: [] },
  'own-submitted': { unit: demoOrganisationIds.seedUnit, path: ['submitted'] },
  'own-department-reviewed': {
    unit: demoOrganisationIds.seedUnit,
    path: ['submitted', 'department_reviewed'],
  },
  'own-approved': {
    unit: demoOrganisationIds.seedUnit,
    path: ['submitted', 'department_reviewed', 'approved'],
  },
  'own-published': {
    unit: demoOrganisationIds.seedUnit,
    path: ['submitted', 'department_reviewed', 'approved', 'published'],
  },
  'other-draft': { unit: demoOrganisationIds.examinationAuthority, path: [] },
  'other-published': {
    unit: demoOrganisationIds.examinationAuthority,
    path: ['submitted', 'department_reviewed', 'approved', 'published'],
  },
};

// The one legal move in each scenario, so that an allowed caller's call succeeds and a denied one's
// can only fail on authorisation.
const transitionFor: Partial<Record<Scenario, string>> = {
  'own-draft': 'submit',
  'own-submitted': 'forward',
  'own-department-reviewed': 'approve',
  'own-approved': 'publish',
  'other-draft': 'submit',
};
const reviewDecisionFor: Partial<Record<Scenario, string>> = {
  'own-submitted': 'forward',
  'own-department-reviewed': 'approve',
};

let unique = 0;

// The seed document as a browser would upload it (multipart field "file").
const boundary = 'jixiao-matrix-boundary';
const multipartType = `multipart/form-data; boundary=${boundary}`;
const multipartSeed = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="seed.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  ),
  readFileSync(join(import.meta.dirname, '../../../../fixtures/seed.txt')),
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);

describeEachDatabase('authorisation matrix', (getDb) => {
  let app: FastifyInstance | null = null;
  const routes = new Set<string>();
  const sessions = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    app = await buildApp({
      db: getDb(),
      webDist: null,
      // Many sign-ins from one address: rate limits have their own test.
      auth: { loginPerIp: { max: 10_000, timeWindowMs: 60_000 } },
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          // HEAD routes are Fastify's automatic twins of GET routes.
          if (method !== 'HEAD' && route.url.startsWith('/api')) routes.add(`${method} ${route.url}`);
        }
      },
    });
    await app.ready();
    await seedDemoAccounts(getDb());
    for (const caller of callers) sessions.set(caller, await signInHeaders(app, caller));
  });
  afterAll(async () => {
    await app?.close();
  });

  function getApp(): FastifyInstance {
    if (!app) throw new Error('app not built');
    return app;
  }

  async function buildFixture(scenario: Scenario): Promise<Fixture> {
    if (scenario === 'none') return { tableId: null, version: 0 };
    const store = createTableRepository(getDb());
    if (scenario === 'own-import') {
      const preview = await storePreview(getDb(), {
        source: { name: 'seed.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode('项目名称') },
        sourceText: '项目名称',
        tables: [buildTable()],
        warnings: [],
        actor: { userId: null },
        organisationId: demoOrganisationIds.seedUnit,
      });
      return { tableId: preview.id, version: 0 };
    }
    const { unit, path } = scenarioTables[scenario];
    const unitName = demoOrganisations.find((o) => o.id === unit)?.name ?? '';
    let record = await store.create(
      buildTable({ unit: unitName }),
      { userId: null },
      { organisationId: unit },
    );
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return { tableId: record.id, version: record.version };
  }

  async function buildRequest(
    row: MatrixRow,
    fixture: Fixture,
    caller: Caller,
  ): Promise<{ url: string; body?: unknown; multipart?: boolean }> {
    const [, pattern = ''] = row.route.split(' ');
    unique += 1;
    let id = fixture.tableId ?? '00000000-0000-4000-8000-000000000000';
    let body: unknown;
    let multipart = false;
    switch (row.route) {
      case 'POST /api/auth/login':
        body = {
          username: demoUserFor(caller === 'anonymous' ? 'author' : caller).username,
          password: demoPassword,
        };
        break;
      case 'POST /api/users':
        body = {
          username: `matrix${unique}`,
          displayName: '矩阵',
          organisationId: null,
          roles: ['author'],
          password: 'matrix-pass-1',
        };
        break;
      case 'POST /api/auth/password':
        // A wrong current password: the call passes authorisation and changes nothing.
        body = { currentPassword: 'not-the-password', newPassword: 'Matrix-new-pass-1' };
        break;
      case 'PATCH /api/users/:id':
      case 'POST /api/users/:id/password': {
        const user = await insertUser(getDb(), {
          username: `target${unique}`,
          displayName: '目标',
          organisationId: null,
          roles: ['author'],
          passwordHash: 'x',
        });
        id = user.id;
        body = row.route.endsWith('password')
          ? { password: 'new-pass-123' }
          : row.route.startsWith('PATCH')
            ? { displayName: '改名' }
            : undefined;
        break;
      }
      case 'POST /api/organisations':
        body = { name: `矩阵单位${unique}`, kind: 'unit', parentId: demoOrganisationIds.scienceCommission };
        break;
      case 'PATCH /api/organisations/:id':
        id = demoOrganisationIds.examinationAuthority;
        body = { name: '上海市教育考试院' };
        break;
      case 'POST /api/indicator-library':
        body = {
          frameworkId: 'national-2020',
          level1: '产出指标',
          level2: '数量指标',
          name: `矩阵指标${unique}`,
        };
        break;
      case 'PUT /api/indicator-library/:id': {
        const name = `矩阵指标${unique}`;
        body = { frameworkId: 'national-2020', level1: '产出指标', level2: '数量指标', name };
        id = (await insertLibraryEntry(getDb(), body as LibraryEntryInput, { userId: null })).entry.id;
        break;
      }
      case 'POST /api/tables':
        body = { table: buildTable() };
        break;
      case 'PUT /api/tables/:id':
        body = { version: fixture.version, table: buildTable({ name: `改名${unique}` }) };
        break;
      case 'POST /api/tables/:id/copy':
        body = {};
        break;
      case 'POST /api/imports/:id/confirm':
        body = { tables: [buildTable()] };
        break;
      case 'POST /api/imports':
      case 'POST /api/tables/:id/rectifications/:taskId/evidence':
        multipart = true;
        break;
      case 'POST /api/imports/:id/mapping':
        body = { mapping: { region: { line: 1, endLine: 1 }, roles: ['level3'] } };
        break;
      case 'POST /api/layout-templates':
        body = {
          name: `矩阵模板${unique}`,
          importId: id,
          mapping: { region: { line: 1, endLine: 1 }, roles: ['level3'] },
        };
        break;
      case 'PUT /api/budget-years':
        // A region no table follows, so the calendar of the other rows stays as it was.
        body = { region: '矩阵区', year: 2040, draftingOpen: true, cutOffMonth: 7, selfEvaluationOpen: true };
        break;
      case 'POST /api/tables/export':
        body = { ids: [id], format: 'xlsx', locale: 'zh' };
        break;
      case 'PUT /api/tables/:id/monitoring/:month':
        body = { budget: { annual: 100, executed: 10 }, indicators: [] };
        break;
      case 'PUT /api/tables/:id/self-evaluation':
        body = { budget: { adjusted: 100, executed: 90 }, indicators: [] };
        break;
      case 'POST /api/tables/:id/self-evaluation/adjustments':
        body = { target: 'execution', score: 9, reason: '矩阵测试' };
        break;
      case 'POST /api/tables/:id/self-evaluation/decisions':
        body = { target: 'execution', accept: 'rule', reason: '矩阵测试' };
        break;
      case 'POST /api/tables/:id/rectifications':
        body = { deadline: '2040-06-30' };
        break;
      case 'POST /api/tables/:id/rectifications/answer':
        body = { taskId: '00000000-0000-4000-8000-000000000000', measures: '矩阵测试' };
        break;
      case 'POST /api/tables/:id/rectifications/close':
      case 'POST /api/tables/:id/rectifications/return':
        body = { taskId: '00000000-0000-4000-8000-000000000000', note: '矩阵测试' };
        break;
      case 'PUT /api/tables/:id/ex-ante':
        body = {
          scores: ['necessity', 'economy', 'targets', 'feasibility', 'funding'].map((dimension) => ({
            dimension,
            score: 16,
            evidence: '矩阵测试',
          })),
          conclusion: 'support',
          opinion: '矩阵测试',
        };
        break;
      case 'PUT /api/tables/:id/linkage':
        body = { decision: 'keep', reason: '矩阵测试' };
        break;
      case 'POST /api/tables/:id/transitions':
        // The reason lets an approval over the factory table's automatic-review errors through.
        body = {
          action: transitionFor[row.scenario],
          expectedVersion: fixture.version,
          comment: '矩阵测试',
          reason: '矩阵测试',
        };
        break;
      case 'POST /api/tables/:id/reviews':
        body = {
          expectedVersion: fixture.version,
          criteria: { completeness: '优', relevance: '优', appropriateness: '优', feasibility: '优' },
          overall: '优',
          decision: reviewDecisionFor[row.scenario],
          comments: [],
          reason: '矩阵测试',
        };
        break;
    }
    let url = pattern
      .replace(/:id\b/, id)
      .replace(':version', String(Math.max(1, fixture.version)))
      .replace(':month', '6')
      // No such task or file: a caller let through gets 404, one refused 401/403 before that is looked up.
      .replace(':taskId', '00000000-0000-4000-8000-000000000000')
      .replace(':fileId', '00000000-0000-4000-8000-000000000001')
      .replace(':scope/:key', 'address/203.0.113.9')
      .replace('*', 'index.css');
    if (row.route.endsWith('/diff')) url += '?from=1&to=2';
    if (multipart) return { url, multipart };
    return body === undefined ? { url } : { url, body };
  }

  it('lists every route of the app, and only routes the app has', () => {
    const inMatrix = new Set(authorizationMatrix.map((r) => r.route));
    const missing = [...routes].filter((route) => !inMatrix.has(route)).sort();
    const stale = [...inMatrix].filter((route) => !routes.has(route)).sort();
    expect(missing, 'routes missing from authorization-matrix.ts').toEqual([]);
    expect(stale, 'rows of authorization-matrix.ts for routes the app no longer has').toEqual([]);
  });

  for (const row of authorizationMatrix) {
    it(`${row.route} (${row.scenario}): ${row.allow.join(', ') || 'nobody'}`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      const [method] = row.route.split(' ') as [Method];
      // Reads change nothing, so all callers share one record. A write refused with 401/403 changes
      // nothing either, so the next caller may reuse its record; any other answer (the write went through,
      // or failed after authorisation) may have changed it, and the next caller gets a fresh one.
      const reads = method === 'GET';
      let fixture: Fixture | null = null;
      for (const caller of callers) {
        fixture ??= await buildFixture(row.scenario);
        const { url, body, multipart } = await buildRequest(row, fixture, caller);
        // Signing in or out ends the session it is called with: give those a session of their own.
        const headers =
          row.route === 'POST /api/auth/logout' || row.route === 'POST /api/auth/login'
            ? await signInHeaders(getApp(), caller)
            : (sessions.get(caller) ?? {});
        const response = await getApp().inject(
          multipart
            ? { method, url, headers: { ...headers, 'content-type': multipartType }, payload: multipartSeed }
            : {
                method,
                url,
                headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
                ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
              },
        );
        const allowed = row.allow.includes(caller);
        const denial = caller === 'anonymous' ? 401 : 403;
        const status = response.statusCode;
        if (!reads && status !== 401 && status !== 403) fixture = null;
        const outcome = allowed
          ? status === 401 || status === 403 || status >= 500
            ? `${status}`
            : 'ok'
          : `${status}`;
        outcomes.push(
          `${caller}: ${outcome}${outcome !== 'ok' && status !== denial ? ` ${response.body.slice(0, 160)}` : ''}`,
        );
        expected.push(`${caller}: ${allowed ? 'ok' : denial}`);
      }
      expect(outcomes).toEqual(expected);
    });
  }
});
