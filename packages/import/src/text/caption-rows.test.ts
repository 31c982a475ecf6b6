import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A caption row wrapped onto a second line of its own words (a 自评表 exported as space-separated text).
describe('a caption row wrapped onto a line of its own', () => {
  it('reads no indicator from the wrapped captions (符号, 单位(文字描述), 权重占比(%))', () => {
    const text = [
      '2020年度预算项目绩效自评表',
      '项目名称 高龄津贴发放',
      '实施单位 某县民政局',
      '一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分',
      '符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分',
      '产出指标 质量指标 申报对象覆盖率 25 >=98% 100% 完成 25',
      '满意度指标 服务对象满意度指标 服务对象满意度 10 >=95% 100% 完成 10',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['申报对象覆盖率', '服务对象满意度']);
  });
});
