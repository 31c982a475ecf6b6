import { describe, expect, it } from 'vitest';
import { cleanName } from './indicators.ts';
import { readIndicatorStream } from './stream-indicators.ts';

// Names as report prose prints them (written in the shape such reports take): the level-2 caption in
// brackets with its colon before the name, and the name compared with the target before the target.
describe('a name between a bracketed caption and its comparison with the target', () => {
  it('drops what is left of a bracketed caption and its colon before the name', () => {
    expect(cleanName('):学校满意度')).toBe('学校满意度');
    expect(cleanName('）：受益群众满意度')).toBe('受益群众满意度');
    // A bracket alone may be a cut name's: it is left for the row constraints to doubt.
    expect(cleanName(')学校满意度')).toBe(')学校满意度');
  });

  it('drops a comparison with the year’s target at the end of the name', () => {
    expect(cleanName('学校满意度大于年度指标值')).toBe('学校满意度');
    expect(cleanName('资金到位率达到年度目标值')).toBe('资金到位率');
    expect(cleanName('群众满意度不低于指标值')).toBe('群众满意度');
    // Nothing else left: the caption stays as it is.
    expect(cleanName('年度指标值')).toBe('年度指标值');
  });

  it('reads the row of a report’s satisfaction clause by its own name', () => {
    const text = [
      '1.产出指标',
      '①数量指标:培训人数(≥**人)≥200人。',
      '(3)满意度指标(服务对象满意度指标):学校满意度大于年度指标值≥95%。',
    ].join('\n');
    const { indicators } = readIndicatorStream(text, 1, 2023);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw])).toContainEqual([
      '服务对象满意度指标',
      '学校满意度',
      '≥95%',
    ]);
  });
});
