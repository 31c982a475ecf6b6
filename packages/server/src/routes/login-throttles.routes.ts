import { loginThrottleListSchema, throttleScopeSchema } from '@jixiao/core/accounts/login-throttle.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import { deleteThrottle, listThrottles } from '@jixiao/db/login-throttles.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, authorize } from '../auth/authorize.ts';
import { throttleWindowMs } from '../auth/login-throttle.ts';

const throttleParams = z.object({ scope: throttleScopeSchema, key: z.string().min(1).max(300) });

/** Sign-in throttles for administrators: see who is held back (admin, auditor) and clear one (admin, audited). */
export const loginThrottlesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/login-throttles',
    {
      onRequest: authorize('user.read'),
      schema: {
        tags: ['accounts'],
        summary: 'Sign-in throttles in force or with failures within their window, newest first',
        response: { 200: loginThrottleListSchema },
      },
    },
    async () => {
      const now = app.authOptions.now();
      const since = new Date(now.getTime() - throttleWindowMs(app.authOptions.throttles));
      return { items: await listThrottles(app.db, now, since) };
    },
  );

  app.delete(
    '/login-throttles/:scope/:key',
    {
      onRequest: authorize('user.manage'),
      schema: {
        tags: ['accounts'],
        summary: 'Clear one sign-in throttle (audited as auth.throttle_cleared)',
        params: throttleParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { scope, key } = request.params;
      if (!(await deleteThrottle(app.db, { scope, key }, auditActor(request)))) {
        throw new AppError('login_throttle.not_found', '没有该登录限制', 'No such sign-in throttle', {
          path: 'key',
        });
      }
      return reply.code(204).send(null);
    },
  );
};
