import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { loginSchema, passwordChangeSchema, sessionUserSchema } from '@jixiao/core/accounts/account.schema';
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
  toSessionUser,
} from '@jixiao/db/accounts.repository';
import { writeAudit } from '@jixiao/db/audit.repository';
import {
  blockedUntil,
  clearThrottles,
  recordFailure,
  sweepThrottles,
} from '@jixiao/db/login-throttles.repository';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cookieOptions, csrfCookie, ensureCsrfCookie, sessionCookie } from '../auth/auth.plugin.ts';
import { auditActor, unauthenticated } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { throttleDelayMs, throttleKeys, throttleWindowMs } from '../auth/login-throttle.ts';
import { verifyPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/session-token.ts';
import { changeOwnPassword } from '../use-cases/accounts.ts';

const sessionSchema = z.object({
  user: sessionUserSchema.nullable(),
  csrfToken: z.string().describe('Send it back in the x-csrf-token header of every POST/PUT/PATCH/DELETE'),
  actions: z
    .array(z.enum(actions))
    .describe(
      'System actions (admin, audit pages), table.create/table.import for the own unit, and table.review_* when the user reviews',
    ),
  mustChangePassword: z
    .boolean()
    .describe('The user must choose a new password (POST /api/auth/password) before any other call'),
});

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

/** The answer while a name, an address or the pair is held back: the same whether the name exists or not. */
function throttled(seconds: number): AppError {
  return new AppError(
    'auth.throttled',
    `登录失败次数过多，请 ${seconds} 秒后再试；如仍无法登录，请联系管理员`,
    `Too many failed sign-ins; try again in ${seconds} seconds, or ask an administrator`,
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
      // A flood limit per address (good and bad attempts alike), kept in memory.
      const byIp = await perIp(request);
      if (!byIp.isAllowed && byIp.isExceeded) {
        await logFailure(request, null, username, 'rate_limited');
        reply.header('retry-after', String(byIp.ttlInSeconds));
        throw rateLimited(byIp.ttlInSeconds);
      }
      const now = options.now();
      // Throttles are keyed by the name as typed, not by the account: an unknown name is held back exactly
      // like a known one, and a held-back attempt checks no password, so no answer tells them apart.
      const keys = throttleKeys(username, request.ip);
      const heldUntil = await blockedUntil(app.db, keys, now);
      if (heldUntil) {
        const seconds = Math.max(1, Math.ceil((heldUntil.getTime() - now.getTime()) / 1000));
        await logFailure(request, null, username, 'throttled');
        reply.header('retry-after', String(seconds));
        throw throttled(seconds);
      }
      const credentials = await findCredentials(app.db, username);
      const user = credentials?.user;
      const ok = await verifyPassword(credentials?.passwordHash ?? null, password);
      if (!ok || !user?.active) {
        await recordFailure(app.db, keys, now, (scope) => {
          const policy = options.throttles[scope];
          return { windowMs: policy.windowMs, delayMs: (n) => throttleDelayMs(policy, n) };
        });
        await logFailure(
          request,
          user?.id ?? null,
          username,
          !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive',
        );
        // Unknown name, wrong password and inactive account: one answer, no hint that the name exists.
        throw invalidCredentials();
      }
      // The owner is in: the name's and this address's count start afresh (the address's own count
      // over all names stays, so signing in to one's own account does not reset a spray).
      await clearThrottles(
        app.db,
        keys.filter((k) => k.scope !== 'address'),
      );
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
      // Sign-ins are rare enough to sweep expired sessions and old throttles here instead of running a timer.
      await deleteExpiredSessions(app.db, now);
      await sweepThrottles(app.db, new Date(now.getTime() - throttleWindowMs(options.throttles)), now);
      reply.setCookie(sessionCookie, token, cookieOptions(request, true, options.sessionTtlMs));
      reply.setCookie(csrfCookie, csrfToken, cookieOptions(request, false));
      const sessionUser = toSessionUser(user);
      return {
        user: sessionUser,
        csrfToken,
        actions: await sessionActions(sessionUser),
        mustChangePassword: user.mustChangePassword,
      };
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
      return {
        user: request.user,
        csrfToken,
        actions: await sessionActions(request.user),
        mustChangePassword: request.mustChangePassword,
      };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password (required after an administrator created the account or set it)',
        body: passwordChangeSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user || !request.sessionTokenHash) throw unauthenticated();
      const now = options.now();
      // A borrowed session guessing the current password is throttled like a sign-in.
      const keys = throttleKeys(user.username, request.ip);
      const heldUntil = await blockedUntil(app.db, keys, now);
      if (heldUntil) {
        const seconds = Math.max(1, Math.ceil((heldUntil.getTime() - now.getTime()) / 1000));
        reply.header('retry-after', String(seconds));
        throw throttled(seconds);
      }
      const { currentPassword, newPassword } = request.body;
      const credentials = await findCredentials(app.db, user.username);
      if (!(await verifyPassword(credentials?.passwordHash ?? null, currentPassword))) {
        await recordFailure(app.db, keys, now, (scope) => {
          const policy = options.throttles[scope];
          return { windowMs: policy.windowMs, delayMs: (n) => throttleDelayMs(policy, n) };
        });
        throw new AppError('user.current_password_wrong', '当前密码不正确', 'The current password is wrong', {
          path: 'currentPassword',
        });
      }
      if (newPassword === currentPassword) {
        throw new AppError(
          'user.password_unchanged',
          '新密码不能与当前密码相同',
          'The new password must differ from the current one',
          {
            path: 'newPassword',
          },
        );
      }
      // Other sessions end (someone who knew the old password is out); this one goes on.
      await changeOwnPassword(app.db, callerOf(request), newPassword, request.sessionTokenHash);
      return reply.code(204).send(null);
    },
  );
};
