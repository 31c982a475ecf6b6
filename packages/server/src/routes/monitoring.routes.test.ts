import type { MonitoringAssessment } from '@jixiao/core/monitoring/monitoring.schema';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

interface MonitoringBody {
  report: { cutOffMonth: number };
  assessment: MonitoringAssessment;
}

describeEachDatabase('monitoring API', (getDb) => {
  const getApp = useTestApp(getDb);

  /** A table of the author's unit moved along `path` (approved by default). */
  async function stored(
    name: string,
    path: TableStatus[] = ['submitted', 'department_reviewed', 'approved'],
  ) {
    const store = createTableRepository(getDb());
    let record = await store.create(
      buildSelfEvaluationTable(
        [buildIndicator('>=100人次', { name: '培训人次' }), buildIndicator('规范', { name: '管理规范性' })],
        { kind: 'target', name, unit: '上海推进科技创新中心建设办公室' },
      ),
      { userId: demoUserFor('author').id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record.id;
  }

  const behind = {
    budget: { annual: 1_200_000, executed: 300_000 },
    indicators: [
      { index: 0, value: '20人次', note: '上半年停课' },
      { index: 1, value: null, judgement: '达成', note: '制度已印发' },
    ],
  };

  beforeAll(async () => {
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  it('lets the author enter progress and returns lights with deviation warnings', async () => {
    const id = await stored('监控-录入');
    const res = await getApp().call<MonitoringBody>('PUT', `/api/tables/${id}/monitoring/6`, {
      as: 'author',
      body: behind,
    });
    expect(res.status).toBe(200);
    expect(res.body.report.cutOffMonth).toBe(6);
    expect(res.body.assessment.spending).toMatchObject({ light: 'red', rate: 0.25 });
    expect(res.body.assessment.indicators.map((l) => l.light)).toEqual(['red', 'green']);
    expect(res.body.assessment.light).toBe('red');
    expect(res.body.assessment.notes.map((n) => n.code)).toContain('monitoring.measure_missing');

    const again = await getApp().call<MonitoringBody>('GET', `/api/tables/${id}/monitoring/6`, {
      as: 'department_reviewer',
    });
    expect(again.status).toBe(200);
    expect(again.body.assessment.light).toBe('red');
    const missing = await getApp().call<{ code: string }>('GET', `/api/tables/${id}/monitoring/7`, {
      as: 'author',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('monitoring.not_found');
  });

  it('refuses progress on a draft, from reviewers and from anonymous callers', async () => {
    const draft = await stored('监控-草稿', []);
    const onDraft = await getApp().call<{ code: string }>('PUT', `/api/tables/${draft}/monitoring/6`, {
      as: 'author',
      body: behind,
    });
    expect(onDraft.status).toBe(409);
    expect(onDraft.body.code).toBe('evaluation.not_approved');
    const id = await stored('监控-权限');
    expect(
      (
        await getApp().call('PUT', `/api/tables/${id}/monitoring/6`, {
          as: 'department_reviewer',
          body: behind,
        })
      ).status,
    ).toBe(403);
    expect(
      (await getApp().call('PUT', `/api/tables/${id}/monitoring/6`, { as: 'anonymous', body: behind }))
        .status,
    ).toBe(401);
  });

  it('rejects a report that is not valid with a located problem', async () => {
    const id = await stored('监控-校验');
    const res = await getApp().call<{ code: string; path?: string }>(
      'PUT',
      `/api/tables/${id}/monitoring/6`,
      {
        as: 'author',
        body: { budget: { annual: 100, executed: 10 }, indicators: [{ index: 9, value: '1' }] },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'monitoring.indicator_not_found', path: 'indicators.9' });
  });

  it('shows reviewers an overview sorted by risk', async () => {
    const calm = await stored('监控-平稳');
    const risky = await stored('监控-风险');
    const onPlan = {
      budget: { annual: 1_200_000, executed: 700_000 },
      indicators: [
        { index: 0, value: '55人次' },
        { index: 1, value: null, judgement: '达成', note: '制度已印发' },
      ],
    };
    await getApp().call('PUT', `/api/tables/${calm}/monitoring/7`, { as: 'author', body: onPlan });
    await getApp().call('PUT', `/api/tables/${risky}/monitoring/7`, { as: 'author', body: behind });
    const res = await getApp().call<{ items: { tableId: string; light: string; risk: number }[] }>(
      'GET',
      `/api/monitoring/overview?cutOffMonth=7&organisationId=${demoOrganisationIds.scienceCommission}`,
      { as: 'department_reviewer' },
    );
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i) => i.tableId);
    expect(ids.indexOf(risky)).toBeLessThan(ids.indexOf(calm));
    expect(res.body.items.find((i) => i.tableId === calm)?.light).toBe('green');
    const byName = await getApp().call<{ items: { name: string }[] }>(
      'GET',
      '/api/monitoring/overview?cutOffMonth=7&sort=name&order=asc',
      { as: 'finance_reviewer' },
    );
    const names = byName.body.items.map((i) => i.name);
    expect(names).toEqual([...names].sort());
    const other = await getApp().call<{ items: unknown[] }>(
      'GET',
      `/api/monitoring/overview?organisationId=${demoOrganisationIds.educationCommission}`,
      { as: 'finance_reviewer' },
    );
    expect(other.body.items).toEqual([]);
    expect((await getApp().call('GET', '/api/monitoring/overview', { as: 'anonymous' })).status).toBe(401);
  });
});
