import type { Indicator } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { groupIndicators, moveIndicator, renameGroup } from './indicator-groups.ts';

const indicator = (level1: string | null, level2: string | null, name: string): Indicator => ({
  level1,
  level2,
  name,
  target: parseTarget('>=95%'),
});

describe('indicator groups', () => {
  const list = [
    indicator('产出目标', '数量', 'a'),
    indicator('产出目标', '数量', 'b'),
    indicator('产出目标', '质量', 'c'),
    indicator('效果目标', '社会效益', 'd'),
  ];

  it('groups consecutive rows by level 1 then level 2, like the merged cells of the form', () => {
    const groups = groupIndicators(list);
    expect(groups.map((g) => [g.level1, g.start, g.end])).toEqual([
      ['产出目标', 0, 2],
      ['效果目标', 3, 3],
    ]);
    expect(groups[0]?.groups.map((g) => [g.level2, g.indices])).toEqual([
      ['数量', [0, 1]],
      ['质量', [2]],
    ]);
  });

  it('moves and renames without touching the input', () => {
    expect(moveIndicator(list, 0, 1).map((i) => i.name)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveIndicator(list, 0, -1)).toBe(list);
    const renamed = renameGroup(list, [0, 1, 2], 'level1', '产出指标');
    expect(renamed.map((i) => i.level1)).toEqual(['产出指标', '产出指标', '产出指标', '效果目标']);
    expect(list[0]?.level1).toBe('产出目标');
  });
});
