import { describe, expect, it } from 'vitest';
import { buildIndicator, buildSelfEvaluationTable } from '../scoring/self-evaluation.factory.ts';
import type { Indicator, PrintedProgress } from '../tables/table.schema.ts';
import {
  causeOf,
  likelihoodOf,
  matchIndicators,
  monitoringReportFromImport,
  nameSimilarity,
} from './monitoring-import.ts';

/** The stored, approved target table: 科创中心建设工作经费 (seed, 2020) in part. */
const stored = buildSelfEvaluationTable(
  [
    buildIndicator('=100%', { level1: '投入与管理', level2: '投入管理', name: '预算执行率' }),
    buildIndicator('健全', { level1: '投入与管理', level2: '财务管理', name: '财务管理制度健全性' }),
    buildIndicator('规范', { level1: '投入与管理', level2: '实施管理', name: '资格审核（含复审）规范性' }),
    buildIndicator('>=95%', { level1: '产出目标', level2: '数量', name: '项目完成率' }),
    buildIndicator('>=95%', { level1: '产出目标', level2: '时效', name: '项目完成及时性' }),
    buildIndicator('>=80%', { level1: '效果目标', level2: '满意度', name: '项目执行者满意度' }),
    buildIndicator('>=90%', { level1: '影响力目标', level2: '长效管理', name: '项目长效机制完备性' }),
  ],
  {
    kind: 'target',
    year: 2020,
    unit: '上海推进科技创新中心建设办公室',
    name: '科创中心建设工作经费',
    budget: { total: 41_098_620, currentYear: 41_098_620 },
  },
);

function row(
  level1: string | null,
  level2: string | null,
  name: string,
  target: string,
  progress: PrintedProgress | null,
): Indicator {
  return buildIndicator(target, { level1, level2, name, progress });
}

/** The form as the reader gives it: 1–6月, printed words as the unit wrote them. */
function form(indicators: Indicator[], cutOffMonth: number | null = 6) {
  return buildSelfEvaluationTable(indicators, {
    kind: 'target',
    year: 2020,
    unit: '上海推进科技创新中心建设办公室',
    supervisingDepartment: '上海推进科技创新中心建设办公室',
    name: '科创中心建设工作经费',
    budget: {},
    monitoring: { cutOffMonth, executed: 20_549_310, expectedExecuted: 41_098_620 },
  });
}

const printedRows = [
  row('投入与管理', '投入管理', '预算执行率', '=100%', {
    value: '50%',
    expectedValue: '100%',
    likelihood: '确定能',
    cause: '无',
    measure: '无',
  }),
  row('投入与管理', '财务管理', '财务管理制度健全性', '健全', {
    value: '健全',
    expectedValue: '健全',
    likelihood: '能',
    cause: null,
    measure: null,
  }),
  // Half-width brackets and a space the form's typesetting added.
  row('投入与管理', '实施管理', '资格审核(含复审) 规范性', '规范', { value: '规范', likelihood: '可以完成' }),
  row('产出目标', '数量', '项目完成率', '>=95%', {
    value: '按进度执行,已完成约45%',
    expectedValue: '96%',
    likelihood: '基本能完成',
    cause: null,
    measure: null,
  }),
  row('产出目标', '时效', '项目完成及时率', '>=95%', {
    value: '40%',
    expectedValue: '90%',
    likelihood: '有可能',
    cause: '进口实验设备到货比合同约定晚两个月',
    measure: '调整课题实施节点，按月跟踪设备安装进度',
  }),
  row('效果目标', '满意度', '服务对象满意度', '>=80%', { value: '尚未开展调查', likelihood: '视疫情而定' }),
];

