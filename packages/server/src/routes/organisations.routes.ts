import {
  organisationCreateSchema,
  organisationSchema,
  organisationUpdateSchema,
} from '@jixiao/core/accounts/account.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { addOrganisation, changeOrganisation } from '../use-cases/accounts.ts';

const organisationListSchema = z.object({ items: z.array(organisationSchema) });

/** The organisation tree (finance bureau → departments → units): read by users, managed by admins. */
export const organisationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/organisations',
    {
      onRequest: authorize('organisation.read'),
      schema: { tags: ['accounts'], summary: 'All organisations', response: { 200: organisationListSchema } },
    },
    async () => ({ items: await listOrganisations(app.db) }),
  );

  app.post(
    '/organisations',
    {
      onRequest: authorize('organisation.manage'),
      schema: {
        tags: ['accounts'],
        summary: 'Create an organisation',
        body: organisationCreateSchema,
        response: { 201: organisationSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addOrganisation(app.db, callerOf(request), request.body)),
  );

  app.patch(
    '/organisations/:id',
    {
      onRequest: authorize('organisation.manage'),
      schema: {
        tags: ['accounts'],
        summary: 'Rename or move an organisation',
        params: z.object({ id: z.string().uuid() }),
        body: organisationUpdateSchema,
        response: { 200: organisationSchema },
      },
    },
    async (request) => changeOrganisation(app.db, callerOf(request), request.params.id, request.body),
  );
};
