import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A table copied out of a web page one cell per line: only the caption row tells which line is which.
function form(captions: string[], rows: string[][]): string {
  return [
    '2023年度项目支出绩效目标表',
    '项目名称：村道养护',
    '实施单位：某镇人民政府',
    ...captions,
    ...rows.flat(),
    '填表人：王五',
  ].join('\n');
}

describe('one cell per line, columns beside the target', () => {
  it('reads the target printed after the weight (分值 | 指标值)', () => {
    const text = form(
      ['一级指标', '二级指标', '三级指标', '分值', '指标值'],
      [
        ['产出指标', '数量指标', '养护里程', '20', '≥12公里'],
        ['产出指标', '质量指标', '路面完好率', '15', '≥95%'],
        ['满意度指标', '服务对象满意度指标', '村民满意度', '10', '≥90%'],
      ],
    );
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.weight, i.target.raw])).toEqual([
      ['养护里程', 20, '≥12公里'],
      ['路面完好率', 15, '≥95%'],
      ['村民满意度', 10, '≥90%'],
    ]);
  });

  it('keeps an explanation line (反映…) in its row instead of reading it as an indicator', () => {
    const text = form(
      ['一级指标', '二级指标', '三级指标', '指标值', '指标解释'],
      [
        ['产出指标', '数量指标', '养护里程', '≥12公里', '反映养护里程完成情况'],
        ['产出指标', '质量指标', '路面完好率', '≥95%', '用于衡量养护质量'],
      ],
    );
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['养护里程', '路面完好率']);
  });
});
