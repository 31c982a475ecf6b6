import type { MonitoringReport } from '@jixiao/core/monitoring/monitoring.schema';
import type { Indicator, PerformanceTable, PrintedProgress } from '@jixiao/core/tables/table.schema';
import type {
  ImportPreview,
  ImportResult,
  Problem,
  TableRecord,
  TableStatus,
} from '@jixiao/core/tables/table-record.schema';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { seedTables } from '@jixiao/export/testing/export-fixtures';
import { beforeAll, expect, it } from 'vitest';
import {
  monitoringFormText,
  MONITORED_PROJECT as PROJECT,
  MONITORED_UNIT as UNIT,
} from '../testing/monitoring-form.ts';
import { storeSeedUnitPreview, storeSeedUnitTable } from '../testing/seed-unit-tables.ts';
import { useTestApp } from '../testing/test-app.ts';

function upload(name: string, text: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new TextEncoder().encode(text)], { type: 'text/plain' }), name);
  return form;
}

function progress(
  value: string,
  expectedValue: string,
  likelihood: string,
  cause: string | null = null,
  measure: string | null = null,
): PrintedProgress {
  return { value, expectedValue, likelihood, cause, measure };
}

/** What the text reader gives for the form above: the seed table's indicators with their printed progress. */
function parsedForm(seed: PerformanceTable, overrides: Partial<PerformanceTable> = {}): PerformanceTable {
  const printed: Record<string, PrintedProgress> = {
    预算执行率: progress('50%', '100%', '确定能'),
    预算资金到位率: progress('100%', '100%', '确定能'),
    财务管理制度健全性: progress('健全', '健全', '确定能'),
    项目完成率: progress('按进度执行，已完成约45%', '96%', '基本能'),
    项目完成及时性: progress(
      '40%',
      '90%',
      '有可能',
      '进口实验设备到货比合同约定晚两个月',
      '调整课题实施节点，按月跟踪设备安装进度',
    ),
    项目执行者满意度: progress('暂未开展调查', '85%', '有可能', '调查安排在四季度', '按计划组织满意度调查'),
  };
  const indicators: Indicator[] = seed.indicators
    .filter((i) => printed[i.name])
    .map((i) => ({ ...i, progress: printed[i.name] ?? null }));
  return {
    ...seed,
    narrative: {},
    supervisingDepartment: UNIT,
    budget: { currentYear: 41_098_620 },
    indicators,
    monitoring: { cutOffMonth: 6, executed: 20_549_310 },
    ...overrides,
  };
}

