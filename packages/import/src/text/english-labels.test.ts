import { fieldOfLabel, gridColumnOfLabel, kindOfTitle } from '@jixiao/core/export/official-layout';
import { describe, expect, it } from 'vitest';
import { readEnglishLabels } from './english-labels.ts';
import { importText } from './import-text.ts';

describe('readEnglishLabels', () => {
  it('writes each English label as the Chinese label core prints for the same field', () => {
    const text = [
      'Performance Targets of Project Expenditure',
      '(Fiscal year 2021)',
      'Budget unit:\t某局',
      'Project name: 学校维修 Project category: 经常性项目',
      'Total project budget (yuan): 1,000 Budget for the year (yuan): 800',
      'Performance targets 2021',
    ].join('\n');
    const lines = readEnglishLabels(text).split('\n');
    expect(kindOfTitle(lines[0] ?? '')).toBe('target');
    expect(lines[1]).toBe('（2021年度）');
    const [unitLabel] = (lines[2] ?? '').split('\t');
    expect(fieldOfLabel(unitLabel ?? '')).toBe('unit');
    const cells = (lines[3] ?? '').split(' ');
    expect([fieldOfLabel(cells[0] ?? ''), cells[1], fieldOfLabel(cells[2] ?? ''), cells[3]]).toEqual([
      'name',
      '学校维修',
      'category',
      '经常性项目',
    ]);
    const money = (lines[4] ?? '').split(' ');
    expect(money.map((c) => fieldOfLabel(c))).toEqual(['budget.total', null, 'budget.currentYear', null]);
    expect(lines[5]).toBe('2021年绩效目标');
  });

  it('joins a label a PDF cell cut at its edge with its end on the next line, and its Yes/No', () => {
    const text = [
      'Performance Targets of Project Expenditure',
      'Includes government-p No Performance type: 事业类',
      'urchased services:',
      'Same project, prior-year budget 5,000 Same project, prior-year spendin 4,000',
      '(yuan): g (yuan):',
    ].join('\n');
    const lines = readEnglishLabels(text).split('\n');
    const [label, value, typeLabel, type] = (lines[1] ?? '').split(/\s+/);
    expect([fieldOfLabel(label ?? ''), value, fieldOfLabel(typeLabel ?? ''), type]).toEqual([
      'governmentProcurement',
      '否',
      'performanceType',
      '事业类',
    ]);
    expect(lines[2]).toBe('');
    const money = (lines[3] ?? '').split(/\s+/);
    expect(money.map((c) => fieldOfLabel(c))).toEqual([
      'budget.priorYearBudget',
      null,
      'budget.priorYearExecuted',
      null,
    ]);
    expect(lines[4]).toBe('');
  });

  it('rebuilds the grid caption row, with a caption wrapped above and below it, in the layout’s order', () => {
    const text = [
      'Self-Evaluation of Project Expenditure Performance',
      'Reasons for deviation a',
      'Level 1 Level 2 Indicator Weight Annual target Actual Score How the score was computed',
      'nd improvements',
    ].join('\n');
    const lines = readEnglishLabels(text).split('\n');
    expect([lines[1], lines[3]]).toEqual(['', '']);
    expect((lines[2] ?? '').split(' ').map((c) => gridColumnOfLabel(c) ?? c)).toEqual([
      'level1',
      'level2',
      'name',
      'weight',
      'target',
      'actual',
      'score',
      // The 自评表 prints 得分说明 in the explanation column.
      '得分说明',
      'deviationReason',
    ]);
  });

  it('leaves Chinese text, and English text that is no Jixiao form, as it is', () => {
    const zh = '财政项目支出绩效目标表\n（2020年度）\n项目名称： 学校维修\n';
    expect(readEnglishLabels(zh)).toBe(zh);
    const other = 'Level 1 training\nBudget unit: the school\n';
    expect(readEnglishLabels(other)).toBe(other);
  });

  it('a form typed with the English labels imports like the Chinese one', () => {
    const form = (labels: 'zh' | 'en') =>
      (labels === 'en'
        ? [
            'Performance Targets of Project Expenditure',
            '(Fiscal year 2022)',
            'Budget unit:\t某区教育局',
            'Project name:\t校舍维修\tProject category:\t经常性项目',
            'Level 1\tLevel 2\tIndicator\tTarget value',
          ]
        : [
            '财政项目支出绩效目标表',
            '（2022年度）',
            '申报单位名称：\t某区教育局',
            '项目名称：\t校舍维修\t项目类别：\t经常性项目',
            '一级目标\t二级目标\t三级目标\t指标目标值',
          ]
      )
        .concat([
          '产出指标\t数量指标\t维修校舍数\t>=5所',
          '满意度指标\t服务对象满意度指标\t师生满意度\t>=90%',
        ])
        .join('\n');
    const zh = importText(form('zh'));
    const en = importText(form('en'));
    expect(zh.tables).toHaveLength(1);
    expect(en).toEqual(zh);
  });
});
