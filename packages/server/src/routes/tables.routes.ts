import { AppError } from '@jixiao/core/errors/app-error';
import { copyTableToYear, tableCopySchema } from '@jixiao/core/tables/table-copy';
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
import { getSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assertCanResolveDuplicates,
  assertCanTable,
  auditActor,
  readScope,
  signedIn,
} from '../auth/authorize.ts';
import { assertDraftingOpen, type CalendarRouteOptions } from '../guards/calendar.guards.ts';
import { withOrganisationUnit } from '../use-cases/table-unit.ts';

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
      // A new table belongs to the author's own unit unless another organisation is named.
      const organisationId = request.body.organisationId ?? request.user?.organisationId ?? null;
      await assertCanTable(request, app.db, 'table.create', { status: 'draft', organisationId });
      await assertDraftingOpen(
        app.db,
        [{ table: request.body.table, path: 'table.year' }],
        'create',
        options.now?.(),
      );
      await assertCanResolveDuplicates(request, app.db, organisationId, request.body.duplicates);
      const [table] = await withOrganisationUnit(app.db, [request.body.table], organisationId);
      const { record, skipped } = await store.createChecked(
        table ?? request.body.table,
        auditActor(request),
        {
          organisationId,
          duplicates: request.body.duplicates ?? [],
        },
      );
      // A new version of, or a skip to, the stored table created nothing: 200 with that table.
      const created = !skipped && record.version === 1;
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
    async (request) => {
      const current = await store.get(request.params.id);
      // Someone who could edit this table as a draft (its own unit's author) learns why it cannot be
      // saved now (frozen, under review: 409) instead of a bare "forbidden"; everyone else gets 401/403.
      await assertCanTable(request, app.db, 'table.update', { ...current, status: 'draft' });
      assertEditable(current.status);
      await assertCanTable(request, app.db, 'table.update', current);
      const { version, reason } = request.body;
      const [table] = await withOrganisationUnit(app.db, [request.body.table], current.organisationId);
      return store.update(
        request.params.id,
        version,
        table ?? request.body.table,
        auditActor(request),
        reason,
      );
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
      const source = await store.get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', source);
      // The draft belongs to the source's unit, so only that unit's authors may start it.
      const organisationId = source.organisationId;
      await assertCanTable(request, app.db, 'table.create', { status: 'draft', organisationId });
      const year = request.body.year ?? source.table.year + 1;
      if (year <= source.table.year) {
        throw new AppError(
          'request.invalid',
          `新年度须晚于原表年度（${source.table.year} 年）`,
          `The new year must be later than the source table’s year (${source.table.year})`,
          { path: 'year' },
        );
      }
      const evaluation = await getSelfEvaluation(app.db, source.id);
      const table = copyTableToYear(source.table, { year, executed: evaluation?.entry.budget.executed });
      await assertDraftingOpen(app.db, [{ table, path: 'year' }], 'create', options.now?.());
      const record = await store.createCopy(source.id, table, auditActor(request), { organisationId });
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
