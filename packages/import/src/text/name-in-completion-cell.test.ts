import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A self-evaluation whose completion column repeats the row's name before the figure achieved (written in the
// shapes a web page and a spreadsheet print it): the repeated name is no second row, the figure is the actual.
describe("a row's name printed again in its completion cell", () => {
  const cells = (name: string, again: string) =>
    [
      '转移支付区域(项目)绩效目标自评表 (2022)',
      '转移支付(项目)名称',
      '2022年农村环境整治资金',
      '实施单位',
      '某县生态环境分局',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '全年完成值',
      '未完成原因和改进措施',
      '产出指标',
      '数量指标',
      name,
      '8个',
      again,
      '6',
      '两个村的选址调整后重新报批,工程顺延至次年完成。',
      '满意度指标',
      '服务对象满意度指标',
      '村民满意度',
      '≥90%',
      '93%',
      '',
    ].join('\n\n');

  it('one cell per paragraph: reads the figure after the repeated name as the actual', () => {
    const [table] = importText(cells('完成整治村庄数', '完成整治村庄数')).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['完成整治村庄数', '村民满意度']);
    expect(table?.indicators[0]?.target.raw).toBe('8个');
    expect(table?.indicators[0]?.actual).toBe('6');
  });

  it('rows: reads the repeated name on the row as the completion cell', () => {
    const text = [
      '转移支付区域(项目)绩效目标自评表 (2022)',
      '转移支付(项目)名称  2022年农村环境整治资金',
      '一级指标  二级指标  三级指标  年度指标值  全年完成值  未完成原因和改进措施',
      '产出指标  数量指标  完成整治村庄数  8个  完成整治村庄数  6  选址调整',
      '满意度指标  服务对象满意度指标  村民满意度  ≥90%  93%',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.raw, i.actual])).toEqual([
      ['完成整治村庄数', '8个', '6'],
      ['村民满意度', '≥90%', '93%'],
    ]);
  });

  it('still reads another name after a row as a row of its own', () => {
    const [table] = importText(cells('完成整治村庄数', '新建污水处理设施数')).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual([
      '完成整治村庄数',
      '新建污水处理设施数',
      '村民满意度',
    ]);
  });
});
