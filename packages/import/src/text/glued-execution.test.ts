import { describe, expect, it } from 'vitest';
import { readGluedExecution } from './glued-execution.ts';
import { importText } from './import-text.ts';

describe('the run-together execution row of a self-evaluation', () => {
  it('cuts budget | spent | rate | score where the rate and the printed weight agree', () => {
    const line =
      '项目名称水土保持监测主管部门某市水利局预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额1010100%20年度绩效目标';
    // The weight printed in the caption, (20分), is the form's execution weight.
    expect(readGluedExecution(line, '万元')).toEqual({
      budget: { adjusted: 100_000, executed: 100_000, executionScore: 20, executionWeight: 20 },
    });
  });

  it('reads the national layout: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分', () => {
    const line =
      '预算执行情况(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额120150147.61098.4%9.84其中:当年财政拨款';
    expect(readGluedExecution(line, '万元')?.budget).toEqual({
      initial: 1_200_000,
      adjusted: 1_500_000,
      executed: 1_476_000,
      executionScore: 9.84,
      executionWeight: 10,
    });
  });

  it('leaves a run unread when no cut makes the rate', () => {
    const line = '预算执行情况(万元)预算数(A)执行数(B)执行率(B/A)得分年度财政资金总额1234%20年度绩效目标';
    expect(readGluedExecution(line, '万元')).toBeNull();
  });

  it('does not read the row as the project’s total in a whole flattened form', () => {
    const text = [
      '2020年度水土保持监测项目绩效自评表单位名称:某市水土保持科研所 填报日期:2021年3月10日项目名称水土保持监测主管部门某市水利局项目实施单位本单位预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额1010100%20年度绩效目标1(40分)一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分产出指标质量指标监测数据必须合格100%100%10进度指标完成年度资料上报100%100%20总分99.6',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.budget).toEqual({
      adjusted: 100_000,
      executed: 100_000,
      executionScore: 20,
      executionWeight: 20,
    });
    expect(table?.indicators.map((i) => [i.name, i.actual, i.score])).toEqual([
      ['监测数据必须合格', '100%', 10],
      ['完成年度资料上报', '100%', 20],
    ]);
  });
});
