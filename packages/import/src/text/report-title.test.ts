import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A self-evaluation published as a report (written in the shape such pages take): the page has no form
// title (`…绩效自评表`), only the report's, and its indicators are clauses under level-2 captions.
describe('a self-evaluation report without a form title', () => {
  const report = (title: string) =>
    [
      title,
      '一、绩效目标分解下达情况',
      '下达专项资金预算80万元。',
      '二、绩效指标完成情况分析',
      '1.产出指标。',
      '(1)数量指标。',
      '培训基层干部人数年初任务数300人,全年完成值320人。',
      '(2)质量指标。',
      '培训合格率(≥**%)≥95%。',
    ].join('\n');

  it('is a self-evaluation when its title names a 自评报告 or a 绩效评价报告', () => {
    for (const title of [
      '某县农业农村局2023年度基层培训经费绩效自评报告',
      '某县司法局关于2021年度政法转移支付资金绩效的自评报告',
      '关于上报2023年基层培训经费项目支出绩效自评的报告',
      '某县文化馆2018年度项目支出绩效评价报告',
    ]) {
      const { tables } = importText(report(title));
      expect(
        tables.map((t) => t.kind),
        title,
      ).toEqual(['self-evaluation']);
    }
  });

  it('is a department-wide table when the report is of a whole department', () => {
    const { tables } = importText(report('某县文化馆2018年度部门整体支出绩效评价报告'));
    expect(tables.map((t) => t.kind)).toEqual(['department-wide']);
  });

  it('leaves a page without either title a target table', () => {
    const { tables } = importText(report('某县2023年度基层培训经费项目绩效目标公示'));
    expect(tables.map((t) => t.kind)).toEqual(['target']);
  });
});
