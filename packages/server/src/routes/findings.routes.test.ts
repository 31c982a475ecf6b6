import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

interface FindingsBody {
  ruleSet: string;
  findings: {
    ruleId: string;
    severity: string;
    zh: string;
    en: string;
    path?: string;
    indicatorIndex?: number;
  }[];
  counts: { error: number; warning: number; hint: number };
}

/** The sound factory table with the seed's 信息公开实现率 → 规范. */
function flawedTable() {
  const table = buildTable();
  table.indicators[8] = buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范');
  return table;
}

describeEachDatabase('findings API', (getDb) => {
  const getApp = useTestApp(getDb);

  async function stored(table = flawedTable()): Promise<string> {
    const author = demoUserFor('author');
    const record = await createTableRepository(getDb()).create(
      table,
      { userId: author.id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    return record.id;
  }

  beforeAll(async () => {
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  it('lists rule sets with their rules, publicly', async () => {
    const res = await getApp().call<{ items: { id: string; rules: { id: string; severity: string }[] }[] }>(
      'GET',
      '/api/rule-sets',
      { as: 'anonymous' },
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((s) => s.id)).toEqual(['shanghai-2020', 'national-2020', 'national-2021-cost']);
    expect(res.body.items[0]?.rules).toContainEqual(
      expect.objectContaining({ id: 'SH2020-Q01', severity: 'error' }),
    );
  });

  it('reviews a stored table with the chosen rule set', async () => {
    const id = await stored();
    const res = await getApp().call<FindingsBody>('GET', `/api/tables/${id}/findings`, { as: 'author' });
    expect(res.status).toBe(200);
    expect(res.body.ruleSet).toBe('shanghai-2020');
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        ruleId: 'SH2020-Q01',
        severity: 'error',
        path: 'indicators.8.target',
        indicatorIndex: 8,
      }),
    ]);
    expect(res.body.counts).toEqual({ error: 1, warning: 0, hint: 0 });
    const national = await getApp().call<FindingsBody>(
      'GET',
      `/api/tables/${id}/findings?ruleSet=national-2020`,
      {
        as: 'author',
      },
    );
    expect(national.body.findings.map((f) => f.ruleId)).toContain('NAT2020-C12');
  });

  it('compares with last year when given its id', async () => {
    const last = buildTable({
      year: 2019,
      startDate: '2019-01-01',
      endDate: '2019-12-31',
      budget: { total: 1_900_000, currentYear: 1_900_000 },
    });
    last.indicators[12] = { ...last.indicators[12]!, actual: '30000人次' };
    const lastId = await stored(last);
    const id = await stored(buildTable());
    const res = await getApp().call<FindingsBody>('GET', `/api/tables/${id}/findings?previous=${lastId}`, {
      as: 'finance_reviewer',
    });
    expect(res.body.findings.map((f) => `${f.ruleId}@${f.path}`)).toEqual([
      'SH2020-Y01@indicators.12.target',
    ]);
  });

  it('finds last year’s self-evaluation of the same project by itself', async () => {
    const name = '社区科普活动经费（自动对比）';
    const last = buildTable({
      kind: 'self-evaluation',
      name,
      year: 2019,
      startDate: '2019-01-01',
      endDate: '2019-12-31',
      budget: { total: 1_900_000, currentYear: 1_900_000, adjusted: 1_900_000, executed: 1_850_000 },
    });
    last.indicators[12] = { ...last.indicators[12]!, actual: '26000人次' };
    await stored(last);
    const id = await stored(buildTable({ name }));
    const res = await getApp().call<FindingsBody>('GET', `/api/tables/${id}/findings`, { as: 'author' });
    expect(res.body.findings.map((f) => `${f.ruleId}@${f.path}`)).toEqual([
      'SH2020-Y01@indicators.12.target',
    ]);
  });

  it('refuses an unknown rule set and a missing table with problem+json', async () => {
    const id = await stored();
    const bad = await getApp().call<Problem>('GET', `/api/tables/${id}/findings?ruleSet=mars-2099`, {
      as: 'author',
    });
    expect(bad.status).toBe(400);
    const missing = await getApp().call<Problem>(
      'GET',
      '/api/tables/00000000-0000-4000-8000-000000000000/findings',
      {
        as: 'author',
      },
    );
    expect(missing.status).toBe(404);
  });

  it('checks a posted table without storing it, and validates the body by the table schema', async () => {
    const res = await getApp().call<FindingsBody>('POST', '/api/check?ruleSet=shanghai-2020', {
      as: 'author',
      body: { table: flawedTable() },
    });
    expect(res.status).toBe(200);
    expect(res.body.findings.map((f) => f.ruleId)).toEqual(['SH2020-Q01']);
    const national = buildTable({
      indicators: [
        buildIndicator('产出指标', '数量指标', '举办科普活动场次', '>=120场'),
        buildIndicator('效益指标', '社会效益指标', '服务市民人次', '>=20000人次'),
        buildIndicator('满意度指标', '服务对象满意度指标', '参与市民满意度', '>=90%'),
      ],
    });
    const auto = await getApp().call<FindingsBody>('POST', '/api/check', {
      as: 'author',
      body: { table: national },
    });
    expect(auto.body.ruleSet).toBe('national-2020');
    expect(auto.body.findings.map((f) => f.ruleId)).toEqual(['NAT2020-C06', 'NAT2020-C06']);
    const invalid = await getApp().call<Problem>('POST', '/api/check', {
      as: 'author',
      body: { table: { year: 'x' } },
    });
    expect(invalid.status).toBe(400);
    const anonymous = await getApp().call('POST', '/api/check', {
      as: 'anonymous',
      body: { table: flawedTable() },
    });
    expect(anonymous.status).toBe(401);
  });

  it('documents the routes in the OpenAPI description', async () => {
    const res = await getApp().call<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json', {
      as: 'anonymous',
    });
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/rule-sets', '/api/tables/{id}/findings', '/api/check']),
    );
  });
});
