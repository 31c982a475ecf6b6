import { tableReadScope } from '@jixiao/core/accounts/policies';
import { findingsByRule, summariseDashboard, topFindings } from '@jixiao/core/analysis/dashboard';
import { summarisePublicStatistics } from '@jixiao/core/analysis/public-statistics';
import { type Light, lightSchema } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { ReviewGrade } from '@jixiao/core/review-records/review-record.schema';
import type { OverallGrade } from '@jixiao/core/scoring/scoring-scheme.schema';
import { buildEntry } from '@jixiao/core/scoring/self-evaluation.factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { type TableStatus, tableStatusSchema } from '@jixiao/core/tables/table-record.schema';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { insertOrganisation, listOrganisations, storeOrganisationChange } from './accounts.repository.ts';
import {
  type AnalyticsFilter,
  dashboardGroups,
  dashboardYears,
  organisationsUnder,
  publishedStatisticsGroups,
  refreshReviewFindings,
} from './analytics.repository.ts';
import type { Database } from './database.ts';
import { saveSelfEvaluation } from './evaluation.repository.ts';
import { createTableRepository } from './tables.repository.ts';
import { removeStoredTable, updateStoredTable } from './testing/table-writes.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const statuses = tableStatusSchema.options;
const lights = lightSchema.options;
const reviewGrades: ReviewGrade[] = ['优', '良', '中', '差'];
const years = [2023, 2024, 2025];

/** Table contents that the automatic review finds different things in (or nothing). */
function content(
  variant: number,
  year: number,
  budget: number | null,
  printed: string | null,
): PerformanceTable {
  const sound = buildTable();
  const indicators =
    variant === 1
      ? [
          ...sound.indicators.filter((i) => i.name !== '信息公开实现率'),
          buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范'),
        ]
      : variant === 2
        ? sound.indicators.filter((i) => i.level1 !== '投入与管理')
        : sound.indicators;
  return buildTable({
    year,
    budget: { ...sound.budget, currentYear: budget },
    indicators,
    ...(printed === null ? {} : { supervisingDepartment: printed }),
  });
}

/**
 * The dashboard's groups the way the route computed them before the analytics tables: GROUP BY over
 * the tables themselves, the latest review and light per table, every content reviewed again.
 */
async function dashboardFromScratch(db: Database, filter: AnalyticsFilter) {
  let tables = db.selectFrom('target_tables as t');
  if (filter.organisationIds !== null)
    tables = tables.where('t.organisation_id', 'in', [...filter.organisationIds]);
  if (filter.year !== undefined) tables = tables.where('t.year', '=', filter.year);
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
  const [tableRows, gradeRows, lightRows, selfRows, contents] = await Promise.all([
    tables
      .select((eb) => [
        't.organisation_id',
        't.year',
        't.status',
        eb.fn.countAll<string>().as('tables'),
        eb.fn.sum<string | number | null>('t.current_year_budget').as('budget'),
        eb.fn.sum<string | number>('t.indicator_count').as('indicators'),
      ])
      .groupBy(['t.organisation_id', 't.year', 't.status'])
      .execute(),
    db
      .selectFrom(latestReviews.as('lr'))
      .select((eb) => ['lr.overall', eb.fn.countAll<string>().as('count')])
      .groupBy('lr.overall')
      .execute(),
    db
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
    tables.select('t.content').execute(),
  ]);
  return {
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
    topFindings: findingsByRule(contents.map((row) => row.content as PerformanceTable)),
  };
}

/** The portal statistics' groups as computed before: the latest published version of every table. */
async function publishedFromScratch(db: Database) {
  const rows = await sql<{
    year: number;
    organisation_id: string | null;
    printed: string | null;
    tables: string;
    budget: string | null;
  }>`
    SELECT p.year, p.organisation_id, p.printed, count(*) AS tables, sum(p.budget) AS budget
    FROM (
      SELECT DISTINCT ON (v.table_id) t.organisation_id, (v.content->>'year')::int AS year,
        v.content->>'supervisingDepartment' AS printed, (v.content->'budget'->>'currentYear')::numeric AS budget
      FROM table_versions v JOIN target_tables t ON t.id = v.table_id
      WHERE v.status = 'published' ORDER BY v.table_id, v.version DESC
    ) p GROUP BY 1, 2, 3`.execute(db);
  return rows.rows.map((row) => ({
    year: Number(row.year),
    organisationId: row.organisation_id,
    printedDepartment: row.printed,
    tables: Number(row.tables),
    budgetCurrentYear: row.budget,
  }));
}

const filters = { departments: [], year: null, department: null };

