import type { Role } from '@jixiao/core/accounts/account.schema';
import { tableReadScope } from '@jixiao/core/accounts/policies';
import {
  departmentChoices,
  findingsByRule,
  organisationsUnder,
  summariseDashboard,
} from '@jixiao/core/analysis/dashboard';
import {
  type Dashboard,
  dashboardQuerySchema,
  dashboardSchema,
} from '@jixiao/core/analysis/dashboard.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import type { Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { ReviewGrade } from '@jixiao/core/review-records/review-record.schema';
import type { OverallGrade } from '@jixiao/core/scoring/scoring-scheme.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import type { Database } from '@jixiao/db/database';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { forbidden, requireUser } from '../auth/authorize.ts';
import { keptByKey } from './kept-by-key.ts';

// Reviewers, admins and auditors oversee many tables; an author's own unit is already their table list.
const dashboardRoles: readonly Role[] = ['department_reviewer', 'finance_reviewer', 'admin', 'auditor'];

/**
 * Top problems mean reviewing every table in scope, the dashboard's one costly part, so they are kept
 * per scope until a table in it changes: every save and status change bumps `updated_at`, and a
 * deletion lowers the count. Few scopes exist (the region, each department, by year), so the map stays small.
 */
function topFindingsCache(db: Database) {
  const cache = new Map<string, ReturnType<typeof keptByKey<Dashboard['topFindings']>>>();
  return async (organisationIds: readonly string[] | null, year: number | undefined) => {
    let tables = db.selectFrom('target_tables as t');
    if (organisationIds !== null) tables = tables.where('t.organisation_id', 'in', [...organisationIds]);
    if (year !== undefined) tables = tables.where('t.year', '=', year);
    const scopeKey = `${organisationIds?.join(',') ?? '*'}|${year ?? '*'}`;
    const stamp = await tables
      .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('t.updated_at').as('latest')])
      .executeTakeFirstOrThrow();
    const key = `${stamp.count}/${stamp.latest === null ? '' : new Date(stamp.latest).toISOString()}`;
    let kept = cache.get(scopeKey);
    if (!kept) {
      kept = keptByKey<Dashboard['topFindings']>();
      cache.set(scopeKey, kept);
    }
    return kept(key, () =>
      tables
        .select('t.content')
        .execute()
        // Stored content passed the table schema when it was saved.
        .then((rows) => findingsByRule(rows.map((row) => row.content as PerformanceTable))),
    );
  };
}

function departmentNotFound(id: string): AppError {
  return new AppError(
    'organisation.not_found',
    `没有这个主管部门（${id}）`,
    `No supervising department ${id}`,
    { path: 'department' },
  );
}

