import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { performanceTableSchema } from './table.schema.ts';

const seedExpected = new URL('../../../../../shared/corpus/seed.expected.json', import.meta.url);

describe('performanceTableSchema', () => {
  it('accepts every table of the seed expectation (the canonical JSON shape)', () => {
    const { tables } = JSON.parse(readFileSync(seedExpected, 'utf8')) as { tables: unknown[] };
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      const result = performanceTableSchema.safeParse(table);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    }
  });

  it('rejects a table without a project name and says where', () => {
    const result = performanceTableSchema.safeParse({ year: 2020, unit: '某单位', name: '', indicators: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['name']);
  });

  it('rejects money with fractions of a 分', () => {
    const result = performanceTableSchema.safeParse({
      year: 2020,
      unit: '某单位',
      name: '项目',
      indicators: [],
      budget: { total: 1.005 },
    });
    expect(result.success).toBe(false);
  });
});
