import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { Database } from '@jixiao/db/database';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { csrfHeader } from '../auth/auth.plugin.ts';
import { signInHeaders } from '../testing/test-auth.ts';
import { documentCsp, hstsValue } from './security-headers.ts';

// Table content an attacker controls: every HTML the server renders must show it as text.
const scriptName = '<script>alert("name")</script>';
const onerrorTarget = '"><img src=x onerror=alert(1)>';
const xssTable = () =>
  buildTable({
    name: scriptName,
    indicators: [
      ...buildTable().indicators,
      buildIndicator('产出指标', '数量指标', `<svg onload=alert(2)>`, '>=1个'),
      buildIndicator('效果指标', '社会效益指标', 'javascript:alert(3)', onerrorTarget),
    ],
  });

async function build(getDb: () => Database, routes?: Set<string>): Promise<FastifyInstance> {
  const app = await buildApp({
    db: getDb(),
    webDist: null,
    auth: { loginPerIp: { max: 10_000, timeWindowMs: 60_000 } },
    trustProxy: '127.0.0.1',
    ...(routes
      ? {
          onRoute: (route: RouteOptions) => {
            for (const method of [route.method].flat()) {
              if (method !== 'HEAD' && route.url.startsWith('/api')) routes.add(`${method} ${route.url}`);
            }
          },
        }
      : {}),
  });
  await app.ready();
  return app;
}

function expectBaseHeaders(headers: Record<string, unknown>, where: string) {
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, where).toMatch(/frame-ancestors 'none'/);
  expect(csp, where).toMatch(/default-src '(self|none)'/);
  expect(csp, where).not.toMatch(/unsafe-eval/);
}

describeEachDatabase('security', (getDb) => {
  const routes = new Set<string>();
  let app: FastifyInstance | null = null;
  const getApp = () => {
    if (!app) throw new Error('app not built');
    return app;
  };
  beforeAll(async () => {
    app = await build(getDb, routes);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('headers', () => {
    it('sends CSP, nosniff, framing and referrer policy on routes, docs, 404s and errors', async () => {
      const author = await signInHeaders(getApp(), 'author');
      const cases = [
        await getApp().inject({ method: 'GET', url: '/api/health' }),
        await getApp().inject({ method: 'GET', url: '/api/docs' }),
        await getApp().inject({ method: 'GET', url: '/api/no-such-route' }),
        await getApp().inject({ method: 'GET', url: '/api/users', headers: author }),
        await getApp().inject({ method: 'POST', url: '/api/tables', payload: {} }),
      ];
      expect(cases.map((r) => r.statusCode)).toEqual([200, 200, 404, 403, 403]);
      for (const [i, response] of cases.entries()) expectBaseHeaders(response.headers, `case ${i}`);
      // The web UI's policy: scripts from our origin only.
      expect(cases[0]?.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    });

    it('sends HSTS only when the request came over HTTPS', async () => {
      const plain = await getApp().inject({ method: 'GET', url: '/api/health' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const viaProxy = await getApp().inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(viaProxy.headers['strict-transport-security']).toBe(hstsValue);
      // An untrusted client cannot claim HTTPS (and so cannot make us pin a host).
      const spoofed = await getApp().inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    });

    it('keeps answers to signed-in users out of shared caches', async () => {
      const author = await signInHeaders(getApp(), 'author');
      const mine = await getApp().inject({ method: 'GET', url: '/api/tables', headers: author });
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['cache-control']).toBe('no-store');
    });
  });

  describe('CSRF', () => {
    it('refuses every state-changing route without the token, signed in or not', async () => {
      const writes = [...routes].filter((r) => !r.startsWith('GET ')).sort();
      // Guard against an empty enumeration passing vacuously.
      expect(writes.length).toBeGreaterThan(15);
      const author = await signInHeaders(getApp(), 'admin');
      const anonymous = await signInHeaders(getApp(), 'anonymous');
      const failures: string[] = [];
      for (const route of writes) {
        const [method, pattern = ''] = route.split(' ') as ['POST' | 'PUT' | 'PATCH' | 'DELETE', string];
        const url = pattern
          .replace(/:id\b/, '00000000-0000-4000-8000-000000000000')
          .replace(':month', '6')
          .replace(':version', '1');
        for (const [who, headers] of [
          ['admin', author],
          ['anonymous', anonymous],
        ] as const) {
          // The cookies stay (a cross-site form sends them); only the echoed header is missing.
          const { [csrfHeader]: _dropped, ...withoutToken } = headers;
          for (const sent of [withoutToken, { ...withoutToken, [csrfHeader]: 'forged' }]) {
            const response = await getApp().inject({
              method,
              url,
              headers: { ...sent, 'content-type': 'application/json' },
              payload: '{}',
            });
            const code = response.statusCode === 403 ? (response.json() as { code: string }).code : '';
            if (code !== 'auth.csrf') failures.push(`${route} as ${who}: ${response.statusCode} ${code}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('XSS in rendered documents', () => {
    it('escapes table content in the official layout HTML and forbids script there', async () => {
      const author = await signInHeaders(getApp(), 'author');
      const created = await getApp().inject({
        method: 'POST',
        url: '/api/tables',
        headers: author,
        payload: { table: xssTable() },
      });
      expect(created.statusCode).toBe(201);
      const id = (created.json() as { id: string }).id;
      const page = await getApp().inject({
        method: 'GET',
        url: `/api/tables/${id}/export.html`,
        headers: author,
      });
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
      expect(html).toContain('&lt;svg onload=alert(2)&gt;');
      expect(html).not.toMatch(/<script|<svg|<img/i);
      expect(page.headers['content-security-policy']).toBe(documentCsp);
      // The download's name is built from the hostile project name: no quote or CR/LF may break the header.
      const pdfName = String(page.headers['content-disposition']);
      expect(pdfName).not.toMatch(/[\r\n]/);
      expect(pdfName).toMatch(/^inline; filename="[^"]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/);
    });
  });

  describe('errors', () => {
    it('never sends a stack trace or SQL to the client', async () => {
      const author = await signInHeaders(getApp(), 'author');
      // A deliberately broken route would need app changes; instead provoke the database with a value
      // PostgreSQL refuses and a malformed body, and look at what leaves.
      const responses = [
        await getApp().inject({
          method: 'POST',
          url: '/api/tables',
          headers: { ...author, 'content-type': 'application/json' },
          payload: '{"table": {"name": "x"',
        }),
        await getApp().inject({
          method: 'GET',
          url: '/api/tables/not-a-uuid',
          headers: author,
        }),
      ];
      // 200,000 nested arrays and a prototype-pollution key: refused as bad input, not a crash.
      for (const payload of [
        `{"table":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
        '{"__proto__":{"admin":true},"table":{}}',
      ]) {
        responses.push(
          await getApp().inject({
            method: 'POST',
            url: '/api/tables',
            headers: { ...author, 'content-type': 'application/json' },
            payload,
          }),
        );
      }
      expect(responses.map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
      for (const response of responses) {
        expect(response.statusCode).toBeLessThan(500);
        expect(response.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT |INSERT |FROM "/);
      }
    });
  });
});
