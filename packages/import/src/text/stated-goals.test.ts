import { describe, expect, it } from 'vitest';
import { readIndicatorStream } from './stream-indicators.ts';

// Targets written as prose under their level-2 labels (written in the shape such attachments take): a short
// statement with no figure that states a state reached is its own qualitative target.
describe('a statement of a state reached, as its own target', () => {
  const text = (sustained: string) =>
    [
      '一、产出指标',
      '数量指标:新建温室大棚(≥**座)≥20座;质量指标:大棚验收合格率(≥**%)≥95%。',
      '二、效益指标',
      `效益指标:经济效益指标:带动农户增收(≥**万元)≥50万元;生态效益指标:土壤质量改善。${sustained}`,
      '三、满意度指标',
      '服务对象满意度指标,受益农户满意度(≥**%)≥90%。',
    ].join('\n');

  it('reads 持续发展 and 协调发展 after their labels as rows that name themselves', () => {
    const { indicators } = readIndicatorStream(text('可持续影响指标,产业持续发展。'), 1, 2023);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '新建温室大棚', '≥20座'],
      ['质量指标', '大棚验收合格率', '≥95%'],
      ['经济效益指标', '带动农户增收', '≥50万元'],
      ['生态效益指标', '土壤质量改善', '土壤质量改善'],
      ['可持续影响指标', '产业持续发展', '产业持续发展'],
      ['服务对象满意度指标', '受益农户满意度', '≥90%'],
    ]);
    const other = readIndicatorStream(text('可持续影响指标:城乡协调发展。'), 1, 2023).indicators;
    expect(other.find((i) => i.level2 === '可持续影响指标')?.name).toBe('城乡协调发展');
  });

  it('still leaves a long sentence ending so as prose', () => {
    const { indicators } = readIndicatorStream(
      text('可持续影响指标,通过项目实施带动周边乡镇设施农业产业长期稳步持续发展。'),
      1,
      2023,
    );
    expect(indicators.some((i) => i.level2 === '可持续影响指标')).toBe(false);
  });
});
