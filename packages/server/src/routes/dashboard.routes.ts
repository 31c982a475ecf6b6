import type { Role } from '@jixiao/core/accounts/account.schema';
import { tableReadScope } from '@jixiao/core/accounts/policies';
import { departmentChoices, summariseDashboard, topFindings } from '@jixiao/core/analysis/dashboard';
import { dashboardQuerySchema, dashboardSchema } from '@jixiao/core/analysis/dashboard.schema';
import { AppError } from '@jixiao/core/errors/app-error';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { dashboardGroups, dashboardYears, organisationsUnder } from '@jixiao/db/analytics.repository';
import { rectificationCounts } from '@jixiao/db/rectification.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden, requireUser } from '../auth/authorize.ts';

// Reviewers, admins and auditors oversee many tables; an author's own unit is already their table list.
const dashboardRoles: readonly Role[] = ['department_reviewer', 'finance_reviewer', 'admin', 'auditor'];

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
 * (its read scope without the region's published tables, which are not its to oversee). Every figure
 * comes from the analytics tables the database keeps per organisation and year in the same transaction
 * as each write (statuses, money, grades, lights, self-evaluations, findings counted when a table is
 * saved), summed per supervising department in SQL; core folds the groups with exact sums.
 */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
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
      const organisations = await listOrganisations(app.readDb);
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
        // The stored organisation paths, not a walk of the tree per organisation.
        const under = await organisationsUnder(app.readDb, department);
        const inScope = new Set(scopeIds);
        organisationIds = scopeIds === null ? under : under.filter((id) => inScope.has(id));
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
      // Pre-aggregated per organisation and year by the database (analytics tables kept by triggers),
      // grouped by supervising department: a few thousand rows whatever the number of tables.
      const [years, groups, rectification] = await Promise.all([
        dashboardYears(app.readDb, scopeIds),
        dashboardGroups(app.readDb, { organisationIds, year }),
        rectificationCounts(app.readDb, { organisationIds, year: year ?? null }),
      ]);
      return summariseDashboard({
        ...base,
        filters: { ...filters, years },
        tables: groups.tables,
        grades: groups.grades,
        lights: groups.lights,
        selfEvaluations: groups.selfEvaluations,
        topFindings: topFindings(groups.findings),
        rectification,
      });
    },
  );
};
