import { describe, expect, it } from 'vitest';
import { dropBrokenFontLetters, importText } from './import-text.ts';

// A form one cell per line whose extraction lost the row end after the caption row, so that the last
// caption and the first row's level-1 cell are one cell, with letters of a broken font glued to it
// (written in that shape).
describe('the last caption run into the first level-1 cell', () => {
  const form = (glued: string) =>
    [
      '2020年度部门专项资金绩效目标表',
      '专项名称',
      '社区养老服务补助',
      '一级指标',
      '二级指标',
      '指标内容',
      '指标值',
      glued,
      '数量指标',
      '建成日间照料中心',
      '12个',
      '质量指标',
      '照料中心验收合格率',
      '100%',
      '满意度指标',
      '服务对象满意度指标',
      '老年人满意度',
      '≥90%',
      '',
    ].join('\n');

  it('reads the caption and the level-1 label as two cells', () => {
    const [table] = importText(form('备注产出指标')).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.value])).toEqual([
      ['产出指标', '数量指标', '建成日间照料中心', 12],
      ['产出指标', '质量指标', '照料中心验收合格率', 100],
      ['满意度指标', '服务对象满意度指标', '老年人满意度', 90],
    ]);
  });

  it('reads them so with letters of a broken font glued to the cell', () => {
    const [table] = importText(form('备注产出指标ຫໍສະໝຸດ')).tables;
    expect(table?.indicators.map((i) => [i.level1, i.name])).toEqual([
      ['产出指标', '建成日间照料中心'],
      ['产出指标', '照料中心验收合格率'],
      ['满意度指标', '老年人满意度'],
    ]);
  });

  it('keeps a name that only holds such words as one cell', () => {
    const text = form('产出指标').replace('建成日间照料中心', '备注信息完整率指标');
    const [table] = importText(text).tables;
    expect(table?.indicators[0]?.name).toBe('备注信息完整率指标');
  });
});

describe('letters of a broken font', () => {
  it('are removed where they touch a Chinese character, and kept standing apart', () => {
    expect(dropBrokenFontLetters('指标值ຫໍສະໝຸດ')).toBe('指标值');
    expect(dropBrokenFontLetters('ابت产出')).toBe('产出');
    expect(dropBrokenFontLetters('项目 Москва 2020')).toBe('项目 Москва 2020');
  });

  it('are read in linear time on a long run', () => {
    const run = 'ຫ'.repeat(200_000);
    const started = performance.now();
    expect(dropBrokenFontLetters(`${run} 产出`)).toBe(`${run} 产出`);
    expect(dropBrokenFontLetters(`产出${run}`)).toBe('产出');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
