import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { type PerformanceTable, performanceTableSchema } from './table.schema.ts';
import { copyTableToYear, moveDateToYear, tableCopySchema } from './table-copy.ts';

const seedExpected = new URL('../../../../../shared/corpus/seed.expected.json', import.meta.url);

function seedTable(index: number): PerformanceTable {
  const { tables } = JSON.parse(readFileSync(seedExpected, 'utf8')) as { tables: unknown[] };
  return performanceTableSchema.parse(tables[index]);
}

describe('copyTableToYear', () => {
  it('starts next year from the seed table: same project and indicators, last year’s money moved', () => {
    const source = seedTable(0);
    const before = structuredClone(source);
    const copy = copyTableToYear(source);
    expect(source, 'the source is not changed').toEqual(before);
    expect(copy).toMatchObject({
      kind: 'target',
      year: 2021,
      unit: '上海推进科技创新中心建设办公室',
      name: '科创中心建设工作经费',
      category: '经常性专项业务费',
      startDate: '2021-01-01',
      endDate: '2021-12-31',
      governmentProcurement: false,
      performanceType: '事业/专业类',
      warnings: [],
      incomplete: false,
    });
    expect(copy.narrative).toEqual(source.narrative);
    // 当年预算 41,098,620 becomes 上年预算额; nothing executed is known without a self-evaluation.
    expect(copy.budget).toEqual({ total: 41_098_620, currentYear: 41_098_620, priorYearBudget: 41_098_620 });
    expect(copy.indicators).toEqual(source.indicators);
    expect(performanceTableSchema.parse(copy)).toEqual(copy);
  });

  it('takes the target year asked for and the executed amount of the source’s self-evaluation', () => {
    const copy = copyTableToYear(buildTable(), { year: 2023, executed: 1_950_000.5 });
    expect(copy.year).toBe(2023);
    expect(copy.startDate).toBe('2023-01-01');
    expect(copy.budget.priorYearBudget).toBe(2_000_000);
    expect(copy.budget.priorYearExecuted).toBe(1_950_000.5);
  });

  it('drops self-evaluation columns, warnings and the incomplete flag', () => {
    const source = buildTable({
      kind: 'self-evaluation',
      budget: { total: 500, initial: 400, adjusted: 450, executed: 420, executionScore: 9.3 },
      indicators: [
        buildIndicator('产出指标', '数量指标', '培训人次', '>=100人次', {
          actual: '96人次',
          score: 9.6,
          deviationReason: '疫情停课',
          direction: '正向',
          weight: 10,
          explanation: '全年参训人次',
        }),
      ],
      warnings: [{ code: 'import.truncated', zh: '截断', en: 'cut off', line: 3 }],
      incomplete: true,
    });
    const copy = copyTableToYear(source);
    expect(copy.kind).toBe('target');
    expect(copy.indicators).toEqual([
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '培训人次',
        target: source.indicators[0]!.target,
        direction: '正向',
        weight: 10,
        explanation: '全年参训人次',
      },
    ]);
    // A 自评表's 年初预算数 and 执行数 are last year's budget and execution.
    expect(copy.budget).toEqual({ total: 500, priorYearBudget: 400, priorYearExecuted: 420 });
    expect(copy.warnings).toEqual([]);
    expect(copy.incomplete).toBe(false);
  });

  it('prefers the entered self-evaluation’s executed amount and leaves unknown money absent', () => {
    const source = buildTable({ budget: { total: 100 } });
    const copy = copyTableToYear(source, { executed: null });
    expect(copy.budget).toEqual({ total: 100 });
    expect('priorYearExecuted' in copy.budget).toBe(false);
  });

  it('leaves dates empty that were not in the source’s year', () => {
    const copy = copyTableToYear(buildTable({ startDate: '2018-07-01', endDate: '2020年底' }));
    expect(copy.startDate).toBeNull();
    expect(copy.endDate).toBeNull();
    expect(copyTableToYear(buildTable({ startDate: null, endDate: undefined }))).toMatchObject({
      startDate: null,
      endDate: null,
    });
  });

  it('does not share indicator or narrative objects with the source', () => {
    const source = buildTable();
    const copy = copyTableToYear(source);
    copy.indicators[0]!.name = '改名';
    copy.narrative.plan = '改';
    expect(source.indicators[0]!.name).not.toBe('改名');
    expect(source.narrative.plan).not.toBe('改');
  });
});

describe('moveDateToYear', () => {
  it('keeps month and day, also of month-only dates', () => {
    expect(moveDateToYear('2020-03-15', 2020, 2021)).toBe('2021-03-15');
    expect(moveDateToYear('2020-06', 2020, 2022)).toBe('2022-06');
  });

  it('turns 29 February into the 28th in a common year and keeps it in a leap year', () => {
    expect(moveDateToYear('2020-02-29', 2020, 2021)).toBe('2021-02-28');
    expect(moveDateToYear('2020-02-29', 2020, 2024)).toBe('2024-02-29');
    expect(moveDateToYear('2096-02-29', 2096, 2100)).toBe('2100-02-28');
  });

  it('answers null for another year, an empty value or text it does not understand', () => {
    expect(moveDateToYear('2019-12-01', 2020, 2021)).toBeNull();
    expect(moveDateToYear('', 2020, 2021)).toBeNull();
    expect(moveDateToYear(null, 2020, 2021)).toBeNull();
    expect(moveDateToYear('2020年12月31日前', 2020, 2021)).toBeNull();
  });
});

describe('tableCopySchema', () => {
  it('accepts an empty body or a year in the table schema’s range', () => {
    expect(tableCopySchema.parse({})).toEqual({});
    expect(tableCopySchema.parse({ year: 2021 })).toEqual({ year: 2021 });
    expect(tableCopySchema.safeParse({ year: 1800 }).success).toBe(false);
    expect(tableCopySchema.safeParse({ year: 2021.5 }).success).toBe(false);
  });
});
