import { readFileSync } from 'node:fs';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';

const seedFile = new URL('../../../../fixtures/seed.expected.json', import.meta.url);

/** The three Shanghai 2020 seed tables, exactly as the importer must read them. */
export function seedTables(): PerformanceTable[] {
  const json = JSON.parse(readFileSync(seedFile, 'utf8')) as { tables: unknown[] };
  return json.tables.map((t) => performanceTableSchema.parse(t));
}

/** One seed table by index (0–2). */
export function seedTable(index: number): PerformanceTable {
  const table = seedTables()[index];
  if (!table) throw new Error(`no seed table ${index}`);
  return table;
}

/**
 * A year-end self-evaluation of the first seed project: execution figures, weights, actuals, scores,
 * a direction and a deviation reason, so every optional column and money row of the form is printed.
 */
export function buildSelfEvaluation(): PerformanceTable {
  const base = seedTable(0);
  return performanceTableSchema.parse({
    ...base,
    kind: 'self-evaluation',
    supervisingDepartment: '上海市人民政府',
    code: '2020-KC-0001',
    budget: {
      ...base.budget,
      initial: 41098620,
      adjusted: 40000000,
      executed: 38500000.5,
      executionScore: 9.63,
    },
    indicators: [
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '项目完成率',
        target: parseTarget('>=95%'),
        direction: '正向',
        weight: 30,
        actual: '96%',
        score: 30,
      },
      {
        level1: '产出指标',
        level2: '时效指标',
        name: '完成时间',
        target: parseTarget('2020年12月31日前', { expectDate: true }),
        weight: 20,
        actual: '2020-12-20',
        score: 20,
      },
      {
        level1: '效益指标',
        level2: '社会效益指标',
        name: '投诉次数',
        target: parseTarget('<=3次'),
        direction: '反向',
        weight: 30,
        actual: '5次',
        score: 20,
        deviationReason: '展厅客流超出预期，接待人员不足；下年度增加讲解人员 2 名。',
      },
      {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '参观人员满意度',
        target: parseTarget('>=90%'),
        weight: 10,
        actual: '92.5%',
        score: 10,
      },
    ],
  });
}

/** Level-2 groups of a long Shanghai table after its nine common 投入与管理 indicators. */
const LONG_GROUPS: readonly (readonly [string, string, readonly string[]])[] = [
  ['产出目标', '数量', ['>=12场', '>=3000人次', '>=40项', '=100%']],
  ['产出目标', '质量', ['>=95%', '合格', '=100%']],
  ['产出目标', '时效', ['<=11个月', '<=30天']],
  ['效果目标', '社会效益', ['>=10%', '有效', '>=5家']],
  ['效果目标', '满意度', ['>=90%', '>=85%']],
  ['影响力目标', '长效管理', ['健全', '>=90%']],
];

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/**
 * The first seed table with `count` indicators (its own nine 投入与管理 ones first, then groups of 4 to 9
 * under 数量, 质量, 时效, 社会效益, 满意度, 长效管理): long enough to run over several pages.
 */
export function longTable(count: number): PerformanceTable {
  const base = seedTable(0);
  const common = base.indicators.slice(0, 9);
  const indicators = [...common];
  const rest = count - common.length;
  LONG_GROUPS.forEach(([level1, level2, targets], g) => {
    const size = Math.floor(rest / LONG_GROUPS.length) + (g < rest % LONG_GROUPS.length ? 1 : 0);
    for (let i = 0; i < size; i++) {
      const target = targets[i % targets.length] ?? '合格';
      indicators.push({
        level1,
        level2,
        // No digits in names: a number in a name reads as a target when the PDF is imported back.
        name: `${level2}考核${STEMS[i % 10]}${BRANCHES[Math.floor(i / 10) % 12]}项`,
        target: parseTarget(target),
      });
    }
  });
  return performanceTableSchema.parse({ ...base, indicators });
}
