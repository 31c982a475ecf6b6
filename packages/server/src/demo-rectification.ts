import { DEFAULT_SCORING_SCHEME_ID } from '@jixiao/core/scoring/scoring-schemes';
import type { SelfEvaluationEntry } from '@jixiao/core/scoring/self-evaluation.schema';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { recordDemoSelfEvaluation } from './demo-self-evaluation.ts';

// 整改 and 结果应用 would have nothing to show on a first start: the seed unit gets a published 2025 project
// whose self-evaluation graded 差 (reviewers open 整改 tasks from it) and the same project's 2026 table
// waiting for finance's review (which shows last year's grade and the budget-linkage suggestion).

/** The demo project with a 差 self-evaluation (names as stored, for tests). */
export const demoRectificationProject = '科普讲座进社区经费';

/** A demo indicator from its printed cells (level 1, level 2, name, target). */
export function demoIndicator(level1: string, level2: string, name: string, target: string) {
  return { level1, level2, name, target: parseTarget(target) };
}

function lecturesTable(year: number): PerformanceTable {
  const row = demoIndicator;
  return performanceTableSchema.parse({
    year,
    unit: '上海推进科技创新中心建设办公室',
    name: demoRectificationProject,
    category: '经常性专项业务费',
    narrative: { goals: '全年举办社区科普讲座40场，受众4000人次，满意度90%以上。' },
    budget: { total: 1_200_000, currentYear: 1_200_000 },
    indicators: [
      row('产出指标', '数量指标', '科普讲座场次', '>=40场'),
      row('产出指标', '数量指标', '受众人次', '>=4000人次'),
      row('满意度指标', '服务对象满意度指标', '受众满意度', '>=90%'),
    ],
  });
}

/** Publishes the 差 project with its self-evaluation and forwards next year's table to finance; returns the tables stored. */
export async function runDemoRectification(db: Database, log: (message: string) => void = () => undefined) {
  const store = createTableRepository(db);
  const actor = { userId: null, address: 'demo-data' };
  const organisationId = demoOrganisationIds.seedUnit;
  let last = await store.create(lecturesTable(2025), actor, { organisationId });
  for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
    last = await store.setStatus(last.id, last.version, status, actor);
  const entry: SelfEvaluationEntry = {
    schemeId: DEFAULT_SCORING_SCHEME_ID,
    budget: { adjusted: 1_200_000, executed: 540_000, reason: '讲师和场地落实较晚，下半年才开始举办' },
    indicators: [
      { index: 0, actual: '12场', applicable: true, reason: '场地协调困难' },
      { index: 1, actual: '900人次', applicable: true },
      { index: 2, actual: '72%', applicable: true },
    ],
    adjustments: [],
  };
  const score = await recordDemoSelfEvaluation(db, last, entry, actor);
  let next = await store.create(lecturesTable(2026), actor, { organisationId });
  for (const status of ['submitted', 'department_reviewed'] as const)
    next = await store.setStatus(next.id, next.version, status, actor);
  log(
    `demo 整改: ${demoRectificationProject} 2025 self-evaluated ${score.total} (${score.grade}), 2026 with finance`,
  );
  return 2;
}
