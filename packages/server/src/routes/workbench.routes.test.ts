import { join } from 'node:path';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import {
  WORKBENCH_GROUP_LIMIT,
  type Workbench,
  type WorkbenchGroup,
  type WorkbenchGroupKind,
} from '@jixiao/core/workflow/workbench.schema';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { sql } from 'kysely';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { loadDemoData } from '../demo-data.ts';
import { demoExAnteProject } from '../demo-ex-ante.ts';
import { demoSeedTables } from '../demo-lifecycle.ts';
import { demoPeerHalls } from '../demo-peers.ts';
import { demoRecheckTables } from '../demo-recheck.ts';
import { demoRectificationProject } from '../demo-rectification.ts';
import { useTestApp } from '../testing/test-app.ts';

const seedPath = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'seed.txt');
const OWN_UNIT = '上海推进科技创新中心建设办公室';

/** The server's "today", changed per test through the injected clock. */
let clock = new Date('2026-09-15T08:00:00Z');

function table(name: string, year: number): PerformanceTable {
  return buildSelfEvaluationTable(
    [buildIndicator('>=100人次', { name: '培训人次' }), buildIndicator('>=90%', { name: '满意度' })],
    { kind: 'target', name, year, unit: OWN_UNIT },
  );
}

const group = (wb: Workbench, kind: WorkbenchGroupKind): WorkbenchGroup | undefined =>
  wb.groups.find((g) => g.kind === kind);
const names = (wb: Workbench, kind: WorkbenchGroupKind) => group(wb, kind)?.items.map((i) => i.name) ?? [];