describeEachDatabase('importing monitoring forms', (getDb) => {
  const getApp = useTestApp(getDb);
  let seed: PerformanceTable;
  let published: TableRecord;

  /** A table of the author's unit moved along `path`. */
  const stored = (table: PerformanceTable, path: TableStatus[]) => storeSeedUnitTable(getDb(), table, path);
  /** A preview as the upload keeps it, with the parsed table given (the reader's output). */
  const preview = (table: PerformanceTable) =>
    storeSeedUnitPreview(getDb(), table, { name: '监控表.txt', text: monitoringFormText });

  function confirm<T>(
    importId: string,
    body: Record<string, unknown>,
    as: 'author' | 'finance_reviewer' = 'author',
  ) {
    return getApp().call<T>('POST', `/api/imports/${importId}/confirm`, { as, body });
  }

  async function reportAt(tableId: string, month: number) {
    const res = await getApp().call<{ report: MonitoringReport }>(
      'GET',
      `/api/tables/${tableId}/monitoring/${month}`,
    );
    expect(res.status).toBe(200);
    return res.body.report;
  }

  function indexOf(name: string): number {
    return seed.indicators.findIndex((i) => i.name === name);
  }

  beforeAll(async () => {
    // The first call builds the app, which creates the demo organisations and users.
    await getApp().call('GET', '/api/health');
    const found = seedTables().find((t) => t.name === PROJECT);
    if (!found) throw new Error(`seed table ${PROJECT} missing`);
    seed = found;
    published = await stored(seed, ['submitted', 'department_reviewed', 'approved', 'published']);
  });

  it('fills the monitoring report of the published table of the same project, unit and year', async () => {
    const importId = await preview(parsedForm(seed));
    const res = await confirm<ImportResult>(importId, { tables: [parsedForm(seed)] });
    expect(res.status).toBe(201);
    expect(res.body.records).toEqual([]);
    expect(res.body.monitoring).toMatchObject({
      tableId: published.id,
      name: PROJECT,
      unit: UNIT,
      year: 2020,
      cutOffMonth: 6,
      indicatorCount: 6,
    });
    // The seed table's other eight indicators are not on the form: said, located in the report.
    const notReported = res.body.monitoring?.problems.filter(
      (p) => p.code === 'monitoring_import.indicator_not_reported',
    );
    expect(notReported).toHaveLength(seed.indicators.length - 6);
    expect(notReported?.[0]?.zh).toContain('在监控表中没有填报');

    const report = await reportAt(published.id, 6);
    expect(report.budget).toEqual({ annual: 41_098_620, executed: 20_549_310 });
    const line = (name: string) => report.indicators.find((l) => l.index === indexOf(name));
    expect(line('项目完成率')).toMatchObject({
      value: '按进度执行，已完成约45%',
      deviation: { expectedValue: '96%', likelihood: '有可能' },
    });
    expect(line('项目完成及时性')).toMatchObject({
      value: '40%',
      deviation: {
        cause: '硬件',
        causeNote: '进口实验设备到货比合同约定晚两个月',
        likelihood: '有可能',
        measure: '调整课题实施节点，按月跟踪设备安装进度',
      },
    });
    expect(line('项目执行者满意度')?.deviation).toMatchObject({
      cause: '其他',
      causeNote: '调查安排在四季度',
    });

    // Audited as a monitoring save and as the import's confirmation; the import cannot be confirmed twice.
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['monitoring.save', 'import.confirm'])
      .where('entity_id', 'in', [published.id, importId])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['import.confirm', 'monitoring.save']);
    const again = await confirm<Problem>(importId, { tables: [parsedForm(seed)] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('import.already_confirmed');
  });

  it('answers 409 import.monitoring_no_table with the unit’s tables to choose from, then takes the choice', async () => {
    const renamed = parsedForm(seed, { name: '科创中心工作经费（监控）' });
    const importId = await preview(renamed);
    const missing = await confirm<Problem>(importId, { tables: [renamed] });
    expect(missing.status).toBe(409);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ code: 'import.monitoring_no_table', path: 'tableId' });
    expect(missing.body.zh).toContain('科创中心工作经费（监控）');
    expect(missing.body.en).toContain('choose one');
    expect(missing.body.candidates).toContainEqual({
      tableId: published.id,
      name: PROJECT,
      unit: UNIT,
      year: 2020,
      status: 'published',
    });

    const chosen = await confirm<ImportResult>(importId, {
      tables: [renamed],
      tableId: published.id,
      cutOffMonth: 7,
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.monitoring).toMatchObject({ tableId: published.id, cutOffMonth: 7 });
    expect(chosen.body.monitoring?.problems[0]?.code).toBe('monitoring_import.other_project');
    expect((await reportAt(published.id, 7)).indicators).toHaveLength(6);
  });

  it('tells before confirming where the form would go, or which tables to choose from', async () => {
    type Match = { tableId: string | null; candidates: { tableId: string }[]; problems: { code: string }[] };
    const matched = await getApp().call<Match>(
      'GET',
      `/api/imports/${await preview(parsedForm(seed))}/monitoring-match`,
    );
    expect(matched.status).toBe(200);
    expect(matched.body.tableId).toBe(published.id);
    // The seed table's other eight indicators are not on the form: said before confirming.
    expect(matched.body.problems.map((p) => p.code)).toContain('monitoring_import.indicator_not_reported');
    const other = await preview(parsedForm(seed, { name: '另一个项目' }));
    const choose = await getApp().call<Match>('GET', `/api/imports/${other}/monitoring-match`);
    expect(choose.body.tableId).toBeNull();
    expect(choose.body.candidates.map((c) => c.tableId)).toContain(published.id);
    expect(choose.body.problems).toEqual([]);
    const chosen = await getApp().call<Match>(
      'GET',
      `/api/imports/${other}/monitoring-match?tableId=${published.id}`,
    );
    expect(chosen.body.tableId).toBeNull();
    expect(chosen.body.problems[0]).toMatchObject({ code: 'monitoring_import.other_project' });
    const byReviewer = await getApp().call('GET', `/api/imports/${other}/monitoring-match`, {
      as: 'department_reviewer',
    });
    expect(byReviewer.status).toBe(403);
  });

  it('asks for the month a form does not print', async () => {
    const noMonth = parsedForm(seed, { monitoring: { cutOffMonth: null, executed: 20_549_310 } });
    const importId = await preview(noMonth);
    const res = await confirm<Problem>(importId, { tables: [noMonth] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'import.monitoring_month_missing', path: 'cutOffMonth' });
    const chosen = await confirm<ImportResult>(importId, { tables: [noMonth], cutOffMonth: 8 });
    expect(chosen.status).toBe(201);
    expect(chosen.body.monitoring?.cutOffMonth).toBe(8);
  });

  it('saves nothing when the chosen table may not be reported on, and refuses reviewers', async () => {
    const draft = await stored({ ...seed, name: '科创中心建设工作经费（草稿）' }, []);
    const importId = await preview(parsedForm(seed));
    const onDraft = await confirm<Problem>(importId, {
      tables: [parsedForm(seed)],
      tableId: draft.id,
      cutOffMonth: 9,
    });
    expect(onDraft.status).toBe(409);
    expect(onDraft.body.code).toBe('evaluation.not_approved');
    const nothing = await getApp().call<Problem>('GET', `/api/tables/${draft.id}/monitoring/9`);
    expect(nothing.status).toBe(404);
    const byReviewer = await confirm<Problem>(importId, { tables: [parsedForm(seed)] }, 'finance_reviewer');
    expect(byReviewer.status).toBe(403);
    // The import is still a preview: the right table takes it.
    const ok = await confirm<ImportResult>(importId, { tables: [parsedForm(seed)], cutOffMonth: 9 });
    expect(ok.status).toBe(201);
    expect(ok.body.monitoring?.tableId).toBe(published.id);
  });

  it('refuses two monitoring forms in one confirmation', async () => {
    const importId = await preview(parsedForm(seed));
    const res = await confirm<Problem>(importId, { tables: [parsedForm(seed), parsedForm(seed)] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('import.monitoring_one_form');
  });

  // The whole path: the text reader fills `monitoring` and each row's `progress`, the confirm fills the report.
  it('uploads the printed form as text and confirms it into the monitoring record', async () => {
    const uploaded = await getApp().call<ImportPreview>('POST', '/api/imports', {
      body: upload('科创中心建设工作经费-1-6月监控表.txt', monitoringFormText),
    });
    expect(uploaded.status).toBe(201);
    const [form] = uploaded.body.tables;
    expect(form?.monitoring).toMatchObject({ cutOffMonth: 6, executed: 20_549_310 });
    expect(form?.indicators.find((i) => i.name === '项目完成及时性')?.progress?.likelihood).toBe('有可能');
    const res = await confirm<ImportResult>(uploaded.body.importId, {
      tables: uploaded.body.tables,
      cutOffMonth: 5,
    });
    expect(res.status).toBe(201);
    expect(res.body.monitoring).toMatchObject({ tableId: published.id, cutOffMonth: 5, indicatorCount: 6 });
    const report = await reportAt(published.id, 5);
    expect(report.budget).toEqual({ annual: 41_098_620, executed: 20_549_310 });
    expect(report.indicators.find((l) => l.index === indexOf('项目完成及时性'))?.deviation?.cause).toBe(
      '硬件',
    );
  });
});
