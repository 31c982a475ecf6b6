import type { PeerList } from '@jixiao/core/peers/peer.schema';
import {
  buildIndicator,
  buildTable,
  shanghaiCommonIndicators,
} from '@jixiao/core/review/testing/table-factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { saveSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const published: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];

const exhibition = (name: string, unit: string, target: string, budget: number, year = 2019) =>
  buildTable({
    name,
    unit,
    year,
    budget: { total: budget, currentYear: budget },
    indicators: [...shanghaiCommonIndicators(), buildIndicator('产出目标', '数量', '参观人数', target)],
  });

interface FindingsBody {
  findings: { ruleId: string; zh: string; en: string; path?: string }[];
}

describeEachDatabase('similar projects API (案例库) and the evidence findings', (getDb) => {
  const getApp = useTestApp(getDb);
  const ids = { draft: '', zhangjiang: '', lingang: '' };

  async function stored(table: PerformanceTable, path: TableStatus[], organisationId: string | null = null) {
    const store = createTableRepository(getDb());
    let record = await store.create(table, { userId: null }, { organisationId });
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record;
  }

  async function evaluated(id: string, actual: string) {
    const record = await createTableRepository(getDb()).get(id);
    await saveSelfEvaluation(getDb(), {
      tableId: id,
      tableVersion: record.version,
      schemeId: 'national-default',
      entry: {
        budget: { adjusted: 5_000_000, executed: 4_900_000 },
        indicators: [{ index: 9, actual, applicable: true }],
        adjustments: [],
      },
      total: 93,
      grade: '优',
      complete: true,
      actor: { userId: null },
    });
  }

  beforeAll(async () => {
    // The first call seeds the demo organisations and users.
    await getApp().call('GET', '/api/health', { as: 'author' });
    ids.zhangjiang = (
      await stored(exhibition('张江科学城展厅运营经费', '张江管理局', '>=12000人', 5_000_000), published)
    ).id;
    ids.lingang = (
      await stored(exhibition('临港展示中心展厅运营经费', '临港管委会', '>=10000人', 6_000_000), published)
    ).id;
    await evaluated(ids.zhangjiang, '15000人');
    await evaluated(ids.lingang, '12000人');
    const author = demoUserFor('author');
    const draft = await createTableRepository(getDb()).create(
      exhibition('科创中心展厅运营经费', '上海推进科技创新中心建设办公室', '>=2000人', 5_869_574, 2020),
      { userId: author.id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    ids.draft = draft.id;
  });

  it('lists similar projects with their targets, actuals, grade and unit costs', async () => {
    const res = await getApp().call<PeerList>('GET', `/api/tables/${ids.draft}/peers`, { as: 'author' });
    expect(res.status).toBe(200);
    const zhangjiang = res.body.peers.find((p) => p.tableId === ids.zhangjiang);
    expect(zhangjiang?.evaluation).toEqual({ total: 93, grade: '优' });
    expect(zhangjiang?.indicators[9]).toMatchObject({
      name: '参观人数',
      target: '>=12000人',
      actual: '15000人',
    });
    // 5,000,000 元 for the 15,000 people it received.
    expect(zhangjiang?.unitCosts).toContainEqual({
      per: '人',
      yuan: 333.33,
      indicatorIndex: 9,
      basis: 'actual',
    });
    expect(res.body.peers.map((p) => p.tableId)).not.toContain(ids.draft);
  });

  it('finds the target far below the peers and the unit cost far above theirs, naming the peers', async () => {
    const res = await getApp().call<FindingsBody>('GET', `/api/tables/${ids.draft}/findings`, {
      as: 'author',
    });
    expect(res.status).toBe(200);
    const low = res.body.findings.find((f) => f.ruleId === 'SH2020-P01');
    expect(low?.path).toBe('indicators.9.target');
    expect(low?.zh).toContain('张江科学城展厅运营经费（2019，张江管理局）15000人');
    expect(low?.zh).toContain('临港展示中心展厅运营经费（2019，临港管委会）12000人');
    const cost = res.body.findings.find((f) => f.ruleId === 'SH2020-P03');
    expect(cost?.zh).toContain('2934.79元/人');
    // The editor's check of the table as typed leaves the stored table out of its own peers, too.
    const record = await createTableRepository(getDb()).get(ids.draft);
    const check = await getApp().call<FindingsBody>('POST', '/api/check', {
      as: 'author',
      body: { table: record.table, tableId: ids.draft },
    });
    expect(check.body.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['SH2020-P01', 'SH2020-P03']),
    );
  });

  it('refuses a table the caller may not read', async () => {
    const other = await stored(
      exhibition('徐汇展厅运营经费', '徐汇区', '>=100人', 100_000),
      [],
      demoOrganisationIds.examinationAuthority,
    );
    const res = await getApp().call('GET', `/api/tables/${other.id}/peers`, { as: 'author' });
    expect(res.status).toBe(403);
  });
});