describeEachDatabase('workbench API', (getDb) => {
  const getApp = useTestApp(getDb, { now: () => clock });

  async function stored(t: PerformanceTable, organisationId: string, path: TableStatus[] = []) {
    const store = createTableRepository(getDb());
    let record = await store.create(t, { userId: null }, { organisationId });
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record;
  }

  const approved: TableStatus[] = ['submitted', 'department_reviewed', 'approved'];

  beforeAll(async () => {
    // The demo: one table published (monitored, self-evaluated), one with finance, one returned to the author.
    const loaded = await loadDemoData(getDb(), { seedPath, corpusDir: null });
    expect(loaded.loaded).toBe(true);
    const own = demoOrganisationIds.seedUnit;
    await stored(table('待提交草稿', 2026), own);
    await stored(table('待审核甲', 2026), own, ['submitted']);
    await stored(table('他部门待审', 2026), demoOrganisationIds.examinationAuthority, ['submitted']);
    await stored(table('缺七月监控', 2026), own, approved);
    await stored(table('上年未自评', 2025), own, approved);
    const behind = await stored(table('进度滞后', 2026), own, approved);
    // Far behind at July, and no corrective measure given: red.
    const report = await getApp().call('PUT', `/api/tables/${behind.id}/monitoring/7`, {
      as: 'author',
      body: {
        budget: { annual: 1_200_000, executed: 100_000 },
        indicators: [
          { index: 0, value: '10人次' },
          { index: 1, value: '90%' },
        ],
      },
    });
    expect(report.status).toBe(200);
  });

  beforeEach(() => {
    clock = new Date('2026-09-15T08:00:00Z');
  });

  async function workbench(as: 'author' | 'department_reviewer' | 'finance_reviewer' | 'admin' | 'auditor') {
    const res = await getApp().call<Workbench>('GET', '/api/workbench', { as });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('gives the author drafts, the returned demo table with its comments, due reports and lights', async () => {
    const wb = await workbench('author');
    expect(wb.today).toBe('2026-09-15');
    expect(wb.cutOffMonth).toBe(7);
    expect(wb.groups.map((g) => g.kind)).toEqual([
      'drafts',
      'returned',
      'monitoring_due',
      'self_evaluation_due',
      'lights_need_measure',
      'rectifications_open',
    ]);
    // The demo's imported 自评表 tables of a past year and its new project waiting for an ex-ante
    // assessment stay drafts of the unit, stored first.
    expect(names(wb, 'drafts')).toEqual([...demoRecheckTables, demoExAnteProject, '待提交草稿']);
    const returned = group(wb, 'returned')?.items ?? [];
    expect(returned.map((i) => i.name)).toEqual([demoSeedTables.returned]);
    expect(returned[0]?.returned).toMatchObject({ by: '李审核（市科委）', openComments: 2 });
    expect(returned[0]?.returned?.comment).toContain('请修改后重新报送');
    expect(returned[0]?.waitingSince).toBe(returned[0]?.returned?.at);
    // The table with a July report is not asked again; the published demo table is of 2020.
    expect(names(wb, 'monitoring_due')).toEqual(['缺七月监控']);
    expect(group(wb, 'monitoring_due')?.items[0]?.waitingSince).toBe('2026-07-31T16:00:00.000Z');
    // The demo's 2020 table has a complete self-evaluation, so only last year's table is due.
    expect(names(wb, 'self_evaluation_due')).toEqual(['上年未自评']);
    expect(group(wb, 'self_evaluation_due')?.items[0]?.waitingSince).toBe('2025-12-31T16:00:00.000Z');
    // The demo's yellow light has its measure; the red one here has none.
    const lights = group(wb, 'lights_need_measure')?.items ?? [];
    expect(lights.map((i) => [i.name, i.light, i.cutOffMonth])).toEqual([['进度滞后', 'red', 7]]);
    expect(lights[0]?.missingMeasures).toBeGreaterThan(0);
    expect(wb.total).toBe(wb.groups.reduce((sum, g) => sum + g.items.length, 0));
    expect(wb.overview).toBeNull();
  });

  it('lists lights by the measures counted at save, and assesses reports saved before the count', async () => {
    const before = group(await workbench('author'), 'lights_need_measure')?.items ?? [];
    const counted = await sql<{ n: number }>`
      SELECT missing_measures AS n FROM monitoring_reports m JOIN target_tables t ON t.id = m.table_id
      WHERE t.name = '进度滞后'`.execute(getDb());
    expect(counted.rows.map((r) => r.n)).toEqual([before[0]?.missingMeasures]);
    // A report stored before missing_measures existed (NULL) is assessed on reading: the same list.
    await sql`UPDATE monitoring_reports SET missing_measures = NULL`.execute(getDb());
    try {
      expect(group(await workbench('author'), 'lights_need_measure')?.items).toEqual(before);
    } finally {
      await sql`UPDATE monitoring_reports SET missing_measures = ${before[0]?.missingMeasures ?? 0}
        FROM target_tables t WHERE t.id = monitoring_reports.table_id AND t.name = '进度滞后'`.execute(
        getDb(),
      );
      await sql`UPDATE monitoring_reports SET missing_measures = 0 WHERE missing_measures IS NULL`.execute(
        getDb(),
      );
    }
  });

  it('asks for the July report only once July is over, and not after the year ended', async () => {
    clock = new Date('2026-07-31T12:00:00Z');
    expect(group(await workbench('author'), 'monitoring_due')?.count).toBe(0);
    clock = new Date('2027-02-01T12:00:00Z');
    const next = await workbench('author');
    expect(group(next, 'monitoring_due')?.count).toBe(0);
    // All 2026 tables without a self-evaluation are due now, oldest year first.
    const due = names(next, 'self_evaluation_due');
    expect(due[0]).toBe('上年未自评');
    expect(due.slice(1).sort()).toEqual(['缺七月监控', '进度滞后'].sort());
  });

  it('gives the department the submitted tables of its units and the red lights in its scope', async () => {
    const wb = await workbench('department_reviewer');
    expect(wb.groups.map((g) => g.kind)).toEqual([
      'department_queue',
      'red_lights',
      'rectifications_to_close',
    ]);
    expect(names(wb, 'department_queue')).toEqual(['待审核甲']);
    expect(names(wb, 'red_lights')).toEqual(['进度滞后']);
    expect(wb.overview).toBeNull();
  });

  it('gives finance the forwarded demo table, approved tables to publish and red lights', async () => {
    const wb = await workbench('finance_reviewer');
    expect(wb.groups.map((g) => g.kind)).toEqual([
      'finance_queue',
      'to_publish',
      'red_lights',
      'rectifications_to_close',
    ]);
    // With the next year's table of the project graded 差 (demo-rectification.ts).
    expect(names(wb, 'finance_queue').sort()).toEqual(
      [demoSeedTables.inFinanceQueue, demoRectificationProject].sort(),
    );
    expect([...names(wb, 'to_publish')].sort()).toEqual(['上年未自评', '缺七月监控', '进度滞后'].sort());
    expect(group(wb, 'to_publish')?.count).toBe(3);
    expect(names(wb, 'red_lights')).toEqual(['进度滞后']);
    for (const g of wb.groups) {
      const since = g.items.map((i) => i.waitingSince);
      expect(since).toEqual([...since].sort());
    }
  });

  it('gives admins and auditors counts, no action lists', async () => {
    for (const as of ['admin', 'auditor'] as const) {
      const wb = await workbench(as);
      expect(wb.groups).toEqual([]);
      expect(wb.total).toBe(0);
      // The demo's 整改 project (two years) and its new project awaiting an ex-ante assessment.
      expect(wb.overview?.tables).toBe(9 + demoRecheckTables.length + demoPeerHalls.length + 2 + 1);
      expect(wb.overview?.byStatus).toContainEqual({ status: 'approved', count: 3 });
      expect(wb.overview?.byStatus).toContainEqual({ status: 'returned', count: 1 });
      expect(wb.overview?.redLights).toBe(1);
      expect(wb.overview?.activeUsers).toBeGreaterThanOrEqual(6);
    }
  });

  it('counts every waiting table while listing the 50 that waited longest', async () => {
    const own = demoOrganisationIds.seedUnit;
    for (let i = 0; i < WORKBENCH_GROUP_LIMIT + 5; i++) await stored(table(`批量草稿${i}`, 2026), own);
    const drafts = group(await workbench('author'), 'drafts');
    expect(drafts?.count).toBe(WORKBENCH_GROUP_LIMIT + 6 + demoRecheckTables.length + 1);
    expect(drafts?.items).toHaveLength(WORKBENCH_GROUP_LIMIT);
    // Oldest first: the drafts made before the batch lead, the batch's last ones are left out.
    expect(drafts?.items[0]?.name).toBe(demoRecheckTables[0]);
    expect(drafts?.items.map((i) => i.name)).not.toContain(`批量草稿${WORKBENCH_GROUP_LIMIT + 4}`);
  });

  it('is closed to anonymous visitors', async () => {
    expect((await getApp().call('GET', '/api/workbench', { as: 'anonymous' })).status).toBe(401);
  });

  it('lists open 整改 tasks for the unit and answered ones for the reviewers above it', async () => {
    const app = getApp();
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM target_tables WHERE name = ${demoRectificationProject} AND year = 2025`.execute(getDb());
    const id = rows[0]?.id ?? '';
    const opened = await app.call<{ items: { id: string }[] }>('POST', `/api/tables/${id}/rectifications`, {
      as: 'finance_reviewer',
      body: { deadline: '2026-10-31' },
    });
    expect(opened.status).toBe(200);
    const tasks = opened.body.items.length;
    expect(tasks).toBeGreaterThanOrEqual(3);

    const author = group(await workbench('author'), 'rectifications_open');
    expect(author?.items.map((i) => [i.name, i.rectification])).toEqual([
      [demoRectificationProject, { tasks, deadline: '2026-10-31' }],
    ]);
    expect(group(await workbench('department_reviewer'), 'rectifications_to_close')?.count).toBe(0);

    const answered = await app.call('POST', `/api/tables/${id}/rectifications/answer`, {
      as: 'author',
      body: { taskId: opened.body.items[0]?.id, measures: '固定讲座场地' },
    });
    expect(answered.status).toBe(200);
    expect(group(await workbench('author'), 'rectifications_open')?.items[0]?.rectification?.tasks).toBe(
      tasks - 1,
    );
    for (const as of ['department_reviewer', 'finance_reviewer'] as const) {
      const close = group(await workbench(as), 'rectifications_to_close');
      expect(close?.items.map((i) => [i.name, i.rectification?.tasks])).toEqual([
        [demoRectificationProject, 1],
      ]);
    }
  });
});
