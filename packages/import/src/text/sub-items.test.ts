import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A village's notice of what its subsidy achieved, printed as a scored grid: each ★ row carries the weight
// and score, the indented rows below it the targets and results, without a weight of their own.
const notice = [
  '2023年某社区特色种养殖补贴到户项目资金使用情况',
  '项目名称 2023年某社区特色种养殖补贴到户项目 项目负责人及电话 张三0557-0000000',
  '主管部门 县农业农村局 实施单位 某镇人民政府',
  '绩效指标 一级',
  '指标',
  '二级指标 三级指标 分值 年度指标值 全年实际值 得分 未完成原因及拟采取的改进措施',
  '(50分)',
  '数量指标 ★补助各类粮食作物种植面积 10 10',
  '        红薯种植面积 5.5亩 5.5亩',
  '★补助家畜家禽养殖数量 10 9',
  '        猪养殖数量 80头 76头',
  '        羊养殖数量 283只 283只',
  '质量指标 ★种植作物成活率 10 9 部分苗木受旱',
  '填报人:李四',
].join('\n');

describe('unscored sub-items under scored rows', () => {
  it('reads each sub-item with its target and actual, and leaves its weight and score empty', () => {
    const [table] = importText(notice).tables;
    expect(table?.indicators.map((i) => [i.name, i.target.raw, i.actual ?? null, i.weight ?? null])).toEqual([
      ['补助各类粮食作物种植面积', '', null, 10],
      ['红薯种植面积', '5.5亩', '5.5亩', null],
      ['补助家畜家禽养殖数量', '', null, 10],
      ['猪养殖数量', '80头', '76头', null],
      ['羊养殖数量', '283只', '283只', null],
      ['种植作物成活率', '', null, 10],
    ]);
  });

  it('takes a notice that reports results row by row for a self-evaluation, whatever its title says', () => {
    expect(importText(notice).tables[0]?.kind).toBe('self-evaluation');
  });
});
