import { AppError } from '@jixiao/core/errors/app-error';
import { tableCopySchema } from '@jixiao/core/tables/table-copy';
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
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanTable, readScope, signedIn } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import type { CalendarRouteOptions } from '../guards/calendar.guards.ts';
import { copyTable, createTable, deleteTable, saveTable } from '../use-cases/table-writes.ts';

const idParams = z.object({ id: z.string().uuid() });
const versionParams = idParams.extend({ version: z.coerce.number().int().positive() });
const diffQuery = z.object({
  from: z.coerce.number().int().positive().describe('Older version'),
  to: z.coerce.number().int().positive().describe('Newer version'),
});
const versionListSchema = z.object({ items: z.array(tableVersionSummarySchema) });
const tags = ['tables'];

/**
 * Target tables: list and search, read, create, save a new version (optimistic locking),
 * delete a draft, version history and the diff of two versions, and a new year's draft copied from a
 * table. Every route checks the policies.
 */
export const tablesRoutes: FastifyPluginAsyncZod<CalendarRouteOptions> = async (app, options) => {
  const store = createTableRepository(app.db);
  // The list and search read the replica when there is one; a table read by id stays on the primary.
  const listed = createTableRepository(app.readDb);

  app.get(
    '/tables',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'List and search tables (year, unit, project or indicator text, status, kind)',
        querystring: tableListQuerySchema,
        response: { 200: tableListSchema },
      },
    },
    async (request) => listed.list(request.query, { scope: await readScope(request, app.db) }),
  );

  app.post(
    '/tables',
    {
      schema: {
        tags,
        summary: 'Create a draft table',
        description:
          'When the organisation already has a table of the same project (by name) and year: 409 table.duplicate (path `table`, the stored tables in `duplicates`) unless `duplicates: [{ index: 0, action }]` chooses `new-version` (200, the stored table saved anew), `replace-draft`, `skip` (200, the stored table unchanged) or `create-anyway`.',
        body: tableCreateSchema,
        response: { 200: tableRecordSchema, 201: tableRecordSchema },
      },
    },
    async (request, reply) => {
      const { record, created } = await createTable(app.db, callerOf(request), request.body, options.now?.());
      // A new version of, or a skip to, the stored table created nothing: 200 with that table.
      return reply.code(created ? 201 : 200).send(record);
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
    async (request) => saveTable(app.db, callerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/tables/:id',
    { schema: { tags, summary: 'Delete a draft', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteTable(app.db, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/tables/:id/copy',
    {
      // Anonymous callers learn to sign in before the body is looked at.
      onRequest: signedIn,
      schema: {
        tags,
        summary: 'Start a new year’s draft from this table (复制为新年度; 409 if the project has that year)',
        description:
          'The new draft keeps the project, narratives and indicators with their targets; the source’s ' +
          'current-year budget and its self-evaluated execution become the prior-year figures.',
        params: idParams,
        body: tableCopySchema,
        response: { 201: tableRecordSchema },
      },
    },
    async (request, reply) => {
      const record = await copyTable(
        app.db,
        callerOf(request),
        request.params.id,
        request.body,
        options.now?.(),
      );
      return reply.code(201).send(record);
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
