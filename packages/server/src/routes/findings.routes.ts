import { can } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import type { ExAnteAssessment } from '@jixiao/core/ex-ante/ex-ante.schema';
import { peerListSchema } from '@jixiao/core/peers/peer.schema';
import { ruleSetRef } from '@jixiao/core/review/effective-rule-set';
import { findingSchema } from '@jixiao/core/review/finding.schema';
import { reviewTable } from '@jixiao/core/review/review-table';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import type { Database } from '@jixiao/db/database';
import { getExAnteAssessment } from '@jixiao/db/ex-ante.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanTable, readScope, signedIn, tableResource } from '../auth/authorize.ts';
import { ruleSetForRequest, ruleSetRefQuery } from '../guards/rule-set.guards.ts';
import { similarProjects } from '../use-cases/peer-evidence.ts';
import { lastYearOf } from '../use-cases/review-errors.ts';

const ruleSetId = ruleSetRefQuery;

/**
 * The ex-ante assessment of the stored table being edited, when the caller may read it: the editor's
 * check then reports what the submission gate will. Without a table (or access) the ex-ante rules stay
 * silent rather than claim an assessment is missing.
 */
async function storedExAnte(
  db: Database,
  request: FastifyRequest,
  tableId: string | undefined,
): Promise<{ exAnte?: ExAnteAssessment | null }> {
  if (tableId === undefined) return {};
  const record = await createTableRepository(db)
    .get(tableId)
    .catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'table.not_found') return null;
      throw error;
    });
  if (!record || !can(request.user ?? null, 'table.read', await tableResource(db, record))) return {};
  return { exAnte: await getExAnteAssessment(db, tableId) };
}

const findingsResponse = z.object({
  ruleSet: z.string(),
  findings: z.array(findingSchema),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), hint: z.number().int() }),
});

function respond(ruleSet: string, findings: z.infer<typeof findingSchema>[]) {
  const counts = { error: 0, warning: 0, hint: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return { ruleSet, findings, counts };
}

/**
 * Automatic review: the rule sets, the findings of a stored table, and a check of any table
 * sent in the body (the editor's "check as you type"). Findings follow table.read: they only restate
 * what the table says.
 */
export const findingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tables/:id/findings',
    {
      schema: {
        tags: ['review'],
        summary: 'Automatic review findings of a stored table',
        description:
          'With `previous`, the id of last year’s table of the same project, the year-to-year rules run too.',
        params: z.object({ id: z.string().uuid() }),
        querystring: z.object({ ruleSet: ruleSetId, previous: z.string().uuid().optional() }),
        response: { 200: findingsResponse },
      },
    },
    async (request) => {
      const tables = createTableRepository(app.db);
      const record = await tables.get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      let previous: PerformanceTable | null;
      if (request.query.previous !== undefined) {
        const last = await tables.get(request.query.previous);
        await assertCanTable(request, app.db, 'table.read', last);
        previous = last.table;
      } else {
        previous = await lastYearOf(tables, record.table, await readScope(request, app.db));
      }
      const set = await ruleSetForRequest(app.db, request.query.ruleSet, record.table);
      const peers = await similarProjects(app.db, record.table, set, record.id);
      const exAnte = await getExAnteAssessment(app.db, record.id);
      return respond(ruleSetRef(set), reviewTable(record.table, set, { previous, peers, exAnte }));
    },
  );

  app.get(
    '/tables/:id/peers',
    {
      schema: {
        tags: ['review'],
        summary: 'Similar projects (案例库) of a table, with what they achieved',
        description:
          'Published tables of the same category whose level-1 labels fit the rule set’s framework, nearest project names first (trigram similarity), each with its indicators, targets, the self-evaluation’s actual values and grade, and unit costs. The evidence rules (P01–P03) read the same list.',
        params: z.object({ id: z.string().uuid() }),
        querystring: z.object({ ruleSet: ruleSetId }),
        response: { 200: peerListSchema },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      const set = await ruleSetForRequest(app.db, request.query.ruleSet, record.table);
      return { peers: await similarProjects(app.db, record.table, set, record.id) };
    },
  );

  app.post(
    '/check',
    {
      onRequest: signedIn,
      schema: {
        tags: ['review'],
        summary: 'Review a table sent in the body (nothing is stored)',
        querystring: z.object({ ruleSet: ruleSetId }),
        body: z.object({
          table: performanceTableSchema,
          previous: performanceTableSchema.nullable().optional(),
          tableId: z
            .string()
            .uuid()
            .optional()
            .describe('The stored table being edited, left out of its own similar projects'),
        }),
        response: { 200: findingsResponse },
      },
    },
    async (request) => {
      const set = await ruleSetForRequest(app.db, request.query.ruleSet, request.body.table);
      const peers = await similarProjects(app.db, request.body.table, set, request.body.tableId ?? null);
      const findings = reviewTable(request.body.table, set, {
        previous: request.body.previous ?? null,
        peers,
        ...(await storedExAnte(app.db, request, request.body.tableId)),
      });
      return respond(ruleSetRef(set), findings);
    },
  );
};
