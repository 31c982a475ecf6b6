import type { Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { WORKBENCH_GROUP_LIMIT } from '@jixiao/core/workflow/workbench.schema';
import { type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from './database.ts';
import type { DB } from './db-schema.ts';
import type { TargetTablesTable } from './tables.db-types.ts';

// The workbench's lists (我的待办) in SQL: each a page of at most WORKBENCH_GROUP_LIMIT tables, oldest
// first, over an organisation filter; the server checks every row once more against the policy.

/** Organisation filter of a list: null for the whole region, else these ids (possibly none). */
export type Organisations = readonly string[] | null;

/** A table of a list, with the moment it has waited since. */
export interface WorkbenchTableRow {
  id: string;
  version: number;
  name: string;
  unit: string;
  year: number;
  status: string;
  organisation_id: string | null;
  since: Date | string;
}

/** One page of a list and how many rows the whole list has. */
export interface WorkbenchPage<R = WorkbenchTableRow> {
  rows: R[];
  total: number;
}

/** The columns of a WorkbenchTableRow besides `since`, as every list selects them. */
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
type Since = 't.created_at' | 't.updated_at';

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

/**
 * Approved or published, and no complete self-evaluation yet, as analytics_tables records them (literals,
 * so the planner can match the partial index of migration 20261217120000).
 */
const openTables = () => sql<SqlBool>`a.self_grade IS NULL AND a.status IN ('approved', 'published')`;

const lightColumns = [...tableRowColumns, 'm.cut_off_month', 'm.light', 'm.updated_at as since'] as const;

/** A table with 整改 tasks in one status: how many, the earliest deadline (a workbench row besides). */
export interface RectificationTableRow extends WorkbenchTableRow {
  tasks: number;
  deadline: string;
}

/** The workbench's queries on `db`. */
export function createWorkbenchRepository(db: Database) {
  function tables(organisations: Organisations): TablesQuery {
    let q = db.selectFrom('target_tables as t');
    if (organisations !== null) q = q.where('t.organisation_id', 'in', [...organisations]);
    return q;
  }

  /**
   * One page of a list (oldest first) and how many rows the whole list has; the count is a second
   * query run only when the page is full (a window count would read every row of the list): `count`
   * when the caller knows a cheaper one, else the list's own rows counted.
   */
  async function page(
    query: TablesQuery,
    since: Since,
    options: { extra?: (q: TablesQuery) => TablesQuery; count?: () => Promise<number> } = {},
  ): Promise<WorkbenchPage> {
    const rows = await (options.extra ? options.extra(query) : query)
      .select([...tableRowColumns, sql<Date>`${sql.ref(since)}`.as('since')])
      .orderBy(since)
      .orderBy('t.id')
      .limit(WORKBENCH_GROUP_LIMIT)
      .execute();
    if (rows.length < WORKBENCH_GROUP_LIMIT) return { rows, total: rows.length };
    if (options.count) return { rows, total: await options.count() };
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(counted.n) };
  }

  /**
   * How many tables in `organisations` have `status`, summed from analytics_status_counts (kept by
   * triggers in each writing transaction, one row per organisation, year and status), whose size does
   * not grow with the tables: counting the tables read every row of the status (6,745 approved of
   * 100,000 tables: 18 ms; the sum 2 ms).
   */
  async function statusCount(organisations: Organisations, status: TableStatus): Promise<number> {
    if (organisations !== null && organisations.length === 0) return 0;
    let q = db
      .selectFrom('analytics_status_counts')
      .select(sql<string | null>`sum(tables)`.as('n'))
      .where('status', '=', status);
    if (organisations !== null) q = q.where('organisation_id', 'in', [...organisations]);
    return Number((await q.executeTakeFirstOrThrow()).n ?? 0);
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

  /**
   * Tables in `organisations` with 整改 tasks in `status` (open: the unit answers; answered: the reviewer
   * closes), the earliest deadline first, each with its task count; `since` is when the oldest task was
   * opened (or answered).
   */
  async function rectificationTables(
    organisations: Organisations,
    status: 'open' | 'answered',
  ): Promise<WorkbenchPage<RectificationTableRow>> {
    if (organisations !== null && organisations.length === 0) return { rows: [], total: 0 };
    const inOrganisations =
      organisations === null
        ? sql<SqlBool>`true`
        : sql<SqlBool>`t.organisation_id = ANY(${[...organisations]}::uuid[])`;
    const since = status === 'open' ? sql`min(r.created_at)` : sql`min(r.answered_at)`;
    const { rows } = await sql<RectificationTableRow>`
      SELECT t.id, t.version, t.name, t.unit, t.year, t.status, t.organisation_id, ${since} AS since,
        count(*)::int AS tasks, to_char(min(r.deadline), 'YYYY-MM-DD') AS deadline
      FROM rectification_tasks r JOIN target_tables t ON t.id = r.table_id
      WHERE r.status = ${status} AND ${inOrganisations}
      GROUP BY t.id
      ORDER BY min(r.deadline), t.id
      LIMIT ${WORKBENCH_GROUP_LIMIT}`.execute(db);
    if (rows.length < WORKBENCH_GROUP_LIMIT) return { rows, total: rows.length };
    const { rows: counted } = await sql<{ n: number }>`
      SELECT count(DISTINCT r.table_id)::int AS n
      FROM rectification_tasks r JOIN target_tables t ON t.id = r.table_id
      WHERE r.status = ${status} AND ${inOrganisations}`.execute(db);
    return { rows, total: counted[0]?.n ?? rows.length };
  }

  return {
    rectificationTables,
    /** Tables in `status`, waiting since `since`. */
    withStatus(organisations: Organisations, status: TableStatus, since: Since): Promise<WorkbenchPage> {
      return page(tables(organisations).where('t.status', '=', status), since, {
        count: () => statusCount(organisations, status),
      });
    },

    /**
     * Of returned tables: the latest return transition (who, when, the comment), and how many comments
     * the latest returning review round left (the open comments of openComments in core, counted here
     * without loading them).
     */
    async returnRounds(ids: readonly string[]) {
      if (ids.length === 0) return { events: [], rounds: [] };
      const [events, rounds] = await Promise.all([
        db
          .selectFrom('workflow_events')
          .distinctOn('table_id')
          .select(['table_id', 'actor_name', 'created_at', 'comment'])
          .where('table_id', 'in', [...ids])
          .where('action', '=', 'return')
          .orderBy('table_id')
          .orderBy('created_at', 'desc')
          .execute(),
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
          .where('r.table_id', 'in', [...ids])
          .where('r.decision', '=', 'return')
          .orderBy('r.table_id')
          .orderBy('r.created_at', 'desc')
          .execute(),
      ]);
      return { events, rounds };
    },

    /** Approved or published tables of `year` without a report for `cutOffMonth`. */
    monitoringDue(organisations: Organisations, year: number, cutOffMonth: number): Promise<WorkbenchPage> {
      return page(
        tables(organisations)
          .where('t.status', 'in', ['approved', 'published'])
          .where('t.year', '=', year)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('monitoring_reports as m')
                  .select(sql`1`.as('one'))
                  .whereRef('m.table_id', '=', 't.id')
                  .where('m.cut_off_month', '=', cutOffMonth),
              ),
            ),
          ),
        't.updated_at',
      );
    },

    /** Every approved or published table of `year` with its indicators (whose framework tells its region). */
    monitoredTables(organisations: Organisations, year: number) {
      return tables(organisations)
        .where('t.status', 'in', ['approved', 'published'])
        .where('t.year', '=', year)
        .select([
          ...tableRowColumns,
          sql<Date>`t.updated_at`.as('since'),
          sql<PerformanceTable['indicators']>`t.content -> 'indicators'`.as('indicators'),
        ])
        .orderBy('t.updated_at')
        .orderBy('t.id')
        .execute();
    },

    /** The cut-off months reported for each of these tables. */
    async reportedMonths(ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .selectFrom('monitoring_reports')
        .select(['table_id', 'cut_off_month'])
        .where('table_id', 'in', [...ids])
        .execute();
    },

    /** Approved or published tables of years before `year` without a complete self-evaluation, oldest year first. */
    selfEvaluationDue(organisations: Organisations, year: number): Promise<WorkbenchPage> {
      return page(
        tables(organisations)
          .where('t.status', 'in', ['approved', 'published'])
          .where('t.year', '<', year)
          .where(noCompleteSelfEvaluation),
        't.updated_at',
        { extra: (q) => q.orderBy('t.year') },
      );
    },

    /**
     * Every open table's latest red or yellow report that lacks corrective measures: their count is stored
     * with each report when it is saved; reports saved before it was kept (NULL) bring their table and
     * report along to be assessed.
     */
    redAndYellowLights(organisations: Organisations) {
      return latestLights(organisations, ['red', 'yellow'])
        .where((eb) => eb.or([eb('m.missing_measures', 'is', null), eb('m.missing_measures', '>', 0)]))
        .select([
          ...lightColumns,
          'm.missing_measures',
          sql<unknown>`CASE WHEN m.missing_measures IS NULL THEN t.content END`.as('content'),
          sql<unknown>`CASE WHEN m.missing_measures IS NULL THEN m.report END`.as('report'),
        ])
        .orderBy('m.updated_at')
        .orderBy('t.id')
        .execute();
    },

    /** Open tables whose latest light is red: one page and the whole count. */
    async redLights(organisations: Organisations) {
      const rows = await latestLights(organisations, ['red'])
        .select(lightColumns)
        .orderBy('m.updated_at')
        .orderBy('t.id')
        .limit(WORKBENCH_GROUP_LIMIT)
        .execute();
      const total = rows.length < WORKBENCH_GROUP_LIMIT ? rows.length : await redLightCount(organisations);
      return { rows, total };
    },

    /** The overseers' figures: tables by status, red lights, active users, audit events since `start`. */
    async overview(start: Date) {
      const [statuses, redLights, users, audit] = await Promise.all([
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
      return {
        statusCounts: new Map(statuses.map((s) => [s.status, Number(s.n)])),
        redLights,
        activeUsers: Number(users.n),
        auditEvents: Number(audit.n),
      };
    },
  };
}
