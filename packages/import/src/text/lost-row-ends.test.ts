import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// Forms written in the shape a web page's table takes when copied one cell per line: most row ends are
// printed as `||`, one is lost, so two rows run on as one.
describe('one cell per line with a row end lost', () => {
  const form = (between: string[]) =>
    [
      '2021年度项目绩效目标表 |',
      '项目名称 |',
      '乡村公路养护补助 |',
      '实施单位 |',
      '某县交通运输局 |',
      '一级指标 |',
      '二级指标 |',
      '三级指标 |',
      '计量单位 |',
      '指标值 | |',
      '产出指标 |',
      '数量指标 |',
      '养护里程 |',
      '公里 |',
      '≥120公里 |',
      ...between,
      '路面完好率 |',
      '% |',
      '85% | |||',
      '||',
      '满意度指标 |',
      '服务对象满意度指标 |',
      '沿线群众满意度 |',
      '% |',
      '≥90% |',
      '||',
      '',
    ].join('\n');

  it('reads the cells after a row that filled its columns as the next row when they start with a name', () => {
    const [table] = importText(form([])).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.value, i.target.unit])).toEqual([
      ['数量指标', '养护里程', 120, '公里'],
      ['数量指标', '路面完好率', 85, '%'],
      ['服务对象满意度指标', '沿线群众满意度', 90, '%'],
    ]);
  });

  it('reads the same rows when the row end is printed', () => {
    const [table] = importText(form(['||'])).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['养护里程', '路面完好率', '沿线群众满意度']);
  });

  it('does not read free text after a row (a remark with no target after it) as a row', () => {
    const text = form(['按年度计划执行 |']).replace('路面完好率 |\n% |\n85% | |||\n', '');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['养护里程', '沿线群众满意度']);
  });
});
