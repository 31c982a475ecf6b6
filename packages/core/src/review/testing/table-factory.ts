import {
  type Indicator,
  type PerformanceTable,
  type PerformanceTableInput,
  performanceTableSchema,
} from '../../tables/table.schema.ts';
import { parseTarget } from '../../targets/target-grammar.ts';

/** An indicator from its printed cells: `buildIndicator('产出目标', '数量', '参观人数', '>=2000人')`. */
export function buildIndicator(
  level1: string | null,
  level2: string | null,
  name: string,
  target: string,
  extra: Partial<Omit<Indicator, 'level1' | 'level2' | 'name' | 'target'>> = {},
): Indicator {
  return { level1, level2, name, target: parseTarget(target), ...extra };
}

/** The nine 投入与管理 indicators every Shanghai 2020 project carries, with sound targets. */
export function shanghaiCommonIndicators(): Indicator[] {
  const rows: [string, string, string][] = [
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
  return rows.map(([level2, name, target]) => buildIndicator('投入与管理', level2, name, target));
}

/**
 * A sound Shanghai 2020 table that no rule of `shanghai-2020` objects to; tests change one thing
 * at a time through `overrides`.
 */
export function buildTable(overrides: Partial<PerformanceTableInput> = {}): PerformanceTable {
  return performanceTableSchema.parse({
    year: 2020,
    unit: '上海市某某局',
    name: '社区科普活动经费',
    category: '经常性专项业务费',
    startDate: '2020-01-01',
    endDate: '2020-12-31',
    governmentProcurement: false,
    performanceType: '事业/专业类',
    narrative: {
      overview: '在全市社区开展科普讲座和展览，全年举办活动120场，项目预算总额200万元。',
      basis: '《上海市科学技术普及条例》',
      necessity: '提高市民科学素质，落实全民科学素质行动计划。',
      safeguards: '执行本单位财务管理办法和项目管理办法，活动方案经集体决策。',
      plan: '1-3月确定场地和讲师，4-11月开展活动，12月完成总结和满意度调查。',
      goals: '全年举办社区科普活动120场，服务市民2万人次，参与者满意度达到90%以上。',
    },
    budget: {
      total: 2_000_000,
      currentYear: 2_000_000,
      priorYearBudget: 1_900_000,
      priorYearExecuted: 1_850_000,
    },
    indicators: [
      ...shanghaiCommonIndicators(),
      buildIndicator('产出目标', '数量', '举办科普活动场次', '>=120场'),
      buildIndicator('产出目标', '质量', '活动方案审核通过率', '=100%'),
      buildIndicator('产出目标', '时效', '活动完成时间', '2020年12月31日前'),
      buildIndicator('效果目标', '社会效益', '服务市民人次', '>=20000人次'),
      buildIndicator('效果目标', '满意度', '参与市民满意度', '>=90%'),
      buildIndicator('影响力目标', '长效管理', '科普讲师库更新机制健全性', '健全'),
    ],
    ...overrides,
  });
}
