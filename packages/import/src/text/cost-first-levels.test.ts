import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// Department-wide forms of the 2021 framework, 成本指标 first, written for these tests in the shapes such
// pages take once their borders are gone.

const levels = (text: string) =>
  importText(text).tables[0]?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw]);

describe('merged level cells printed at the middle of their rows, 成本指标 first', () => {
  it('gives the rows above a mid-span label the level 1 that label belongs to', () => {
    // As a PDF extractor gives it: the one-row 成本指标 group's labels on its row, 数量指标 on a line of
    // its own between its two rows, 产出指标 on the middle row of its three.
    const line = (l1: string, l2: string, rest: string) =>
      `${l1.padEnd(8, '　')}    ${l2.padEnd(10, '　')}    ${rest}`.trimEnd();
    const text = [
      '部门整体支出绩效目标表',
      '（2025年度）',
      '部门（单位）名称    某县社会福利院',
      '一级指标    二级指标    三级指标    指标值',
      line('成本指标', '经济成本指标', '成本节约率    0%'),
      '',
      '— 1 —',
      '',
      line('', '', '设施设备维修维护覆盖率    90%'),
      line('', '数量指标', ''),
      line('产出指标', '', '服务对象护理覆盖率    =100%'),
      line('', '质量指标', '设施设备有效使用率    90%'),
      '填表人：',
    ].join('\n');
    expect(levels(text)).toEqual([
      ['成本指标', '经济成本指标', '成本节约率', '0%'],
      ['产出指标', '数量指标', '设施设备维修维护覆盖率', '90%'],
      ['产出指标', '数量指标', '服务对象护理覆盖率', '=100%'],
      ['产出指标', '质量指标', '设施设备有效使用率', '90%'],
    ]);
  });

  it('keeps labels printed on the first row of their span where they stand', () => {
    const text = [
      '部门整体支出绩效目标表',
      '（2025年度）',
      '部门（单位）名称\t某县社会福利院',
      '一级指标\t二级指标\t三级指标\t指标值',
      '成本指标\t经济成本指标\t成本节约率\t0%',
      '产出指标\t数量指标\t设施设备维修维护覆盖率\t90%',
      '\t\t服务对象护理覆盖率\t=100%',
      '\t质量指标\t设施设备有效使用率\t90%',
    ].join('\n');
    expect(levels(text)).toEqual([
      ['成本指标', '经济成本指标', '成本节约率', '0%'],
      ['产出指标', '数量指标', '设施设备维修维护覆盖率', '90%'],
      ['产出指标', '数量指标', '服务对象护理覆盖率', '=100%'],
      ['产出指标', '质量指标', '设施设备有效使用率', '90%'],
    ]);
  });
});

describe('tasks with their money beside the indicators', () => {
  const form = (count: string) =>
    [
      '部门整体支出绩效目标表',
      '（2025年度）',
      '部门（单位）名称\t某县社会福利院',
      '任务名称\t主要内容\t预算金额（万元）\t一级指标\t二级指标\t三级指标\t指标值',
      '履职保障\t保障机关正常运转\t862.18\t产出指标\t数量指标\t开展开放日活动次数\t1',
      `\t\t\t\t\t开展安全排查次数\t${count}`,
      '\t\t\t\t\t设施设备维修维护覆盖率\t90%',
    ].join('\n');

  it('reads a name and a bare count below indicator rows as the next indicator', () => {
    expect(levels(form('6'))).toEqual([
      ['产出指标', '数量指标', '开展开放日活动次数', '1'],
      ['产出指标', '数量指标', '开展安全排查次数', '6'],
      ['产出指标', '数量指标', '设施设备维修维护覆盖率', '90%'],
    ]);
  });

  it('still takes an amount beside a name for a subtotal, not an indicator', () => {
    expect(levels(form('1,862.18'))?.map((r) => r[2])).toEqual([
      '开展开放日活动次数',
      '设施设备维修维护覆盖率',
    ]);
  });
});
