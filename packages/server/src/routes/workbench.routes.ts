import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { organisationPaths } from '@jixiao/core/accounts/organisation-paths';
import { type Action, can, type TableReadScope, tableReadScope } from '@jixiao/core/accounts/policies';
import { assessMonitoring, missingMeasureCount } from '@jixiao/core/monitoring/assess-monitoring';
import { monitoringReportSchema } from '@jixiao/core/monitoring/monitoring.schema';
import { DEFAULT_MONITORING_SCHEME, type Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { type TableStatus, tableStatusSchema } from '@jixiao/core/tables/table-record.schema';
import {
  calendarDay,
  isoDay,
  monitoringDueSince,
  selfEvaluationDueSince,
  startOfDay,
} from '@jixiao/core/workflow/workbench';
import {
  WORKBENCH_GROUP_LIMIT,
  type Workbench,
  type WorkbenchGroup,
  type WorkbenchGroupKind,
  type WorkbenchItem,
  type WorkbenchOverview,
  workbenchSchema,
} from '@jixiao/core/workflow/workbench.schema';
import { cutOffMonthFor } from '@jixiao/core/years/budget-year';
import type { BudgetYear } from '@jixiao/core/years/budget-year.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { budgetYearsOf } from '@jixiao/db/budget-years.repository';
import type { Database } from '@jixiao/db/database';
import type { DB } from '@jixiao/db/db-schema';
import type { TargetTablesTable } from '@jixiao/db/tables.db-types';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { requireUser, signedIn } from '../auth/authorize.ts';

// The workbench (我的待办): for each role the tables whose next step is the user's, oldest first. Lists
// are computed in SQL over the user's read scope; each row is checked once more against the policy of
// the action the user would take, so a list never offers what the user cannot do.

export interface WorkbenchRouteOptions {
  /** The clock "today" is read from (tests pass a fixed day). */
  now: () => Date;
}

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** Organisation filter of a list: null for the whole region, else these ids (possibly none). */
type Organisations = readonly string[] | null;

interface TableRow {
  id: string;
  version: number;
  name: string;
  unit: string;
  year: number;
  status: string;
  organisation_id: string | null;
  since: Date | string;
}

/** The columns of a TableRow besides `since`, as every group selects them. */
const tableRowColumns = [
  't.id',
  't.version',
  't.name',
  't.unit',
  't.year',
  't.status',
  't.organisation_id',
] as const;

type TablesDbT = DB & { t: TargetTablesTable };
type TablesQuery = SelectQueryBuilder<TablesDbT, 't', object>;

function baseItem(row: TableRow, since: Date | string): WorkbenchItem {
  return {
    tableId: row.id,
    version: row.version,
    name: row.name,
    unit: row.unit,
    year: row.year,
    status: tableStatusSchema.parse(row.status),
    waitingSince: iso(since),
    returned: null,
    cutOffMonth: null,
    light: null,
    missingMeasures: null,
  };
}

const noCompleteSelfEvaluation = (eb: ExpressionBuilder<TablesDbT, 't'>) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('self_evaluations as s')
        .select(sql`1`.as('one'))
        .whereRef('s.table_id', '=', 't.id')
        .where('s.complete', '=', true),
    ),
  );

/** Who asks, and each organisation's path up the tree (computed once per request and organisation). */
interface Asker {
  user: SessionUser;
  pathOf: (organisationId: string | null) => string[];
}

/**
 * Approved or published, and no complete self-evaluation yet, as analytics_tables records them (literals,
 * so the planner can match the partial index of migration 20261217120000).
 */
const openTables = () => sql<SqlBool>`a.self_grade IS NULL AND a.status IN ('approved', 'published')`;

