import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type {
  ImportPreview,
  Problem,
  TableRecord,
  TableStatus,
} from '@jixiao/core/tables/table-record.schema';
import { calendarDay, isoDay } from '@jixiao/core/workflow/workbench';
import type { Workbench } from '@jixiao/core/workflow/workbench.schema';
import type { BudgetYear, BudgetYearList } from '@jixiao/core/years/budget-year.schema';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const seedPath = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'seed.txt');
const unit = '上海推进科技创新中心建设办公室';
let clock = new Date('2026-09-15T08:00:00Z');

/** A national-framework table (region 全国), so a Shanghai setting does not govern it. */
function nationalTable(name: string, year: number) {
  return buildTable({
    name,
    unit,
    year,
    indicators: [
      buildIndicator('产出指标', '数量指标', '培训人次', '>=100人次'),
      buildIndicator('效益指标', '社会效益指标', '覆盖率', '>=90%'),
      buildIndicator('满意度指标', '服务对象满意度指标', '满意度', '>=90%'),
    ],
  });
}

describeEachDatabase('budget years API', (getDb) => {
  const getApp = useTestApp(getDb, { now: () => clock });

  async function stored(
    name: string,
    year: number,
    statuses: TableStatus[] = [],
    table = buildTable({ name, unit, year }),
  ) {
    const store = createTableRepository(getDb());
    let record = await store.create(
      table,
      { userId: null },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    for (const status of statuses)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record;
  }

  async function setYear(setting: Partial<BudgetYear>) {
    const body = {
      region: '上海市',
      year: 2020,
      draftingOpen: true,
      cutOffMonth: 7,
      selfEvaluationOpen: true,
      ...setting,
    };
    const response = await getApp().call<BudgetYear>('PUT', '/api/budget-years', { as: 'admin', body });
    expect(response.status).toBe(200);
    return response.body;
  }

  async function submit(
    record: TableRecord,
    as: 'author' | 'department_reviewer' = 'author',
    action = 'submit',
  ) {
    return getApp().call<Problem>('POST', `/api/tables/${record.id}/transitions`, {
      as,
      body: { action, expectedVersion: record.version },
    });
  }

  beforeAll(async () => {
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  it('lets everyone signed in read the calendar and only admins change it, audited', async () => {
    expect((await getApp().call('GET', '/api/budget-years', { as: 'anonymous' })).status).toBe(401);
    const empty = await getApp().call<BudgetYearList>('GET', '/api/budget-years', { as: 'author' });
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);
    const body = {
      region: '上海市',
      year: 2021,
      draftingOpen: true,
      cutOffMonth: 6,
      selfEvaluationOpen: true,
    };
    expect((await getApp().call('PUT', '/api/budget-years', { as: 'author', body })).status).toBe(403);
    expect((await getApp().call('PUT', '/api/budget-years', { as: 'finance_reviewer', body })).status).toBe(
      403,
    );
    const bad = await getApp().call<Problem>('PUT', '/api/budget-years', {
      as: 'admin',
      body: { ...body, cutOffMonth: 12 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.path).toBe('cutOffMonth');
    const saved = await setYear({ year: 2021, cutOffMonth: 6, submissionDeadline: '2021-03-31' });
    expect(saved).toMatchObject({
      region: '上海市',
      year: 2021,
      submissionDeadline: '2021-03-31',
      selfEvaluationDeadline: null,
    });
    const list = await getApp().call<BudgetYearList>('GET', '/api/budget-years', { as: 'auditor' });
    expect(list.body.items.map((s) => `${s.region}/${s.year}/${s.cutOffMonth}`)).toEqual(['上海市/2021/6']);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'budget_year')
      .execute();
    expect(audit).toEqual([{ action: 'budget_year.update', entity_id: '上海市/2021' }]);
  });

  it('refuses starting, copying into and importing into a closed year with the year and deadline; other years go on', async () => {
    await setYear({ year: 2020, draftingOpen: false, submissionDeadline: '2020-03-31' });
    const created = await getApp().call<Problem>('POST', '/api/tables', {
      as: 'author',
      body: { table: buildTable({ name: '关闭年度新建', unit, year: 2020 }) },
    });
    expect(created.status).toBe(409);
    expect(created.body).toMatchObject({
      code: 'budget_year.closed',
      path: 'table.year',
      zh: '上海市 2020 年度目标表编报已关闭（申报截止：2020年3月31日），不能新建该年度的目标表',
    });
    expect(created.body.en).toContain('31 Mar 2020');
    // Another region's 2020 and a year without a setting are open as before.
    const national = await getApp().call('POST', '/api/tables', {
      as: 'author',
      body: { table: nationalTable('全国框架2020', 2020) },
    });
    expect(national.status).toBe(201);
    const open = await getApp().call('POST', '/api/tables', {
      as: 'author',
      body: { table: buildTable({ name: '开放年度新建', unit, year: 2022 }) },
    });
    expect(open.status).toBe(201);

    const source = await stored('复制到关闭年度', 2019, ['submitted', 'department_reviewed', 'approved']);
    const copy = await getApp().call<Problem>('POST', `/api/tables/${source.id}/copy`, {
      as: 'author',
      body: {},
    });
    expect(copy.status).toBe(409);
    expect(copy.body).toMatchObject({ code: 'budget_year.closed', path: 'year' });

    const bytes = new Uint8Array(await readFile(seedPath));
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'text/plain' }), 'seed.txt');
    const preview = await getApp().call<ImportPreview>('POST', '/api/imports', { as: 'author', body: form });
    expect(preview.status).toBe(201);
    const confirm = await getApp().call<Problem>('POST', `/api/imports/${preview.body.importId}/confirm`, {
      as: 'author',
      body: { tables: preview.body.tables },
    });
    expect(confirm.status).toBe(409);
    expect(confirm.body).toMatchObject({ code: 'budget_year.closed', path: 'tables.0.year' });
    const names = await getDb().selectFrom('target_tables').select('name').where('year', '=', 2020).execute();
    expect(names.map((n) => n.name)).toEqual(['全国框架2020']);
  });

  it('refuses an author’s submit in a closed year or after the deadline, never a reviewer’s step', async () => {
    await setYear({ year: 2020, draftingOpen: false, submissionDeadline: '2020-03-31' });
    const draft = await stored('关闭年度草稿', 2020);
    const refused = await submit(draft);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'budget_year.closed',
      path: 'year',
      zh: '上海市 2020 年度目标表编报已关闭（申报截止：2020年3月31日），不能提交',
    });
    const still = await getDb()
      .selectFrom('target_tables')
      .select('status')
      .where('id', '=', draft.id)
      .executeTakeFirst();
    expect(still?.status).toBe('draft');
    // Someone who may not submit anyway keeps the answer the policies give.
    expect((await submit(draft, 'department_reviewer')).status).toBe(403);
    // Reviewers go on with what was submitted in time.
    const submitted = await stored('关闭年度已提交', 2020, ['submitted']);
    expect((await submit(submitted, 'department_reviewer', 'forward')).status).toBe(200);

    // Open, but the deadline is over (the clock says 2026): refused as past the deadline.
    await setYear({ year: 2020, draftingOpen: true, submissionDeadline: '2020-03-31' });
    const late = await submit(draft);
    expect(late.status).toBe(409);
    expect(late.body.zh).toBe('上海市 2020 年度目标表申报已截止（申报截止：2020年3月31日），不能提交');
    // On the deadline day itself (the server's clock) it still goes through.
    clock = new Date('2020-03-31T15:00:00Z');
    try {
      expect((await submit(draft)).status).toBe(200);
    } finally {
      clock = new Date('2026-09-15T08:00:00Z');
    }
    const resubmit = await stored('截止后草稿', 2020);
    expect((await submit(resubmit)).status).toBe(409);
    // A deadline still ahead lets it through.
    await setYear({ year: 2020, draftingOpen: true, submissionDeadline: '2099-12-31' });
    expect((await submit(resubmit)).status).toBe(200);
  });

  it('refuses the author’s self-evaluation when closed or past its deadline (Beijing’s day), never a reviewer’s adjustment', async () => {
    const table = await stored('自评窗口', 2025, ['submitted', 'department_reviewed', 'approved']);
    const url = `/api/tables/${table.id}/self-evaluation`;
    const entry = (executed: number) => ({
      budget: { adjusted: 1_000_000, executed, reason: null },
      indicators: [],
    });
    const executed = async () =>
      (
        await getApp().call<{ entry: { budget: { executed: number } } }>('GET', url, {
          as: 'finance_reviewer',
        })
      ).body.entry.budget.executed;
    // Open (no setting for 2025 yet): saved.
    expect((await getApp().call('PUT', url, { as: 'author', body: entry(800_000) })).status).toBe(200);

    await setYear({ year: 2025, selfEvaluationOpen: false, selfEvaluationDeadline: '2026-03-31' });
    const closed = await getApp().call<Problem>('PUT', url, { as: 'author', body: entry(900_000) });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({
      code: 'budget_year.self_evaluation_closed',
      path: 'year',
      zh: '上海市 2025 年度绩效自评已关闭（自评截止：2026年3月31日），不能保存自评',
      en: "Self-evaluation of 上海市's 2025 target tables is closed (self-evaluation deadline: 31 Mar 2026); the self-evaluation cannot be saved",
    });
    expect(await executed()).toBe(800_000);
    // Reviewers still adjust scores of a closed year.
    const adjusted = await getApp().call(`POST`, `${url}/adjustments`, {
      as: 'department_reviewer',
      body: { target: 'execution', score: 9, reason: '补充佐证' },
    });
    expect(adjusted.status).toBe(200);
    // Drafting of 2025 being closed does not close its self-evaluation.
    await setYear({
      year: 2025,
      draftingOpen: false,
      selfEvaluationOpen: true,
      selfEvaluationDeadline: '2026-03-31',
    });
    try {
      // 23:00 on 31 March in Beijing: the deadline day, still open.
      clock = new Date('2026-03-31T15:00:00Z');
      expect((await getApp().call('PUT', url, { as: 'author', body: entry(850_000) })).status).toBe(200);
      // Midnight in Beijing (16:00 UTC, still 31 March there): the day after, refused as late.
      clock = new Date('2026-03-31T16:00:00Z');
      const late = await getApp().call<Problem>('PUT', url, { as: 'author', body: entry(950_000) });
      expect(late.status).toBe(409);
      expect(late.body.zh).toBe('上海市 2025 年度绩效自评已截止（自评截止：2026年3月31日），不能保存自评');
      expect(late.body.en).toContain('has passed (self-evaluation deadline: 31 Mar 2026)');
    } finally {
      clock = new Date('2026-09-15T08:00:00Z');
    }
    expect(await executed()).toBe(850_000);
    const late = await getApp().call(`POST`, `${url}/adjustments`, {
      as: 'finance_reviewer',
      body: { target: 'execution', score: 8, reason: '复核' },
    });
    expect(late.status).toBe(200);
  });

  it('asks the workbench for the monitoring report of the year’s own cut-off month per region', async () => {
    const shanghai = await stored('上海六月监控', 2026, ['submitted', 'department_reviewed', 'approved']);
    await stored(
      '全国七月监控',
      2026,
      ['submitted', 'department_reviewed', 'approved'],
      nationalTable('全国七月监控', 2026),
    );
    const due = async () => {
      const wb = await getApp().call<Workbench>('GET', '/api/workbench', { as: 'author' });
      expect(wb.status).toBe(200);
      const items = wb.body.groups.find((g) => g.kind === 'monitoring_due')?.items ?? [];
      return {
        cutOffMonth: wb.body.cutOffMonth,
        // The day (Beijing time) the report has been waiting since.
        items: items.map(
          (i) => `${i.name}@${i.cutOffMonth}@${isoDay(calendarDay(new Date(i.waitingSince)))}`,
        ),
      };
    };
    // No 2026 setting: July for both, as before.
    expect(await due()).toEqual({
      cutOffMonth: 7,
      items: ['上海六月监控@7@2026-08-01', '全国七月监控@7@2026-08-01'],
    });
    await setYear({ year: 2026, cutOffMonth: 6 });
    expect(await due()).toEqual({
      cutOffMonth: 6,
      items: ['上海六月监控@6@2026-07-01', '全国七月监控@7@2026-08-01'],
    });
    // In July only the Shanghai report (January–June) is due yet.
    clock = new Date('2026-07-10T08:00:00Z');
    try {
      expect((await due()).items).toEqual(['上海六月监控@6@2026-07-01']);
    } finally {
      clock = new Date('2026-09-15T08:00:00Z');
    }
    const report = await getApp().call('PUT', `/api/tables/${shanghai.id}/monitoring/6`, {
      as: 'author',
      body: { budget: { annual: 1_200_000, executed: 600_000 }, indicators: [] },
    });
    expect(report.status).toBe(200);
    expect((await due()).items).toEqual(['全国七月监控@7@2026-08-01']);
  });
});
