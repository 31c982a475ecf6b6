import { describe, expect, it } from 'vitest';
import { splitTargetAndActual, splitWeightAndScore } from './fused-cells.ts';
import { importText } from './import-text.ts';

describe('splitWeightAndScore', () => {
  it('splits weight and score printed without a separator', () => {
    expect(splitWeightAndScore('1515')).toEqual({ weight: 15, score: 15 });
    expect(splitWeightAndScore('107.5')).toEqual({ weight: 10, score: 7.5 });
    expect(splitWeightAndScore('2018.5')).toEqual({ weight: 20, score: 18.5 });
    expect(splitWeightAndScore('123')).toEqual({ weight: 12, score: 3 });
  });

  it('prefers the equal pair a met target gives', () => {
    // 1005 could be 100 | 5 or 10 | 05 (a leading zero: no); 2020 is 20 | 20 rather than 2 | 020.
    expect(splitWeightAndScore('1005')).toEqual({ weight: 100, score: 5 });
    expect(splitWeightAndScore('2020')).toEqual({ weight: 20, score: 20 });
  });

  it('leaves a number that is a weight by itself, and refuses ambiguous runs', () => {
    expect(splitWeightAndScore('100')).toBeNull();
    expect(splitWeightAndScore('55')).toBeNull();
    // 3025 is 30 | 25 or 3 | 025 (no) or 302 | 5 (over 100): 30 | 25; 1098 is 10 | 98? (over its weight) or 109 | 8 (no).
    expect(splitWeightAndScore('3025')).toEqual({ weight: 30, score: 25 });
    expect(splitWeightAndScore('1098')).toBeNull();
  });
});

describe('a form whose 分值 and 得分 share one caption (分值得分)', () => {
  it('reads the weight and score of each row from the one cell, the 预算执行率 row’s too', () => {
    const text = [
      '2022年度项目支出绩效自评表',
      '项目名称：某项目',
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值得分\t偏差原因分析及改进措施',
      '产出指标\t数量指标\t培训人数\t≥300人\t320人\t1515\t',
      '产出指标\t质量指标\t合格率\t≥95%\t90%\t109\t',
      '满意度指标\t服务对象满意度指标\t满意度\t≥90%\t95%\t88\t',
      '预算执行率\t预算执行率\t预算执行率\t100%\t95%\t2019\t',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.weight, i.score])).toEqual([
      ['培训人数', 15, 15],
      ['合格率', 10, 9],
      ['满意度', 8, 8],
    ]);
    expect(table?.budget).toMatchObject({ executionWeight: 20, executionScore: 19 });
  });
});

describe('splitWeightAndScore under one caption for both (分值得分)', () => {
  it('splits a short run too, where exactly one split fits', () => {
    expect(splitWeightAndScore('88', true)).toEqual({ weight: 8, score: 8 });
    expect(splitWeightAndScore('109', true)).toEqual({ weight: 10, score: 9 });
    // 5 | 9 would score over its weight.
    expect(splitWeightAndScore('59', true)).toBeNull();
  });
});

describe('a self-evaluation row whose weight and score ran together', () => {
  it('reads both from the one cell', () => {
    const text = [
      '2023年度项目支出绩效自评表',
      '项目名称 森林抚育 实施单位 某县林业局',
      '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分',
      '产出指标 数量指标 抚育面积 ≥1.2万亩 1.2万亩 1515',
      '效益指标 生态效益指标 森林覆盖率 ≥45% 44% 2018.5',
      '合计',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.name, i.actual, i.weight, i.score])).toEqual([
      ['抚育面积', '1.2万亩', 15, 15],
      ['森林覆盖率', '44%', 20, 18.5],
    ]);
  });
});

describe('weights that add up to no scheme', () => {
  const form = (weights: number[]) =>
    [
      '2023年度项目支出绩效自评表',
      '项目名称 乡村道路养护 实施单位 某镇人民政府',
      '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分',
      `产出指标 数量指标 养护道路里程 ≥120公里 126公里 ${weights[0]} ${weights[0]}`,
      `产出指标 质量指标 养护合格率 ≥95% 96% ${weights[1]} ${weights[1]}`,
      `满意度指标 服务对象满意度指标 群众满意度 ≥90% 92% ${weights[2]} ${weights[2]}`,
      '合计',
      '',
    ].join('\n');

  it('asks for a check when the row weights add up to 75', () => {
    const [table] = importText(form([50, 15, 10])).tables;
    const warning = table?.warnings.find((w) => w.code === 'import.weights_total');
    expect(warning?.zh).toContain('75');
    expect(warning?.en).toContain('75');
  });

  it('says nothing when they add up to a scheme total', () => {
    const [table] = importText(form([50, 30, 10])).tables;
    expect(table?.warnings.some((w) => w.code === 'import.weights_total')).toBe(false);
  });
});

describe('target and actual run together', () => {
  it('splits two figures with the same unit, the first keeping its sign', () => {
    expect(splitTargetAndActual('100%100%')).toEqual({ target: '100%', actual: '100%' });
    expect(splitTargetAndActual('≥95%97%')).toEqual({ target: '≥95%', actual: '97%' });
    expect(splitTargetAndActual('120公里125公里')).toEqual({ target: '120公里', actual: '125公里' });
  });

  it('leaves one figure, figures with other units and graded thresholds alone', () => {
    expect(splitTargetAndActual('100%')).toBeNull();
    expect(splitTargetAndActual('120公里95%')).toBeNull();
    expect(splitTargetAndActual('100%90%85%85%')).toBeNull();
  });

  it('fills the empty 实际完成值 of a self-evaluation row from the fused cell', () => {
    const text = [
      '2023年度项目支出绩效自评表',
      '项目名称：农村公路养护补助',
      '实施单位：某县交通局',
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
      '产出指标\t数量指标\t养护里程\t≥120公里\t125公里\t40\t40',
      '效益指标\t社会效益指标\t通行条件改善率\t100%100%\t\t30\t30',
      '满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t20\t20',
      '合计',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators[1]).toMatchObject({
      name: '通行条件改善率',
      target: { operator: null, value: 100, unit: '%' },
      actual: '100%',
      weight: 30,
      score: 30,
    });
  });
});