export const workbenchRoutes: FastifyPluginAsyncZod<WorkbenchRouteOptions> = async (app, options) => {
  const db: Database = app.db;
  const scheme = DEFAULT_MONITORING_SCHEME;

  function tables(organisations: Organisations): TablesQuery {
    let q = db.selectFrom('target_tables as t');
    if (organisations !== null) q = q.where('t.organisation_id', 'in', [...organisations]);
    return q;
  }

  /**
   * One page of a list (oldest first) and how many rows the whole list has; the count is a second,
   * index-only query run only when the page is full (a window count would read every row of the list).
   */
  async function page(
    query: TablesQuery,
    since: 't.created_at' | 't.updated_at',
    extra?: (q: TablesQuery) => TablesQuery,
  ): Promise<{ rows: TableRow[]; total: number }> {
    const rows = await (extra ? extra(query) : query)
      .select([...tableRowColumns, sql<Date>`${sql.ref(since)}`.as('since')])
      .orderBy(since)
      .orderBy('t.id')
      .limit(WORKBENCH_GROUP_LIMIT)
      .execute();
    if (rows.length < WORKBENCH_GROUP_LIMIT) return { rows, total: rows.length };
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(counted.n) };
  }

  /** Keeps the rows on which the user may do `action` (the policy is the last word, not the SQL filter). */
  function allowed<R extends { status: string; organisation_id: string | null }>(
    asker: Asker,
    action: Action,
    rows: R[],
  ): R[] {
    return rows.filter((row) =>
      can(asker.user, action, {
        status: row.status as TableStatus,
        organisationPath: asker.pathOf(row.organisation_id),
      }),
    );
  }

  async function statusGroup(
    asker: Asker,
    kind: WorkbenchGroupKind,
    organisations: Organisations,
    status: TableStatus,
    action: Action,
    since: 't.created_at' | 't.updated_at',
  ): Promise<WorkbenchGroup> {
    const { rows, total } = await page(tables(organisations).where('t.status', '=', status), since);
    const mine = allowed(asker, action, rows);
    return {
      kind,
      count: total - (rows.length - mine.length),
      items: mine.map((row) => baseItem(row, row.since)),
    };
  }

  /** Returned tables with who returned them, when, and the comments of that round. */
  async function returnedGroup(asker: Asker, organisations: Organisations): Promise<WorkbenchGroup> {
    const { rows, total } = await page(
      tables(organisations).where('t.status', '=', 'returned'),
      't.updated_at',
    );
    const mine = allowed(asker, 'table.submit', rows);
    const ids = mine.map((row) => row.id);
    const [events, rounds] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            db
              .selectFrom('workflow_events')
              .distinctOn('table_id')
              .select(['table_id', 'actor_name', 'created_at', 'comment'])
              .where('table_id', 'in', ids)
              .where('action', '=', 'return')
              .orderBy('table_id')
              .orderBy('created_at', 'desc')
              .execute(),
            // The open comments are those of the latest round that returned the table (openComments in
            // core); counted here without loading them.
            db
              .selectFrom('reviews as r')
              .distinctOn('r.table_id')
              .select((eb) => [
                'r.table_id',
                eb
                  .selectFrom('review_comments as c')
                  .select(eb.fn.countAll<string>().as('n'))
                  .whereRef('c.review_id', '=', 'r.id')
                  .as('comments'),
              ])
              .where('r.table_id', 'in', ids)
              .where('r.decision', '=', 'return')
              .orderBy('r.table_id')
              .orderBy('r.created_at', 'desc')
              .execute(),
          ]);
    const eventOf = new Map(events.map((e) => [e.table_id, e]));
    const commentsOf = new Map(rounds.map((r) => [r.table_id, Number(r.comments ?? 0)]));
    const items = mine.map((row) => {
      const event = eventOf.get(row.id);
      // A table set to returned without a recorded transition (imports, tests) waits since its last change.
      const at = event ? event.created_at : row.since;
      return {
        ...baseItem(row, at),
        returned: {
          by: event?.actor_name ?? null,
          at: iso(at),
          openComments: commentsOf.get(row.id) ?? 0,
          comment: event?.comment ?? null,
        },
      };
    });
    items.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.tableId.localeCompare(b.tableId));
    return { kind: 'returned', count: total - (rows.length - mine.length), items };
  }

  async function monitoringDueGroup(
    asker: Asker,
    organisations: Organisations,
    today: ReturnType<typeof calendarDay>,
    settings: readonly BudgetYear[],
  ): Promise<WorkbenchGroup> {
    // Years an administrator set (预算年度设置) may move the cut-off month per region: each table then
    // owes the report of its own region's month, which only its framework tells, so those are sorted out
    // here; without settings every table owes the default month and SQL does it all.
    if (settings.length > 0) return monitoringDueBySetting(asker, organisations, today, settings);
    const due = monitoringDueSince(today.year, scheme.cutOffMonth, today);
    if (!due) return { kind: 'monitoring_due', count: 0, items: [] };
    const { rows, total } = await page(
      tables(organisations)
        .where('t.status', 'in', ['approved', 'published'])
        .where('t.year', '=', today.year)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('monitoring_reports as m')
                .select(sql`1`.as('one'))
                .whereRef('m.table_id', '=', 't.id')
                .where('m.cut_off_month', '=', scheme.cutOffMonth),
            ),
          ),
        ),
      't.updated_at',
    );
    const mine = allowed(asker, 'table.report', rows);
    return {
      kind: 'monitoring_due',
      count: total - (rows.length - mine.length),
      items: mine.map((row) => ({ ...baseItem(row, due), cutOffMonth: scheme.cutOffMonth })),
    };
  }

  /** monitoring_due when this year has settings: each table's cut-off month from its region's setting. */
  async function monitoringDueBySetting(
    asker: Asker,
    organisations: Organisations,
    today: ReturnType<typeof calendarDay>,
    settings: readonly BudgetYear[],
  ): Promise<WorkbenchGroup> {
    const earliest = Math.min(scheme.cutOffMonth, ...settings.map((s) => s.cutOffMonth));
    if (!monitoringDueSince(today.year, earliest, today))
      return { kind: 'monitoring_due', count: 0, items: [] };
    // Only the author's own unit asks (monitoring_due is an author's list), so these are a unit's tables.
    const rows = await tables(organisations)
      .where('t.status', 'in', ['approved', 'published'])
      .where('t.year', '=', today.year)
      .select([
        ...tableRowColumns,
        sql<Date>`t.updated_at`.as('since'),
        sql<PerformanceTable['indicators']>`t.content -> 'indicators'`.as('indicators'),
      ])
      .orderBy('t.updated_at')
      .orderBy('t.id')
      .execute();
    const reported = new Set<string>();
    if (rows.length > 0) {
      const reports = await db
        .selectFrom('monitoring_reports')
        .select(['table_id', 'cut_off_month'])
        .where(
          'table_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      for (const r of reports) reported.add(`${r.table_id}/${r.cut_off_month}`);
    }
    const waiting = rows.flatMap((row) => {
      const indicators = typeof row.indicators === 'string' ? JSON.parse(row.indicators) : row.indicators;
      const month = cutOffMonthFor(settings, { year: row.year, indicators: indicators ?? [] });
      const due = monitoringDueSince(today.year, month, today);
      return due && !reported.has(`${row.id}/${month}`) ? [{ row, month, due }] : [];
    });
    const mine = allowed(
      asker,
      'table.report',
      waiting.map((w) => ({ ...w, status: w.row.status, organisation_id: w.row.organisation_id })),
    );
    return {
      kind: 'monitoring_due',
      count: mine.length,
      items: mine
        .slice(0, WORKBENCH_GROUP_LIMIT)
        .map(({ row, month, due }) => ({ ...baseItem(row, due), cutOffMonth: month })),
    };
  }

  async function selfEvaluationDueGroup(
    asker: Asker,
    organisations: Organisations,
    today: ReturnType<typeof calendarDay>,
  ): Promise<WorkbenchGroup> {
    const { rows, total } = await page(
      tables(organisations)
        .where('t.status', 'in', ['approved', 'published'])
        .where('t.year', '<', today.year)
        .where(noCompleteSelfEvaluation),
      't.updated_at',
      // Oldest year first: its self-evaluation has waited longest.
      (q) => q.orderBy('t.year'),
    );
    const mine = allowed(asker, 'table.report', rows);
    const items = mine.flatMap((row) => {
      const since = selfEvaluationDueSince(row.year, today);
      return since ? [baseItem(row, since)] : [];
    });
    items.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.tableId.localeCompare(b.tableId));
    return { kind: 'self_evaluation_due', count: total - (rows.length - mine.length), items };
  }

  /**
   * Reports that are the latest of their table (highest cut-off month) with one of `lights`, on approved
   * or published tables in `organisations` whose year is still open (no complete self-evaluation): after
   * it, corrective measures are moot. analytics_tables holds each table's status, latest light and
   * complete self-evaluation (kept in the writing transaction), so the reports are walked in the page's
   * order and each checked by key.
   */
  function latestLights(organisations: Organisations, lights: Light[]) {
    let q = db
      .selectFrom('monitoring_reports as m')
      .innerJoin('analytics_tables as a', 'a.table_id', 'm.table_id')
      .innerJoin('target_tables as t', 't.id', 'm.table_id')
      .where('m.light', 'in', lights)
      .where('a.light', 'in', lights)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('monitoring_reports as later')
              .select(sql`1`.as('one'))
              .whereRef('later.table_id', '=', 'm.table_id')
              .whereRef('later.cut_off_month', '>', 'm.cut_off_month'),
          ),
        ),
      )
      .where(openTables);
    if (organisations !== null) q = q.where('a.organisation_id', 'in', [...organisations]);
    return q;
  }

  /** How many open tables' latest light is red: the partial index of migration 20261217120000 alone. */
  async function redLightCount(organisations: Organisations): Promise<number> {
    let q = db
      .selectFrom('analytics_tables as a')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(sql<SqlBool>`a.light = 'red'`)
      .where(openTables);
    if (organisations !== null) q = q.where('a.organisation_id', 'in', [...organisations]);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  const lightColumns = [...tableRowColumns, 'm.cut_off_month', 'm.light', 'm.updated_at as since'] as const;

  /** Red/yellow lights of the author's own unit whose deviations lack a corrective measure. */
  async function lightsNeedMeasureGroup(asker: Asker, organisations: Organisations): Promise<WorkbenchGroup> {
    // The count of missing measures is stored with each report when it is saved; reports saved before it
    // was kept (NULL) are assessed here, and only those bring their table and report along.
    const rows = allowed(
      asker,
      'table.report',
      await latestLights(organisations, ['red', 'yellow'])
        .where((eb) => eb.or([eb('m.missing_measures', 'is', null), eb('m.missing_measures', '>', 0)]))
        .select([
          ...lightColumns,
          'm.missing_measures',
          sql<unknown>`CASE WHEN m.missing_measures IS NULL THEN t.content END`.as('content'),
          sql<unknown>`CASE WHEN m.missing_measures IS NULL THEN m.report END`.as('report'),
        ])
        .orderBy('m.updated_at')
        .orderBy('t.id')
        .execute(),
    );
    const items: WorkbenchItem[] = [];
    for (const row of rows) {
      const missing = row.missing_measures ?? assessMissingMeasures(row.content, row.report);
      if (missing === 0) continue;
      items.push({
        ...baseItem(row, row.since),
        cutOffMonth: row.cut_off_month,
        light: row.light as Light,
        missingMeasures: missing,
      });
    }
    return { kind: 'lights_need_measure', count: items.length, items: items.slice(0, WORKBENCH_GROUP_LIMIT) };
  }

  /** The missing measures of a report saved before they were counted at each save. */
  function assessMissingMeasures(content: unknown, stored: unknown): number {
    try {
      const table = performanceTableSchema.parse(content);
      const report = monitoringReportSchema.parse(stored);
      return missingMeasureCount(assessMonitoring(table, report, scheme));
    } catch {
      // A report that no longer fits the table (indicators removed by an adjustment) is re-entered on
      // the monitoring page; the stored light still says it needs attention.
      return 1;
    }
  }

  /** Red lights in a reviewer's scope (the read scope is the SQL filter: nothing to act on, only to see). */
  async function redLightsGroup(organisations: Organisations): Promise<WorkbenchGroup> {
    const rows = await latestLights(organisations, ['red'])
      .select(lightColumns)
      .orderBy('m.updated_at')
      .orderBy('t.id')
      .limit(WORKBENCH_GROUP_LIMIT)
      .execute();
    const count = rows.length < WORKBENCH_GROUP_LIMIT ? rows.length : await redLightCount(organisations);
    const items = rows.map((row) => ({
      ...baseItem(row, row.since),
      cutOffMonth: row.cut_off_month,
      light: 'red' as const,
    }));
    return { kind: 'red_lights', count, items };
  }

  async function overview(start: Date): Promise<WorkbenchOverview> {
    const [statuses, red, users, audit] = await Promise.all([
      // Summed from the per-organisation, year and status counts the database keeps (a few thousand rows).
      db
        .selectFrom('analytics_status_counts')
        .select(['status', sql<string>`sum(tables)`.as('n')])
        .groupBy('status')
        .execute(),
      redLightCount(null),
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('active', '=', true)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('at', '>=', start)
        .executeTakeFirstOrThrow(),
    ]);
    const byStatus = tableStatusSchema.options.map((status) => ({
      status,
      count: Number(statuses.find((s) => s.status === status)?.n ?? 0),
    }));
    return {
      tables: byStatus.reduce((sum, s) => sum + s.count, 0),
      byStatus,
      redLights: red,
      activeUsers: Number(users.n),
      auditEventsToday: Number(audit.n),
    };
  }

  app.get(
    '/workbench',
    {
      onRequest: signedIn,
      schema: {
        tags: ['workflow'],
        summary: 'My to-dos (我的待办): the tables waiting for the signed-in user, by role, oldest first',
        response: { 200: workbenchSchema },
      },
    },
    async (request): Promise<Workbench> => {
      const user = requireUser(request);
      const now = options.now();
      const today = calendarDay(now);
      const settings = await budgetYearsOf(db, [today.year]);
      // The month the page speaks of: this year's, when every region set for it agrees on one.
      const months = new Set(settings.map((s) => s.cutOffMonth));
      const cutOffMonth = months.size === 1 ? ([...months][0] ?? scheme.cutOffMonth) : scheme.cutOffMonth;
      // One read of the organisation tree per request, for the scope and every row's policy check.
      const organisations = await listOrganisations(db);
      const scope: TableReadScope = tableReadScope(user, organisations);
      const asker: Asker = { user, pathOf: organisationPaths(organisations) };
      // The read scope adds every published table; lists keep to the tables the user is responsible for.
      const inScope: Organisations = scope.all ? null : scope.organisationIds;
      const own: Organisations =
        user.organisationId === null || (inScope !== null && !inScope.includes(user.organisationId))
          ? []
          : [user.organisationId];
      const empty = (o: Organisations) => o !== null && o.length === 0;
      const tasks: Promise<WorkbenchGroup>[] = [];
      const roles = new Set(user.roles);
      if (roles.has('author') && !empty(own)) {
        tasks.push(
          statusGroup(asker, 'drafts', own, 'draft', 'table.submit', 't.created_at'),
          returnedGroup(asker, own),
          monitoringDueGroup(asker, own, today, settings),
          selfEvaluationDueGroup(asker, own, today),
          lightsNeedMeasureGroup(asker, own),
        );
      }
      if (roles.has('department_reviewer') && !empty(inScope)) {
        tasks.push(
          statusGroup(
            asker,
            'department_queue',
            inScope,
            'submitted',
            'table.review_department',
            't.updated_at',
          ),
        );
      }
      if (roles.has('finance_reviewer')) {
        tasks.push(
          statusGroup(
            asker,
            'finance_queue',
            inScope,
            'department_reviewed',
            'table.review_finance',
            't.updated_at',
          ),
          statusGroup(asker, 'to_publish', inScope, 'approved', 'table.publish', 't.updated_at'),
        );
      }
      if ((roles.has('department_reviewer') || roles.has('finance_reviewer')) && !empty(inScope)) {
        tasks.push(redLightsGroup(inScope));
      }
      const groups = await Promise.all(tasks);
      const oversees = roles.has('admin') || roles.has('auditor');
      const dayStart = startOfDay(today.year, today.month, today.day);
      return {
        today: isoDay(today),
        cutOffMonth,
        total: groups.reduce((sum, g) => sum + g.count, 0),
        groups,
        overview: oversees ? await overview(dayStart) : null,
      };
    },
  );
};
