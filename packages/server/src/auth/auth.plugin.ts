import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import { findSession } from '@jixiao/db/accounts.repository';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultThrottlePolicies, type ThrottlePolicies } from './login-throttle.ts';
import { hashToken, newToken } from './session-token.ts';

/** Tunables of sign-in and sessions; tests shorten them, production keeps the defaults. */
export interface AuthOptions {
  sessionTtlMs: number;
  /** Growing delays after failed sign-ins, per name, address and (name, address) pair (login-throttle.ts). */
  throttles: ThrottlePolicies;
  /** Sign-in requests per address and window, good or bad: a flood limit kept in memory. */
  loginPerIp: { max: number; timeWindowMs: number };
  now: () => Date;
}

export const defaultAuthOptions: AuthOptions = {
  sessionTtlMs: 12 * 60 * 60_000,
  throttles: defaultThrottlePolicies,
  loginPerIp: { max: 30, timeWindowMs: 60_000 },
  now: () => new Date(),
};

export const sessionCookie = 'jixiao_session';
/** Readable by the page's script, which echoes it in the `x-csrf-token` header (double submit). */
export const csrfCookie = 'jixiao_csrf';
export const csrfHeader = 'x-csrf-token';
export const loginPath = '/api/auth/login';

declare module 'fastify' {
  interface FastifyInstance {
    authOptions: AuthOptions;
  }
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous visitor. */
    user: SessionUser | null;
    /** The CSRF token that state-changing requests must echo: the session's, else the cookie's. */
    csrfToken: string | null;
    /** SHA-256 of the session token of this request, when signed in. */
    sessionTokenHash: string | null;
    /** The signed-in user must choose a new password before anything else. */
    mustChangePassword: boolean;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function csrfError(): AppError {
  return new AppError(
    'auth.csrf',
    '安全校验失败（CSRF），请刷新页面后重试',
    'Security check failed (CSRF); reload the page and try again',
    { path: `headers.${csrfHeader}` },
  );
}

function passwordChangeRequired(): AppError {
  return new AppError(
    'auth.password_change_required',
    '请先修改初始密码，然后再继续',
    'Choose a new password before you continue',
    { path: 'newPassword' },
  );
}

// What a user who must change their password may still call: the change itself, who am I, sign-out, and
// whatever anonymous visitors may (the portal, health, the web UI's own files).
function allowedBeforePasswordChange(method: string, path: string): boolean {
  if (!path.startsWith('/api/')) return true;
  if (path.startsWith('/api/public/') || path === '/api/health') return method === 'GET';
  return [
    'GET /api/auth/me',
    'POST /api/auth/password',
    'POST /api/auth/logout',
    'POST /api/auth/login',
  ].includes(`${method} ${path}`);
}

function sameToken(a: string | undefined | null, b: string | undefined | null): boolean {
  // Length-independent comparison is not needed for random tokens compared to the requester's own.
  return typeof a === 'string' && typeof b === 'string' && a.length > 0 && a === b;
}

/** Cookie attributes: Secure whenever the request came over HTTPS (directly or via the proxy). */
export function cookieOptions(request: FastifyRequest, httpOnly: boolean, maxAgeMs?: number) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(maxAgeMs === undefined ? {} : { maxAge: Math.floor(maxAgeMs / 1000) }),
  };
}

/** Gives an anonymous visitor a CSRF cookie (idempotent); returns the token. */
export function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply): string {
  if (request.csrfToken) return request.csrfToken;
  const token = newToken();
  request.csrfToken = token;
  reply.setCookie(csrfCookie, token, cookieOptions(request, false));
  return token;
}

/**
 * Sign-in plumbing on the root app (not encapsulated, so it covers every route): cookies, rate limit
 * support, `request.user` from the session cookie, and the CSRF check of every state-changing request.
 */
export async function registerAuth(app: FastifyInstance, options: Partial<AuthOptions> = {}): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  app.decorate('authOptions', { ...defaultAuthOptions, ...options });
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionTokenHash', null);
  app.decorateRequest('mustChangePassword', false);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie];
    if (token) {
      const tokenHash = hashToken(token);
      const session = await findSession(app.db, tokenHash, app.authOptions.now());
      if (session) {
        request.user = session.user;
        request.csrfToken = session.csrfToken;
        request.sessionTokenHash = tokenHash;
        request.mustChangePassword = session.mustChangePassword;
      }
      // An unknown or ended session is simply not a session. Its cookie is not cleared here: the answer
      // to a request sent before the browser signed in again would clear the new session's cookie too.
    }
    request.csrfToken ??= request.cookies[csrfCookie] ?? null;
    const path = request.url.split('?')[0] ?? '';
    if (request.mustChangePassword && !allowedBeforePasswordChange(request.method, path)) {
      throw passwordChangeRequired();
    }
    if (!unsafeMethods.has(request.method)) return;
    // A session's cookie rides along with any cross-site request, so every state change made with one
    // must echo the session's token. Without a session the double-submit cookie is checked all the same
    // (sign-in, and any write a future route might allow anonymously), so no write is ever exempt.
    const header = request.headers[csrfHeader];
    const sent = Array.isArray(header) ? header[0] : header;
    if (!sameToken(sent, request.csrfToken)) throw csrfError();
  });
}
