import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { DEFAULT_SCORING_SCHEME_ID, getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type { IndicatorActual, SelfEvaluationEntry } from '@jixiao/core/scoring/self-evaluation.schema';
import {
  type Indicator,
  type PerformanceTable,
  performanceTableSchema,
} from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { demoOrganisationResolver } from './demo-organisations.ts';
import { recordDemoSelfEvaluation } from './demo-self-evaluation.ts';

// The 案例库 would be empty on a first start: the seed's exhibition halls (科创中心展厅运营经费, 未来公园展厅
// 运营经费) get three published 2019 tables of other units' exhibition halls, each self-evaluated, so the
// editor lists similar projects with what they achieved and the evidence rules have peers to name: the
// seed's `参观人数 >=2000人` is far below the 9,000–15,000 people they received, at ten times their cost
// per visitor.

interface Hall {
  unit: string;
  name: string;
  budget: number;
  visitorsTarget: number;
  visitorsActual: number;
  satisfaction: string;
}

/** The demo's similar projects (names as stored, for tests). */
export const demoPeerHalls: readonly Hall[] = [
  {
    unit: '张江科学城建设管理办公室',
    name: '张江科学城展厅运营经费',
    budget: 5_000_000,
    visitorsTarget: 12_000,
    visitorsActual: 15_000,
    satisfaction: '96%',
  },
  {
    unit: '临港新片区管理委员会',
    name: '临港新片区展厅运营经费',
    budget: 4_200_000,
    visitorsTarget: 10_000,
    visitorsActual: 12_000,
    satisfaction: '94%',
  },
  {
    unit: '漕河泾开发区管理委员会',
    name: '漕河泾开发区展厅运营经费',
    budget: 3_600_000,
    visitorsTarget: 10_000,
    visitorsActual: 9_000,
    satisfaction: '92%',
  },
];

/** Rows as the seed prints them: level 1, level 2, name, target. */
const row = (level1: string, level2: string, name: string, target: string): Indicator => ({
  level1,
  level2,
  name,
  target: parseTarget(target),
});

/** The nine 投入与管理 indicators every Shanghai 2020 project carries. */
const commonRows: [string, string, string][] = [
  ['投入管理', '预算编制合理性', '合理'],
  ['投入管理', '预算执行率', '=100%'],
  ['投入管理', '预算资金到位率', '=100%'],
  ['财务管理', '财务管理制度健全性', '健全'],
  ['财务管理', '财务监控有效性', '有效'],
  ['财务管理', '资金使用规范性', '规范'],
  ['实施管理', '项目管理制度健全性', '健全'],
  ['实施管理', '资格审核（含复审）规范性', '规范'],
  ['实施管理', '信息公开实现率', '=100%'],
];

function hallTable(hall: Hall): PerformanceTable {
  return performanceTableSchema.parse({
    year: 2019,
    unit: hall.unit,
    supervisingDepartment: '示例地区单位',
    name: hall.name,
    category: '经常性专项业务费',
    startDate: '2019-01-01',
    endDate: '2019-12-31',
    performanceType: '事业/专业类',
    narrative: {
      overview: `展厅全年开放，承担科创成果展示、政务接待和公众参观，年度预算${hall.budget / 10_000}万元。`,
      goals: `全年接待参观${hall.visitorsTarget}人以上，参观人员满意度90%以上。`,
    },
    budget: { total: hall.budget, currentYear: hall.budget },
    indicators: [
      ...commonRows.map(([level2, name, target]) => row('投入与管理', level2, name, target)),
      row('产出目标', '数量', '参观人数', `>=${hall.visitorsTarget}人`),
      row('产出目标', '质量', '接待工作质量', '>=95%'),
      row('产出目标', '时效', '完成接待任务及时性', '=100%'),
      row('效果目标', '满意度', '参观人员满意度', '>=90%'),
      row('影响力目标', '配套设施', '配套设施利用率', '>=90%'),
    ],
  });
}

/** Year-end actuals: the hall's visitors and satisfaction, the other targets met, grades 达成 in full. */
function hallEntry(table: PerformanceTable, hall: Hall): SelfEvaluationEntry {
  const actualOf = (name: string, raw: string): string | null => {
    if (name === '参观人数') return `${hall.visitorsActual}人`;
    if (name === '参观人员满意度') return hall.satisfaction;
    const number = /[\d.]+%?$/.exec(raw);
    return number ? number[0] : null;
  };
  const indicators: IndicatorActual[] = table.indicators.map((indicator, index) => ({
    index,
    actual: actualOf(indicator.name, indicator.target.raw),
    applicable: true,
  }));
  const entry: SelfEvaluationEntry = {
    schemeId: DEFAULT_SCORING_SCHEME_ID,
    budget: { adjusted: hall.budget, executed: Math.round(hall.budget * 0.96), reason: null },
    indicators,
    adjustments: [],
    goalCompletion: `全年接待参观${hall.visitorsActual}人。`,
  };
  const lines = scoreSelfEvaluation(table, entry, getScoringScheme(DEFAULT_SCORING_SCHEME_ID)).indicators;
  return {
    ...entry,
    indicators: indicators.map((actual) => {
      const line = lines.find((l) => l.indicatorIndex === actual.index);
      return line?.status === 'needs_grade'
        ? { ...actual, grade: { band: '达成', score: line.weight } }
        : actual;
    }),
  };
}

/** Publishes the demo's similar projects with their self-evaluations; returns how many tables it stored. */
export async function runDemoPeers(db: Database, log: (message: string) => void = () => undefined) {
  const store = createTableRepository(db);
  const organisationFor = await demoOrganisationResolver(db);
  const actor = { userId: null, address: 'demo-data' };
  for (const hall of demoPeerHalls) {
    const table = hallTable(hall);
    let record = await store.create(table, actor, { organisationId: await organisationFor(hall.unit) });
    for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
      record = await store.setStatus(record.id, record.version, status, actor);
    const entry = hallEntry(record.table, hall);
    const score = await recordDemoSelfEvaluation(db, record, entry, actor);
    log(
      `demo similar projects: ${hall.name} ${table.year} → published, self-evaluated ${score.total} (${score.grade})`,
    );
  }
  return demoPeerHalls.length;
}
