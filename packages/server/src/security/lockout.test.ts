import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoPassword, demoUserFor } from '@jixiao/db/accounts-demo';
import { queryAuditLog } from '@jixiao/db/audit-query.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { csrfCookie, csrfHeader, sessionCookie } from '../auth/auth.plugin.ts';
import { seedDemoAccounts } from '../auth/demo-accounts.ts';
import { defaultThrottlePolicies, throttleDelayMs } from '../auth/login-throttle.ts';
import { signInHeaders } from '../testing/test-auth.ts';

// Failed sign-ins slow the attacker down without telling which names exist and without
// locking the owner out. The clock is the app's own (AuthOptions.now), moved forward by the tests.

let clock = new Date('2026-12-06T09:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

// A browser at one address: keeps cookies and echoes the CSRF cookie like the web client.
function browserAt(app: FastifyInstance, ip: string) {
  const jar = new Map<string, string>();
  async function send(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get(csrfCookie);
    const response = await app.inject({
      method,
      url,
      remoteAddress: ip,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { [csrfHeader]: csrf } : {}) },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const c of response.cookies as { name: string; value: string }[]) {
      if (c.value === '') jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  }
  return {
    send,
    async login(username: string, password: string) {
      if (!jar.has(csrfCookie)) await send('GET', '/api/auth/me');
      return send('POST', '/api/auth/login', { username, password });
    },
  };
}

function answer(response: LightMyRequestResponse): string {
  const body = response.json() as Problem;
  return `${response.statusCode} ${body.code ?? 'ok'}`;
}

describeEachDatabase('sign-in throttling (no lockout, no enumeration)', (getDb) => {
  let app: FastifyInstance | null = null;
  beforeAll(async () => {
    app = await buildApp({
      db: getDb(),
      webDist: null,
      // The in-memory flood limit per address is not what these tests are about.
      auth: { loginPerIp: { max: 10_000, timeWindowMs: 60_000 }, now: () => clock },
    });
    await app.ready();
    await seedDemoAccounts(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });
  const getApp = () => {
    if (!app) throw new Error('app not built');
    return app;
  };

  it('grows the delay from a few free failures to the caps', () => {
    const { pair, account } = defaultThrottlePolicies;
    expect([5, 6, 7, 8].map((n) => throttleDelayMs(pair, n))).toEqual([0, 2_000, 4_000, 8_000]);
    expect(throttleDelayMs(pair, 1_000)).toBe(15 * 60_000);
    expect(throttleDelayMs(account, 30)).toBe(60_000);
    expect(Number.isFinite(throttleDelayMs(pair, Number.MAX_SAFE_INTEGER))).toBe(true);
  });

  it('answers a known name and an unknown name alike, attempt after attempt', async () => {
    const app = getApp();
    const known = browserAt(app, '203.0.113.10');
    const unknown = browserAt(app, '203.0.113.11');
    const knownAnswers: string[] = [];
    const unknownAnswers: string[] = [];
    for (let i = 0; i < 8; i++) {
      knownAnswers.push(answer(await known.login('dept', `wrong-${i}`)));
      unknownAnswers.push(answer(await unknown.login('no-such-user-xyz', `wrong-${i}`)));
    }
    // Five free failures per name and address; the sixth sets a delay, so the seventh is held back (429
    // with Retry-After), for both alike.
    expect(knownAnswers).toEqual([
      ...Array(6).fill('401 auth.invalid_credentials'),
      '429 auth.throttled',
      '429 auth.throttled',
    ]);
    expect(unknownAnswers).toEqual(knownAnswers);
    // Held back, even the right password gets the same answer as any other: nothing is checked.
    const held = await known.login('dept', demoPassword);
    expect(answer(held)).toBe('429 auth.throttled');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    const heldProblem = held.json() as Problem;
    expect(heldProblem.zh).toMatch(/请 \d+ 秒后再试/);
    expect(JSON.stringify(heldProblem)).not.toMatch(/dept|locked|锁定/);
  });

  it('takes about as long for an unknown name as for a wrong password (argon2 either way)', async () => {
    const app = getApp();
    const time = async (username: string, ip: string) => {
      const browser = browserAt(app, ip);
      await browser.send('GET', '/api/auth/me');
      const started = performance.now();
      await browser.login(username, 'wrong-password');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('finance', `203.0.113.${20 + i}`));
      unknown.push(await time(`ghost-${i}`, `203.0.113.${30 + i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const ratio = median(unknown) / median(known);
    // Loose bounds: a shared CI machine is noisy; an unknown name answered without hashing would be ~10x faster.
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });

  it("lets the owner in from a fresh address while an attacker's address is held back", async () => {
    const app = getApp();
    const finance = demoUserFor('finance_reviewer');
    const attacker = browserAt(app, '198.51.100.66');
    for (let i = 0; i < 12; i++) await attacker.login(finance.username, `guess-${i}`);
    expect(answer(await attacker.login(finance.username, demoPassword))).toBe('429 auth.throttled');
    const owner = browserAt(app, '192.0.2.50');
    expect(answer(await owner.login(finance.username, demoPassword))).toBe('200 ok');
  });

  it('slows many addresses guessing one admin to a short delay the owner can wait out', async () => {
    const app = getApp();
    const admin = demoUserFor('admin');
    // A distributed guess: 25 addresses, one failure each (the account's 20 free failures, then delays).
    for (let i = 0; i < 25; i++) {
      const response = await browserAt(app, `100.64.0.${i + 1}`).login(admin.username, `spray-${i}`);
      if (i < 20) expect(answer(response)).toBe('401 auth.invalid_credentials');
    }
    const owner = browserAt(app, '192.0.2.77');
    const held = await owner.login(admin.username, demoPassword);
    expect(answer(held)).toBe('429 auth.throttled');
    const wait = Number(held.headers['retry-after']);
    expect(wait).toBeLessThanOrEqual(60);
    advance(wait * 1000);
    expect(answer(await owner.login(admin.username, demoPassword))).toBe('200 ok');
  });

  it('holds back an address that sprays many names, and lets it go after the delay', async () => {
    const app = getApp();
    const sprayer = browserAt(app, '198.51.100.99');
    const answers: string[] = [];
    for (let i = 0; i < 22; i++) answers.push(answer(await sprayer.login(`spray-name-${i}`, 'Password1')));
    expect(answers.slice(0, 20).every((a) => a === '401 auth.invalid_credentials')).toBe(true);
    expect(answers[21]).toBe('429 auth.throttled');
    // The address's own good sign-in is held back too (a spray cannot be reset by signing in elsewhere)…
    expect(answer(await sprayer.login('auditor', demoPassword))).toBe('429 auth.throttled');
    // …until its delay has passed.
    advance(5 * 60_000);
    expect(answer(await sprayer.login('auditor', demoPassword))).toBe('200 ok');
  });

  it('shows throttles to administrators, who clear one (audited); others may not', async () => {
    const app = getApp();
    const victim = browserAt(app, '198.51.100.123');
    for (let i = 0; i < 7; i++) await victim.login('author2', `typo-${i}`);
    expect(answer(await victim.login('author2', demoPassword))).toBe('429 auth.throttled');

    const admin = await signInHeaders(app, 'admin');
    const list = await app.inject({ method: 'GET', url: '/api/login-throttles', headers: admin });
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: { scope: string; key: string; blockedUntil: string | null }[] })
      .items;
    const pair = items.find((t) => t.scope === 'pair' && t.key === 'author2 @ 198.51.100.123');
    expect(pair?.blockedUntil).not.toBeNull();

    const author = await signInHeaders(app, 'author');
    const forbidden = await app.inject({
      method: 'DELETE',
      url: `/api/login-throttles/pair/${encodeURIComponent('author2 @ 198.51.100.123')}`,
      headers: author,
    });
    expect(forbidden.statusCode).toBe(403);
    const cleared = await app.inject({
      method: 'DELETE',
      url: `/api/login-throttles/pair/${encodeURIComponent('author2 @ 198.51.100.123')}`,
      headers: admin,
    });
    expect(cleared.statusCode).toBe(204);
    expect(answer(await victim.login('author2', demoPassword))).toBe('200 ok');
    const audit = await queryAuditLog(getDb(), { action: 'auth.throttle_cleared', page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({
      actorUsername: 'admin',
      diff: { scope: 'pair', key: 'author2 @ 198.51.100.123' },
    });
  });
});

describe('passwords', () => {
  describeEachDatabase('common passwords and the first sign-in of an admin-created account', (getDb) => {
    let app: FastifyInstance | null = null;
    beforeAll(async () => {
      app = await buildApp({
        db: getDb(),
        webDist: null,
        auth: { loginPerIp: { max: 10_000, timeWindowMs: 60_000 } },
      });
      await app.ready();
      await seedDemoAccounts(getDb());
    });
    afterAll(async () => {
      await app?.close();
    });
    const getApp = () => {
      if (!app) throw new Error('app not built');
      return app;
    };

    it('refuses common passwords and the username as a password when an admin sets one', async () => {
      const app = getApp();
      const admin = await signInHeaders(app, 'admin');
      for (const password of ['12345678', 'Password1', 'qwertyuiop', 'aaaaaaaaaa', 'iloveyou123']) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/users',
          headers: admin,
          payload: {
            username: 'weakling',
            displayName: '弱密码',
            organisationId: null,
            roles: ['author'],
            password,
          },
        });
        expect(answer(response), password).toBe('400 user.password_common');
        expect((response.json() as Problem).path).toBe('password');
      }
      const same = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: {
          username: 'zhangsan',
          displayName: '张三',
          organisationId: null,
          roles: ['author'],
          password: 'zhangsan2026',
        },
      });
      expect(answer(same)).toBe('400 user.password_contains_username');
    });

    it('makes an admin-created account change its password before anything else (API and session)', async () => {
      const app = getApp();
      const admin = await signInHeaders(app, 'admin');
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: {
          username: 'firsttimer',
          displayName: '新用户',
          organisationId: demoUserFor('author').organisationId,
          roles: ['author'],
          password: 'Temp-Pass-4821',
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ mustChangePassword: true });

      const browser = browserAt(app, '192.0.2.200');
      const login = await browser.login('firsttimer', 'Temp-Pass-4821');
      expect(login.statusCode).toBe(200);
      expect(login.json()).toMatchObject({ mustChangePassword: true });
      expect(login.cookies.some((c) => c.name === sessionCookie)).toBe(true);
      // Everything else is refused until the password is changed; the portal and /me still answer.
      expect(answer(await browser.send('GET', '/api/tables'))).toBe('403 auth.password_change_required');
      expect(answer(await browser.send('GET', '/api/workbench'))).toBe('403 auth.password_change_required');
      expect((await browser.send('GET', '/api/auth/me')).json()).toMatchObject({ mustChangePassword: true });
      expect((await browser.send('GET', '/api/public/tables')).statusCode).toBe(200);

      expect(
        answer(
          await browser.send('POST', '/api/auth/password', {
            currentPassword: 'nope',
            newPassword: 'Xy7-unique-pass',
          }),
        ),
      ).toBe('400 user.current_password_wrong');
      expect(
        answer(
          await browser.send('POST', '/api/auth/password', {
            currentPassword: 'Temp-Pass-4821',
            newPassword: '123456789',
          }),
        ),
      ).toBe('400 user.password_common');
      const changed = await browser.send('POST', '/api/auth/password', {
        currentPassword: 'Temp-Pass-4821',
        newPassword: 'Xy7-unique-pass',
      });
      expect(changed.statusCode).toBe(204);
      expect((await browser.send('GET', '/api/tables')).statusCode).toBe(200);
      expect((await browser.send('GET', '/api/auth/me')).json()).toMatchObject({ mustChangePassword: false });
      expect(answer(await browserAt(app, '192.0.2.201').login('firsttimer', 'Temp-Pass-4821'))).toBe(
        '401 auth.invalid_credentials',
      );

      // An admin's reset asks again.
      const user = created.json() as { id: string };
      await app.inject({
        method: 'POST',
        url: `/api/users/${user.id}/password`,
        headers: admin,
        payload: { password: 'Reset-Pass-9931' },
      });
      const again = await browserAt(app, '192.0.2.202').login('firsttimer', 'Reset-Pass-9931');
      expect(again.json()).toMatchObject({ mustChangePassword: true });
    });
  });
});
