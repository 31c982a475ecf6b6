import type { Role } from '@jixiao/core/accounts/account.schema';
import { demoPassword, demoUserFor } from '@jixiao/db/accounts-demo';
import type { FastifyInstance } from 'fastify';
import { csrfCookie, csrfHeader, sessionCookie } from '../auth/auth.plugin.ts';
import { seedDemoAccounts } from '../auth/demo-accounts.ts';

function cookieValue(setCookie: string | string[] | number | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  for (const line of all) {
    const [pair] = line.split(';');
    const [key, ...rest] = (pair ?? '').split('=');
    if (key?.trim() === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Headers (session cookie, CSRF token) that make a request act as the demo user of `as`, signed in
 * through the real POST /api/auth/login. `anonymous` gets only a CSRF cookie, like a fresh browser.
 * Creates the demo organisations and users first when the database has none.
 */
export async function signInHeaders(
  app: FastifyInstance,
  as: Role | 'anonymous',
): Promise<Record<string, string>> {
  const me = await app.inject({ method: 'GET', url: '/api/auth/me' });
  const csrf =
    cookieValue(me.headers['set-cookie'], csrfCookie) ?? (me.json() as { csrfToken: string }).csrfToken;
  const anonymous = { cookie: `${csrfCookie}=${csrf}`, [csrfHeader]: csrf };
  if (as === 'anonymous') return anonymous;
  await seedDemoAccounts(app.db);
  const user = demoUserFor(as);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: anonymous,
    payload: { username: user.username, password: demoPassword },
  });
  if (login.statusCode !== 200) throw new Error(`Sign-in as ${as} failed: ${login.statusCode} ${login.body}`);
  const session = cookieValue(login.headers['set-cookie'], sessionCookie);
  const sessionCsrf = (login.json() as { csrfToken: string }).csrfToken;
  return { cookie: `${sessionCookie}=${session}; ${csrfCookie}=${sessionCsrf}`, [csrfHeader]: sessionCsrf };
}
