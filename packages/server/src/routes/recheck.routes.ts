import { organisationPath } from '@jixiao/core/accounts/policies';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import {
  CLAIM_CAUSE_LABELS,
  type ClaimCause,
  claimCauseSchema,
  recheckItemSchema,
} from '@jixiao/core/scoring/self-evaluation-claim.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import type { Database } from '@jixiao/db/database';
import { getSelfEvaluation, recheckList } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { contentDisposition } from '@jixiao/export/layout-document';
import { type RecheckSheetEvaluation, recheckSheetRows, recheckWorkbook } from '@jixiao/export/recheck-xlsx';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, readScope, requireUser, signedIn } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { decideRecheck } from '../use-cases/self-evaluation.ts';

// 财政复核: finance reviewers go through the self-evaluations that carry a unit's claim (imported
// 自评表), largest gap between the claimed and the rules' totals first, and per row accept the claim or
// the rule's score with a reason (audited like any score adjustment); the list exports to Excel.

const RECHECKERS = ['finance_reviewer', 'department_reviewer', 'admin', 'auditor'] as const;

const listQuery = z.object({
  year: z.coerce.number().int().optional(),
  organisationId: z
    .string()
    .uuid()
    .optional()
    .describe('Only tables at or under this organisation (a department)'),
  cause: claimCauseSchema.optional().describe('Only evaluations with a difference of this cause'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const decisionBody = z.object({
  target: z.union([z.literal('execution'), z.number().int().nonnegative()]),
  accept: z.enum(['claim', 'rule']).describe("Keep the unit's claimed score, or the rule's"),
  reason: z.string().trim().min(1).max(2000),
});

/** The organisations a re-check list covers: the reviewer's scope, narrowed to a department when asked. */
async function recheckScope(
  request: FastifyRequest,
  db: Database,
  organisationId: string | undefined,
): Promise<string[] | null> {
  const user = requireUser(request);
  if (!user.roles.some((role) => (RECHECKERS as readonly string[]).includes(role))) throw forbidden();
  const scope = await readScope(request, db);
  let ids: string[] | null = scope.all ? null : [...scope.organisationIds];
  if (organisationId) {
    const organisations = await listOrganisations(db);
    const under = organisations
      .filter((o) => organisationPath(o.id, organisations).includes(organisationId))
      .map((o) => o.id);
    ids = ids === null ? under : under.filter((id) => ids?.includes(id));
  }
  return ids;
}

function causeText(causes: readonly string[], locale: 'zh' | 'en'): string {
  return causes
    .map((c) => (c in CLAIM_CAUSE_LABELS ? CLAIM_CAUSE_LABELS[c as ClaimCause][locale] : c))
    .join('；');
}

async function sheetEvaluations(
  db: Database,
  items: Awaited<ReturnType<typeof recheckList>>,
): Promise<RecheckSheetEvaluation[]> {
  const tables = createTableRepository(db);
  const out: RecheckSheetEvaluation[] = [];
  for (const item of items) {
    const [record, stored] = await Promise.all([
      tables.get(item.tableId),
      getSelfEvaluation(db, item.tableId),
    ]);
    if (!stored) continue;
    const scheme = getScoringScheme(stored.schemeId);
    const score = scoreSelfEvaluation(record.table, stored.entry, scheme);
    const decided = new Map<string, string>();
    for (const a of stored.adjustments) {
      if (a.decision)
        decided.set(
          String(a.target),
          `${a.decision === 'claim' ? '采用单位自评' : '采用规则得分'} ${a.score}：${a.reason}`,
        );
    }
    out.push({
      name: item.name,
      unit: item.unit,
      year: item.year,
      scheme: scheme.name.zh,
      claimedTotal: item.claimedTotal,
      ruleTotal: item.ruleTotal,
      gap: item.gap,
      total: score.total,
      causes: causeText(item.causes, 'zh'),
      rows: recheckSheetRows(record.table, score, decided),
    });
  }
  return out;
}

export const recheckRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/self-evaluations/recheck',
    {
      onRequest: signedIn,
      schema: {
        tags: ['self-evaluation'],
        summary:
          '财政复核: self-evaluations carrying a unit’s claim, largest gap between claimed and rule totals first',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(recheckItemSchema) }) },
      },
    },
    async (request) => {
      const organisationIds = await recheckScope(request, app.db, request.query.organisationId);
      const items = await recheckList(app.db, {
        organisationIds,
        year: request.query.year,
        cause: request.query.cause,
        limit: request.query.limit,
      });
      return { items };
    },
  );

  app.get(
    '/self-evaluations/recheck/export',
    {
      onRequest: signedIn,
      schema: {
        tags: ['self-evaluation'],
        summary: 'The re-check list and every compared row as an Excel workbook',
        querystring: listQuery,
      },
    },
    async (request, reply) => {
      const organisationIds = await recheckScope(request, app.db, request.query.organisationId);
      const items = await recheckList(app.db, {
        organisationIds,
        year: request.query.year,
        cause: request.query.cause,
        limit: request.query.limit,
      });
      const bytes = await recheckWorkbook(await sheetEvaluations(app.db, items));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition(`财政复核${request.query.year ? `-${request.query.year}` : ''}.xlsx`),
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes));
    },
  );

  app.post(
    '/tables/:id/self-evaluation/decisions',
    {
      onRequest: signedIn,
      schema: {
        tags: ['self-evaluation'],
        summary:
          "A re-check decision on one row: keep the unit's claimed score or the rule's, with a reason (audited)",
        params: z.object({ id: z.string().uuid() }),
        body: decisionBody,
      },
    },
    async (request) => decideRecheck(app.db, callerOf(request), request.params.id, request.body),
  );
};
