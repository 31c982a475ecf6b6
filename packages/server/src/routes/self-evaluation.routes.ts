import { AppError } from '@jixiao/core/errors/app-error';
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
import type { Database } from '@jixiao/db/database';
import {
  addScoreAdjustment,
  getSelfEvaluation,
  type StoredSelfEvaluation,
  saveSelfEvaluation,
} from '@jixiao/db/evaluation.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCan, auditActor, signedIn } from '../auth/authorize.ts';
import { assertSelfEvaluationOpen, type CalendarRouteOptions } from '../guards/calendar.guards.ts';
import { enterableTable, readableTable } from '../guards/table.guards.ts';
import { sendDocument } from '../http/send-document.ts';
import { recheckFigures } from '../use-cases/import-self-evaluation.ts';

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

function notFound(): AppError {
  return new AppError(
    'self_evaluation.not_found',
    '该表尚未填报绩效自评。',
    'No self-evaluation entered yet.',
    {
      path: 'id',
    },
  );
}

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

async function loadStored(db: Database, tableId: string): Promise<StoredSelfEvaluation> {
  const stored = await getSelfEvaluation(db, tableId);
  if (!stored) throw notFound();
  return stored;
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
      return present(record, await loadStored(app.db, record.id));
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
      const record = await enterableTable(request, app.db, request.params.id);
      // The year's self-evaluation window (预算年度设置) as the author's submit checks drafting's.
      await assertSelfEvaluationOpen(app.db, record.table, options.now?.());
      const previous = await getSelfEvaluation(app.db, record.id);
      const schemeId = request.body.schemeId ?? DEFAULT_SCORING_SCHEME_ID;
      // Reviewers' adjustments and an imported form's claim stay in force when the author saves again.
      const entry = {
        ...request.body,
        schemeId,
        adjustments: previous?.entry.adjustments ?? [],
        claim: request.body.claim ?? previous?.entry.claim ?? null,
      };
      const score = scoreSelfEvaluation(record.table, entry, getScoringScheme(schemeId));
      await saveSelfEvaluation(app.db, {
        tableId: record.id,
        tableVersion: record.version,
        schemeId,
        entry,
        total: score.total,
        grade: score.grade,
        complete: score.complete,
        actor: auditActor(request),
        recheck: recheckFigures(score),
      });
      return present(record, await loadStored(app.db, record.id));
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
      const { record, resource } = await readableTable(request, app.db, request.params.id);
      assertCan(request, 'table.adjust_score', resource);
      const stored = await loadStored(app.db, record.id);
      const scheme = getScoringScheme(stored.schemeId);
      const before = scoreSelfEvaluation(record.table, stored.entry, scheme);
      const others = stored.entry.adjustments.filter((a) => a.target !== request.body.target);
      const after = scoreSelfEvaluation(
        record.table,
        { ...stored.entry, adjustments: [...others, request.body] },
        scheme,
      );
      const line =
        request.body.target === 'execution' ? before.execution : before.indicators[request.body.target];
      await addScoreAdjustment(app.db, {
        tableId: record.id,
        adjustment: request.body,
        computedScore: line?.computedScore ?? 0,
        previousScore: line?.score ?? 0,
        total: after.total,
        grade: after.grade,
        actor: auditActor(request),
      });
      return present(record, await loadStored(app.db, record.id));
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
      const stored = await loadStored(app.db, record.id);
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
      const stored = await loadStored(app.db, record.id);
      const score = scoreSelfEvaluation(record.table, stored.entry, getScoringScheme(stored.schemeId));
      const layout = selfEvaluationLayout(record.table, stored.entry, score, request.query.locale);
      return sendDocument(reply, layout, request.query.format, {
        nameParts: [record.table.name, request.query.locale === 'zh' ? '绩效自评表' : 'self-evaluation'],
      });
    },
  );
};
