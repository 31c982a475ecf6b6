import type { Indicator } from '@jixiao/core/tables/table.schema';

/** A run of indicators sharing level 2 inside a level-1 group; `indices` point into the flat array. */
export interface Level2Group {
  level2: string | null;
  indices: number[];
}

export interface Level1Group {
  level1: string | null;
  groups: Level2Group[];
  /** First and last flat index covered, for inserting after the group. */
  start: number;
  end: number;
}

/**
 * Groups the flat indicator list the way the printed form merges its level cells: consecutive rows with
 * the same level 1, and within them consecutive rows with the same level 2.
 */
export function groupIndicators(indicators: Indicator[]): Level1Group[] {
  const out: Level1Group[] = [];
  indicators.forEach((indicator, index) => {
    let top = out.at(-1);
    if (!top || top.level1 !== indicator.level1) {
      top = { level1: indicator.level1, groups: [], start: index, end: index };
      out.push(top);
    }
    top.end = index;
    let sub = top.groups.at(-1);
    if (!sub || sub.level2 !== indicator.level2) {
      sub = { level2: indicator.level2, indices: [] };
      top.groups.push(sub);
    }
    sub.indices.push(index);
  });
  return out;
}

/** Moves the indicator at `from` to `to` (both flat indices), returning a new array. */
export function moveIndicator(indicators: Indicator[], from: number, to: number): Indicator[] {
  if (to < 0 || to >= indicators.length || from === to) return indicators;
  const next = [...indicators];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/** Sets level 1 (or level 2 within a level-1 group) for every index of a group: renaming a merged cell. */
export function renameGroup(
  indicators: Indicator[],
  indices: number[],
  key: 'level1' | 'level2',
  name: string,
): Indicator[] {
  const set = new Set(indices);
  return indicators.map((indicator, i) => (set.has(i) ? { ...indicator, [key]: name } : indicator));
}
