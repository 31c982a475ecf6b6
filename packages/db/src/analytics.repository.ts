import { createHash } from 'node:crypto';
import {
  type DashboardLightGroup,
  type DashboardTableGroup,
  type RuleFindingGroup,
  reviewRulesSignature,
  type SelfEvaluationGroup,
  tableFindingCounts,
} from '@jixiao/core/analysis/dashboard';
import type { PublishedGroup } from '@jixiao/core/analysis/public-statistics';
import type { Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { Finding } from '@jixiao/core/review/finding.schema';
import type { ReviewGrade } from '@jixiao/core/review-records/review-record.schema';
import type { OverallGrade } from '@jixiao/core/scoring/scoring-scheme.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * Reads of the analytics tables that triggers keep (migration 20261210130000-analytics): the
 * dashboard's and the portal statistics' figures summed over a few thousand pre-aggregated rows, each
 * group keyed by the supervising department its organisation belongs to (stored organisation paths),
 * so that core folds them without walking the organisation tree.
 */

/** Which tables the dashboard sums: these organisations' (null: all, unassigned ones included), a year. */
export interface AnalyticsFilter {
  organisationIds: readonly string[] | null;
  year?: number | undefined;
}

/** The dashboard's groups over the tables in `filter`; `organisationId` is each group's department. */
export interface DashboardGroups {
  tables: DashboardTableGroup[];
  grades: { grade: ReviewGrade; count: number }[];
  lights: DashboardLightGroup[];
  selfEvaluations: SelfEvaluationGroup[];
  findings: RuleFindingGroup[];
}

type CountTable =
  | 'analytics_status_counts'
  | 'analytics_grade_counts'
  | 'analytics_light_counts'
  | 'analytics_self_evaluation_counts'
  | 'analytics_finding_counts';

/**
 * Sums `columns` of one count table over `filter`, grouped by `groupBy` (expressions over `a`, the count
 * rows, and `p`, their organisation's stored path and department), groups with tables only.
 */
async function sumCounts<R>(
  db: Database,
  table: CountTable,
  filter: AnalyticsFilter,
  columns: string,
  groupBy: string,
): Promise<R[]> {
  const where = [sql`true`];
  if (filter.organisationIds !== null) {
    where.push(sql`a.organisation_id IN (${sql.join(filter.organisationIds.map((id) => sql`${id}::uuid`))})`);
  }
  if (filter.year !== undefined) where.push(sql`a.year = ${filter.year}`);
  const result = await sql<R>`
    SELECT ${sql.raw(columns)}
    FROM ${sql.table(table)} a LEFT JOIN organisation_paths p ON p.organisation_id = a.organisation_id
    WHERE ${sql.join(where, sql` AND `)}
    ${sql.raw(groupBy === '' ? '' : `GROUP BY ${groupBy}`)}
    HAVING sum(a.tables) > 0
  `.execute(db);
  return result.rows;
}

/** The organisations under (and including) `rootId`, from the stored paths. */
export async function organisationsUnder(db: Database, rootId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisation_paths')
    .select('organisation_id')
    .where(sql<boolean>`${rootId}::uuid = ANY (path)`)
    .orderBy('organisation_id')
    .execute();
  return rows.map((row) => row.organisation_id);
}

/** Budget years with tables among `organisationIds` (null: all), newest first. */
export async function dashboardYears(
  db: Database,
  organisationIds: readonly string[] | null,
): Promise<number[]> {
  const rows = await sumCounts<{ year: number }>(
    db,
    'analytics_status_counts',
    { organisationIds },
    'a.year',
    'a.year',
  );
  return rows.map((row) => row.year).sort((a, b) => b - a);
}

type Amount = string | number;

/** Sums the dashboard's figures over the tables of `filter`, per supervising department. */
export async function dashboardGroups(db: Database, filter: AnalyticsFilter): Promise<DashboardGroups> {
  const [tables, grades, lights, selfEvaluations, findings] = await Promise.all([
    sumCounts<{
      department_id: string | null;
      year: number;
      status: string;
      tables: Amount;
      budget: Amount;
      indicators: Amount;
    }>(
      db,
      'analytics_status_counts',
      filter,
      'p.department_id, a.year, a.status, sum(a.tables) AS tables, sum(a.budget) AS budget, sum(a.indicators) AS indicators',
      'p.department_id, a.year, a.status',
    ),
    sumCounts<{ grade: string; count: Amount }>(
      db,
      'analytics_grade_counts',
      filter,
      'a.grade, sum(a.tables) AS count',
      'a.grade',
    ),
    sumCounts<{ department_id: string | null; light: string; count: Amount }>(
      db,
      'analytics_light_counts',
      filter,
      'p.department_id, a.light, sum(a.tables) AS count',
      'p.department_id, a.light',
    ),
    sumCounts<{ grade: string; tens: number; count: Amount; score_sum: Amount }>(
      db,
      'analytics_self_evaluation_counts',
      filter,
      'a.grade, a.tens, sum(a.tables) AS count, sum(a.score_sum) AS score_sum',
      'a.grade, a.tens',
    ),
    sumCounts<{ rule_id: string; severity: string; tables: Amount; findings: Amount }>(
      db,
      'analytics_finding_counts',
      filter,
      'a.rule_id, a.severity, sum(a.tables) AS tables, sum(a.findings) AS findings',
      'a.rule_id, a.severity',
    ),
  ]);
  return {
    tables: tables.map((row) => ({
      organisationId: row.department_id,
      year: row.year,
      status: row.status as TableStatus,
      tables: Number(row.tables),
      budgetCurrentYear: row.budget,
      indicators: Number(row.indicators),
    })),
    grades: grades.map((row) => ({ grade: row.grade as ReviewGrade, count: Number(row.count) })),
    lights: lights.map((row) => ({
      organisationId: row.department_id,
      light: row.light as Light,
      count: Number(row.count),
    })),
    selfEvaluations: selfEvaluations.map((row) => ({
      grade: row.grade as OverallGrade,
      tens: Number(row.tens),
      count: Number(row.count),
      scoreSum: Number(row.score_sum),
    })),
    findings: findings.map((row) => ({
      ruleId: row.rule_id,
      severity: row.severity as Finding['severity'],
      tables: Number(row.tables),
      findings: Number(row.findings),
    })),
  };
}

/**
 * Published tables (latest published version) counted and 当年预算 summed per year and department:
 * `organisationId` is the department of the table's unit, else null with the printed 主管部门.
 */
export async function publishedStatisticsGroups(db: Database, year?: number): Promise<PublishedGroup[]> {
  let query = db
    .selectFrom('analytics_published_counts as a')
    .leftJoin('organisation_paths as p', 'p.organisation_id', 'a.organisation_id');
  if (year !== undefined) query = query.where('a.year', '=', year);
  const printed = sql<string | null>`CASE WHEN p.department_id IS NULL THEN a.printed_department END`;
  const rows = await query
    .select((eb) => [
      'a.year',
      'p.department_id',
      printed.as('printed'),
      eb.fn.sum<number>('a.tables').as('tables'),
      eb.fn.sum<string | number>('a.budget').as('budget'),
    ])
    .groupBy(['a.year', 'p.department_id', printed])
    .having(sql<boolean>`sum(a.tables) > 0`)
    .execute();
  return rows.map((row) => ({
    year: row.year,
    organisationId: row.department_id,
    printedDepartment: row.printed,
    tables: Number(row.tables),
    budgetCurrentYear: row.budget,
  }));
}

// ------------------------------------------------------------------ findings kept per table

/** The `review_findings` column of a table's row: its automatic-review findings counted per rule. */
export function reviewFindingsColumn(table: PerformanceTable): string {
  return JSON.stringify(tableFindingCounts(table));
}

const rulesStateKey = 'review_rules';

/** Which revision of the review rules stored findings follow (a hash of every set's rules). */
export function reviewRulesRevision(): string {
  return createHash('sha256').update(reviewRulesSignature()).digest('hex').slice(0, 16);
}

/** Options of `refreshReviewFindings`; `yieldEvery` lets a server answer requests between batches. */
export interface RefreshFindingsOptions {
  /** Tables read and reviewed per batch (about 0.4 ms each for 40 indicators: 64 keep a batch short). */
  batchSize?: number;
  /** Stops between batches (server shutdown); what was done stays done. */
  signal?: AbortSignal;
  /** Awaited between batches (a server passes setImmediate so requests run in between). */
  pause?: () => Promise<void>;
  log?: (message: string) => void;
}

/**
 * Fills in the findings of tables that have none (rows loaded in bulk) and, when a release changed the
 * review rules, reviews every table again, in batches of a few hundred so the event loop stays free.
 * A table saved meanwhile keeps what its save computed (the update checks the version it read); a
 * table whose findings the new rules leave as they were is not written (a non-HOT update of a table row
 * rewrites its 15 index entries and fires the analytics triggers: most of a re-review's cost).
 * Returns how many tables were reviewed.
 */
export async function refreshReviewFindings(
  db: Database,
  options: RefreshFindingsOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 64;
  const pause = options.pause ?? (() => Promise.resolve());
  const revision = reviewRulesRevision();
  const state = await db
    .selectFrom('analytics_state')
    .select('value')
    .where('key', '=', rulesStateKey)
    .executeTakeFirst();
  const everything = state !== undefined && state.value !== revision;
  let reviewed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  while (!options.signal?.aborted) {
    let query = db
      .selectFrom('target_tables')
      .select(['id', 'version', 'content'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize);
    if (!everything) query = query.where('review_findings', 'is', null);
    const rows = await query.execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const updates = rows.map((row) => ({
      id: row.id,
      version: row.version,
      // Stored content passed the table schema when it was saved.
      findings: reviewFindingsColumn(row.content as PerformanceTable),
    }));
    await sql`
      UPDATE target_tables t SET review_findings = u.findings::jsonb
      FROM (SELECT * FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
        AS x (id uuid, version integer, findings text)) AS u
      WHERE t.id = u.id AND t.version = u.version
        AND t.review_findings IS DISTINCT FROM u.findings::jsonb
    `.execute(db);
    reviewed += rows.length;
    if (reviewed % 10_000 < batchSize) options.log?.(`automatic review of stored tables: ${reviewed}`);
    await pause();
  }
  if (options.signal?.aborted) return reviewed;
  await db
    .insertInto('analytics_state')
    .values({ key: rulesStateKey, value: revision, updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: revision, updated_at: new Date() }))
    .execute();
  return reviewed;
}
