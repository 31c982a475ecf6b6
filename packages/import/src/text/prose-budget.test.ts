import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { readProseBudget } from './prose-budget.ts';

describe('readProseBudget', () => {
  it('takes the one amount the text gives as the project’s money', () => {
    const budget = {};
    const warning = readProseBudget(budget, '根据《关于下达…的通知》资金50万元,实施下马关镇种植项目');
    expect(budget).toEqual({ currentYear: 500_000 });
    expect(warning?.code).toBe('import.budget_from_text');
    expect(warning?.zh).toContain('资金50万元');
  });

  it('takes nothing when the text names several amounts, or only targets', () => {
    const budget = {};
    expect(readProseBudget(budget, '下达彩票公益金资金61.35万元,其中慰问费资金1.35万元')).toBeNull();
    expect(readProseBudget(budget, '经济效益指标:特色产业产值≥80万元')).toBeNull();
    expect(budget).toEqual({});
  });

  it('never replaces a printed budget', () => {
    const budget = { currentYear: 2_030_000 };
    expect(readProseBudget(budget, '涉及资金203万元')).toBeNull();
    expect(budget).toEqual({ currentYear: 2_030_000 });
  });
});

describe('a form with its money in a cell beside a caption', () => {
  it('reads `其中:财政拨款 203` with a space for the colon', () => {
    const text = [
      '项目支出绩效目标表',
      '项目名称 | 城乡居民医保补助 |',
      '预算单位 | 温泉县医疗保障局 |',
      '项目资金 (万元) |',
      '年度资金总额:203 |',
      '其中:财政拨款 203 |',
      '一级指标 | 二级指标 | 三级指标 | 指标值 |',
      '产出指标 | 数量指标 | 参保人数 | ≥5000人 |',
      '填表人：',
    ].join('\n');
    expect(importText(text).tables[0]?.budget).toMatchObject({ total: 2_030_000, currentYear: 2_030_000 });
  });
});

describe('the execution a self-evaluation report states in its text', () => {
  const report = (text: string) =>
    importText(
      [
        '某镇2023年度项目支出绩效自评报告',
        text,
        '项目支出绩效自评表（2023年度）',
        '项目名称\t教育专项工作经费',
        '实施单位\t某县第一小学',
        '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
        '产出指标\t数量指标\t培训人次\t≥100人\t120人\t50\t50',
        '满意度指标\t服务对象满意度指标\t学校满意度\t≥95%\t98%\t40\t40',
        '填表人：王五',
        '',
      ].join('\n'),
    ).tables.at(-1);

  it('reads the budget and what was spent that the stated rate makes a share of each other', () => {
    const table = report(
      '2023年度项目财政资金总额16.20万元，全部为县级配套资金，拨付使用16.20万元，预算执行率100%。',
    );
    expect(table?.budget).toMatchObject({ adjusted: 162_000, executed: 162_000 });
    expect(table?.warnings.map((w) => w.code)).toContain('import.budget_from_text');
  });

  it('finds the budget in an earlier sentence, past the parts it lists', () => {
    const table = report(
      '2022年补助经费预算数30075万元，其中：中央补助资金11375万元，自治区补助3953万元。资金执行总量29675万元，预算执行率为98.67%。',
    );
    expect(table?.budget).toMatchObject({ adjusted: 300_750_000, executed: 296_750_000 });
  });

  it('takes nothing when no amount of the text explains the rate', () => {
    const table = report('预算安排50万元，实际支出30万元，预算执行率90%。');
    expect(table?.budget.adjusted).toBeUndefined();
    expect(table?.budget.executed).toBeUndefined();
  });
});
