import { z } from 'zod';
import type { Indicator, PerformanceTable } from './table.schema.ts';
import { budgetSchema, indicatorSchema, narrativeSchema, performanceTableSchema } from './table.schema.ts';

/** One field that differs between two versions; `path` is relative to the table (`budget.total`). */
export const fieldChangeSchema = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** An indicator present in both versions whose content changed (possibly also its position). */
export const indicatorChangeSchema = z.object({
  fromIndex: z.number().int().nonnegative(),
  toIndex: z.number().int().nonnegative(),
  before: indicatorSchema,
  after: indicatorSchema,
  changes: z.array(fieldChangeSchema),
});
export type IndicatorChange = z.infer<typeof indicatorChangeSchema>;

const placedIndicatorSchema = z.object({ index: z.number().int().nonnegative(), indicator: indicatorSchema });

/** A structural comparison of two tables: header, narratives, budget and indicators. */
export const tableDiffSchema = z.object({
  header: z.array(fieldChangeSchema),
  narrative: z.array(fieldChangeSchema),
  budget: z.array(fieldChangeSchema),
  indicators: z.object({
    added: z.array(placedIndicatorSchema),
    removed: z.array(placedIndicatorSchema),
    changed: z.array(indicatorChangeSchema),
    reordered: z.boolean().describe('Indicators kept in both versions appear in another order'),
  }),
  changeCount: z.number().int().nonnegative(),
});
export type TableDiff = z.infer<typeof tableDiffSchema>;

/** Keys of a table compared as header fields; the other keys have their own sections or are notes. */
const SECTION_KEYS = new Set(['narrative', 'budget', 'indicators', 'warnings']);
const TABLE_KEYS = Object.keys(performanceTableSchema.shape);
const NARRATIVE_KEYS = Object.keys(narrativeSchema.shape);
const BUDGET_KEYS = Object.keys(budgetSchema.shape);
const INDICATOR_KEYS = Object.keys(indicatorSchema.shape);

/** Absent and null mean the same thing in a table (an empty cell), so they never count as a change. */
function normalise(value: unknown): unknown {
  return value === undefined ? null : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(normalise(a)) === stableJson(normalise(b));
}

/** JSON with sorted keys and without undefined/null members, so key order and absent-vs-null do not matter. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(normalise(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Compares the members of two objects in the order the schema declares them (then any extra members). */
function diffObjects(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix: string,
  order: readonly string[],
  skip: ReadonlySet<string> = new Set(),
): FieldChange[] {
  const keys = [...new Set([...order, ...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !skip.has(k),
  );
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (!sameValue(before[key], after[key])) {
      changes.push({ path: `${prefix}${key}`, before: normalise(before[key]), after: normalise(after[key]) });
    }
  }
  return changes;
}

const identityKey = (i: Indicator) => stableJson([i.level1, i.level2, i.name]);
const placeKey = (i: Indicator) => stableJson([i.level1, i.level2, i.target.raw]);

/**
 * Pairs the indicators of two versions: first by level 1 / level 2 / name (in order, so duplicates pair up
 * one by one), then a renamed indicator by its levels and unchanged target. The rest were added or removed.
 */
function pairIndicators(before: Indicator[], after: Indicator[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const usedAfter = new Set<number>();
  const usedBefore = new Set<number>();
  for (const key of [identityKey, placeKey]) {
    const waiting = new Map<string, number[]>();
    after.forEach((indicator, index) => {
      if (usedAfter.has(index)) return;
      const k = key(indicator);
      waiting.set(k, [...(waiting.get(k) ?? []), index]);
    });
    before.forEach((indicator, index) => {
      if (usedBefore.has(index)) return;
      const candidates = waiting.get(key(indicator));
      const match = candidates?.shift();
      if (match === undefined) return;
      pairs.push([index, match]);
      usedBefore.add(index);
      usedAfter.add(match);
    });
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** Compares two versions of a table field by field; a table compared with itself has no changes. */
export function diffTables(before: PerformanceTable, after: PerformanceTable): TableDiff {
  const header = diffObjects(before, after, '', TABLE_KEYS, SECTION_KEYS);
  const narrative = diffObjects(before.narrative, after.narrative, 'narrative.', NARRATIVE_KEYS);
  const budget = diffObjects(before.budget, after.budget, 'budget.', BUDGET_KEYS);

  const pairs = pairIndicators(before.indicators, after.indicators);
  const pairedBefore = new Set(pairs.map(([b]) => b));
  const pairedAfter = new Set(pairs.map(([, a]) => a));
  const changed: IndicatorChange[] = [];
  for (const [fromIndex, toIndex] of pairs) {
    const b = before.indicators[fromIndex]!;
    const a = after.indicators[toIndex]!;
    const changes = diffObjects(b, a, '', INDICATOR_KEYS);
    if (changes.length > 0) changed.push({ fromIndex, toIndex, before: b, after: a, changes });
  }
  const removed = before.indicators
    .map((indicator, index) => ({ index, indicator }))
    .filter(({ index }) => !pairedBefore.has(index));
  const added = after.indicators
    .map((indicator, index) => ({ index, indicator }))
    .filter(({ index }) => !pairedAfter.has(index));
  // Pairs are sorted by their old position; kept indicators are reordered if their new positions are not.
  const reordered = pairs.some(([, to], i) => i > 0 && to < pairs[i - 1]![1]);

  return {
    header,
    narrative,
    budget,
    indicators: { added, removed, changed, reordered },
    changeCount:
      header.length + narrative.length + budget.length + added.length + removed.length + changed.length,
  };
}
