import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { createUser } from '@jixiao/db/accounts.repository';
import { demoOrganisationIds, demoOrganisations, demoPassword, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
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
const scenarioTables: Record<Exclude<Scenario, 'none'>, { unit: string; path: TableStatus[] }> = {
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
    const { unit, path } = scenarioTables[scenario];
    const store = createTableRepository(getDb());
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
  ): Promise<{ url: string; body?: unknown }> {
    const [, pattern = ''] = row.route.split(' ');
    unique += 1;
    let id = fixture.tableId ?? '00000000-0000-4000-8000-000000000000';
    let body: unknown;
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
      case 'PATCH /api/users/:id':
      case 'POST /api/users/:id/password':
      case 'POST /api/users/:id/unlock': {
        const user = await createUser(
          getDb(),
          {
            username: `target${unique}`,
            displayName: '目标',
            organisationId: null,
            roles: ['author'],
            passwordHash: 'x',
          },
          null,
        );
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
      case 'POST /api/tables/:id/transitions':
        body = { action: transitionFor[row.scenario], expectedVersion: fixture.version, comment: '矩阵测试' };
        break;
      case 'POST /api/tables/:id/reviews':
        body = {
          expectedVersion: fixture.version,
          criteria: { completeness: '优', relevance: '优', appropriateness: '优', feasibility: '优' },
          overall: '优',
          decision: reviewDecisionFor[row.scenario],
          comments: [],
        };
        break;
    }
    const url = pattern.replace(/:id\b/, id).replace('*', 'index.css');
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
      for (const caller of callers) {
        const fixture = await buildFixture(row.scenario);
        const { url, body } = await buildRequest(row, fixture, caller);
        // Sign-out ends the session it is called with: give it a session of its own.
        const headers =
          row.route === 'POST /api/auth/logout'
            ? await signInHeaders(getApp(), caller)
            : (sessions.get(caller) ?? {});
        const [method] = row.route.split(' ') as [Method];
        const response = await getApp().inject({
          method,
          url,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
        const allowed = row.allow.includes(caller);
        const denial = caller === 'anonymous' ? 401 : 403;
        const status = response.statusCode;
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
