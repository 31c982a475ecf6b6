import type { RuleSetListItem } from '@jixiao/core/review/rule-set-version.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

interface FindingsBody {
  ruleSet: string;
  findings: { ruleId: string; severity: string }[];
}

interface ListBody {
  items: RuleSetListItem[];
  assignments: { region: string; year: number; ruleSetId: string; version: number }[];
}

/** A Shanghai table with a number in an indicator name (Q02) and a worded rate target (Q01). */
function flawedTable(year: number) {
  const table = buildTable({ year, name: `规则集测试项目${year}` });
  table.indicators[8] = buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范');
  table.indicators.push(buildIndicator('效益指标', '社会效益指标', '提升知名度20%', '>=10%'));
  return table;
}

const shanghai2021 = {
  id: 'shanghai-2021',
  baseId: 'shanghai-2020',
  region: '上海市',
  year: 2021,
  zh: '上海市 2021 年项目支出绩效目标审核规则',
  en: 'Shanghai 2021 project target review rules',
  rules: [
    { code: 'Q02', enabled: false },
    { code: 'Q01', severity: 'warning' },
  ],
  params: { budgetGrowthThreshold: 0.2 },
};

describeEachDatabase('rule sets API', (getDb) => {
  const getApp = useTestApp(getDb);

  async function stored(year: number): Promise<string> {
    const record = await createTableRepository(getDb()).create(
      flawedTable(year),
      { userId: demoUserFor('author').id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    return record.id;
  }

  beforeAll(async () => {
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  it('lists the built-in sets with how to fix each rule, publicly', async () => {
    const res = await getApp().call<ListBody>('GET', '/api/rule-sets', { as: 'anonymous' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s) => [s.id, s.builtIn])).toEqual([
      ['shanghai-2020', true],
      ['national-2020', true],
      ['national-2021-cost', true],
    ]);
    const q02 = res.body.items[0]?.rules.find((r) => r.id === 'SH2020-Q02');
    expect(q02).toMatchObject({ code: 'Q02', category: 'target-quality', severity: 'warning' });
    expect(q02?.fixZh).toMatch(/目标值/);
    expect(res.body.assignments).toEqual([]);
  });

  it('lets only admins derive a version, refusing unknown rules and bad params with problem+json', async () => {
    const denied = await getApp().call<Problem>('POST', '/api/rule-sets', {
      as: 'finance_reviewer',
      body: shanghai2021,
    });
    expect(denied.status).toBe(403);
    const unknown = await getApp().call<Problem>('POST', '/api/rule-sets', {
      as: 'admin',
      body: { ...shanghai2021, rules: [{ code: 'Q02', enabled: false }, { code: 'Z99' }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body).toMatchObject({ code: 'review.rule_unknown', path: 'rules.1.code' });
    expect(unknown.body.zh).toContain('Z99');
    const badParams = await getApp().call<Problem>('POST', '/api/rule-sets', {
      as: 'admin',
      body: { ...shanghai2021, params: { budgetGrowthThreshold: 'lots' } },
    });
    expect(badParams.status).toBe(400);
    expect(badParams.body.path).toMatch(/params/);
    expect((await getApp().call<ListBody>('GET', '/api/rule-sets')).body.items).toHaveLength(3);
  });

  it('publishes numbered versions, gets one, and reviews by the set assigned to the region and year', async () => {
    const first = await getApp().call<RuleSetListItem>('POST', '/api/rule-sets', {
      as: 'admin',
      body: shanghai2021,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: 'shanghai-2021',
      version: 1,
      builtIn: false,
      baseId: 'shanghai-2020',
    });
    expect(first.body.rules.map((r) => r.id)).not.toContain('SH2020-Q02');
    const second = await getApp().call<RuleSetListItem>('POST', '/api/rule-sets', {
      as: 'admin',
      body: { ...shanghai2021, rules: [], derivedFrom: { id: 'shanghai-2021', version: 1 } },
    });
    expect(second.body.version).toBe(2);
    const one = await getApp().call<RuleSetListItem>('GET', '/api/rule-sets/shanghai-2021?version=1', {
      as: 'author',
    });
    expect(one.body.definition?.rules).toEqual([
      { code: 'Q02', enabled: false },
      { code: 'Q01', enabled: true, severity: 'warning' },
    ]);
    expect((await getApp().call<RuleSetListItem>('GET', '/api/rule-sets/shanghai-2021')).body.version).toBe(
      2,
    );
    expect((await getApp().call<Problem>('GET', '/api/rule-sets/shanghai-2021?version=7')).status).toBe(404);

    const id2021 = await stored(2021);
    const id2020 = await stored(2020);
    const before = await getApp().call<FindingsBody>('GET', `/api/tables/${id2021}/findings`, {
      as: 'author',
    });
    expect(before.body.ruleSet).toBe('shanghai-2020');
    expect(before.body.findings.map((f) => f.ruleId)).toContain('SH2020-Q02');

    const assign = await getApp().call<{ assignment: unknown }>('PUT', '/api/rule-sets/assignments', {
      as: 'admin',
      body: { region: '上海市', year: 2021, ruleSetId: 'shanghai-2021', version: 1 },
    });
    expect(assign.status).toBe(200);
    expect(assign.body.assignment).toEqual({
      region: '上海市',
      year: 2021,
      ruleSetId: 'shanghai-2021',
      version: 1,
    });
    const after = await getApp().call<FindingsBody>('GET', `/api/tables/${id2021}/findings`, {
      as: 'author',
    });
    expect(after.body.ruleSet).toBe('shanghai-2021@1');
    expect(after.body.findings.map((f) => f.ruleId)).not.toContain('SH2020-Q02');
    expect(after.body.findings.find((f) => f.ruleId === 'SH2020-Q01')?.severity).toBe('warning');
    // Other years keep the framework's built-in set; a set named in the query wins over the assignment.
    const other = await getApp().call<FindingsBody>('GET', `/api/tables/${id2020}/findings`, {
      as: 'author',
    });
    expect(other.body.ruleSet).toBe('shanghai-2020');
    const named = await getApp().call<FindingsBody>(
      'GET',
      `/api/tables/${id2021}/findings?ruleSet=shanghai-2021@2`,
    );
    expect(named.body.ruleSet).toBe('shanghai-2021@2');
    expect(named.body.findings.map((f) => f.ruleId)).toContain('SH2020-Q02');
    const posted = await getApp().call<FindingsBody>('POST', '/api/check', {
      body: { table: flawedTable(2021) },
    });
    expect(posted.body.ruleSet).toBe('shanghai-2021@1');
    const missing = await getApp().call<Problem>(
      'GET',
      `/api/tables/${id2021}/findings?ruleSet=shanghai-2021@9`,
    );
    expect(missing.status).toBe(400);
    expect(missing.body.path).toBe('ruleSet');

    const list = await getApp().call<ListBody>('GET', '/api/rule-sets', { as: 'author' });
    expect(list.body.items.map((s) => `${s.id}@${s.version}`)).toEqual([
      'shanghai-2020@1',
      'national-2020@1',
      'national-2021-cost@1',
      'shanghai-2021@1',
      'shanghai-2021@2',
    ]);
    expect(list.body.assignments).toHaveLength(1);

    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'ruleset.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => `${a.action} ${a.entity_id}`)).toEqual([
      'ruleset.derive shanghai-2021@1',
      'ruleset.derive shanghai-2021@2',
      'ruleset.assign 上海市/2021',
    ]);

    const unknownSet = await getApp().call<Problem>('PUT', '/api/rule-sets/assignments', {
      as: 'admin',
      body: { region: '上海市', year: 2022, ruleSetId: 'mars-2099' },
    });
    expect(unknownSet.status).toBe(400);
    expect(unknownSet.body).toMatchObject({ code: 'review.rule_set_invalid', path: 'ruleSetId' });

    const unassigned = await getApp().call<{ assignment: unknown }>('PUT', '/api/rule-sets/assignments', {
      as: 'admin',
      body: { region: '上海市', year: 2021, ruleSetId: null },
    });
    expect(unassigned.body.assignment).toBeNull();
    const back = await getApp().call<FindingsBody>('GET', `/api/tables/${id2021}/findings`, { as: 'author' });
    expect(back.body.ruleSet).toBe('shanghai-2020');
  });
});
