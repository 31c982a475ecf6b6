import { AppError } from '@jixiao/core/errors/app-error';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { describe, expect, it } from 'vitest';
import { checkedOutput } from './output-boundary.ts';
import { parseFile } from './parse-file.ts';

function table(overrides: Partial<PerformanceTable>): PerformanceTable {
  return performanceTableSchema.parse({
    year: 2024,
    unit: '上海市某单位',
    name: '某项目',
    indicators: [
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '培训人次',
        target: { raw: '≥100人次', kind: 'quantitative', operator: '>=', value: 100, unit: '人次' },
      },
    ],
    ...overrides,
  });
}

describe('the importer output boundary', () => {
  it('clears a negative amount and a non-finite number with a located warning each', () => {
    const broken = table({});
    broken.budget.total = -5000;
    const indicator = broken.indicators[0];
    if (!indicator) throw new Error('fixture');
    indicator.target.value = Number.POSITIVE_INFINITY;
    indicator.weight = Number.NaN;
    const out = checkedOutput('a.txt', { sourceText: '', tables: [broken], warnings: [] });
    const [result] = out.tables;
    expect(performanceTableSchema.safeParse(result).success).toBe(true);
    expect(result?.budget.total).toBeNull();
    expect(result?.indicators[0]?.target.value).toBeNull();
    expect(result?.indicators[0]?.weight).toBeNull();
    const paths = out.warnings.filter((w) => w.code === 'import.value_cleared').map((w) => w.path);
    expect(paths.sort()).toEqual(['budget.total', 'indicators.0.target.value', 'indicators.0.weight']);
    expect(result?.warnings.map((w) => w.code)).toContain('import.value_cleared');
  });

  it('refuses a table whose required field cannot be cleared, naming the file and field', () => {
    const broken = table({});
    broken.year = 2_147_483_648;
    let thrown: unknown;
    try {
      checkedOutput('b.txt', { sourceText: '', tables: [broken], warnings: [] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('import.invalid_table');
    expect((thrown as AppError).location).toEqual({ file: 'b.txt', path: 'tables.0.year' });
  });

  it('leaves a valid table as it is', () => {
    const good = table({});
    const parsed = { sourceText: '', tables: [good], warnings: [] };
    expect(checkedOutput('c.txt', parsed)).toBe(parsed);
  });

  it('locates every refusal of the importer at its file', async () => {
    for (const bytes of [
      new Uint8Array(),
      Uint8Array.from([0, 1, 2, 3, 0, 0, 0, 255]),
      Buffer.from('随便写点什么'),
    ]) {
      const error = await parseFile({ name: 'upload.txt', bytes }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).location?.file).toBe('upload.txt');
    }
  });
});
