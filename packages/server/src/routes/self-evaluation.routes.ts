import { selfEvaluationLayout } from '@jixiao/core/export/self-evaluation-layout';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import {
  DEFAULT_SCORING_SCHEME_ID,
  getScoringScheme,
  SCORING_SCHEMES,
} from '@jixiao/core/scoring/scoring-schemes';
import {
  scoreAdjustmentSchema,
  selfEvaluationEntrySchema,
  selfEvaluationScoreSchema,
} from '@jixiao/core/scoring/self-evaluation.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { StoredSelfEvaluation } from '@jixiao/db/evaluation.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedIn } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import type { CalendarRouteOptions } from '../guards/calendar.guards.ts';
import { readableTable } from '../guards/table.guards.ts';
import { sendDocument } from '../http/send-document.ts';
import { adjustScore, saveSelfEvaluationEntry, storedSelfEvaluation } from '../use-cases/self-evaluation.ts';

const idParams = z.object({ id: z.string().uuid() });

const adjustmentView = scoreAdjustmentSchema.extend({
  id: z.string().uuid(),
  computedScore: z.number(),
  decision: z.enum(['claim', 'rule']).nullable().describe('A re-check decision (财政复核), else null'),
  adjustedBy: z.string().nullable(),
  adjustedAt: z.string(),
});

const selfEvaluationResponse = z.object({
  tableId: z.string().uuid(),
  tableVersion: z.number().int(),
  entry: selfEvaluationEntrySchema,
  score: selfEvaluationScoreSchema,
  adjustments: z.array(adjustmentView),
  updatedAt: z.string(),
});

function present(record: TableRecord, stored: StoredSelfEvaluation) {
  return {
    tableId: record.id,
    tableVersion: stored.tableVersion,
    entry: stored.entry,
    score: scoreSelfEvaluation(record.table, stored.entry, getScoringScheme(stored.schemeId)),
    adjustments: stored.adjustments,
    updatedAt: stored.updatedAt,
  };
}

/**
 * Self-evaluation: the author enters actuals after the year, Jixiao scores them with the
 * scheme (every score explained), reviewers adjust a score with a reason (audited), and the 自评表 is
 * served as a layout and as PDF / Excel / HTML through the export renderers. Saving is refused once the
 * year's self-evaluation is closed or past its deadline; adjustments are not.
 */
export const selfEvaluationRoutes: FastifyPluginAsyncZod<CalendarRouteOptions> = async (app, options) => {
  app.get(
    '/scoring-schemes',
    {
      schema: {
        tags: ['self-evaluation'],
        summary: 'Scoring schemes (评分办法) by id',
        response: {
          200: z.object({
            defaultId: z.string(),
            items: z.array(
              z.object({
                id: z.string(),
                version: z.number().int(),
                name: z.object({ zh: z.string(), en: z.string() }),
                basis: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      defaultId: DEFAULT_SCORING_SCHEME_ID,
      items: Object.values(SCORING_SCHEMES).map(({ id, version, name, basis }) => ({
        id,
        version,
        name,
        basis,
      })),
    }),
  );

  app.get(
    '/tables/:id/self-evaluation',
    {
      schema: {
        tags: ['self-evaluation'],
        summary: 'The self-evaluation of a table with its score, explanations and adjustments',
        params: idParams,
        response: { 200: selfEvaluationResponse },
      },
    },
    async (request) => {
      const { record } = await readableTable(request, app.db, request.params.id);
      return present(record, await storedSelfEvaluation(app.db, record.id));
    },
  );

  app.put(
    '/tables/:id/self-evaluation',
    {
      onRequest: signedIn,
      schema: {
        tags: ['self-evaluation'],
        summary: 'Enter the year-end actuals, money executed, reasons and measures; returns the score',
        params: idParams,
        body: selfEvaluationEntrySchema.omit({ adjustments: true }),
        response: { 200: selfEvaluationResponse },
      },
    },
    async (request) => {
      const saved = await saveSelfEvaluationEntry(
        app.db,
        callerOf(request),
        request.params.id,
        request.body,
        options.now?.(),
      );
      return present(saved.record, saved.stored);
    },
  );

  app.post(
    '/tables/:id/self-evaluation/adjustments',
    {
      onRequest: signedIn,
      schema: {
        tags: ['self-evaluation'],
        summary: 'A reviewer adjusts one score (execution or an indicator) with a reason; audited',
        params: idParams,
        body: scoreAdjustmentSchema,
        response: { 200: selfEvaluationResponse },
      },
    },
    async (request) => {
      const adjusted = await adjustScore(app.db, callerOf(request), request.params.id, request.body);
      return present(adjusted.record, adjusted.stored);
    },
  );

  app.get(
    '/tables/:id/self-evaluation/layout',
    {
      schema: {
        tags: ['self-evaluation'],
        summary: 'The 自评表 in the official layout (the model the web view and exports render)',
        params: idParams,
        querystring: z.object({ locale: z.enum(['zh', 'en']).default('zh') }),
      },
    },
    async (request) => {
      const { record } = await readableTable(request, app.db, request.params.id);
      const stored = await storedSelfEvaluation(app.db, record.id);
      const score = scoreSelfEvaluation(record.table, stored.entry, getScoringScheme(stored.schemeId));
      return selfEvaluationLayout(record.table, stored.entry, score, request.query.locale);
    },
  );

  app.get(
    '/tables/:id/self-evaluation/document',
    {
      schema: {
        tags: ['self-evaluation'],
        summary: 'The 自评表 as PDF, Excel, Word or HTML',
        params: idParams,
        querystring: z.object({
          format: z.enum(['pdf', 'xlsx', 'docx', 'html']).default('pdf'),
          locale: z.enum(['zh', 'en']).default('zh'),
        }),
      },
    },
    async (request, reply) => {
      const { record } = await readableTable(request, app.db, request.params.id);
      const stored = await storedSelfEvaluation(app.db, record.id);
      const score = scoreSelfEvaluation(record.table, stored.entry, getScoringScheme(stored.schemeId));
      const layout = selfEvaluationLayout(record.table, stored.entry, score, request.query.locale);
      return sendDocument(reply, layout, request.query.format, {
        nameParts: [record.table.name, request.query.locale === 'zh' ? '绩效自评表' : 'self-evaluation'],
      });
    },
  );
};