describe('monitoringReportFromImport', () => {
  it('fills the stored table’s indicators from a 1–6月 form and says what it left out', () => {
    const result = monitoringReportFromImport(form(printedRows), stored);
    expect(result.report?.cutOffMonth).toBe(6);
    expect(result.report?.budget).toEqual({ annual: 41_098_620, executed: 20_549_310 });
    expect(result.matches).toEqual([
      { imported: 0, stored: 0 },
      { imported: 1, stored: 1 },
      { imported: 2, stored: 2 },
      { imported: 3, stored: 3 },
      { imported: 4, stored: 4 },
    ]);
    const byIndex = new Map(result.report?.indicators.map((line) => [line.index, line]));
    expect(byIndex.get(0)).toMatchObject({
      value: '50%',
      deviation: { expectedValue: '100%', likelihood: '确定能', cause: null, measure: null },
    });
    // A qualitative target is judged on the entry page: the printed text is also its note.
    expect(byIndex.get(1)).toMatchObject({
      value: '健全',
      note: '健全',
      deviation: { likelihood: '确定能' },
    });
    expect(byIndex.get(2)?.deviation?.likelihood).toBe('确定能');
    expect(byIndex.get(3)).toMatchObject({
      value: '按进度执行,已完成约45%',
      deviation: { expectedValue: '96%', likelihood: '有可能' },
    });
    expect(byIndex.get(4)).toMatchObject({
      value: '40%',
      deviation: {
        cause: '硬件',
        causeNote: '进口实验设备到货比合同约定晚两个月',
        expectedValue: '90%',
        likelihood: '有可能',
        measure: '调整课题实施节点，按月跟踪设备安装进度',
      },
    });
    const codes = result.problems.map((p) => [p.code, p.path]);
    expect(codes).toEqual([
      ['monitoring_import.indicator_unmatched', 'indicators.5'],
      ['monitoring_import.indicator_not_reported', 'report.indicators.5'],
      ['monitoring_import.indicator_not_reported', 'report.indicators.6'],
      ['monitoring_import.indicator_similar', 'indicators.4'],
    ]);
    const unmatched = result.problems[0];
    expect(unmatched?.zh).toContain('“服务对象满意度”（效果目标 / 满意度）');
    expect(unmatched?.en).toContain('"服务对象满意度"');
  });

  it('keeps a likelihood it cannot read in the cause note and says so', () => {
    const result = monitoringReportFromImport(
      form([
        row('效果目标', '满意度', '项目执行者满意度', '>=80%', {
          value: '尚未开展调查',
          likelihood: '视疫情而定',
        }),
      ]),
      stored,
    );
    expect(result.report?.indicators).toEqual([
      {
        index: 5,
        value: '尚未开展调查',
        note: null,
        deviation: {
          cause: null,
          causeNote: '完成目标可能性：视疫情而定',
          expectedValue: null,
          likelihood: null,
          measure: null,
        },
      },
    ]);
    expect(result.problems.map((p) => p.code)).toContain('monitoring_import.likelihood_unclear');
  });

  it('has no report without a month, and takes the month the user chose', () => {
    const noMonth = monitoringReportFromImport(form(printedRows.slice(0, 1), null), stored);
    expect(noMonth.report).toBeNull();
    expect(noMonth.problems[0]).toMatchObject({
      code: 'monitoring_import.month_missing',
      severity: 'error',
      path: 'monitoring.cutOffMonth',
    });
    const chosen = monitoringReportFromImport(form(printedRows.slice(0, 1), null), stored, {
      cutOffMonth: 7,
    });
    expect(chosen.report?.cutOffMonth).toBe(7);
    expect(chosen.problems.map((p) => p.code)).not.toContain('monitoring_import.month_missing');
    expect(
      monitoringReportFromImport(form(printedRows, 6), stored, { cutOffMonth: 8 }).report?.cutOffMonth,
    ).toBe(8);
  });

  it('takes the printed annual budget over the stored one', () => {
    const printedBudget = { ...form(printedRows), budget: { currentYear: 40_000_000 } };
    expect(monitoringReportFromImport(printedBudget, stored).report?.budget.annual).toBe(40_000_000);
  });

  it('keeps a long progress description whole in the note', () => {
    const long = `上半年完成课题立项${'并按计划推进'.repeat(40)}`;
    const result = monitoringReportFromImport(
      form([row('产出目标', '数量', '项目完成率', '>=95%', { value: long })]),
      stored,
    );
    const line = result.report?.indicators[0];
    expect(line?.value?.length).toBe(200);
    expect(line?.value?.endsWith('…')).toBe(true);
    expect(line?.note).toBe(long);
  });
});

