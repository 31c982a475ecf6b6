import {
  passwordResetSchema,
  userCreateSchema,
  userSchema,
  userUpdateSchema,
} from '@jixiao/core/accounts/account.schema';
import { listUsers } from '@jixiao/db/accounts.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { addUser, changeUser, resetPassword } from '../use-cases/accounts.ts';

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
    async (request, reply) => reply.code(201).send(await addUser(app.db, callerOf(request), request.body)),
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
    async (request) => changeUser(app.db, callerOf(request), request.params.id, request.body),
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
    async (request) => resetPassword(app.db, callerOf(request), request.params.id, request.body.password),
  );
};
