import type { Role } from '@jixiao/core/accounts/account.schema';
import { findingsByRule, summariseDashboard } from '@jixiao/core/analysis/dashboard';
import {
  type Dashboard,
  dashboardQuerySchema,
  dashboardSchema,
} from '@jixiao/core/analysis/dashboard.schema';
import type { Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { ReviewGrade } from '@jixiao/core/review-records/review-record.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden, readScope, requireUser } from '../auth/authorize.ts';

// Reviewers, admins and auditors oversee many tables; an author's own unit is already their table list.
const dashboardRoles: readonly Role[] = ['department_reviewer', 'finance_reviewer', 'admin', 'auditor'];

interface TopFindingsEntry {
  key: string;
  findings: Promise<Dashboard['topFindings']>;
}

/**
 * Top problems mean reviewing every table in scope, the dashboard's one costly part, so they are kept
 * per scope until a table in it changes: every save and status change bumps `updated_at`, and a
 * deletion lowers the count. Few scopes exist (the region, each department), so the map stays small.
 */
function topFindingsCache(db: Database) {
  const cache = new Map<string, TopFindingsEntry>();
  return async (organisationIds: readonly string[] | null, year: number | undefined) => {
    let tables = db.selectFrom('target_tables as t');
    if (organisationIds !== null) tables = tables.where('t.organisation_id', 'in', [...organisationIds]);
    if (year !== undefined) tables = tables.where('t.year', '=', year);
    const scopeKey = `${organisationIds?.join(',') ?? '*'}|${year ?? '*'}`;
    const stamp = await tables
      .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('t.updated_at').as('latest')])
      .executeTakeFirstOrThrow();
    const key = `${stamp.count}/${stamp.latest === null ? '' : new Date(stamp.latest).toISOString()}`;
    const cached = cache.get(scopeKey);
    if (cached?.key === key) return cached.findings;
    const findings = tables
      .select('t.content')
      .execute()
      // Stored content passed the table schema when it was saved.
      .then((rows) => findingsByRule(rows.map((row) => row.content as PerformanceTable)));
    const entry = { key, findings };
    cache.set(scopeKey, entry);
    // A failed read must not stay cached.
    findings.catch(() => {
      if (cache.get(scopeKey) === entry) cache.delete(scopeKey);
    });
    return findings;
  };
}

/**
 * The dashboard (绩效管理概览) for reviewers and admins, over the tables they are responsible for:
 * the whole region for finance, admins and auditors; the department's units for a department reviewer
 * (its read scope without the region's published tables, which are not its to oversee).
 */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const topFindings = topFindingsCache(app.db);

  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Counts by status and year, budget totals, review grades, top problems, monitoring lights',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
      onRequest: async (request) => {
        const user = requireUser(request);
        if (!user.roles.some((role) => dashboardRoles.includes(role))) throw forbidden();
      },
    },
    async (request) => {
      const scope = await readScope(request, app.db);
      const organisationIds = scope.all ? null : scope.organisationIds;
      const { year } = request.query;
      if (organisationIds !== null && organisationIds.length === 0) {
        return summariseDashboard({
          scope: 'organisations',
          tables: [],
          grades: [],
          lights: [],
          topFindings: [],
        });
      }
      let tables = app.db.selectFrom('target_tables as t');
      if (organisationIds !== null) tables = tables.where('t.organisation_id', 'in', organisationIds);
      if (year !== undefined) tables = tables.where('t.year', '=', year);

      const [tableRows, gradeRows, lightRows, findings] = await Promise.all([
        tables.select(['t.status', 't.year', 't.current_year_budget', 't.indicator_count']).execute(),
        // The latest review of each table in scope.
        tables
          .innerJoin('reviews as r', 'r.table_id', 't.id')
          .distinctOn('r.table_id')
          .select(['r.table_id', 'r.overall'])
          .orderBy('r.table_id')
          .orderBy('r.created_at', 'desc')
          .execute(),
        // The latest monitoring report (highest cut-off month) of each table in scope.
        tables
          .innerJoin('monitoring_reports as m', 'm.table_id', 't.id')
          .distinctOn('m.table_id')
          .select(['m.table_id', 'm.light'])
          .orderBy('m.table_id')
          .orderBy('m.cut_off_month', 'desc')
          .execute(),
        topFindings(organisationIds, year),
      ]);
      return summariseDashboard({
        scope: organisationIds === null ? 'all' : 'organisations',
        tables: tableRows.map((row) => ({
          status: row.status as TableStatus,
          year: row.year,
          currentYearBudget: row.current_year_budget === null ? null : Number(row.current_year_budget),
          indicatorCount: row.indicator_count,
        })),
        grades: gradeRows.map((row) => row.overall as ReviewGrade),
        lights: lightRows.map((row) => row.light as Light),
        topFindings: findings,
      });
    },
  );
};
