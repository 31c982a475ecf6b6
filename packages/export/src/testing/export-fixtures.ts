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
