import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type PerformanceTable, performanceTableSchema } from './table.schema.ts';
import { diffTables, tableDiffSchema } from './table-diff.ts';

const seedExpected = new URL('../../../../../shared/corpus/seed.expected.json', import.meta.url);

function seedTable(index: number): PerformanceTable {
  const { tables } = JSON.parse(readFileSync(seedExpected, 'utf8')) as { tables: unknown[] };
  return performanceTableSchema.parse(tables[index]);
}

describe('diffTables', () => {
  it('finds no change between a table and a copy of itself', () => {
    const table = seedTable(0);
    const diff = diffTables(table, structuredClone(table));
    expect(diff.changeCount).toBe(0);
    expect(diff.indicators).toEqual({ added: [], removed: [], changed: [], reordered: false });
    expect(tableDiffSchema.safeParse(diff).success).toBe(true);
  });

  it('treats an absent field and null as the same empty cell', () => {
    const table = seedTable(0);
    const after = structuredClone(table);
    after.code = null;
    after.narrative.basis = table.narrative.basis;
    delete after.budget.initial;
    expect(diffTables(table, after).changeCount).toBe(0);
  });

  it('reports changed header fields, narratives and budget figures with their paths', () => {
    const before = seedTable(0);
    // Built in another key order than the schema's: the diff still lists fields in schema order.
    const after = { ...structuredClone(before), governmentProcurement: true };
    after.name = '科创中心建设工作经费（调整）';
    after.narrative.plan = '分季度实施';
    after.budget.currentYear = 40_000_000;
    after.budget.priorYearExecuted = null;

    const diff = diffTables(before, after);
    expect(diff.header).toEqual([
      { path: 'name', before: before.name, after: '科创中心建设工作经费（调整）' },
      { path: 'governmentProcurement', before: false, after: true },
    ]);
    expect(diff.narrative).toEqual([
      { path: 'narrative.plan', before: before.narrative.plan, after: '分季度实施' },
    ]);
    expect(diff.budget).toEqual([
      { path: 'budget.currentYear', before: before.budget.currentYear, after: 40_000_000 },
      { path: 'budget.priorYearExecuted', before: before.budget.priorYearExecuted, after: null },
    ]);
    expect(diff.changeCount).toBe(5);
  });

  it('reports indicators added, removed and changed, pairing them by level and name', () => {
    const before = seedTable(1);
    const after = structuredClone(before);
    const removed = after.indicators.splice(2, 1)[0]!;
    after.indicators[5] = {
      ...after.indicators[5]!,
      target: { ...after.indicators[5]!.target, raw: '>=99%' },
    };
    const added = { ...before.indicators[0]!, name: '新增指标', level2: '数量' };
    after.indicators.push(added);

    const diff = diffTables(before, after);
    expect(diff.indicators.removed).toEqual([{ index: 2, indicator: removed }]);
    expect(diff.indicators.added).toEqual([{ index: after.indicators.length - 1, indicator: added }]);
    expect(diff.indicators.changed).toHaveLength(1);
    const change = diff.indicators.changed[0]!;
    expect(change.fromIndex).toBe(6);
    expect(change.toIndex).toBe(5);
    expect(change.changes.map((c) => c.path)).toEqual(['target']);
    expect(diff.indicators.reordered).toBe(false);
    expect(diff.header).toEqual([]);
  });

  it('recognises a renamed indicator by its levels and unchanged target', () => {
    const before = seedTable(2);
    const after = structuredClone(before);
    after.indicators[4] = { ...after.indicators[4]!, name: `${before.indicators[4]!.name}（更名）` };
    const diff = diffTables(before, after);
    expect(diff.indicators.added).toEqual([]);
    expect(diff.indicators.removed).toEqual([]);
    expect(diff.indicators.changed).toEqual([
      {
        fromIndex: 4,
        toIndex: 4,
        before: before.indicators[4],
        after: after.indicators[4],
        changes: [{ path: 'name', before: before.indicators[4]!.name, after: after.indicators[4]!.name }],
      },
    ]);
  });

  it('notices a reorder without calling it a change of content', () => {
    const before = seedTable(0);
    const after = structuredClone(before);
    after.indicators.reverse();
    const diff = diffTables(before, after);
    expect(diff.indicators.reordered).toBe(true);
    expect(diff.indicators.changed).toEqual([]);
    expect(diff.changeCount).toBe(0);
  });
});