async function expectSummariesMatch(db: Database, departments: readonly string[], reviewer: string) {
  const organisations = await listOrganisations(db);
  const reviewerScope = tableReadScope(
    {
      id: reviewer,
      username: 'r',
      displayName: 'r',
      organisationId: reviewer,
      roles: ['department_reviewer'],
    },
    organisations,
  );
  const scopes: AnalyticsFilter[] = [
    { organisationIds: null },
    { organisationIds: null, year: 2024 },
    { organisationIds: await organisationsUnder(db, departments[0]!) },
    { organisationIds: reviewerScope.all ? null : reviewerScope.organisationIds, year: 2025 },
  ];
  for (const filter of scopes) {
    const kept = await dashboardGroups(db, filter);
    const scratch = await dashboardFromScratch(db, filter);
    const base = { scope: 'all' as const, organisations, filters: { ...filters, years: [] } };
    const { findings, ...rest } = kept;
    expect(summariseDashboard({ ...base, ...rest, topFindings: topFindings(findings) })).toEqual(
      summariseDashboard({ ...base, ...scratch }),
    );
  }
  const scratchYears = await db
    .selectFrom('target_tables')
    .select('year')
    .distinct()
    .orderBy('year', 'desc')
    .execute();
  expect(await dashboardYears(db, null)).toEqual(scratchYears.map((row) => row.year));
  for (const year of [undefined, 2024]) {
    expect(
      summarisePublicStatistics(await publishedStatisticsGroups(db, year), organisations, year ?? null),
    ).toEqual(summarisePublicStatistics(await publishedFromScratch(db), organisations, year ?? null));
  }
}

/** One write of the kinds the application makes, on the table (or unit) the indices pick. */
const writeArbitrary = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    variant: fc.nat(2),
    year: fc.constantFrom(...years),
    budget: fc.option(fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 4)),
    organisation: fc.nat(5),
    printed: fc.option(fc.constantFrom('某某局', ' 某某局 ', '')),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    table: fc.nat(9),
    variant: fc.nat(2),
    year: fc.constantFrom(...years),
    budget: fc.option(fc.nat(100_000)),
  }),
  fc.record({ kind: fc.constant('status' as const), table: fc.nat(9), status: fc.constantFrom(...statuses) }),
  fc.record({ kind: fc.constant('delete' as const), table: fc.nat(9) }),
  fc.record({
    kind: fc.constant('review' as const),
    table: fc.nat(9),
    grade: fc.constantFrom(...reviewGrades),
  }),
  fc.record({
    kind: fc.constant('monitoring' as const),
    table: fc.nat(9),
    month: fc.constantFrom(6, 7),
    light: fc.constantFrom(...lights),
    remove: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('self' as const),
    table: fc.nat(9),
    total: fc.integer({ min: 0, max: 200 }).map((n) => n / 2),
    complete: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('move' as const), unit: fc.nat(2), department: fc.nat(1) }),
  fc.record({ kind: fc.constant('forget' as const), table: fc.nat(9) }),
);
type Write = typeof writeArbitrary extends fc.Arbitrary<infer W> ? W : never;

