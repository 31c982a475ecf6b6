import { importCandidateSchema, shownFormQuerySchema } from '@jixiao/core/tables/table-record.schema';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanTable } from '../auth/authorize.ts';
import { selfEvaluationMatch } from '../use-cases/import-self-evaluation.ts';

const selfEvaluationMatchSchema = z.object({
  tableId: z
    .string()
    .uuid()
    .nullable()
    .describe('The approved table of the same project, unit and year; null: choose'),
  candidates: z.array(importCandidateSchema).describe('Approved or published tables of the unit that year'),
  schemeId: z.string().describe('The scoring scheme the printed weights tell'),
  schemes: z.array(
    z.object({
      id: z.string(),
      name: z.object({ zh: z.string(), en: z.string() }),
      executionWeight: z
        .number()
        .describe('Points the scheme gives 预算执行率 (10 national, 20 on some local forms)'),
    }),
  ),
});

/** GET /api/imports/:id/self-evaluation-match: where a previewed 自评表 would go and how it would be scored. */
export const selfEvaluationImportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/imports/:id/self-evaluation-match',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Where a previewed filled 自评表 would go (the matched approved table, or the tables to choose from; none: import it with its own table) and the scheme its printed weights tell',
        params: z.object({ id: z.string().uuid() }),
        querystring: shownFormQuerySchema,
        response: { 200: selfEvaluationMatchSchema },
      },
    },
    async (request) => {
      const preview = await createTableRepository(app.db).getImport(request.params.id);
      await assertCanTable(request, app.db, 'table.import', {
        status: 'draft',
        organisationId: preview.organisationId,
      });
      return selfEvaluationMatch(app.db, preview, request.query);
    },
  );
};