describe('matchIndicators', () => {
  it('never puts two rows onto one indicator: the closer name wins', () => {
    const table = [
      buildIndicator('>=100人次', { level2: '数量指标', name: '培训人次' }),
      buildIndicator('>=90%', { level2: '质量指标', name: '培训合格率' }),
    ];
    const rows = [
      buildIndicator('>=100人次', { level2: '数量指标', name: '培训人数' }),
      buildIndicator('>=100人次', { level2: '数量指标', name: '培训人次数' }),
      buildIndicator('>=100人次', { level2: '数量指标', name: '参训人次' }),
    ];
    expect(matchIndicators(rows, table)).toEqual([{ imported: 1, stored: 0, exact: false }]);
  });

  it('matches by name across levels, by similar name only within the same levels', () => {
    const table = [buildIndicator('>=95%', { level1: '产出指标', level2: '质量指标', name: '验收合格率' })];
    const moved = [buildIndicator('>=95%', { level1: '产出指标', level2: '数量指标', name: '验收合格率' })];
    expect(matchIndicators(moved, table)).toEqual([{ imported: 0, stored: 0, exact: true }]);
    const similar = [
      buildIndicator('>=95%', { level1: '产出指标', level2: '数量指标', name: '项目验收合格率' }),
    ];
    expect(matchIndicators(similar, table)).toEqual([]);
    const noLevel1 = [buildIndicator('>=95%', { level1: null, level2: '质量指标', name: '项目验收合格率' })];
    expect(matchIndicators(noLevel1, table)).toEqual([{ imported: 0, stored: 0, exact: false }]);
  });

  it('scores names by shared character pairs', () => {
    expect(nameSimilarity('项目完成率', '项目完成率。')).toBe(1);
    expect(nameSimilarity('项目完成及时性', '项目按时完成率')).toBeLessThan(0.6);
    expect(nameSimilarity('培训人次', '培训人次数')).toBeGreaterThanOrEqual(0.8);
  });
});

describe('printed words', () => {
  it.each([
    ['确定能', '确定能'],
    ['能', '确定能'],
    ['可以完成', '确定能'],
    ['预计能够完成', '确定能'],
    ['有可能', '有可能'],
    ['可能', '有可能'],
    ['基本能', '有可能'],
    ['基本能完成', '有可能'],
    ['不可能', '完全不可能'],
    ['无法完成', '完全不可能'],
    ['完全不可能', '完全不可能'],
    ['预计未能完成', '完全不可能'],
    ['视疫情而定', null],
    ['', null],
    [null, null],
  ])('likelihood %s → %s', (text, likelihood) => {
    expect(likelihoodOf(text)).toBe(likelihood);
  });

  it.each([
    ['财政资金尚未拨付到位', '经费'],
    ['部分经费需待预算调整后使用', '经费'],
    ['新的管理制度尚未出台', '制度'],
    ['受政策调整影响', '制度'],
    ['项目人员变动，人手不足', '人员'],
    ['进口设备到货延迟', '硬件'],
    ['展厅场地改造未完成', '硬件'],
    ['受疫情影响，部分活动延期', '其他'],
    // A printed class (原因分类) beside the reason decides, whatever words the reason uses.
    ['人员调整，资金支付审批延后；人员保障', '人员'],
    ['设备招标延后，资金尚未支付；硬件条件保障', '硬件'],
    ['经费保障', '经费'],
  ])('cause %s → %s', (text, cause) => {
    expect(causeOf(text)).toBe(cause);
  });
});