/**
 * The dashboard (绩效管理概览) for reviewers and admins, over the tables they are responsible for:
 * the whole region for finance, admins and auditors; the department's units for a department reviewer
 * (its read scope without the region's published tables, which are not its to oversee). Counts and
 * money are grouped in SQL (GROUP BY over organisation, year and status); core folds the groups into
 * years and supervising departments with exact sums.
 */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const topFindings = topFindingsCache(app.db);

  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          'Counts by status, year and department, budget totals, review grades, top problems, monitoring lights, self-evaluation scores',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
      onRequest: async (request) => {
        const user = requireUser(request);
        if (!user.roles.some((role) => dashboardRoles.includes(role))) throw forbidden();
      },
    },
    async (request) => {
      const organisations = await listOrganisations(app.db);
      const scope = tableReadScope(request.user, organisations);
      const scopeIds = scope.all ? null : scope.organisationIds;
      const { year, department } = request.query;
      const departments = departmentChoices(organisations, scopeIds);
      if (department !== undefined && !departments.some((d) => d.id === department)) {
        // Another department's figures are not a department reviewer's to see; finance just mistyped.
        if (scopeIds !== null) throw forbidden();
        throw departmentNotFound(department);
      }
      let organisationIds = scopeIds;
      if (department !== undefined) {
        const under = organisationsUnder(department, organisations);
        organisationIds = scopeIds === null ? under : under.filter((id) => scopeIds.includes(id));
      }

      const filters = { departments, year: year ?? null, department: department ?? null };
      const base = {
        scope: scopeIds === null ? ('all' as const) : ('organisations' as const),
        organisations,
      };
      // A reviewer without organisations (or, never in practice, a department without any) sees nothing.
      if (organisationIds !== null && organisationIds.length === 0) {
        return summariseDashboard({
          ...base,
          filters: { ...filters, years: [] },
          tables: [],
          grades: [],
          lights: [],
          selfEvaluations: [],
          topFindings: [],
        });
      }
      let inScope = app.db.selectFrom('target_tables as t');
      if (scopeIds !== null) inScope = inScope.where('t.organisation_id', 'in', scopeIds);
      let tables = app.db.selectFrom('target_tables as t');
      if (organisationIds !== null) tables = tables.where('t.organisation_id', 'in', organisationIds);
      if (year !== undefined) tables = tables.where('t.year', '=', year);

      // The latest review (newest) and monitoring report (highest cut-off month) of each table.
      const latestReviews = tables
        .innerJoin('reviews as r', 'r.table_id', 't.id')
        .distinctOn('r.table_id')
        .select(['r.table_id', 'r.overall'])
        .orderBy('r.table_id')
        .orderBy('r.created_at', 'desc');
      const latestLights = tables
        .innerJoin('monitoring_reports as m', 'm.table_id', 't.id')
        .distinctOn('m.table_id')
        .select(['m.table_id', 't.organisation_id', 'm.light'])
        .orderBy('m.table_id')
        .orderBy('m.cut_off_month', 'desc');
      const tens = sql<number>`floor(s.total / 10)`;

      const [yearRows, tableRows, gradeRows, lightRows, selfRows, findings] = await Promise.all([
        inScope.select('t.year').distinct().orderBy('t.year', 'desc').execute(),
        tables
          .select((eb) => [
            't.organisation_id',
            't.year',
            't.status',
            eb.fn.countAll<string>().as('tables'),
            // numeric: a decimal string from PostgreSQL, summed exactly in core.
            eb.fn.sum<string | number | null>('t.current_year_budget').as('budget'),
            eb.fn.sum<string | number>('t.indicator_count').as('indicators'),
          ])
          .groupBy(['t.organisation_id', 't.year', 't.status'])
          .execute(),
        app.db
          .selectFrom(latestReviews.as('lr'))
          .select((eb) => ['lr.overall', eb.fn.countAll<string>().as('count')])
          .groupBy('lr.overall')
          .execute(),
        app.db
          .selectFrom(latestLights.as('ll'))
          .select((eb) => ['ll.organisation_id', 'll.light', eb.fn.countAll<string>().as('count')])
          .groupBy(['ll.organisation_id', 'll.light'])
          .execute(),
        tables
          .innerJoin('self_evaluations as s', 's.table_id', 't.id')
          .where('s.complete', '=', true)
          .select((eb) => [
            's.grade',
            tens.as('tens'),
            eb.fn.countAll<string>().as('count'),
            eb.fn.sum<string | number>('s.total').as('score_sum'),
          ])
          .groupBy(['s.grade', tens])
          .execute(),
        topFindings(organisationIds, year),
      ]);
      return summariseDashboard({
        ...base,
        filters: { ...filters, years: yearRows.map((row) => row.year) },
        tables: tableRows.map((row) => ({
          organisationId: row.organisation_id,
          year: row.year,
          status: row.status as TableStatus,
          tables: Number(row.tables),
          budgetCurrentYear: row.budget,
          indicators: Number(row.indicators),
        })),
        grades: gradeRows.map((row) => ({ grade: row.overall as ReviewGrade, count: Number(row.count) })),
        lights: lightRows.map((row) => ({
          organisationId: row.organisation_id,
          light: row.light as Light,
          count: Number(row.count),
        })),
        selfEvaluations: selfRows.map((row) => ({
          grade: row.grade as OverallGrade,
          tens: Number(row.tens),
          count: Number(row.count),
          scoreSum: Number(row.score_sum),
        })),
        topFindings: findings,
      });
    },
  );
};
