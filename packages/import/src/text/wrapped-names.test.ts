import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// Numbered names (指标1:…) wrapped in their cells, the tail printed as a cell of its own by text extracted
// with spaces (written in that shape).
const form = (rows: string[]) =>
  [
    '某县项目支出绩效自评表 (2021年度)',
    '项目名称 城乡居民医保补助 实施单位 某县医疗保险服务中心',
    '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分',
    ...rows,
    '填表人:',
  ].join('\n');

describe('a numbered name wrapped in its cell', () => {
  it('joins the tail back onto the name when a figure follows it', () => {
    const [table] = importText(
      form([
        '产出指标 质量指标 指标1:资金是否全部纳入医 保统筹 100% 100% 15 15',
        '时效指标 指标1:资金是否全部及时纳 入 100% 100% 10 10',
      ]),
    ).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.raw, i.actual, i.weight, i.score])).toEqual([
      ['资金是否全部纳入医保统筹', '100%', '100%', 15, 15],
      ['资金是否全部及时纳入', '100%', '100%', 10, 10],
    ]);
  });

  it('keeps a short qualitative target after a numbered name as the target', () => {
    const [table] = importText(form(['产出指标 质量指标 指标1:工程验收情况 合格 合格 15 15'])).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.raw])).toEqual([['工程验收情况', '合格']]);
  });
});
