import type { Indicator, PerformanceTable } from '@jixiao/core/tables/table.schema';

/** A new table as the editor starts it: next year's target table, nothing filled in. */
export function emptyTable(now: Date = new Date()): PerformanceTable {
  return {
    kind: 'target',
    year: now.getFullYear() + 1,
    unit: '',
    name: '',
    narrative: {},
    budget: {},
    indicators: [],
    warnings: [],
    incomplete: false,
  };
}

/** Deep equality of plain JSON values, as a draft and the stored table are. */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const valueAt = (table: PerformanceTable, path: string) =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], table);

/**
 * Before the first save attempt, only fields the user changed show their errors (no wall of red): an error
 * shows when its own value or its first two levels (an indicator row, a budget figure) differ from saved.
 */
export function pickTouched(
  errors: Record<string, string>,
  draft: PerformanceTable | null,
  saved: PerformanceTable | null,
): Record<string, string> {
  if (!draft || !saved) return {};
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(errors)) {
    const top = path.split('.').slice(0, 2).join('.');
    if (
      !sameValue(valueAt(draft, path), valueAt(saved, path)) ||
      !sameValue(valueAt(draft, top), valueAt(saved, top))
    )
      out[path] = text;
  }
  return out;
}

/** An adopted indicator goes after the last row of its level-1 and level-2 group, else at the end. */
export function withAdopted(indicators: readonly Indicator[], adopted: Indicator): Indicator[] {
  const key = (i: Indicator) => `${i.level1 ?? ''}\u0000${i.level2 ?? ''}`;
  let at = -1;
  indicators.forEach((i, index) => {
    if (key(i) === key(adopted)) at = index;
  });
  if (at < 0) return [...indicators, adopted];
  return [...indicators.slice(0, at + 1), adopted, ...indicators.slice(at + 1)];
}
