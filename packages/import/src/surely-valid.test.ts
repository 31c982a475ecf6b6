import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFile } from './parse-file.ts';
import { surelyValid } from './surely-valid.ts';

const validTable = surelyValid(performanceTableSchema);

function base(): Record<string, unknown> {
  return {
    kind: 'self-evaluation',
    year: 2024,
    unit: '上海市某单位',
    name: '某项目',
    supervisingDepartment: null,
    code: '2024-001',
    governmentProcurement: false,
    narrative: { goals: '完成培训' },
    budget: { total: 41_098_620, currentYear: 1234.5, executed: null, executionWeight: 10 },
    indicators: [
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '培训人次',
        target: { raw: '≥100人次', kind: 'quantitative', operator: '>=', value: 100, unit: '人次' },
        direction: '正向',
        weight: 10,
        actual: '120人次',
        score: 10,
      },
      {
        level1: '产出指标',
        level2: '时效指标',
        name: '完成时间',
        target: {
          raw: '2024年12月底前',
          kind: 'date',
          operator: '<=',
          value: null,
          unit: null,
          date: '2024-12',
          text: '2024年12月底前',
        },
      },
    ],
    warnings: [{ code: 'import.truncated', zh: '截断', en: 'cut', line: 3, path: 'indicators' }],
    incomplete: false,
  };
}

// Values at and past each kind of bound the schema sets: types, finiteness, signs, integer, enum members,
// lengths in UTF-16 units and in code points (a supplementary character is two units, one code point).
const oddValues: unknown[] = [
  undefined,
  null,
  0,
  -0,
  -1,
  0.001,
  2.5,
  1990,
  2101,
  1e14,
  1e14 - 0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  '',
  'x',
  '2024-1',
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(201),
  'x'.repeat(501),
  'x'.repeat(2001),
  '\u{20000}'.repeat(100),
  '\u{20000}'.repeat(101),
  '\u{20000}',
  'target',
  'department-wide',
  '正向',
  '>=',
  '≥',
  'quantitative',
  true,
  [],
  [{}],
  {},
  { start: '2024-01', end: '2024-12' },
];

type Step = { path: string[]; value: unknown };

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string, unknown>)[k], [...prefix, k]))];
}

// Every field of the base table, and keys it does not have (optional fields, unknown keys).
const targets = [
  ...paths(base()).filter((p) => p.length > 0),
  ['monitoring'],
  ['performanceType'],
  ['indicators', '0', 'progress'],
  ['indicators', '0', 'adoptedFrom'],
  ['indicators', '0', 'target', 'period'],
  ['indicators', '0', 'target', 'upper'],
  ['budget', 'priorYearBudget'],
  ['narrative', 'overview'],
  ['extra'],
];

function apply(table: Record<string, unknown>, { path: at, value }: Step): void {
  let node: unknown = table;
  for (const k of at.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[k];
  }
  const last = at.at(-1);
  if (typeof node === 'object' && node !== null && last !== undefined)
    (node as Record<string, unknown>)[last] = value;
}

describe('surelyValid (the output boundary quick test)', () => {
  it('never accepts a table the schema refuses (3,000 tables with one to three odd fields)', () => {
    const step = fc.record({ path: fc.constantFrom(...targets), value: fc.constantFrom(...oddValues) });
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 3 }), (steps) => {
        const table = base();
        for (const s of steps) apply(table, s);
        if (validTable(table)) {
          accepted++;
          expect(performanceTableSchema.safeParse(table).success).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 9 },
    );
    // It is a quick path only if it takes valid tables: many of the mutated ones still are.
    expect(accepted).toBeGreaterThan(300);
  });

  it('takes the base table, and what the importer reads from the seed and the probe forms', async () => {
    expect(validTable(base())).toBe(true);
    const fixtures = path.resolve(import.meta.dirname, '../fixtures');
    for (const file of ['../../../fixtures/seed.txt', 'probe/02.txt', 'probe/15.txt']) {
      const bytes = readFileSync(path.join(fixtures, file));
      const { tables } = await parseFile({ name: path.basename(file), bytes });
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) expect(validTable(t)).toBe(true);
    }
  });

  it('leaves lengths zod counts in code points, and refinements, to zod', () => {
    const long = base();
    // 101 supplementary characters are 202 UTF-16 units but 101 code points: valid, yet not surely so.
    long.unit = '\u{20000}'.repeat(101);
    expect(validTable(long)).toBe(false);
    expect(performanceTableSchema.safeParse(long).success).toBe(true);
    const cents = base();
    cents.budget = { total: 0.001 };
    expect(validTable(cents)).toBe(false);
    expect(performanceTableSchema.safeParse(cents).success).toBe(false);
  });
});
