import type { Dashboard } from '@jixiao/core/analysis/dashboard.schema';
import {
  buildIndicator as buildReviewIndicator,
  buildTable,
} from '@jixiao/core/review/testing/table-factory';
import {
  buildEntry,
  buildIndicator,
  buildSelfEvaluationTable,
} from '@jixiao/core/scoring/self-evaluation.factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { saveSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';
import { recordRectificationAnswer, recordRectificationOpen } from '../use-cases/rectification.ts';

const grades = { completeness: '良', relevance: '优', appropriateness: '良', feasibility: '良' } as const;

describeEachDatabase('dashboard API', (getDb) => {
  const getApp = useTestApp(getDb);

  async function stored(table: PerformanceTable, organisationId: string, path: TableStatus[] = []) {
    const store = createTableRepository(getDb());
    let record = await store.create(table, { userId: null }, { organisationId });
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record;
  }

  beforeAll(async () => {
    const { call } = getApp();
    await call('GET', '/api/health', { as: 'author' });
    const own = demoOrganisationIds.seedUnit;
    await stored(buildTable({ name: '草稿甲', budget: { currentYear: 100.25 } }), own);
    // Submitted by the author, then forwarded by the department with an overall grade 良.
    const reviewed = await stored(buildTable({ name: '送审乙', budget: { currentYear: 200 } }), own);
    const submitted = await call('POST', `/api/tables/${reviewed.id}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion: 1 },
    });
    expect(submitted.status).toBe(200);
    const review = await call('POST', `/api/tables/${reviewed.id}/reviews`, {
      as: 'department_reviewer',
      body: { expectedVersion: 2, criteria: grades, overall: '良', decision: 'forward' },
    });
    expect(review.status).toBe(201);
    // Approved, with a monitoring report far behind schedule (red light).
    const monitored = await stored(
      buildSelfEvaluationTable(
        [buildIndicator('>=100人次', { name: '培训人次' }), buildIndicator('规范', { name: '管理规范性' })],
        { kind: 'target', name: '监控丙', year: 2021, unit: '上海推进科技创新中心建设办公室' },
      ),
      own,
      ['submitted', 'department_reviewed', 'approved'],
    );
    const monitoring = await call('PUT', `/api/tables/${monitored.id}/monitoring/6`, {
      as: 'author',
      body: {
        budget: { annual: 1_200_000, executed: 300_000 },
        indicators: [
          { index: 0, value: '20人次', note: '上半年停课' },
          { index: 1, value: null, judgement: '达成', note: '制度已印发' },
        ],
      },
    });
    expect(monitoring.status).toBe(200);
    // Year-end self-evaluations: a complete one scored 100 (优) and one not yet complete (not counted).
    for (const [tableId, total, complete] of [
      [monitored.id, 100, true],
      [reviewed.id, 55, false],
    ] as const) {
      await saveSelfEvaluation(getDb(), {
        tableId,
        tableVersion: 1,
        schemeId: 'national-2020',
        entry: buildEntry(['80个']),
        total,
        grade: total >= 90 ? '优' : '差',
        complete,
        actor: { userId: null, address: null },
      });
    }
    // Another department's unit: outside the department reviewer's dashboard.
    await stored(
      buildTable({ unit: '上海市教育考试院', name: '他部门丁', budget: { currentYear: 1000.1 } }),
      demoOrganisationIds.examinationAuthority,
    );
  });

  it('gives finance the whole region: statuses, years, budgets, grades, lights', async () => {
    const res = await getApp().call<Dashboard>('GET', '/api/dashboard', { as: 'finance_reviewer' });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.scope).toBe('all');
    expect(d.totals.tables).toBe(4);
    expect(d.byStatus).toEqual(
      expect.arrayContaining([
        { status: 'draft', count: 2 },
        { status: 'department_reviewed', count: 1 },
        { status: 'approved', count: 1 },
        { status: 'published', count: 0 },
      ]),
    );
    expect(d.byYear.map((y) => [y.year, y.tables])).toEqual([
      [2021, 1],
      [2020, 3],
    ]);
    expect(d.byYear.find((y) => y.year === 2020)?.budgetCurrentYear).toBe(1300.35);
    expect(d.grades).toContainEqual({ grade: '良', count: 1 });
    expect(d.lights).toContainEqual({ light: 'red', count: 1 });
    // Departments from the organisation tree: the seed unit sits under the science commission.
    expect(d.byDepartment.map((row) => [row.department, row.tables, row.budgetCurrentYear])).toEqual([
      ['上海市教育委员会', 1, 1000.1],
      ['上海市科学技术委员会', 3, 300.25],
    ]);
    const science = d.byDepartment.find((row) => row.departmentId === demoOrganisationIds.scienceCommission);
    expect(science?.lights).toContainEqual({ light: 'red', count: 1 });
    expect(d.selfEvaluation.scored).toBe(1);
    expect(d.selfEvaluation.averageScore).toBe(100);
    expect(d.selfEvaluation.grades).toContainEqual({ grade: '优', count: 1 });
    expect(d.selfEvaluation.scores.at(-1)).toEqual({ from: 90, to: 100, count: 1 });
    expect(d.filters.years).toEqual([2021, 2020]);
    expect(d.filters.departments.map((dep) => dep.id).sort()).toEqual(
      [demoOrganisationIds.educationCommission, demoOrganisationIds.scienceCommission].sort(),
    );
  });

  it('filters finance’s view by supervising department, and refuses an unknown one (404)', async () => {
    const { call } = getApp();
    const education = await call<Dashboard>(
      'GET',
      `/api/dashboard?department=${demoOrganisationIds.educationCommission}`,
      { as: 'finance_reviewer' },
    );
    expect(education.status).toBe(200);
    expect(education.body.filters.department).toBe(demoOrganisationIds.educationCommission);
    expect(education.body.totals.tables).toBe(1);
    expect(education.body.totals.budgetCurrentYear).toBe(1000.1);
    expect(education.body.byDepartment.map((row) => row.department)).toEqual(['上海市教育委员会']);
    expect(education.body.lights.every((l) => l.count === 0)).toBe(true);
    // The year choices stay those of the whole scope.
    expect(education.body.filters.years).toEqual([2021, 2020]);
    const unknown = await call('GET', `/api/dashboard?department=${demoOrganisationIds.seedUnit}`, {
      as: 'auditor',
    });
    expect(unknown.status, unknown.text).toBe(404);
  });

  it('lets a department reviewer filter by their own department only (403 for another)', async () => {
    const { call } = getApp();
    const own = await call<Dashboard>(
      'GET',
      `/api/dashboard?department=${demoOrganisationIds.scienceCommission}`,
      { as: 'department_reviewer' },
    );
    expect(own.status).toBe(200);
    expect(own.body.totals.tables).toBe(3);
    expect(own.body.filters.departments.map((dep) => dep.id)).toEqual([
      demoOrganisationIds.scienceCommission,
    ]);
    const other = await call('GET', `/api/dashboard?department=${demoOrganisationIds.educationCommission}`, {
      as: 'department_reviewer',
    });
    expect(other.status).toBe(403);
    expect(other.text).not.toContain('他部门丁');
  });

  it('limits a department reviewer to the units under the department', async () => {
    const { call } = getApp();
    const res = await call<Dashboard>('GET', '/api/dashboard', { as: 'department_reviewer' });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('organisations');
    expect(res.body.totals.tables).toBe(3);
    expect(res.body.byYear.find((y) => y.year === 2020)?.budgetCurrentYear).toBe(300.25);
    const only2021 = await call<Dashboard>('GET', '/api/dashboard?year=2021', { as: 'department_reviewer' });
    expect(only2021.body.totals.tables).toBe(1);
    expect(only2021.body.grades.every((g) => g.count === 0)).toBe(true);
  });

  it('lists the rules that found most problems, described in zh and en', async () => {
    const res = await getApp().call<Dashboard>('GET', '/api/dashboard', { as: 'auditor' });
    expect(res.body.topFindings.length).toBeGreaterThan(0);
    for (const rule of res.body.topFindings) {
      expect(rule.zh).not.toBe('');
      expect(rule.en).not.toBe('');
      expect(rule.tables).toBeLessThanOrEqual(4);
    }
  });

  it('is closed to anonymous visitors (401) and authors (403)', async () => {
    const { call } = getApp();
    expect((await call('GET', '/api/dashboard', { as: 'anonymous' })).status).toBe(401);
    expect((await call('GET', '/api/dashboard', { as: 'author' })).status).toBe(403);
  });

  it('counts the problems of a table added since the last view (kept findings are refreshed)', async () => {
    const { call } = getApp();
    const total = (d: Dashboard) => d.topFindings.reduce((sum, rule) => sum + rule.findings, 0);
    const before = await call<Dashboard>('GET', '/api/dashboard', { as: 'finance_reviewer' });
    const problem = buildTable({
      name: '问题戊',
      indicators: buildTable().indicators.map((i) =>
        i.name === '信息公开实现率'
          ? buildReviewIndicator('投入与管理', '实施管理', '信息公开实现率', '规范')
          : i,
      ),
    });
    await stored(problem, demoOrganisationIds.examinationAuthority);
    const after = await call<Dashboard>('GET', '/api/dashboard', { as: 'finance_reviewer' });
    expect(after.body.totals.tables).toBe(before.body.totals.tables + 1);
    expect(total(after.body)).toBeGreaterThan(total(before.body));
  });

  it('counts the 整改 tasks of the tables in scope by status, and those past their deadline', async () => {
    const { call } = getApp();
    const actor = { userId: null, address: null };
    const problem = (key: string) => ({
      key,
      source: 'low_grade' as const,
      indicatorIndex: null,
      zh: key,
      en: key,
    });
    const own = await stored(buildTable({ name: '整改甲' }), demoOrganisationIds.seedUnit, ['submitted']);
    const tasks = await recordRectificationOpen(
      getDb(),
      actor,
      own.id,
      [problem('a'), problem('b'), problem('c')],
      '2000-01-31',
    );
    await recordRectificationAnswer(getDb(), actor, own.id, tasks[0]?.id ?? '', { measures: '已整改' });
    const other = await stored(
      buildTable({ unit: '上海市教育考试院', name: '整改乙' }),
      demoOrganisationIds.examinationAuthority,
    );
    await recordRectificationOpen(getDb(), actor, other.id, [problem('a')], '2999-12-31');

    const finance = await call<Dashboard>('GET', '/api/dashboard', { as: 'finance_reviewer' });
    expect(finance.body.rectification).toEqual({ open: 3, answered: 1, closed: 0, overdue: 3 });
    const department = await call<Dashboard>('GET', '/api/dashboard', { as: 'department_reviewer' });
    expect(department.body.rectification).toEqual({ open: 2, answered: 1, closed: 0, overdue: 3 });
    const none = await call<Dashboard>('GET', '/api/dashboard?year=2019', { as: 'finance_reviewer' });
    expect(none.body.rectification).toEqual({ open: 0, answered: 0, closed: 0, overdue: 0 });
  });
});