describeEachDatabase('analytics tables', (getDb) => {
  const departments: string[] = [];
  const units: string[] = [];

  beforeAll(async () => {
    const db = getDb();
    const finance = await insertOrganisation(db, { name: '测试财政局', kind: 'finance', parentId: null });
    for (const name of ['测试教委', '测试科委']) {
      departments.push((await insertOrganisation(db, { name, kind: 'department', parentId: finance.id })).id);
    }
    for (const [i, name] of ['测试单位甲', '测试单位乙', '测试单位丙'].entries()) {
      const parentId = departments[i % 2]!;
      units.push((await insertOrganisation(db, { name, kind: 'unit', parentId })).id);
    }
  });

  async function apply(db: Database, write: Write): Promise<void> {
    const store = createTableRepository(db);
    const live = await db
      .selectFrom('target_tables')
      .select(['id', 'version', 'status'])
      .orderBy('id')
      .execute();
    const pick = (i: number) => live[i % Math.max(live.length, 1)];
    switch (write.kind) {
      case 'create': {
        const organisationId = [...units, ...departments, null][write.organisation] ?? null;
        await store.create(
          content(write.variant, write.year, write.budget, write.printed),
          { userId: null },
          {
            organisationId,
          },
        );
        return;
      }
      case 'move':
        await storeOrganisationChange(db, units[write.unit]!, { parentId: departments[write.department]! });
        return;
    }
    const table = pick(write.table);
    if (!table) return;
    switch (write.kind) {
      case 'edit':
        if (table.status !== 'draft' && table.status !== 'returned') return;
        await updateStoredTable(
          db,
          table.id,
          table.version,
          content(write.variant, write.year, write.budget, null),
          {
            userId: null,
          },
        );
        return;
      case 'status':
        await store.setStatus(table.id, table.version, write.status, { userId: null });
        return;
      case 'delete':
        if (table.status === 'draft') await removeStoredTable(db, table.id);
        return;
      case 'review':
        await sql`
          INSERT INTO reviews (table_id, version, stage, completeness, relevance, appropriateness, feasibility,
            overall, decision)
          VALUES (${table.id}, ${table.version}, 'department', '良', '良', '良', '良', ${write.grade}, 'forward')
          ON CONFLICT (table_id, version) DO UPDATE SET overall = excluded.overall`.execute(db);
        return;
      case 'monitoring':
        if (write.remove) {
          await db.deleteFrom('monitoring_reports').where('table_id', '=', table.id).execute();
          return;
        }
        await sql`
          INSERT INTO monitoring_reports (table_id, cut_off_month, table_version, scheme_id, report, light, risk)
          VALUES (${table.id}, ${write.month}, ${table.version}, 'national-2020', '{}', ${write.light}, 1)
          ON CONFLICT (table_id, cut_off_month) DO UPDATE SET light = excluded.light`.execute(db);
        return;
      case 'self':
        await saveSelfEvaluation(db, {
          tableId: table.id,
          tableVersion: table.version,
          schemeId: 'national-2020',
          entry: buildEntry(['80个']),
          total: write.total,
          grade: write.total >= 90 ? '优' : write.total >= 80 ? '良' : write.total >= 60 ? '中' : '差',
          complete: write.complete,
          actor: { userId: null, address: null },
        });
        return;
      case 'forget':
        // A row loaded in bulk: no findings until the startup step reviews it.
        await db
          .updateTable('target_tables')
          .set({ review_findings: null })
          .where('id', '=', table.id)
          .execute();
        return;
    }
  }

  it('equals a recomputation from scratch after every kind of write', async () => {
    const db = getDb();
    await fc.assert(
      fc.asyncProperty(fc.array(writeArbitrary, { minLength: 1, maxLength: 12 }), async (writes) => {
        for (const write of writes) {
          await apply(db, write);
          if (write.kind === 'forget') await refreshReviewFindings(db);
          await expectSummariesMatch(db, departments, departments[1]!);
        }
      }),
      { numRuns: 25 },
    );
    // 25 random write sequences against a real database: ~20 s alone, more beside the rest of the suite.
  }, 120_000);

  it('fills in findings of rows loaded without them, and reviews everything again under new rules', async () => {
    const db = getDb();
    const store = createTableRepository(db);
    await store.create(content(1, 2024, 10, null), { userId: null }, { organisationId: units[0]! });
    await store.create(content(2, 2025, 12, null), { userId: null }, { organisationId: units[1]! });
    await db.updateTable('target_tables').set({ review_findings: null }).execute();
    const all = await db.selectFrom('target_tables').select('id').execute();
    expect(await refreshReviewFindings(db, { batchSize: 3 })).toBe(all.length);
    await expectSummariesMatch(db, departments, departments[0]!);
    expect(await refreshReviewFindings(db)).toBe(0);
    // Another release's rules: every table is reviewed again, and only findings that differ are written.
    const stale = all[0]!.id;
    await db
      .updateTable('target_tables')
      .set({ review_findings: JSON.stringify([{ rule: 'retired', severity: 'warning', count: 1 }]) })
      .where('id', '=', stale)
      .execute();
    const rowVersions = async () =>
      new Map(
        (
          await sql<{ id: string; xmin: string }>`SELECT id, xmin::text AS xmin FROM target_tables`.execute(
            db,
          )
        ).rows.map((row) => [row.id, row.xmin]),
      );
    const before = await rowVersions();
    await db
      .updateTable('analytics_state')
      .set({ value: 'older rules' })
      .where('key', '=', 'review_rules')
      .execute();
    expect(await refreshReviewFindings(db)).toBe(all.length);
    const after = await rowVersions();
    for (const { id } of all) expect(after.get(id) !== before.get(id), id).toBe(id === stale);
    await expectSummariesMatch(db, departments, departments[0]!);
  });

  it('keeps organisation paths with the tree', async () => {
    const db = getDb();
    const paths = await db.selectFrom('organisation_paths').selectAll().execute();
    const unit = paths.find((row) => row.organisation_id === units[2]);
    expect(unit?.path[0]).toBe(units[2]);
    expect(departments).toContain(unit?.department_id);
    expect(unit?.path).toContain(unit?.department_id);
    expect(await organisationsUnder(db, departments[0]!)).toContain(departments[0]);
  });
});
