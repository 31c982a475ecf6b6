import { AppError } from '@jixiao/core/errors/app-error';
import { assessMonitoring } from '@jixiao/core/monitoring/assess-monitoring';
import {
  monitoringAssessmentSchema,
  monitoringReportSchema,
} from '@jixiao/core/monitoring/monitoring.schema';
import {
  DEFAULT_MONITORING_SCHEME,
  lightSchema,
  monitoringSchemeSchema,
} from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { organisationsUnder } from '@jixiao/db/analytics.repository';
import { getMonitoringReport, monitoringOverview } from '@jixiao/db/evaluation.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readScope, signedIn } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { readableTable } from '../guards/table.guards.ts';
import { saveMonitoring } from '../use-cases/monitoring.ts';

// Monitoring. Guards come from the declared policies: reading follows table.read; entering
// progress or actuals is table.report; reviewers' score adjustments (self-evaluation) are table.adjust_score.

const idParams = z.object({ id: z.string().uuid() });
const monthParams = idParams.extend({ month: z.coerce.number().int().min(1).max(12) });

const monitoringResponse = z.object({
  tableId: z.string().uuid(),
  tableVersion: z.number().int(),
  report: monitoringReportSchema,
  assessment: monitoringAssessmentSchema,
  updatedAt: z.string().nullable(),
});

const overviewItem = z.object({
  tableId: z.string().uuid(),
  name: z.string(),
  unit: z.string(),
  year: z.number().int(),
  status: z.string(),
  cutOffMonth: z.number().int(),
  light: lightSchema,
  risk: z.number(),
  updatedAt: z.string(),
});

export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/monitoring/scheme',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'The monitoring light scheme in force (cut-off month, thresholds)',
        response: { 200: monitoringSchemeSchema },
      },
    },
    async () => DEFAULT_MONITORING_SCHEME,
  );

  app.get(
    '/tables/:id/monitoring/:month',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'The monitoring report of a table at a cut-off month, with its lights',
        params: monthParams,
        response: { 200: monitoringResponse },
      },
    },
    async (request) => {
      const { record } = await readableTable(request, app.db, request.params.id);
      const stored = await getMonitoringReport(app.db, record.id, request.params.month);
      if (!stored) {
        throw new AppError(
          'monitoring.not_found',
          `该表尚无 1–${request.params.month} 月的监控报告。`,
          `No monitoring report for January–month ${request.params.month} yet.`,
          { path: 'month' },
        );
      }
      return {
        tableId: record.id,
        tableVersion: stored.tableVersion,
        report: stored.report,
        assessment: assessMonitoring(record.table, stored.report, DEFAULT_MONITORING_SCHEME),
        updatedAt: stored.updatedAt,
      };
    },
  );

  app.put(
    '/tables/:id/monitoring/:month',
    {
      onRequest: signedIn,
      schema: {
        tags: ['monitoring'],
        summary: 'Enter progress at a cut-off month: budget executed, each indicator’s value, deviations',
        params: monthParams,
        body: monitoringReportSchema.omit({ cutOffMonth: true }),
        response: { 200: monitoringResponse },
      },
    },
    async (request) =>
      saveMonitoring(app.db, callerOf(request), request.params.id, {
        ...request.body,
        cutOffMonth: request.params.month,
      }),
  );

  app.get(
    '/monitoring/overview',
    {
      onRequest: signedIn,
      schema: {
        tags: ['monitoring'],
        summary: 'Monitoring lights of every table a user may read: a unit, a department or the region',
        querystring: z.object({
          year: z.coerce.number().int().optional(),
          cutOffMonth: z.coerce.number().int().min(1).max(12).optional(),
          organisationId: z.string().uuid().optional().describe('Only tables at or under this organisation'),
          sort: z.enum(['risk', 'name', 'unit', 'updatedAt']).default('risk'),
          order: z.enum(['asc', 'desc']).default('desc'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ items: z.array(overviewItem) }) },
      },
    },
    async (request) => {
      const scope = await readScope(request, app.db);
      let organisationIds: string[] | null = scope.all ? null : scope.organisationIds;
      if (request.query.organisationId) {
        const under = await organisationsUnder(app.db, request.query.organisationId);
        organisationIds =
          organisationIds === null ? under : under.filter((id) => organisationIds?.includes(id));
      }
      const items = await monitoringOverview(app.db, {
        organisationIds,
        year: request.query.year,
        cutOffMonth: request.query.cutOffMonth,
        sort: request.query.sort,
        order: request.query.order,
        limit: request.query.limit,
      });
      return { items };
    },
  );
};
