import type { PreviewIndicator } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { mergeWithNext, missingCells, splitRow } from './row-edits.ts';

const row = (name: string, target: string, extra: Partial<PreviewIndicator> = {}): PreviewIndicator => ({
  level1: '产出指标',
  level2: '数量指标',
  name,
  target: parseTarget(target),
  direction: null,
  ...extra,
});

describe('splitRow', () => {
  it('cuts a fused name at its first separator; both rows keep levels and source lines', () => {
    const rows = [row('培训人次、培训场次', '≥500人次', { source: { line: 7, endLine: 7 } })];
    const out = splitRow(rows, 0);
    expect(out.map((r) => [r.name, r.target.raw, r.level2, r.source])).toEqual([
      ['培训人次', '≥500人次', '数量指标', { line: 7, endLine: 7 }],
      ['培训场次', '', '数量指标', { line: 7, endLine: 7 }],
    ]);
    expect(out[1]?.target.kind).toBe('missing');
  });

  it('cuts where the person put the caret', () => {
    const out = splitRow([row('覆盖率合格率', '100%')], 0, 3);
    expect(out.map((r) => r.name)).toEqual(['覆盖率', '合格率']);
  });

  it('leaves an unknown row alone', () => {
    const rows = [row('a', '1')];
    expect(splitRow(rows, 3)).toBe(rows);
  });
});

describe('mergeWithNext', () => {
  it('joins a wrapped name with the row below, keeps the target that was read, covers both rows’ lines', () => {
    const rows = [
      row('义务教育阶段学生', '', { source: { line: 4, endLine: 4 } }),
      row('资助覆盖率', '=100%', { source: { line: 5, endLine: 6 }, weight: 10 }),
      row('其他', '1项'),
    ];
    const out = mergeWithNext(rows, 0);
    expect(out).toHaveLength(2);
    expect(out[0]?.name).toBe('义务教育阶段学生资助覆盖率');
    expect(out[0]?.target.value).toBe(100);
    expect(out[0]?.target.operator).toBe('=');
    expect(out[0]?.weight).toBe(10);
    expect(out[0]?.source).toEqual({ line: 4, endLine: 6 });
    expect(out[1]?.name).toBe('其他');
  });

  it('does nothing on the last row', () => {
    const rows = [row('a', '1')];
    expect(mergeWithNext(rows, 0)).toBe(rows);
  });
});

describe('missingCells', () => {
  it('names the empty cells of a row, the scoring ones only on a self-evaluation', () => {
    expect(missingCells(row('x', ''), false)).toEqual(['target']);
    expect(missingCells(row('x', '5人', { actual: '5人', weight: 10 }), true)).toEqual(['score']);
    expect(missingCells({ ...row('', '1'), level1: null }, false)).toEqual(['name', 'level1']);
  });
});
