import { officialLayout } from '@jixiao/core/export/official-layout';
import { frameworkFor } from '@jixiao/core/frameworks/frameworks';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { nameSuggestsDate, parseTarget } from '@jixiao/core/targets/target-grammar';
import { layoutToXlsx } from '@jixiao/export/layout-xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importWorkbook } from './xlsx-import.ts';

/** Words of the forms, so generated text reads like a real table (and may repeat, merging level cells). */
const WORDS = [
  '项目',
  '完成',
  '管理',
  '资金',
  '服务',
  '满意度',
  '培训',
  '人次',
  '建设',
  '运营',
  '展厅',
  '（一）',
  'A',
];
const text = (max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: max }).map((w) => w.join(''));
const optionalText = (max: number) => fc.option(text(max), { nil: null });
const yuan = fc.option(
  fc.integer({ min: 0, max: 9_999_999_999 }).map((cents) => cents / 100),
  { nil: null },
);
const TARGETS = [
  '>=95%',
  '=100%',
  '≥80M',
  '1600元/亩',
  '<=12个月',
  '2020年12月31日前',
  '2023.07-2024.01',
  '合理',
  '=0',
  '100%',
];

const indicator = fc.record({
  level1: fc.option(fc.constantFrom('产出指标', '效益指标', '满意度指标'), { nil: null }),
  level2: fc.option(fc.constantFrom('数量指标', '质量指标', '时效指标', '社会效益指标'), { nil: null }),
  name: fc.oneof(text(6), fc.constant('完成时间')),
  target: fc.constantFrom(...TARGETS),
  direction: fc.option(fc.constantFrom('正向' as const, '反向' as const), { nil: undefined }),
  weight: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  actual: fc.option(text(3), { nil: undefined }),
  score: fc.option(
    fc.integer({ min: -5, max: 6000 }).map((n) => n / 100),
    { nil: undefined },
  ),
  explanation: fc.option(text(8), { nil: undefined }),
  deviationReason: fc.option(text(10), { nil: undefined }),
});

const OPTIONAL_COLUMNS = [
  'direction',
  'weight',
  'actual',
  'score',
  'explanation',
  'deviationReason',
] as const;
const OPTIONAL_FIELDS = ['supervisingDepartment', 'code'] as const;

/**
 * The table as far as its printed form has a place for it: the fields, columns and money rows its
 * framework's form leaves out (Shanghai's 主管部门, a target table's weights, directions, execution) are not
 * printed and cannot come back.
 */
function printable(t: PerformanceTable): PerformanceTable {
  const form = frameworkFor(t).form;
  const selfEvaluation = t.kind === 'self-evaluation';
  const columns = new Set<string>(selfEvaluation ? form.selfEvaluationColumns : form.targetColumns);
  const dropped = OPTIONAL_COLUMNS.filter((c) => !columns.has(c));
  const fields = new Set<string>(form.header.flat());
  return {
    ...t,
    ...Object.fromEntries(OPTIONAL_FIELDS.filter((f) => !fields.has(f)).map((f) => [f, undefined])),
    budget: selfEvaluation
      ? t.budget
      : { ...t.budget, initial: null, adjusted: null, executed: null, executionScore: null },
    indicators: t.indicators.map((i) => ({
      ...i,
      ...Object.fromEntries(dropped.map((c) => [c, undefined])),
    })),
  };
}

const table = fc
  .record({
    kind: fc.constantFrom('target' as const, 'self-evaluation' as const, 'department-wide' as const),
    year: fc.integer({ min: 2000, max: 2099 }),
    unit: text(5),
    supervisingDepartment: fc.option(text(5), { nil: undefined }),
    name: text(6),
    code: fc.option(fc.constantFrom('P-001', '2020-KC-0001', '11010019'), { nil: undefined }),
    category: optionalText(3),
    startDate: fc.option(fc.constantFrom('2020-01-01', '2021-03-15'), { nil: null }),
    endDate: fc.option(fc.constantFrom('2020-12-31', '2022-06-30'), { nil: null }),
    governmentProcurement: fc.option(fc.boolean(), { nil: null }),
    performanceType: optionalText(2),
    narrative: fc.record({ overview: optionalText(40), basis: optionalText(10), goals: optionalText(20) }),
    budget: fc.record({
      total: yuan,
      currentYear: yuan,
      priorYearBudget: yuan,
      priorYearExecuted: yuan,
      initial: yuan,
      adjusted: yuan,
      executed: yuan,
    }),
    indicators: fc.array(indicator, { maxLength: 12 }),
    incomplete: fc.boolean(),
  })
  .map(
    (t): PerformanceTable =>
      performanceTableSchema.parse({
        ...t,
        indicators: t.indicators.map((i) => ({
          ...i,
          target: parseTarget(i.target, { expectDate: nameSuggestsDate(i.name) }),
        })),
      }),
  )
  .map(printable);

/** Null and absent mean the same on a printed form (an empty cell): compare without them. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutEmpty(v)]),
    );
  }
  return value;
}

describe('xlsx round trip', () => {
  it('reads any table back from its exported workbook, in either language', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('zh' as const, 'en' as const), async (t, locale) => {
        const read = await importWorkbook(await layoutToXlsx(officialLayout(t, locale)));
        expect(read.warnings).toEqual([]);
        expect(read.tables.map(withoutEmpty)).toEqual([withoutEmpty(t)]);
      }),
      { numRuns: 40 },
    );
  });
});
