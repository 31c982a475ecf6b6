import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { loginSchema, sessionUserSchema } from '@jixiao/core/accounts/account.schema';
import {
  type Action,
  actions,
  allowedSystemActions,
  allowedTableActions,
  can,
  organisationPath,
} from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findCredentials,
  listOrganisations,
  recordLoginFailure,
  toSessionUser,
} from '@jixiao/db/accounts.repository';
import { writeAudit } from '@jixiao/db/audit.repository';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cookieOptions, csrfCookie, ensureCsrfCookie, sessionCookie } from '../auth/auth.plugin.ts';
import { auditActor } from '../auth/authorize.ts';
import { verifyPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/session-token.ts';

const sessionSchema = z.object({
  user: sessionUserSchema.nullable(),
  csrfToken: z.string().describe('Send it back in the x-csrf-token header of every POST/PUT/PATCH/DELETE'),
  actions: z
    .array(z.enum(actions))
    .describe(
      'System actions (admin, audit pages), table.create/table.import for the own unit, and table.review_* when the user reviews',
    ),
});

function formatTime(date: Date): { zh: string; en: string } {
  // Shown in China Standard Time, the users' zone; the ISO string keeps it unambiguous in English.
  const zh = date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return { zh, en: `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC` };
}

function lockedError(until: Date): AppError {
  const at = formatTime(until);
  return new AppError(
    'auth.locked',
    `登录失败次数过多，账户已锁定至 ${at.zh}（北京时间），之后可再试，或请管理员解锁`,
    `Too many failed sign-ins: the account is locked until ${at.en}; try again then or ask an administrator to unlock it`,
  );
}

function invalidCredentials(): AppError {
  return new AppError('auth.invalid_credentials', '用户名或密码错误', 'Wrong username or password', {
    path: 'password',
  });
}

function rateLimited(seconds: number): AppError {
  return new AppError(
    'auth.rate_limited',
    `登录尝试过于频繁，请 ${seconds} 秒后再试`,
    `Too many sign-in attempts; try again in ${seconds} seconds`,
  );
}

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const options = app.authOptions;

  /**
   * What the navigation needs: system actions, whether the user may start tables in their own unit,
   * and whether they review tables at some stage (the review queue).
   */
  async function sessionActions(user: SessionUser | null): Promise<Action[]> {
    if (!user) return allowedSystemActions(user);
    const path = organisationPath(user.organisationId, await listOrganisations(app.db));
    const own = { status: 'draft' as const, organisationPath: path };
    const start = allowedTableActions(user, own).filter((a) => a === 'table.create' || a === 'table.import');
    // A submitted table of some unit under the user's organisation, and one forwarded to finance.
    const below = { status: 'submitted' as const, organisationPath: ['', ...path] };
    const forwarded = { status: 'department_reviewed' as const, organisationPath: [] };
    const review: Action[] = [];
    if (can(user, 'table.review_department', below)) review.push('table.review_department');
    if (can(user, 'table.review_finance', forwarded)) review.push('table.review_finance');
    return [...allowedSystemActions(user), ...start, ...review];
  }
  const perIp = app.createRateLimit({
    max: options.loginPerIp.max,
    timeWindow: options.loginPerIp.timeWindowMs,
    keyGenerator: (request) => `login-ip:${request.ip}`,
  });
  const perUsername = app.createRateLimit({
    max: options.loginPerUsername.max,
    timeWindow: options.loginPerUsername.timeWindowMs,
    keyGenerator: (request) => `login-user:${usernameOf(request)}`,
  });

  async function logFailure(
    request: FastifyRequest,
    userId: string | null,
    username: string,
    reason: string,
  ) {
    await writeAudit(app.db, {
      actor: auditActor(request),
      action: 'auth.login_failed',
      entity: 'user',
      entityId: userId,
      diff: { username, reason },
    });
  }

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password (sets the session cookie)',
        body: loginSchema,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      // Every attempt counts against the address; only failures count against the username, so that
      // someone who signs in often is never blocked while guessing one account stays slow.
      const byIp = await perIp(request);
      const byName = await perUsername(request, { increment: false });
      const blocked =
        !byIp.isAllowed && byIp.isExceeded
          ? byIp
          : !byName.isAllowed && byName.remaining <= 0
            ? byName
            : null;
      if (blocked && !blocked.isAllowed) {
        await logFailure(request, null, username, 'rate_limited');
        reply.header('retry-after', String(blocked.ttlInSeconds));
        throw rateLimited(blocked.ttlInSeconds);
      }
      const now = options.now();
      const credentials = await findCredentials(app.db, username);
      const user = credentials?.user;
      if (user?.lockedUntil && new Date(user.lockedUntil) > now) {
        await logFailure(request, user.id, username, 'locked');
        throw lockedError(new Date(user.lockedUntil));
      }
      const ok = await verifyPassword(credentials?.passwordHash ?? null, password);
      if (!ok || !user?.active) {
        await perUsername(request);
        await logFailure(
          request,
          user?.id ?? null,
          username,
          !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive',
        );
        if (user && !ok) {
          const { lockedUntil } = await recordLoginFailure(
            app.db,
            user.id,
            now,
            { maxAttempts: options.maxFailedAttempts, lockMs: options.lockMs },
            auditActor(request),
          );
          if (lockedUntil && lockedUntil > now) throw lockedError(lockedUntil);
        }
        // An inactive account gets the same answer as a wrong password: no hint that the name exists.
        throw invalidCredentials();
      }
      // A new session on every sign-in (no fixation); the browser's previous one, if any, ends here.
      if (request.sessionTokenHash)
        await deleteSession(app.db, request.sessionTokenHash, auditActor(request));
      const token = newToken();
      const csrfToken = newToken();
      await createSession(
        app.db,
        {
          tokenHash: hashToken(token),
          userId: user.id,
          csrfToken,
          expiresAt: new Date(now.getTime() + options.sessionTtlMs),
          address: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        { userId: user.id, address: request.ip },
      );
      // Sign-ins are rare enough to sweep expired sessions here instead of running a timer.
      await deleteExpiredSessions(app.db, now);
      reply.setCookie(sessionCookie, token, cookieOptions(request, true, options.sessionTtlMs));
      reply.setCookie(csrfCookie, csrfToken, cookieOptions(request, false));
      const sessionUser = toSessionUser(user);
      return { user: sessionUser, csrfToken, actions: await sessionActions(sessionUser) };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.sessionTokenHash)
        await deleteSession(app.db, request.sessionTokenHash, auditActor(request));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user (null when anonymous), the CSRF token and allowed system actions',
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const csrfToken = ensureCsrfCookie(request, reply);
      return { user: request.user, csrfToken, actions: await sessionActions(request.user) };
    },
  );
};

function usernameOf(request: FastifyRequest): string {
  const body = request.body;
  const name = typeof body === 'object' && body !== null && 'username' in body ? body.username : '';
  return typeof name === 'string' ? name.trim().toLowerCase() : '';
}
