import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoPassword, demoUserFor } from '@jixiao/db/accounts-demo';
import { queryAuditLog } from '@jixiao/db/audit-query.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppOptions, buildApp, trustProxyFromEnv } from '../app.ts';
import { signInHeaders } from '../testing/test-auth.ts';
import { csrfCookie, csrfHeader, sessionCookie } from './auth.plugin.ts';
import { seedDemoAccounts } from './demo-accounts.ts';

// A visitor's browser: keeps cookies between requests and echoes the CSRF cookie like the web client.
function buildBrowser(app: FastifyInstance, ip = '127.0.0.1') {
  const jar = new Map<string, string>();
  async function send(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get(csrfCookie);
    const response = await app.inject({
      method,
      url,
      remoteAddress: ip,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { [csrfHeader]: csrf } : {}), ...extra },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() <= Date.now())) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  }
  return {
    jar,
    send,
    async login(username: string, password: string) {
      if (!jar.has(csrfCookie)) await send('GET', '/api/auth/me');
      return send('POST', '/api/auth/login', { username, password });
    },
  };
}

function problem(response: LightMyRequestResponse): Problem {
  return response.json() as Problem;
}

function useApp(
  getDb: Parameters<Parameters<typeof describeEachDatabase>[1]>[0],
  auth: AppOptions['auth'] = {},
  trustProxy = false,
) {
  let app: FastifyInstance | null = null;
  beforeAll(async () => {
    app = await buildApp({ db: getDb(), webDist: null, auth, trustProxy });
    await app.ready();
    await seedDemoAccounts(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error('app not built');
    return app;
  };
}

// One database for all suites (creating and migrating one costs seconds); each suite has its own app.
describeEachDatabase('accounts API', (getDb) => {
  describe('sign-in and sessions', () => {
    // Behind a TLS proxy that the operator trusts (TRUST_PROXY), as in production.
    const getApp = useApp(getDb, {}, true);

    it('signs in with the right password: httpOnly SameSite=Lax session cookie, /me shows the user', async () => {
      const browser = buildBrowser(getApp());
      const response = await browser.login('FINANCE', demoPassword);
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((c) => c.name === sessionCookie);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.secure).toBeFalsy();
      const me = await browser.send('GET', '/api/auth/me');
      expect(me.json()).toMatchObject({ user: { username: 'finance', roles: ['finance_reviewer'] } });
      expect((me.json() as { actions: string[] }).actions).toEqual([
        'organisation.read',
        'table.review_finance',
      ]);
      const dept = buildBrowser(getApp());
      const deptLogin = await dept.login('dept', demoPassword);
      expect((deptLogin.json() as { actions: string[] }).actions).toEqual([
        'organisation.read',
        'table.review_department',
      ]);
      const log = await queryAuditLog(getDb(), {
        action: 'auth.login',
        actor: 'finance',
        page: 1,
        pageSize: 5,
      });
      expect(log.items[0]).toMatchObject({ actorUsername: 'finance', address: '127.0.0.1' });
    });

    it('marks cookies Secure when the request came over HTTPS', async () => {
      const browser = buildBrowser(getApp());
      await browser.send('GET', '/api/auth/me');
      const response = await browser.send(
        'POST',
        '/api/auth/login',
        { username: 'auditor', password: demoPassword },
        { 'x-forwarded-proto': 'https' },
      );
      expect(response.cookies.find((c) => c.name === sessionCookie)?.secure).toBe(true);
    });

    it('refuses a wrong password with a bilingual message and logs the failure', async () => {
      const browser = buildBrowser(getApp());
      const response = await browser.login('dept', 'wrong-password');
      expect(response.statusCode).toBe(401);
      expect(problem(response)).toMatchObject({ code: 'auth.invalid_credentials', zh: '用户名或密码错误' });
      const unknown = await browser.login('nobody', 'wrong-password');
      expect(problem(unknown).code).toBe('auth.invalid_credentials');
      const log = await queryAuditLog(getDb(), { action: 'auth.login_failed', page: 1, pageSize: 5 });
      expect(log.items.map((e) => (e.diff as { reason: string }).reason).slice(0, 2)).toEqual([
        'unknown_user',
        'wrong_password',
      ]);
    });

    it('requires the CSRF token on sign-in and on every state change made with a session', async () => {
      const app = getApp();
      const noToken = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: demoPassword },
      });
      expect(noToken.statusCode).toBe(403);
      expect(problem(noToken).code).toBe('auth.csrf');

      const admin = await signInHeaders(app, 'admin');
      const withoutHeader = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin.cookie ?? '' },
        payload: {
          username: 'csrf-victim',
          displayName: 'x',
          organisationId: null,
          roles: ['author'],
          password: 'abcdefgh1',
        },
      });
      expect(withoutHeader.statusCode).toBe(403);
      expect(problem(withoutHeader).code).toBe('auth.csrf');
      const forged = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin.cookie ?? '', [csrfHeader]: 'forged' },
        payload: {
          username: 'csrf-victim',
          displayName: 'x',
          organisationId: null,
          roles: ['author'],
          password: 'abcdefgh1',
        },
      });
      expect(forged.statusCode).toBe(403);
    });

    it('signs out: the old session cookie no longer works', async () => {
      const browser = buildBrowser(getApp());
      await browser.login('admin', demoPassword);
      const session = browser.jar.get(sessionCookie);
      expect((await browser.send('POST', '/api/auth/logout')).statusCode).toBe(204);
      expect((await browser.send('GET', '/api/auth/me')).json()).toMatchObject({ user: null });
      const replay = await getApp().inject({
        method: 'GET',
        url: '/api/users',
        headers: { cookie: `${sessionCookie}=${session}` },
      });
      expect(replay.statusCode).toBe(401);
      const log = await queryAuditLog(getDb(), { action: 'auth.logout', page: 1, pageSize: 1 });
      expect(log.items[0]?.actorUsername).toBe('admin');
    });

    it('issues a new session at every sign-in and ends the browser’s previous one (no fixation)', async () => {
      const browser = buildBrowser(getApp());
      await browser.login('admin', demoPassword);
      const first = browser.jar.get(sessionCookie);
      expect((await browser.login('admin', demoPassword)).statusCode).toBe(200);
      const second = browser.jar.get(sessionCookie);
      expect(second).not.toBe(first);
      const replay = await getApp().inject({
        method: 'GET',
        url: '/api/users',
        headers: { cookie: `${sessionCookie}=${first}` },
      });
      expect(replay.statusCode).toBe(401);
      expect((await browser.send('GET', '/api/users')).statusCode).toBe(200);
    });

    it('keeps a new sign-in when a request sent with the old session answers after it', async () => {
      // A page still loading as the author while the same browser signs in as the admin: the late answer
      // to the old cookie must not take the new session away.
      const browser = buildBrowser(getApp());
      await browser.login('author', demoPassword);
      const old = browser.jar.get(sessionCookie);
      expect((await browser.login('admin', demoPassword)).statusCode).toBe(200);
      const late = await getApp().inject({
        method: 'GET',
        url: '/api/tables',
        headers: { cookie: `${sessionCookie}=${old}` },
      });
      expect(late.statusCode).toBe(401);
      expect(late.cookies.map((c) => c.name)).not.toContain(sessionCookie);
      expect((await browser.send('GET', '/api/users')).statusCode).toBe(200);
    });

    it('lets an author in with the actions of their own unit', async () => {
      const signedIn = await buildBrowser(getApp(), '10.9.9.9').login(
        demoUserFor('author').username,
        demoPassword,
      );
      expect(signedIn.statusCode).toBe(200);
      // An author may start tables in their own unit: the navigation shows 导入 from these actions.
      expect((signedIn.json() as { actions: string[] }).actions).toEqual([
        'organisation.read',
        'table.create',
        'table.import',
      ]);
    });
  });

  describe('sign-in rate limits', () => {
    const getApp = useApp(getDb, { loginPerIp: { max: 6, timeWindowMs: 60_000 } });

    it('limits sign-in requests per address across usernames (a flood limit; throttles have their own test)', async () => {
      const app = getApp();
      const browser = buildBrowser(app, '10.0.1.1');
      const perIp: number[] = [];
      for (let i = 0; i < 7; i += 1) perIp.push((await browser.login(`someone${i}`, 'wrong')).statusCode);
      expect(perIp).toEqual([401, 401, 401, 401, 401, 401, 429]);
      const last = await browser.login('finance', demoPassword);
      expect(last.statusCode).toBe(429);
      expect(problem(last)).toMatchObject({ code: 'auth.rate_limited' });
      expect(last.headers['retry-after']).toBeDefined();
    });

    it('ignores X-Forwarded-For from clients unless a proxy is trusted', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const browser = buildBrowser(getApp(), '10.0.3.1');
        await browser.send('GET', '/api/auth/me');
        const response = await browser.send(
          'POST',
          '/api/auth/login',
          { username: `spoof${i}`, password: 'wrong' },
          { 'x-forwarded-for': `198.51.100.${i + 1}` },
        );
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    });

    it('does not hold back a name that signs in successfully from many addresses', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push(
          (await buildBrowser(getApp(), `10.0.2.${i + 1}`).login('admin', demoPassword)).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    });
  });

  describe('accounts admin API', () => {
    const getApp = useApp(getDb);

    it('lets an admin create a user who can then sign in, and lists them', async () => {
      const app = getApp();
      const admin = await signInHeaders(app, 'admin');
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: {
          username: 'NewAuthor',
          displayName: '新编报人',
          organisationId: demoUserFor('author').organisationId,
          roles: ['author'],
          password: 'secret-pass-1',
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ username: 'newauthor', roles: ['author'], active: true });
      expect(created.body).not.toMatch(/argon2|"password"|secret-pass/i);
      expect((await buildBrowser(app).login('newauthor', 'secret-pass-1')).statusCode).toBe(200);
      const duplicate = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: {
          username: 'newauthor',
          displayName: 'x',
          organisationId: null,
          roles: ['author'],
          password: 'secret-pass-1',
        },
      });
      expect(duplicate.statusCode).toBe(409);
      expect(problem(duplicate)).toMatchObject({ code: 'user.duplicate', path: 'username' });
    });

    it('resets a password (old one stops working), deactivates, and refuses self-lockout', async () => {
      const app = getApp();
      const admin = await signInHeaders(app, 'admin');
      const auditor = demoUserFor('auditor');
      const reset = await app.inject({
        method: 'POST',
        url: `/api/users/${auditor.id}/password`,
        headers: admin,
        payload: { password: 'another-pass-2' },
      });
      expect(reset.statusCode).toBe(200);
      expect((await buildBrowser(app).login('auditor', demoPassword)).statusCode).toBe(401);
      expect((await buildBrowser(app).login('auditor', 'another-pass-2')).statusCode).toBe(200);
      const deactivate = await app.inject({
        method: 'PATCH',
        url: `/api/users/${auditor.id}`,
        headers: admin,
        payload: { active: false },
      });
      expect(deactivate.json()).toMatchObject({ active: false });
      expect((await buildBrowser(app).login('auditor', 'another-pass-2')).statusCode).toBe(401);
      const self = await app.inject({
        method: 'PATCH',
        url: `/api/users/${demoUserFor('admin').id}`,
        headers: admin,
        payload: { roles: ['author'] },
      });
      expect(self.statusCode).toBe(409);
      expect(problem(self).code).toBe('user.self_lockout');
    });

    it('denies account management to other roles (403) and to anonymous visitors (401)', async () => {
      const app = getApp();
      const author = await signInHeaders(app, 'author');
      const anonymous = await signInHeaders(app, 'anonymous');
      const body = { name: '新单位', kind: 'unit', parentId: null };
      expect(
        (await app.inject({ method: 'POST', url: '/api/organisations', headers: author, payload: body }))
          .statusCode,
      ).toBe(403);
      expect(
        (await app.inject({ method: 'POST', url: '/api/organisations', headers: anonymous, payload: body }))
          .statusCode,
      ).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/users', headers: author })).statusCode).toBe(403);
    });

    it('shows the audit log with account changes to auditors and exports it as CSV', async () => {
      const app = getApp();
      const auditorHeaders = await signInHeaders(app, 'finance_reviewer');
      expect(
        (await app.inject({ method: 'GET', url: '/api/audit', headers: auditorHeaders })).statusCode,
      ).toBe(403);
      const admin = await signInHeaders(app, 'admin');
      const list = await app.inject({
        method: 'GET',
        url: '/api/audit?action=user.&pageSize=100',
        headers: admin,
      });
      expect(list.statusCode).toBe(200);
      const actionsSeen = (list.json() as { items: { action: string }[] }).items.map((e) => e.action);
      expect(actionsSeen).toEqual(
        expect.arrayContaining(['user.create', 'user.password_reset', 'user.update']),
      );
      const csv = await app.inject({
        method: 'GET',
        url: '/api/audit/export.csv?action=user.create',
        headers: admin,
      });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body).toContain('newauthor');
      const exported = await app.inject({
        method: 'GET',
        url: '/api/audit?action=audit.export',
        headers: admin,
      });
      expect((exported.json() as { items: unknown[] }).items[0]).toMatchObject({
        actorUsername: 'admin',
        diff: { filters: { action: 'user.create' } },
      });
    });
  });
});

it('reads TRUST_PROXY: off by default, true, a hop count or addresses', () => {
  expect(trustProxyFromEnv(undefined)).toBe(false);
  expect(trustProxyFromEnv('false')).toBe(false);
  expect(trustProxyFromEnv('true')).toBe(true);
  expect(trustProxyFromEnv('10.0.0.0/8,127.0.0.1')).toBe('10.0.0.0/8,127.0.0.1');
  const oneHop = trustProxyFromEnv('1');
  expect(typeof oneHop === 'function' && [oneHop('10.0.0.1', 0), oneHop('10.0.0.2', 1)]).toEqual([
    true,
    false,
  ]);
});
