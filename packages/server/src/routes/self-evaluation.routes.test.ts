import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import type { SelfEvaluationScore } from '@jixiao/core/scoring/self-evaluation.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

interface SelfEvaluationBody {
  score: SelfEvaluationScore;
  adjustments: { target: number | 'execution'; score: number; reason: string; computedScore: number }[];
}

describeEachDatabase('self-evaluation API', (getDb) => {
  const getApp = useTestApp(getDb);

  async function approved(name: string): Promise<string> {
    const store = createTableRepository(getDb());
    let record = await store.create(
      buildSelfEvaluationTable(
        [
          buildIndicator('>=100人次', { name: '培训人次', weight: 50 }),
          buildIndicator('规范', { name: '管理规范性', level2: '质量指标', weight: 20 }),
          buildIndicator('≥90%', {
            level1: '满意度指标',
            level2: '服务对象满意度指标',
            name: '满意度',
            weight: 20,
          }),
        ],
        {
          kind: 'target',
          name,
          unit: '上海推进科技创新中心建设办公室',
          narrative: { goals: '完成年度培训' },
        },
      ),
      { userId: demoUserFor('author').id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    for (const status of ['submitted', 'department_reviewed', 'approved'] as const) {
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    }
    return record.id;
  }

  const entry = {
    budget: { adjusted: 1_000_000, executed: 850_000, reason: '部分采购延至下年' },
    indicators: [
      { index: 0, actual: '80人次', reason: '场地受限', measure: '下年增加场次' },
      { index: 1, actual: '规范', grade: { band: '达成', score: 18 } },
      { index: 2, actual: '95%' },
    ],
    goalCompletion: '基本完成年度培训',
  };

  beforeAll(async () => {
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  it('scores what the author enters, with an explanation for every row', async () => {
    const id = await approved('自评-录入');
    const res = await getApp().call<SelfEvaluationBody>('PUT', `/api/tables/${id}/self-evaluation`, {
      as: 'author',
      body: entry,
    });
    expect(res.status).toBe(200);
    const { score } = res.body;
    expect(score.execution).toMatchObject({ score: 8.5, rate: 0.85 });
    expect(score.indicators.map((l) => l.score)).toEqual([40, 18, 20]);
    expect(score.indicators[0]?.explanation.formula).toBe('50.00 × 80 ÷ 100 = 40.00');
    expect(score).toMatchObject({ total: 86.5, grade: '良', complete: true });
    const read = await getApp().call<SelfEvaluationBody>('GET', `/api/tables/${id}/self-evaluation`, {
      as: 'finance_reviewer',
    });
    expect(read.body.score.total).toBe(86.5);
  });

  it('rejects a grade outside its band with the field path', async () => {
    const id = await approved('自评-档次');
    const bad = structuredClone(entry);
    bad.indicators[1] = { index: 1, actual: '规范', grade: { band: '达成', score: 10 } };
    const res = await getApp().call<{ code: string; path: string }>(
      'PUT',
      `/api/tables/${id}/self-evaluation`,
      {
        as: 'author',
        body: bad,
      },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'scoring.grade_out_of_band', path: 'indicators.1.grade.score' });
  });

  it('lets a reviewer adjust a score with a reason, audited, and keeps it when the author saves again', async () => {
    const id = await approved('自评-调整');
    await getApp().call('PUT', `/api/tables/${id}/self-evaluation`, { as: 'author', body: entry });
    const adjust = { target: 0, score: 45, reason: '补充佐证：实际培训 90 人次' };
    expect(
      (
        await getApp().call('POST', `/api/tables/${id}/self-evaluation/adjustments`, {
          as: 'author',
          body: adjust,
        })
      ).status,
    ).toBe(403);
    const res = await getApp().call<SelfEvaluationBody>(
      'POST',
      `/api/tables/${id}/self-evaluation/adjustments`,
      {
        as: 'department_reviewer',
        body: adjust,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.score.indicators[0]).toMatchObject({
      score: 45,
      computedScore: 40,
      adjustment: { score: 45 },
    });
    expect(res.body.score.total).toBe(91.5);
    expect(res.body.adjustments).toMatchObject([{ target: 0, score: 45, computedScore: 40 }]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'actor', 'diff'])
      .where('entity_id', '=', id)
      .where('action', '=', 'self_evaluation.adjust_score')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: demoUserFor('department_reviewer').id,
      diff: { from: 40, to: 45 },
    });
    const resaved = await getApp().call<SelfEvaluationBody>('PUT', `/api/tables/${id}/self-evaluation`, {
      as: 'author',
      body: entry,
    });
    expect(resaved.body.score.indicators[0]?.score).toBe(45);
  });

  it('serves the 自评表 layout and its Excel file', async () => {
    const id = await approved('自评-表');
    await getApp().call('PUT', `/api/tables/${id}/self-evaluation`, { as: 'author', body: entry });
    const layout = await getApp().call<OfficialLayout>('GET', `/api/tables/${id}/self-evaluation/layout`, {
      as: 'author',
    });
    expect(layout.status).toBe(200);
    expect(layout.body.title).toBe('项目支出绩效自评表');
    expect(layout.body.notes).toContain('自评总分 86.50 分，评价等级：良');
    const xlsx = await getApp().call('GET', `/api/tables/${id}/self-evaluation/document?format=xlsx`, {
      as: 'author',
    });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    const docx = await getApp().call('GET', `/api/tables/${id}/self-evaluation/document?format=docx`, {
      as: 'author',
    });
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-type'])).toContain('wordprocessingml');
    expect(String(docx.headers['content-disposition'])).toContain('.docx');
    expect(await extractDocxText(new Uint8Array(docx.raw))).toContain('自评总分 86.50 分，评价等级：良\n');
    const none = await getApp().call<{ code: string }>(
      'GET',
      `/api/tables/${await approved('自评-无')}/self-evaluation`,
      {
        as: 'author',
      },
    );
    expect([none.status, none.body.code]).toEqual([404, 'self_evaluation.not_found']);
  });
});
