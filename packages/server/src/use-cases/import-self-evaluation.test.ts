import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import type { ClaimComparison } from '@jixiao/core/scoring/self-evaluation-claim.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type {
  ImportResult,
  Problem,
  TableRecord,
  TableStatus,
} from '@jixiao/core/tables/table-record.schema';
import { tableRegion } from '@jixiao/core/years/budget-year';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { workbookCells } from '@jixiao/export/testing/workbook-text';
import { beforeAll, expect, it } from 'vitest';
import { storeSeedUnitPreview, storeSeedUnitTable } from '../testing/seed-unit-tables.ts';
import { useTestApp } from '../testing/test-app.ts';

const UNIT = '某区教育局';
const PROJECT = '学生资助专项';

/** The approved target table: weights 30 / 20 / 30 / 10, no actuals. */
function target(name = PROJECT, year = 2024): PerformanceTable {
  return buildSelfEvaluationTable(
    [
      buildIndicator('>=100人', { name: '资助人数', weight: 30 }),
      buildIndicator('>=95%', { name: '资金发放准确率', level2: '质量指标', weight: 20 }),
      buildIndicator('>=20%', { level1: '效益指标', level2: '社会效益指标', name: '辍学率下降', weight: 30 }),
      buildIndicator('>=90%', {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '满意度',
        weight: 10,
      }),
    ],
    { kind: 'target', unit: UNIT, name, year },
  );
}

/**
 * The filled 自评表 as the reader gives it: a sub-item without weight, a met row printed below its weight,
 * a missed row printed at full marks, and the printed total 100 that is not the sum of its rows (98).
 */
function filledForm(name = PROJECT, year = 2024): PerformanceTable {
  return buildSelfEvaluationTable(
    [
      buildIndicator('>=100人', { name: '资助人数', weight: 30, actual: '120人', score: 28 }),
      buildIndicator('>=40人', { name: '其中：建档立卡学生', weight: null, actual: '50人', score: null }),
      buildIndicator('>=95%', {
        name: '资金发放准确率',
        level2: '质量指标',
        weight: 20,
        actual: '100%',
        score: 20,
      }),
      buildIndicator('>=20%', {
        level1: '效益指标',
        name: '辍学率下降',
        weight: 30,
        actual: '10%',
        score: 30,
      }),
      buildIndicator('>=90%', { level1: '满意度指标', name: '满意度', weight: 10, actual: '95%', score: 10 }),
    ],
    {
      unit: UNIT,
      name,
      year,
      budget: { adjusted: 1_000_000, executed: 900_000, executionScore: 10 },
    },
  );
}

const SOURCE_TEXT = '项目支出绩效自评表\n…\n| 总分 | 100 | 100 | 优 |\n';

