import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A caption row run together with the first row after it (an .xlsx preview flattens the sheet): the
// caption row holds no figures, so a cell the vocabulary does not know with a figure after it is the first
// row's name (a form written in that shape).
describe('caption row run into the first row', () => {
  it('reads an unknown cell followed by a figure as the first row, not as a caption', () => {
    const text =
      '2023年度农机购置补贴资金绩效目标表 项目名称 农机购置补贴资金 实施单位 某县农业农村局 ' +
      '一级指标 二级指标 三级指标 年度目标指标值 补贴机具台数 1260 补贴受益农户数 ≥800户 ' +
      '农机化率 75% 满意度指标 服务对象满意度指标 受益农户满意度 ≥90%\n';
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.value])).toEqual([
      ['补贴机具台数', 1260],
      ['补贴受益农户数', 800],
      ['农机化率', 75],
      ['受益农户满意度', 90],
    ]);
  });

  it('still keeps an unknown caption without a figure after it as a column', () => {
    const text = [
      '2023年度农机购置补贴资金绩效目标表',
      '项目名称  农机购置补贴资金',
      '一级指标  二级指标  三级指标  指标值  考核方式',
      '产出指标  数量指标  补贴机具台数  1260台  抽查',
      '满意度指标  服务对象满意度指标  受益农户满意度  ≥90%  问卷',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.raw, i.explanation])).toEqual([
      ['补贴机具台数', '1260台', '抽查'],
      ['受益农户满意度', '≥90%', '问卷'],
    ]);
  });
});

// A form flattened onto one line that prints its caption row again (a second page): the repeated captions end
// at the next level label, the rows after it are read (written in that shape).
describe('caption row printed again in a form flattened onto one line', () => {
  it('reads the rows after the repeated captions', () => {
    const text =
      '2022年度项目支出绩效目标表 项目名称 城区绿化养护经费 实施单位 某区园林绿化中心 ' +
      '一级指标 二级指标 三级指标 指标值 产出指标 数量指标 养护绿地面积 ≥120万平方米 ' +
      '一级指标 二级指标 三级指标 指标值 质量指标 苗木成活率 ≥95% ' +
      '满意度指标 服务对象满意度指标 市民满意度 ≥90%\n';
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.value])).toEqual([
      ['数量指标', '养护绿地面积', 120],
      ['质量指标', '苗木成活率', 95],
      ['服务对象满意度指标', '市民满意度', 90],
    ]);
  });
});
