import { describe, expect, it } from 'vitest';
import {
  isBoilerplateNarrative,
  isGenericOutputName,
  isRateName,
  nameHasPlaceholder,
  nameSuggestsReverse,
  numberInName,
} from './indicator-words.ts';

describe('indicator words', () => {
  it('knows rates and shares from names', () => {
    for (const name of ['信息公开实现率', '覆盖比例', '资金占比', '游客满意度', '验收合格率（%）']) {
      expect(isRateName(name), name).toBe(true);
    }
    for (const name of ['工作效率', '参观人数', '资格审核（含复审）规范性'])
      expect(isRateName(name), name).toBe(false);
  });

  it('knows reverse indicators, but not the handling of what they count', () => {
    for (const name of ['项目建设成本', '安全事故发生次数', '投诉率', '产品不合格率', '单位培训费用']) {
      expect(nameSuggestsReverse(name), name).toBe(true);
    }
    for (const name of [
      '投诉处理率',
      '成本节约率',
      '资金支出进度',
      '污染物排放达标率',
      '费用报销及时率',
      '参观人数',
    ]) {
      expect(nameSuggestsReverse(name), name).toBe(false);
    }
  });

  it('finds numbers written into names, not years, ages or time spans', () => {
    expect(numberInName('提升园区科创成果知名度20%')).toBe('20%');
    expect(numberInName('村组干部230人')).toBe('230人');
    expect(numberInName('2020年度培训计划完成率')).toBeNull();
    expect(numberInName('65岁以上老年人健康管理率')).toBeNull();
    expect(numberInName('24小时热线接通率')).toBeNull();
    expect(numberInName('3个工作日内办结率')).toBeNull();
  });

  it('finds template placeholders and generic outputs', () => {
    expect(nameHasPlaceholder('培训人数(≥**人)')).toBe(true);
    expect(nameHasPlaceholder('指标1：')).toBe(true);
    expect(nameHasPlaceholder('培训人数')).toBe(false);
    expect(isGenericOutputName('项目完成率')).toBe(true);
    expect(isGenericOutputName('项目目标实现率')).toBe(true);
    expect(isGenericOutputName('完成接待任务及时性')).toBe(false);
  });

  it('tells boilerplate narratives from short real ones', () => {
    for (const text of ['无', '见附件。', '按计划执行', '按照各项目工作实施计划执行', '略']) {
      expect(isBoilerplateNarrative(text), text).toBe(true);
    }
    for (const text of ['《上海市科学技术普及条例》', '1-3月招标，4-11月实施，12月验收', '']) {
      expect(isBoilerplateNarrative(text), text).toBe(false);
    }
  });
});