describeEachDatabase('importing filled 自评表 forms and re-checking them (财政复核)', (getDb) => {
  const getApp = useTestApp(getDb);
  let approved: TableRecord;

  /** A table of the author's unit moved along `path`. */
  const stored = (table: PerformanceTable, path: TableStatus[]) => storeSeedUnitTable(getDb(), table, path);
  /** A preview as the upload keeps it, with the parsed table given (the reader's output). */
  const preview = (table: PerformanceTable) =>
    storeSeedUnitPreview(getDb(), table, { name: '自评表.txt', text: SOURCE_TEXT });

  function confirm<T>(importId: string, body: Record<string, unknown>) {
    return getApp().call<T>('POST', `/api/imports/${importId}/confirm`, { as: 'author', body });
  }

  beforeAll(async () => {
    await getApp().call('GET', '/api/health');
    approved = await stored(target(), ['submitted', 'department_reviewed', 'approved']);
  });

  it('fills the self-evaluation of the approved table and keeps the unit’s claim beside the rules', async () => {
    const form = filledForm();
    const importId = await preview(form);
    const match = await getApp().call<{
      tableId: string;
      schemeId: string;
      schemes: { id: string; executionWeight: number }[];
    }>('GET', `/api/imports/${importId}/self-evaluation-match`, { as: 'author' });
    expect(match.status).toBe(200);
    expect(match.body).toMatchObject({ tableId: approved.id, schemeId: 'national-2020' });
    expect(match.body.schemes.length).toBeGreaterThanOrEqual(3);
    // Each scheme says what it gives 预算执行率, for the preview to compare with the printed 分值.
    expect(match.body.schemes.find((s) => s.id === 'national-2020')?.executionWeight).toBe(10);
    const res = await confirm<ImportResult>(importId, { tables: [form] });
    expect(res.status).toBe(201);
    expect(res.body.records).toEqual([]);
    expect(res.body.selfEvaluation).toMatchObject({
      tableId: approved.id,
      ownTable: false,
      schemeId: 'national-2020',
      claimedTotal: 100,
      unmatched: [{ index: 1, name: '其中：建档立卡学生' }],
    });
    // Rules: 9 (execution) + 30 + 20 + 15 + 10 = 84; the unit claimed 100.
    expect(res.body.selfEvaluation?.total).toBe(84);
    expect(res.body.selfEvaluation?.gap).toBe(16);
    expect(res.body.selfEvaluation?.causes).toEqual(
      expect.arrayContaining(['execution', 'met_below_weight', 'missed_full_marks', 'total_not_sum']),
    );
    const evaluation = await getApp().call<{ score: { claim: ClaimComparison } }>(
      'GET',
      `/api/tables/${approved.id}/self-evaluation`,
      { as: 'finance_reviewer' },
    );
    expect(evaluation.status).toBe(200);
    const lines = evaluation.body.score.claim.lines;
    expect(lines.map((l) => [l.target, l.claimed, l.rule, l.cause])).toEqual([
      ['execution', 10, 9, 'execution'],
      [0, 28, 30, 'met_below_weight'],
      [1, 20, 20, null],
      [2, 30, 15, 'missed_full_marks'],
      [3, 10, 10, null],
    ]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [approved.id, importId])
      .where('action', 'in', ['self_evaluation.save', 'import.confirm'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['import.confirm', 'self_evaluation.save']);
  });

  it('finds the approved table of a form the user says is a 自评表, by the name and year as edited', async () => {
    // Read as a target table, its name misread: no self-evaluation match until the user changes the kind.
    const importId = await preview({ ...filledForm(`${PROJECT}绩效自评`), kind: 'target' });
    const match = (query: string) =>
      getApp().call<{ tableId: string | null; candidates: { tableId: string }[] }>(
        'GET',
        `/api/imports/${importId}/self-evaluation-match${query}`,
        { as: 'author' },
      );
    expect((await match('')).body).toMatchObject({ tableId: null, candidates: [] });
    const asKind = await match('?kind=self-evaluation');
    expect(asKind.body.tableId).toBeNull();
    expect(asKind.body.candidates.map((c) => c.tableId)).toContain(approved.id);
    const edited = await match(`?kind=self-evaluation&name=${encodeURIComponent(PROJECT)}&year=2024`);
    expect(edited.body.tableId).toBe(approved.id);
    // Another year as edited: that year's tables (none approved), never this one.
    expect(
      (await match(`?kind=self-evaluation&name=${encodeURIComponent(PROJECT)}&year=2031`)).body,
    ).toMatchObject({
      tableId: null,
      candidates: [],
    });
    // As a monitoring form, the same table is found for its monitoring report.
    const monitoring = await getApp().call<{ tableId: string | null }>(
      'GET',
      `/api/imports/${importId}/monitoring-match?kind=monitoring&name=${encodeURIComponent(PROJECT)}`,
      { as: 'author' },
    );
    expect(monitoring.status, monitoring.text).toBe(200);
    expect(monitoring.body.tableId).toBe(approved.id);
  });

  it('refuses to fill a table’s self-evaluation once the year’s self-evaluation is closed', async () => {
    const closedYear = await stored(target('已关闭年度项目', 2023), [
      'submitted',
      'department_reviewed',
      'approved',
    ]);
    const set = await getApp().call('PUT', '/api/budget-years', {
      as: 'admin',
      body: {
        region: tableRegion(closedYear.table),
        year: 2023,
        draftingOpen: true,
        cutOffMonth: 7,
        selfEvaluationOpen: false,
      },
    });
    expect(set.status).toBe(200);
    const form = filledForm('已关闭年度项目', 2023);
    const refused = await confirm<Problem>(await preview(form), { tables: [form] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('budget_year.self_evaluation_closed');
    const saved = await getDb()
      .selectFrom('self_evaluations')
      .select('table_id')
      .where('table_id', '=', closedYear.id)
      .execute();
    expect(saved).toEqual([]);
  });

  it('answers 409 import.self_evaluation_no_table for a past year, then imports it with its own table', async () => {
    const form = filledForm('往年校舍维修', 2019);
    const importId = await preview(form);
    const missing = await confirm<Problem>(importId, { tables: [form] });
    expect(missing.status).toBe(409);
    expect(missing.body).toMatchObject({
      code: 'import.self_evaluation_no_table',
      path: 'tableId',
      candidates: [],
    });
    expect(missing.body.zh).toContain('往年自评');
    const own = await confirm<ImportResult>(importId, { tables: [form], ownTable: true });
    expect(own.status).toBe(201);
    expect(own.body.records).toHaveLength(1);
    expect(own.body.selfEvaluation).toMatchObject({
      ownTable: true,
      year: 2019,
      claimedTotal: 100,
      unmatched: [],
    });
    // The sub-item keeps its place, unscored; the other printed weights hold.
    const tableId = own.body.selfEvaluation?.tableId ?? '';
    const evaluation = await getApp().call<{ score: { indicators: { weight: number; status: string }[] } }>(
      'GET',
      `/api/tables/${tableId}/self-evaluation`,
      { as: 'finance_reviewer' },
    );
    expect(evaluation.body.score.indicators.map((l) => [l.weight, l.status])).toEqual([
      [30, 'met'],
      [0, 'not_scored'],
      [20, 'met'],
      [30, 'unmet'],
      [10, 'met'],
    ]);
  });

  it('lists re-checks by gap for finance reviewers, filters by cause, takes decisions and exports to Excel', async () => {
    const list = await getApp().call<{
      items: { tableId: string; gap: number; causes: string[]; decisions: number }[];
    }>('GET', '/api/self-evaluations/recheck?cause=missed_full_marks', { as: 'finance_reviewer' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.gap)).toEqual([16, 16]);
    expect(list.body.items.map((i) => i.tableId)).toContain(approved.id);
    const none = await getApp().call<{ items: unknown[] }>(
      'GET',
      '/api/self-evaluations/recheck?cause=above_weight',
      {
        as: 'finance_reviewer',
      },
    );
    expect(none.body.items).toEqual([]);
    const author = await getApp().call('GET', '/api/self-evaluations/recheck', { as: 'author' });
    expect(author.status).toBe(403);

    const decide = (body: Record<string, unknown>) =>
      getApp().call<{ total: number }>('POST', `/api/tables/${approved.id}/self-evaluation/decisions`, {
        as: 'finance_reviewer',
        body,
      });
    const claim = await decide({ target: 0, accept: 'claim', reason: '超额完成但资金拨付滞后，按单位自评' });
    expect(claim.status).toBe(200);
    expect(claim.body.total).toBe(82);
    const rule = await decide({ target: 2, accept: 'rule', reason: '未达目标，按公式计分' });
    expect(rule.body.total).toBe(82);
    const subItem = await getApp().call<Problem>(
      'POST',
      `/api/tables/${await ownTableId()}/self-evaluation/decisions`,
      {
        as: 'finance_reviewer',
        body: { target: 1, accept: 'claim', reason: 'x' },
      },
    );
    expect(subItem.status).toBe(409);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', approved.id)
      .where('action', '=', 'self_evaluation.recheck_decide')
      .execute();
    expect(audit).toHaveLength(2);

    const exported = await getApp().call<string>('GET', '/api/self-evaluations/recheck/export', {
      as: 'finance_reviewer',
    });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const cells = (await workbookCells(exported.raw)).join('\n');
    expect(cells).toContain('采用单位自评 28：超额完成但资金拨付滞后');
    expect(cells).toContain('未达标却得满分');
  });

  async function ownTableId(): Promise<string> {
    const row = await getDb()
      .selectFrom('target_tables')
      .select('id')
      .where('name', '=', '往年校舍维修')
      .executeTakeFirstOrThrow();
    return row.id;
  }
});
