import type { ExAnteView } from '@jixiao/core/ex-ante/ex-ante.schema';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

interface Problem {
  code: string;
  detail?: string;
  zh?: string;
}

const dimensions = ['necessity', 'economy', 'targets', 'feasibility', 'funding'] as const;
const body = (score: number, conclusion: 'support' | 'partial' | 'reject') => ({
  scores: dimensions.map((dimension) => ({ dimension, score, evidence: `${dimension} 的依据` })),
  conclusion,
  opinion: '综合意见',
  assessor: '上海推进科技创新中心建设办公室',
});

describeEachDatabase('ex-ante assessment API and the submission gate', (getDb) => {
  const getApp = useTestApp(getDb);
  const ids = { fresh: '', continuing: '' };

  async function stored(priorYearBudget: number | null) {
    const table = buildTable({
      year: 2020,
      name: priorYearBudget === null ? '新建科普基地经费' : '科普讲座经费',
      budget: { total: 3_000_000, currentYear: 3_000_000, priorYearBudget },
    });
    const record = await createTableRepository(getDb()).create(
      table,
      { userId: null },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    return record.id;
  }

  beforeAll(async () => {
    const app = getApp();
    // The region's 2020 version asks every new project, and projects from 1000 万元, for an assessment.
    const published = await app.call('POST', '/api/rule-sets', {
      as: 'admin',
      body: {
        id: 'shanghai-exante',
        baseId: 'shanghai-2020',
        prefix: 'SHX',
        region: '上海市',
        year: 2020,
        zh: '上海市事前评估测试规则',
        en: 'Shanghai ex-ante test rules',
        params: { exAnteNewProjectMin: 0, exAnteAnyProjectMin: 10_000_000 },
      },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const assigned = await app.call('PUT', '/api/rule-sets/assignments', {
      as: 'admin',
      body: { region: '上海市', year: 2020, ruleSetId: 'shanghai-exante' },
    });
    expect(assigned.status).toBe(200);
    ids.fresh = await stored(null);
    ids.continuing = await stored(2_800_000);
  });

  const submit = (id: string, expectedVersion: number) =>
    getApp().call<Problem & { status?: string }>('POST', `/api/tables/${id}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion },
    });

  it('refuses to submit a new project without an assessment, and one not supported', async () => {
    const app = getApp();
    const url = `/api/tables/${ids.fresh}/ex-ante`;
    const before = await app.call<ExAnteView>('GET', url, { as: 'author' });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      ruleSet: 'shanghai-exante@1',
      requirement: { required: true, zh: '新增项目须开展事前绩效评估' },
      assessment: null,
      blocksSubmission: true,
      canEdit: true,
    });
    expect(before.body.findings.map((f) => f.ruleId)).toEqual(['SHX-E01']);

    const refused = await submit(ids.fresh, 1);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ex_ante.blocked');
    expect(JSON.stringify(refused.body)).toContain('SHX-E01');
    // The review findings of the stored table report the same.
    const findings = await app.call<{ findings: { ruleId: string }[] }>(
      'GET',
      `/api/tables/${ids.fresh}/findings`,
      { as: 'author' },
    );
    expect(findings.body.findings.map((f) => f.ruleId)).toContain('SHX-E01');

    const rejected = await app.call<ExAnteView>('PUT', url, { as: 'author', body: body(9, 'reject') });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.assessment).toMatchObject({ total: 45, conclusion: 'reject' });
    expect(rejected.body.findings.map((f) => f.ruleId)).toEqual(['SHX-E02']);
    expect((await submit(ids.fresh, 1)).body.code).toBe('ex_ante.blocked');

    // 部分支持 at 70 points matches the bands (80/60): no finding, the table goes through.
    const partial = await app.call<ExAnteView>('PUT', url, { as: 'author', body: body(14, 'partial') });
    expect(partial.body).toMatchObject({ blocksSubmission: false, suggestedConclusion: 'partial' });
    expect(partial.body.findings).toEqual([]);
    const submitted = await submit(ids.fresh, 1);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');

    // Once submitted the assessment is the reviewers' to read, no longer the author's to change.
    const late = await app.call<Problem>('PUT', url, { as: 'author', body: body(20, 'support') });
    expect(late.status).toBe(403);
    const read = await app.call<ExAnteView>('GET', url, { as: 'department_reviewer' });
    expect(read.body).toMatchObject({ canEdit: false, assessment: { conclusion: 'partial', total: 70 } });
    // The reviewer prints it: the 项目事前绩效评估表 in the official layout, as HTML here (PDF and Word are
    // the same layout through the same renderers).
    const printed = await app.call('GET', `${url}/document?format=html`, { as: 'department_reviewer' });
    expect(printed.status).toBe(200);
    expect(String(printed.headers['content-type'])).toContain('text/html');
    expect(printed.text).toContain('项目事前绩效评估表');
    expect(printed.text).toContain('部分支持（总分 70 分）');
    expect(printed.text).toContain('necessity 的依据');
    const word = await app.call('GET', `${url}/document?format=docx&locale=en`, { as: 'author' });
    expect(word.status).toBe(200);
    expect(String(word.headers['content-disposition'])).toContain('.docx');
    expect(word.text.slice(0, 2)).toBe('PK');

    const audit = await app.call<{ items: { action: string; entityId: string }[] }>(
      'GET',
      '/api/audit?pageSize=50',
      { as: 'auditor' },
    );
    expect(
      audit.body.items.filter((i) => i.action === 'ex_ante.save' && i.entityId === ids.fresh),
    ).toHaveLength(2);
  });

  it('lets a continuing project below the threshold through without one, and checks the body', async () => {
    const app = getApp();
    const view = await app.call<ExAnteView>('GET', `/api/tables/${ids.continuing}/ex-ante`, { as: 'author' });
    expect(view.body).toMatchObject({ requirement: { required: false }, blocksSubmission: false });
    const unprinted = await app.call<Problem>('GET', `/api/tables/${ids.continuing}/ex-ante/document`, {
      as: 'author',
    });
    expect(unprinted.status).toBe(404);
    expect(unprinted.body.code).toBe('ex_ante.not_found');
    const bad = await app.call<Problem>('PUT', `/api/tables/${ids.continuing}/ex-ante`, {
      as: 'author',
      body: { ...body(10, 'partial'), scores: body(10, 'partial').scores.slice(1) },
    });
    expect(bad.status).toBe(400);
    const other = await app.call<Problem>('PUT', `/api/tables/${ids.continuing}/ex-ante`, {
      as: 'department_reviewer',
      body: body(10, 'partial'),
    });
    expect(other.status).toBe(403);
    expect((await submit(ids.continuing, 1)).status).toBe(200);
  });
});
