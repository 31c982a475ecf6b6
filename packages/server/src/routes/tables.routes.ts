import { AppError } from '@jixiao/core/errors/app-error';
import { diffTables, tableDiffSchema } from '@jixiao/core/tables/table-diff';
import {
  tableCreateSchema,
  tableListQuerySchema,
  tableListSchema,
  tableRecordSchema,
  tableUpdateSchema,
  tableVersionSchema,
  tableVersionSummarySchema,
} from '@jixiao/core/tables/table-record.schema';
import { assertEditable } from '@jixiao/core/workflow/workflow-machine';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanTable, auditActor, readScope } from '../auth/authorize.ts';

const idParams = z.object({ id: z.string().uuid() });
const versionParams = idParams.extend({ version: z.coerce.number().int().positive() });
const diffQuery = z.object({
  from: z.coerce.number().int().positive().describe('Older version'),
  to: z.coerce.number().int().positive().describe('Newer version'),
});
const versionListSchema = z.object({ items: z.array(tableVersionSummarySchema) });
const tags = ['tables'];

function notDeletable(): AppError {
  return new AppError(
    'table.not_editable',
    '只能删除草稿状态的绩效目标表；已提交或已审核的表需退回后处理',
    'Only draft tables can be deleted; submitted or reviewed tables must be returned first',
    { path: 'status' },
  );
}

/**
 * Target tables (issue 4): list and search, read, create, save a new version (optimistic locking),
 * delete a draft, version history and the diff of two versions. Every route checks the policies.
 */
export const tablesRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createTableRepository(app.db);

  app.get(
    '/tables',
    {
      schema: {
        tags,
        summary: 'List and search tables (year, unit, project or indicator text, status, kind)',
        querystring: tableListQuerySchema,
        response: { 200: tableListSchema },
      },
    },
    async (request) => store.list(request.query, { scope: await readScope(request, app.db) }),
  );

  app.post(
    '/tables',
    {
      schema: {
        tags,
        summary: 'Create a draft table',
        body: tableCreateSchema,
        response: { 201: tableRecordSchema },
      },
    },
    async (request, reply) => {
      // A new table belongs to the author's own unit unless another organisation is named.
      const organisationId = request.body.organisationId ?? request.user?.organisationId ?? null;
      await assertCanTable(request, app.db, 'table.create', { status: 'draft', organisationId });
      const record = await store.create(request.body.table, auditActor(request), { organisationId });
      return reply.code(201).send(record);
    },
  );

  app.get(
    '/tables/:id',
    {
      schema: {
        tags,
        summary: 'One table, current version',
        params: idParams,
        response: { 200: tableRecordSchema },
      },
    },
    async (request) => {
      const record = await store.get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      return record;
    },
  );

  app.put(
    '/tables/:id',
    {
      schema: {
        tags,
        summary: 'Save a new version (send the version you edited; 409 if someone saved since)',
        params: idParams,
        body: tableUpdateSchema,
        response: { 200: tableRecordSchema },
      },
    },
    async (request) => {
      const current = await store.get(request.params.id);
      // Someone who could edit this table as a draft (its own unit's author) learns why it cannot be
      // saved now (frozen, under review: 409) instead of a bare "forbidden"; everyone else gets 401/403.
      await assertCanTable(request, app.db, 'table.update', { ...current, status: 'draft' });
      assertEditable(current.status);
      await assertCanTable(request, app.db, 'table.update', current);
      const { version, table, reason } = request.body;
      return store.update(request.params.id, version, table, auditActor(request), reason);
    },
  );

  app.delete(
    '/tables/:id',
    { schema: { tags, summary: 'Delete a draft', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const current = await store.get(request.params.id);
      await assertCanTable(request, app.db, 'table.delete', { ...current, status: 'draft' });
      if (current.status !== 'draft') throw notDeletable();
      await assertCanTable(request, app.db, 'table.delete', current);
      await store.remove(request.params.id, auditActor(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/tables/:id/versions',
    {
      schema: {
        tags,
        summary: 'Version history (every saved version, oldest first)',
        params: idParams,
        response: { 200: versionListSchema },
      },
    },
    async (request) => {
      const current = await store.get(request.params.id);
      await assertCanTable(request, app.db, 'table.history', current);
      return { items: await store.versionSummaries(request.params.id) };
    },
  );

  app.get(
    '/tables/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'One saved version',
        params: versionParams,
        response: { 200: tableVersionSchema },
      },
    },
    async (request) => {
      const current = await store.get(request.params.id);
      await assertCanTable(request, app.db, 'table.history', current);
      return store.version(request.params.id, request.params.version);
    },
  );

  app.get(
    '/tables/:id/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two saved versions',
        params: idParams,
        querystring: diffQuery,
        response: { 200: tableDiffSchema },
      },
    },
    async (request) => {
      const current = await store.get(request.params.id);
      await assertCanTable(request, app.db, 'table.history', current);
      const { from, to } = request.query;
      if (from === to) {
        throw new AppError(
          'request.invalid',
          '请选择两个不同的版本进行比较',
          'Choose two different versions to compare',
          {
            path: 'to',
          },
        );
      }
      const [before, after] = await Promise.all([
        store.version(request.params.id, from),
        store.version(request.params.id, to),
      ]);
      return diffTables(before.table, after.table);
    },
  );
};
