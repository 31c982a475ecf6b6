import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

/** A 自评表 whose first row's long target and actual pushed its 分值 and 得分 onto the next line. */
function form(pointsLine: string): string {
  return [
    '项目支出绩效自评表（2023年度）',
    '项目名称 村道修缮专项经费',
    '主管部门 某县交通运输局 实施单位 某县交通运输局',
    '项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分',
    '(万元) 年度资金总额 50 50 50 10 100% 10',
    '绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施',
    '指标值 完成值',
    '产出指标 数量指标 指标1:修缮村道 完成东村、西村、南村三条村道的路面修补和排水沟清理,设置安全警示标志 完成东村、西村、南村三条村道的路面修补和排水沟清理,设置安全警示标志',
    pointsLine,
    '指标2:修缮路面面积 6000平方米 6000平方米 20 20',
    '效益指标 社会效益指标 群众出行条件改善 明显改善 明显改善 30 30',
    '满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 20 20',
    '',
  ].join('\n');
}

const points = (text: string) =>
  importText(text).tables[0]?.indicators.map((i) => [i.name, i.weight ?? null, i.score ?? null]);

describe('分值 and 得分 on a line of their own under a row whose free text wrapped', () => {
  it('belong to the row above', () => {
    expect(points(form('20 18'))).toEqual([
      ['修缮村道', 20, 18],
      ['修缮路面面积', 20, 20],
      ['群众出行条件改善', 30, 30],
      ['群众满意度', 20, 20],
    ]);
  });

  it('are left alone when they cannot be its weight and score', () => {
    // A score above the weight, or more figures than the row lacks.
    for (const line of ['18 20', '20 18 5']) {
      expect(points(form(line))?.[0]).toEqual(['修缮村道', null, null]);
    }
  });
});
