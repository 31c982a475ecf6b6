import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { Problem, TableList, TableRecord } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const seedUnit = '上海推进科技创新中心建设办公室';

interface Findings {
  findings: { ruleId: string; path?: string }[];
}

describeEachDatabase('copy a table to a new year (POST /api/tables/:id/copy)', (getDb) => {
  const getApp = useTestApp(getDb);

  /** A table of the author's unit (or `organisationId`'s), walked through `statuses` as the workflow would. */
  async function stored(
    name: string,
    statuses: ('submitted' | 'department_reviewed' | 'approved' | 'published')[] = [],
    organisationId: string = demoOrganisationIds.seedUnit,
  ): Promise<TableRecord> {
    const store = createTableRepository(getDb());
    let record = await store.create(
      buildTable({ name, unit: seedUnit }),
      { userId: demoUserFor('author').id },
      { organisationId },
    );
    for (const status of statuses)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record;
  }

  async function tablesOf(name: string, year: number): Promise<TableList['items']> {
    const list = await getApp().call<TableList>(
      'GET',
      `/api/tables?year=${year}&q=${encodeURIComponent(name)}&pageSize=200`,
      { as: 'admin' },
    );
    return list.body.items.filter((item) => item.name === name);
  }

  beforeAll(async () => {
    // Signing in creates the demo organisations and users that tables refer to.
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  it('starts next year’s draft with last year’s money and self-evaluated execution, audited', async () => {
    const source = await stored('复制测试：科普活动', ['submitted', 'department_reviewed', 'approved']);
    const evaluation = await getApp().call('PUT', `/api/tables/${source.id}/self-evaluation`, {
      as: 'author',
      body: { budget: { adjusted: 2_000_000, executed: 1_876_543.21 }, indicators: [] },
    });
    expect(evaluation.status).toBe(200);

    const response = await getApp().call<TableRecord>('POST', `/api/tables/${source.id}/copy`, {
      as: 'author',
      body: {},
    });
    expect(response.status).toBe(201);
    const copy = response.body;
    expect(copy).toMatchObject({ version: 1, status: 'draft', organisationId: demoOrganisationIds.seedUnit });
    expect(copy.id).not.toBe(source.id);
    expect(copy.table).toMatchObject({
      kind: 'target',
      year: 2021,
      unit: seedUnit,
      name: '复制测试：科普活动',
      startDate: '2021-01-01',
      endDate: '2021-12-31',
      warnings: [],
      incomplete: false,
    });
    expect(copy.table.budget).toEqual({
      total: 2_000_000,
      currentYear: 2_000_000,
      priorYearBudget: 2_000_000,
      priorYearExecuted: 1_876_543.21,
    });
    expect(copy.table.indicators).toEqual(source.table.indicators);

    // Stored as returned, and the source is untouched.
    const read = await getApp().call<TableRecord>('GET', `/api/tables/${copy.id}`, { as: 'author' });
    expect(read.body).toEqual(copy);
    const sourceNow = await getApp().call<TableRecord>('GET', `/api/tables/${source.id}`, { as: 'author' });
    expect(sourceNow.body.table).toEqual(source.table);

    // One project row for both years: the project continues, it is not a new one.
    const projects = await getDb()
      .selectFrom('target_tables')
      .select('project_id')
      .where('id', 'in', [source.id, copy.id])
      .execute();
    expect(projects).toHaveLength(2);
    expect(projects[0]!.project_id).toBe(projects[1]!.project_id);

    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'actor', 'diff'])
      .where('entity_id', '=', copy.id)
      .where('action', '=', 'table.copy')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(demoUserFor('author').id);
    expect(audit[0]!.diff).toMatchObject({ sourceId: source.id, year: 2021 });
  });

  it('is the same project, so last year’s comparison rules find the source', async () => {
    const source = await stored('复制测试：比较规则');
    const copy = (
      await getApp().call<TableRecord>('POST', `/api/tables/${source.id}/copy`, { body: { year: 2021 } })
    ).body;
    const before = await getApp().call<Findings>('GET', `/api/tables/${copy.id}/findings`);
    expect(before.status).toBe(200);
    expect(before.body.findings.filter((f) => f.ruleId.endsWith('-Y04'))).toEqual([]);
    // The author lowers a target below last year's: Y04 (needs last year's table) objects.
    const index = copy.table.indicators.findIndex((i) => i.name === '举办科普活动场次');
    const indicators = structuredClone(copy.table.indicators);
    indicators[index]!.target = { ...indicators[index]!.target, raw: '>=100场', value: 100 };
    const saved = await getApp().call('PUT', `/api/tables/${copy.id}`, {
      body: { version: copy.version, table: { ...copy.table, indicators } },
    });
    expect(saved.status).toBe(200);
    const after = await getApp().call<Findings>('GET', `/api/tables/${copy.id}/findings`);
    expect(after.body.findings.map((f) => [f.ruleId.replace(/^.*-/, ''), f.path])).toContainEqual([
      'Y04',
      `indicators.${index}.target`,
    ]);
  });

  it('answers 409 with a zh/en message when the project already has that year, and creates nothing', async () => {
    const source = await stored('复制测试：重复年度', [
      'submitted',
      'department_reviewed',
      'approved',
      'published',
    ]);
    const first = await getApp().call('POST', `/api/tables/${source.id}/copy`, { body: { year: 2022 } });
    expect(first.status).toBe(201);
    const again = await getApp().call<Problem>('POST', `/api/tables/${source.id}/copy`, {
      body: { year: 2022 },
    });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({ code: 'table.year_conflict', path: 'year' });
    expect(again.body.zh).toContain('已有 2022 年度');
    expect(again.body.en).toContain('already has a target table for 2022');
    expect(await tablesOf('复制测试：重复年度', 2022)).toHaveLength(1);
  });

  it('lets only one of two simultaneous copies to the same year through', async () => {
    const source = await stored('复制测试：并发复制');
    const copy = () => getApp().call('POST', `/api/tables/${source.id}/copy`, { body: { year: 2021 } });
    const responses = await Promise.all([copy(), copy(), copy()]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await tablesOf('复制测试：并发复制', 2021)).toHaveLength(1);
  });

  it('refuses a year not after the source’s and a year out of range', async () => {
    const source = await stored('复制测试：年度校验');
    const same = await getApp().call<Problem>('POST', `/api/tables/${source.id}/copy`, {
      body: { year: 2020 },
    });
    expect(same.status).toBe(400);
    expect(same.body).toMatchObject({ code: 'request.invalid', path: 'year' });
    expect(same.body.zh).toContain('晚于');
    const far = await getApp().call<Problem>('POST', `/api/tables/${source.id}/copy`, {
      body: { year: 3000 },
    });
    expect(far.status).toBe(400);
    expect(far.body.path).toBe('year');
  });

  it('is for authors of the source’s unit only; an unknown source is 404', async () => {
    const own = await stored('复制测试：权限');
    const url = `/api/tables/${own.id}/copy`;
    for (const role of ['department_reviewer', 'finance_reviewer', 'admin', 'auditor'] as const) {
      const denied = await getApp().call<Problem>('POST', url, { as: role, body: {} });
      expect(denied.status, role).toBe(403);
    }
    expect((await getApp().call('POST', url, { as: 'anonymous', body: {} })).status).toBe(401);
    // Another unit's table, even published (everyone reads it), is not the author's to continue.
    const other = await stored(
      '复制测试：他单位',
      ['submitted', 'department_reviewed', 'approved', 'published'],
      demoOrganisationIds.examinationAuthority,
    );
    const foreign = await getApp().call<Problem>('POST', `/api/tables/${other.id}/copy`, { body: {} });
    expect(foreign.status).toBe(403);
    expect(await tablesOf('复制测试：权限', 2021)).toEqual([]);
    expect(await tablesOf('复制测试：他单位', 2021)).toEqual([]);
    const missing = await getApp().call<Problem>(
      'POST',
      '/api/tables/00000000-0000-4000-8000-000000000000/copy',
      { body: {} },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('table.not_found');
  });
});
