import { can } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import { exAnteRequirement, suggestedExAnteConclusion } from '@jixiao/core/ex-ante/ex-ante';
import {
  exAnteAssessmentInputSchema,
  exAnteAssessmentSchema,
  exAnteViewSchema,
} from '@jixiao/core/ex-ante/ex-ante.schema';
import { exAnteLayout } from '@jixiao/core/export/ex-ante-layout';
import { ruleSetRef } from '@jixiao/core/review/effective-rule-set';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import { getExAnteAssessment } from '@jixiao/db/ex-ante.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanTable, tableResource } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { ruleSetForRequest } from '../guards/rule-set.guards.ts';
import { sendDocument } from '../http/send-document.ts';
import { saveExAnte } from '../use-cases/ex-ante.ts';
import { exAnteFindings } from '../use-cases/ex-ante-gate.ts';

const tableParams = z.object({ id: z.string().uuid() });

async function view(db: Database, request: FastifyRequest, record: TableRecord) {
  const set = await ruleSetForRequest(db, 'auto', record.table);
  const assessment = await getExAnteAssessment(db, record.id);
  const findings = exAnteFindings(record.table, set, assessment);
  const resource = await tableResource(db, record);
  return {
    ruleSet: ruleSetRef(set),
    requirement: exAnteRequirement(record.table, set.params),
    suggestedConclusion: assessment ? suggestedExAnteConclusion(assessment.total, set.params) : null,
    bands: { support: set.params.exAnteSupportScore, partial: set.params.exAntePartialScore },
    assessment,
    findings: findings.map(({ ruleId, severity, zh, en }) => ({ ruleId, severity, zh, en })),
    blocksSubmission: findings.some((f) => f.severity === 'error'),
    canEdit: record.table.kind === 'target' && can(request.user ?? null, 'table.update', resource),
  };
}

/**
 * 事前绩效评估: the assessment of a table, what its rule set asks (new projects and budgets above the set's
 * thresholds) and the ex-ante rules' findings; the author saves it while the table is editable (audited).
 * Submission is gated in the workflow route by the same rules.
 */
export const exAnteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tables/:id/ex-ante',
    {
      schema: {
        tags: ['ex-ante'],
        summary: 'The ex-ante assessment (事前绩效评估) of a table, what the rule set asks and the gate',
        description:
          'The rule set assigned to the table’s region and year decides whether an assessment is required (E01), whether its conclusion allows submission (E02) and whether the conclusion matches the total (E03).',
        params: tableParams,
        response: { 200: exAnteViewSchema },
      },
    },
    async (request) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      return view(app.db, request, record);
    },
  );

  app.put(
    '/tables/:id/ex-ante',
    {
      schema: {
        tags: ['ex-ante'],
        summary: 'Save the ex-ante assessment of a table (the unit’s author, while the table is editable)',
        description:
          'Five dimensions (立项必要性, 投入经济性, 绩效目标合理性, 实施方案可行性, 筹资合规性), each 0–20 points with its evidence, a conclusion (support, partial, reject) and the overall opinion. Audited as ex_ante.save.',
        params: tableParams,
        body: exAnteAssessmentInputSchema,
        response: { 200: exAnteViewSchema.extend({ assessment: exAnteAssessmentSchema }) },
      },
    },
    async (request) => {
      const { record, assessment } = await saveExAnte(
        app.db,
        callerOf(request),
        request.params.id,
        request.body,
      );
      return { ...(await view(app.db, request, record)), assessment };
    },
  );

  app.get(
    '/tables/:id/ex-ante/document',
    {
      schema: {
        tags: ['ex-ante'],
        summary: 'The 项目事前绩效评估表 as PDF, Word, Excel or HTML',
        description:
          'The saved assessment in the official printed layout (the same renderer as the target table and the 自评表): the project header and money, the five dimensions with points, score and evidence, the total, the conclusion and the opinion. 404 ex_ante.not_found before an assessment is saved.',
        params: tableParams,
        querystring: z.object({
          format: z.enum(['pdf', 'docx', 'xlsx', 'html']).default('pdf'),
          locale: z.enum(['zh', 'en']).default('zh'),
        }),
      },
    },
    async (request, reply) => {
      const record = await createTableRepository(app.db).get(request.params.id);
      await assertCanTable(request, app.db, 'table.read', record);
      const assessment = await getExAnteAssessment(app.db, record.id);
      if (!assessment) {
        throw new AppError(
          'ex_ante.not_found',
          '该表尚未填写事前绩效评估',
          'No ex-ante assessment saved yet',
          {
            path: 'id',
          },
        );
      }
      const { locale, format } = request.query;
      return sendDocument(reply, exAnteLayout(record.table, assessment, locale), format, {
        nameParts: [record.table.name, locale === 'zh' ? '事前绩效评估表' : 'ex-ante assessment'],
      });
    },
  );
};
