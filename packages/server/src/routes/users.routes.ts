import {
  passwordResetSchema,
  userCreateSchema,
  userSchema,
  userUpdateSchema,
} from '@jixiao/core/accounts/account.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import { createUser, getUser, listUsers, setPassword, updateUser } from '@jixiao/db/accounts.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, authorize } from '../auth/authorize.ts';
import { hashPassword } from '../auth/password.ts';
import { assertAcceptablePassword } from '../auth/password-policy.ts';

const idParams = z.object({ id: z.string().uuid() });
const userListSchema = z.object({ items: z.array(userSchema) });

/**
 * Users admin: list (admin, auditor), create, edit roles, deactivate, set a password (admin). An account
 * an administrator creates or sets a password for chooses its own password at the next sign-in.
 */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      onRequest: authorize('user.read'),
      schema: { tags: ['accounts'], summary: 'All users', response: { 200: userListSchema } },
    },
    async () => ({ items: await listUsers(app.db) }),
  );

  app.post(
    '/users',
    {
      onRequest: authorize('user.manage'),
      schema: {
        tags: ['accounts'],
        summary: 'Create a user',
        body: userCreateSchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const { password, ...fields } = request.body;
      assertAcceptablePassword(password, fields.username, 'password');
      const user = await createUser(
        app.db,
        { ...fields, passwordHash: await hashPassword(password), mustChangePassword: true },
        auditActor(request),
      );
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      onRequest: authorize('user.manage'),
      schema: {
        tags: ['accounts'],
        summary: 'Change display name, organisation, roles or active flag',
        params: idParams,
        body: userUpdateSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      // An administrator cannot lock themselves out: the last way back in would be the database.
      if (
        id === request.user?.id &&
        (request.body.active === false || (request.body.roles && !request.body.roles.includes('admin')))
      ) {
        throw new AppError(
          'user.self_lockout',
          '不能停用自己的账户或移除自己的管理员角色',
          'You cannot deactivate yourself or remove your own admin role',
          { path: request.body.active === false ? 'active' : 'roles' },
        );
      }
      return updateUser(app.db, id, request.body, auditActor(request));
    },
  );

  app.post(
    '/users/:id/password',
    {
      onRequest: authorize('user.manage'),
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password (ends the user’s sessions; the user changes it at the next sign-in)',
        params: idParams,
        body: passwordResetSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const target = await getUser(app.db, request.params.id);
      assertAcceptablePassword(request.body.password, target.username, 'password');
      return setPassword(app.db, target.id, await hashPassword(request.body.password), auditActor(request), {
        mustChange: true,
      });
    },
  );
};
