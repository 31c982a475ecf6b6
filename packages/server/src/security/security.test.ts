import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, defaultBodyLimit, defaultUploadLimit } from '../app.ts';
import { csrfHeader } from '../auth/auth.plugin.ts';
import { seedDemoAccounts } from '../auth/demo-accounts.ts';
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
    // Organisations and users first: some tests store tables directly.
    await seedDemoAccounts(getDb());
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

    it('escapes table content in the 自评表 HTML and the public layout too', async () => {
      const store = createTableRepository(getDb());
      let record = await store.create(
        xssTable(),
        { userId: null },
        { organisationId: demoOrganisationIds.seedUnit },
      );
      for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
        record = await store.setStatus(record.id, record.version, status, { userId: null });
      const author = await signInHeaders(getApp(), 'author');
      const entry = await getApp().inject({
        method: 'PUT',
        url: `/api/tables/${record.id}/self-evaluation`,
        headers: author,
        payload: { budget: { adjusted: 100, executed: 90 }, indicators: [] },
      });
      expect(entry.statusCode, entry.body).toBe(200);
      for (const url of [
        `/api/tables/${record.id}/self-evaluation/document?format=html`,
        `/api/public/tables/${record.id}/export.html`,
      ]) {
        const page = await getApp().inject({ method: 'GET', url, headers: author });
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
        expect(page.body, url).not.toMatch(/<script|<svg|<img/i);
        expect(page.headers['content-security-policy'], url).toBe(documentCsp);
      }
    });
  });

  describe('downloads', () => {
    it('writes formula-looking cells of the open data CSV as text (CSV injection)', async () => {
      const store = createTableRepository(getDb());
      const hostile = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1'];
      let record = await store.create(
        buildTable({
          name: '=HYPERLINK("http://evil.example","x")',
          year: 2031,
          indicators: [
            ...buildTable().indicators,
            ...hostile.map((name) => buildIndicator('产出指标', '数量指标', name, '>=1个')),
          ],
        }),
        { userId: null },
        { organisationId: demoOrganisationIds.seedUnit },
      );
      for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
        record = await store.setStatus(record.id, record.version, status, { userId: null });
      const csv = await getApp().inject({ method: 'GET', url: '/api/public/open-data/tables.csv?year=2031' });
      expect(csv.statusCode).toBe(200);
      const cells = parseCsv(csv.body.replace(/^\uFEFF/, ''));
      expect(cells.length).toBeGreaterThan(hostile.length);
      const risky = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
      expect(risky).toEqual([]);
      for (const name of hostile) expect(cells).toContain(`'${name}`);
    });

    it("encodes an uploaded file's name in Content-Disposition, quotes and all", async () => {
      const author = await signInHeaders(getApp(), 'author');
      const boundary = 'security-boundary';
      const name = '绩效"表\'(1).txt';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name.replace('"', '%22')}"\r\nContent-Type: text/html\r\n\r\n`,
        ),
        readFileSync(join(import.meta.dirname, '../../../../fixtures/seed.txt')),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const upload = await getApp().inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...author, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const id = (upload.json() as { importId: string }).importId;
      const file = await getApp().inject({ method: 'GET', url: `/api/imports/${id}/file`, headers: author });
      expect(file.statusCode).toBe(200);
      const header = String(file.headers['content-disposition']);
      expect(header).toMatch(
        /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/,
      );
      expect(header.match(/"/g)).toHaveLength(2);
      // An uploaded HTML page is never rendered in our origin: a download of bytes, sandboxed.
      expect(file.headers['content-type']).toBe('application/octet-stream');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toBe(documentCsp);
    });
  });

  describe('request size limits', () => {
    it('refuses JSON bodies above 5 MiB and uploads above 20 MiB with 413, before reading them', async () => {
      const author = await signInHeaders(getApp(), 'author');
      const json = await getApp().inject({
        method: 'POST',
        url: '/api/tables',
        headers: { ...author, 'content-type': 'application/json' },
        payload: `{"table":{"name":"${'x'.repeat(defaultBodyLimit)}"}}`,
      });
      expect(json.statusCode).toBe(413);
      const boundary = 'limit-boundary';
      const upload = await getApp().inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...author, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
          ),
          Buffer.alloc(defaultUploadLimit + 1024, 0x61),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      expect(upload.statusCode).toBe(413);
      expect((upload.json() as { code: string }).code).toBe('request.too_large');
      expect(defaultUploadLimit).toBe(20 * 1024 * 1024);
    });
  });

  describe('sessions', () => {
    it("ends a user's live sessions on password reset and deactivation; role changes apply at once", async () => {
      const admin = await signInHeaders(getApp(), 'admin');
      const created = await getApp().inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: {
          username: 'session-victim',
          displayName: '会话',
          organisationId: demoOrganisationIds.seedUnit,
          roles: ['author', 'auditor'],
          password: 'victim-pass-1',
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = (created.json() as { id: string }).id;
      const signIn = async (password: string) => {
        const anonymous = await signInHeaders(getApp(), 'anonymous');
        const login = await getApp().inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: anonymous,
          payload: { username: 'session-victim', password },
        });
        expect(login.statusCode, login.body).toBe(200);
        const cookie = login.cookies.find((c) => c.name === 'jixiao_session')?.value;
        return { cookie: `jixiao_session=${cookie}` };
      };
      const me = async (headers: Record<string, string>) =>
        (await getApp().inject({ method: 'GET', url: '/api/auth/me', headers })).json() as {
          user: { roles: string[] } | null;
        };

      const first = await signIn('victim-pass-1');
      expect((await me(first)).user?.roles).toEqual(['author', 'auditor']);
      const demoted = await getApp().inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: admin,
        payload: { roles: ['author'] },
      });
      expect(demoted.statusCode).toBe(200);
      expect((await me(first)).user?.roles).toEqual(['author']);
      const audit = await getApp().inject({ method: 'GET', url: '/api/audit', headers: first });
      expect(audit.statusCode).toBe(403);

      const reset = await getApp().inject({
        method: 'POST',
        url: `/api/users/${id}/password`,
        headers: admin,
        payload: { password: 'victim-pass-2' },
      });
      expect(reset.statusCode).toBe(200);
      expect((await me(first)).user).toBeNull();

      const second = await signIn('victim-pass-2');
      expect((await me(second)).user).not.toBeNull();
      const off = await getApp().inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers: admin,
        payload: { active: false },
      });
      expect(off.statusCode).toBe(200);
      expect((await me(second)).user).toBeNull();
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
      // An unexpected failure deep inside (a database error with its SQL): a generic 500.
      const boom = await buildApp({ db: getDb(), webDist: null });
      boom.get('/api/boom', async () => {
        throw Object.assign(new Error('syntax error at or near "FROM" in SELECT password_hash FROM users'), {
          code: '42601',
        });
      });
      const failed = await boom.inject({ method: 'GET', url: '/api/boom' });
      await boom.close();
      expect(failed.statusCode).toBe(500);
      expect(failed.json()).toMatchObject({ code: 'server.internal' });
      expect(failed.body).not.toMatch(/password_hash|SELECT|FROM|42601|\.ts:\d+/);
      for (const response of responses) {
        expect(response.statusCode).toBeLessThan(500);
        expect(response.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT |INSERT |FROM "/);
      }
    });
  });
});

/** The cells of an RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
    }
    cells.push(cell);
    if (text[i] === ',') i += 1;
    else while (text[i] === '\r' || text[i] === '\n') i += 1;
  }
  return cells;
}
