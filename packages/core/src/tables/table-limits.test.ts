import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { performanceTableSchema } from './table.schema.ts';
import { tableLimits } from './table-limits.ts';

function issues(table: unknown) {
  const result = performanceTableSchema.safeParse(table);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('table limits', () => {
  const row = buildIndicator('产出指标', '数量指标', '培训人数', '>=100人');

  it('accepts a table at every limit', () => {
    const table = buildTable({
      name: '项'.repeat(tableLimits.name),
      unit: '单'.repeat(tableLimits.name),
      narrative: { overview: '述'.repeat(tableLimits.narrative) },
      indicators: Array.from({ length: tableLimits.indicators }, () => ({
        ...row,
        name: '指'.repeat(tableLimits.indicatorName),
        explanation: '释'.repeat(tableLimits.note),
      })),
    });
    expect(issues(table)).toEqual([]);
  });

  it('refuses one character or one row past a limit, at its path, naming the limit', () => {
    const over = {
      ...buildTable(),
      name: '项'.repeat(tableLimits.name + 1),
      narrative: { goals: '述'.repeat(tableLimits.narrative + 1) },
      indicators: [{ ...row, target: { ...row.target, raw: '≥'.repeat(tableLimits.value + 1) } }],
    };
    expect(issues(over)).toEqual([
      { path: 'name', message: expect.stringContaining('200') },
      { path: 'narrative.goals', message: expect.stringContaining('20000') },
      { path: 'indicators.0.target.raw', message: expect.stringContaining('2000') },
    ]);
    const rows = {
      ...buildTable(),
      indicators: Array.from({ length: tableLimits.indicators + 1 }, () => row),
    };
    expect(issues(rows)).toEqual([{ path: 'indicators', message: expect.stringContaining('500') }]);
  });
});
