import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A clerk who closes a name with a stop (a written self-evaluation in that shape): the name is still a name
// when its row holds a target; a note or a sentence of prose in the table has no value cells.
describe('a name closed with a stop', () => {
  const form = (row: string) =>
    [
      '2022年度项目支出绩效自评表',
      '项目名称  农村饮水安全维修养护补助',
      '实施单位  某县水利局',
      '一级指标  二级指标  三级指标  年度指标值  全年完成值  未完成原因',
      '产出指标  数量指标  维修养护集中供水工程  12处  12处',
      row,
      '满意度指标  服务对象满意度指标  受益群众满意度  ≥90%  95%',
      '',
    ].join('\n');

  it('reads the row when its name ends in a stop and a target stands beside it', () => {
    const [table] = importText(form('质量指标  维修工程验收合格。  验收合格率100%  100%')).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.value, i.actual])).toEqual([
      ['数量指标', '维修养护集中供水工程', 12, '12处'],
      ['质量指标', '维修工程验收合格。', 100, '100%'],
      ['服务对象满意度指标', '受益群众满意度', 90, '95%'],
    ]);
  });

  it('still skips a sentence with no value beside it', () => {
    const [table] = importText(form('质量指标  工程验收合格率  100%  100%\n工程已全部按期完成验收。')).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual([
      '维修养护集中供水工程',
      '工程验收合格率',
      '受益群众满意度',
    ]);
  });

  it('still skips two sentences even with a figure after them', () => {
    const [table] = importText(
      form('质量指标  工程验收合格率  100%  100%\n工程已验收。资金已拨付。  100%'),
    ).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual([
      '维修养护集中供水工程',
      '工程验收合格率',
      '受益群众满意度',
    ]);
  });
});
