import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A clerk who names a timeliness indicator by its time frame (`2022年全年`) puts a date where the name
// goes: the row's other cells, quantities under 指标值 and 实际完成值, show that the date is the name.
function form(rows: string[]): string {
  return [
    '项目支出绩效自评表',
    '(2022年度)',
    '项目名称 | 数字阅读推广 | |||',
    '实施单位 | 某市图书馆 | |||',
    '一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分 |',
    '产出指标 | 数量指标 | 推广活动场次 | ≥12场 | 12场 | 10 |',
    ...rows,
    '满意度指标 | 服务对象满意度指标 | 读者满意度 | ≥90% | 95% | 10 |',
    '合计 | | | | | 30 |',
  ].join('\n');
}

describe('a time frame in the name column', () => {
  it.each([
    ['beside its label', ['时效指标 | 2022年全年 | ≥360天 | ≥360天 | |']],
    [
      'under a row of its group',
      ['时效指标 | 活动按时开展率 | 100% | 100% | 10 |', '2022年全年 | ≥360天 | ≥360天 | |'],
    ],
  ])(
    'reads `2022年全年 | ≥360天 | ≥360天` (no score of its own) %s as the indicator 2022年全年',
    (_, rows) => {
      const [table] = importText(form(rows)).tables;
      const row = table?.indicators.find((i) => i.name === '2022年全年');
      expect(row?.level2).toBe('时效指标');
      expect(row?.target).toMatchObject({ operator: '>=', value: 360, unit: '天' });
      expect(table?.indicators).toHaveLength(rows.length + 2);
    },
  );

  it('does not name a row by a deadline that its actual answers with a date', () => {
    // The row's cells are a target and an actual of one kind (dates): its name cell was left empty, and
    // the deadline is its target (the row is then named by its label).
    const [table] = importText(form(['时效指标 | 2022年底前 | 2022年12月 | 10 |'])).tables;
    const row = table?.indicators.find((i) => i.level2 === '时效指标');
    expect(row?.name).not.toBe('2022年底前');
    expect(row?.target).toMatchObject({ kind: 'date', date: '2022-12' });
  });
});

// A row whose cells fill every value column in order (target, actual, 分值, 得分) has its first cell in the
// name column, whatever it reads as; the template's one-line rows put a deadline there (`2022年底之前`).
function spaced(rows: string[]): string {
  return [
    '项目支出绩效自评表',
    '(2022年度)',
    '项目名称 科技培训经费',
    '主管部门 某县科学技术局 实施单位 某县科学技术局',
    '绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施',
    '产出指标(50分) 数量指标 开展培训活动 ≥3次 3 10 10',
    ...rows,
    '满意度指标(10分) 满意度指标 学员满意度 ≥90% 95% 10 10',
    '总分 100 100',
  ].join('\n');
}

describe('a value in the name column of a full row', () => {
  it('names the row by a deadline printed in its name column', () => {
    const [table] = importText(spaced(['时效指标 2022年底之前 2022年底之前 达成预期指标 10 10'])).tables;
    const row = table?.indicators.find((i) => i.level2 === '时效指标');
    expect(row?.name).toBe('2022年底之前');
    expect(row?.target).toMatchObject({ kind: 'date', date: '2022-12' });
    expect(row?.actual).toBe('达成预期指标');
    expect(row?.score).toBe(10);
  });

  it('does not take the target of a row one cell short (its name lost) for a name', () => {
    const [table] = importText(spaced(['时效指标 2022年底之前 达成预期指标 10 10'])).tables;
    expect(table?.indicators.map((i) => i.name)).not.toContain('2022年底之前');
  });
});
