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
