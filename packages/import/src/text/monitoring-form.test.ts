import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { cutOffMonthIn } from './monitoring.ts';

// Mid-year monitoring forms (绩效运行监控表) as units print them: the target table's columns plus what was
// reached by the cut-off month, the expected full-year value, how likely the target is met, the cause of a
// deviation and the measure. Written for these tests in the layouts such forms come in.

const tabbed = [
  '2024年度项目支出绩效运行监控表',
  '（截至2024年6月30日）',
  '项目名称\t农村饮水安全工程维修养护补助\t\t',
  '主管部门\t某县水利局\t实施单位\t某县农村供水管理站',
  '项目资金（万元）\t年度预算数\t1-6月执行数\t执行率',
  '\t120.00\t54.00\t45%',
  '一级指标\t二级指标\t三级指标\t年度指标值\t1-6月完成情况\t全年预计完成情况\t完成目标可能性\t偏差原因分析\t改进措施',
  '产出指标\t数量指标\t维修养护供水工程处数\t≥40处\t18处\t40处\t确定能\t\t',
  '\t质量指标\t维修工程验收合格率\t100%\t100%\t100%\t确定能\t\t',
  '\t时效指标\t养护任务完成时间\t2024年12月31日前\t按进度执行，已完成约45%\t按期完成\t有可能\t汛期影响施工\t加快汛后施工进度',
  '效益指标\t社会效益指标\t受益农村人口\t≥3.2万人\t1.5万人\t3.2万人\t确定能\t\t',
  '满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t暂未开展调查\t90%\t有可能\t调查安排在四季度\t按计划组织满意度调查',
  '填报人：张某\t联系电话：0000-0000000',
].join('\n');

describe('monitoring forms', () => {
  it('reads the progress columns into each indicator and the cut-off month and money spent', () => {
    const { tables } = importText(tabbed);
    expect(tables).toHaveLength(1);
    const table = performanceTableSchema.parse(tables[0]);
    expect(table.name).toBe('农村饮水安全工程维修养护补助');
    // The form ends on its signature line: nothing was cut off.
    expect(table.incomplete).toBe(false);
    expect(table.monitoring).toEqual({ cutOffMonth: 6, executed: 540000 });
    expect(table.budget.currentYear).toBe(1200000);
    expect(table.indicators.map((i) => i.name)).toEqual([
      '维修养护供水工程处数',
      '维修工程验收合格率',
      '养护任务完成时间',
      '受益农村人口',
      '受益群众满意度',
    ]);
    expect(table.indicators[0]?.target).toMatchObject({ operator: '>=', value: 40, unit: '处' });
    expect(table.indicators[0]?.progress).toEqual({
      value: '18处',
      expectedValue: '40处',
      likelihood: '确定能',
      cause: null,
      measure: null,
    });
    expect(table.indicators[2]?.progress).toEqual({
      value: '按进度执行，已完成约45%',
      expectedValue: '按期完成',
      likelihood: '有可能',
      cause: '汛期影响施工',
      measure: '加快汛后施工进度',
    });
    expect(table.indicators[4]?.progress?.value).toBe('暂未开展调查');
    // Progress is not a self-evaluation's actual value.
    expect(table.indicators.every((i) => i.actual === undefined)).toBe(true);
  });

  it('keeps a self-evaluation with 偏差原因 and 改进措施 columns a self-evaluation (no progress)', () => {
    const selfEvaluation = [
      '2023年度项目支出绩效自评表',
      '项目名称\t乡村道路养护\t实施单位\t某镇人民政府',
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析\t改进措施',
      '产出指标\t数量指标\t养护道路里程\t≥120公里\t126公里\t20\t20\t\t',
      '\t时效指标\t养护完成及时率\t100%\t90%\t10\t9\t雨季延误\t提前安排工期',
    ].join('\n');
    const table = performanceTableSchema.parse(importText(selfEvaluation).tables[0]);
    expect(table.monitoring ?? null).toBeNull();
    expect(table.indicators[1]).toMatchObject({ actual: '90%', weight: 10, score: 9 });
    expect(table.indicators[1]?.progress ?? null).toBeNull();
    expect(table.indicators[1]?.deviationReason).toBe('雨季延误；提前安排工期');
  });
});

// A provincial template asks for what was reached by the end of July, the full-year forecast, the problem
// met with its reason, a class of reason and the measure the unit means to take.
const julyCaptions = [
  '2024年省级部门预算项目绩效监控表',
  '项目名称\t高校实验室安全监测平台建设\t实施单位\t某学院',
  '项目资金（万元）\t年度预算数\t1—7月执行数\t资金执行率',
  '\t80.00\t0\t0%',
  '一级指标\t二级指标\t三级指标\t年度指标值\t1—7月阶段性完成值\t全年预计完成值\t存在问题及原因\t原因分类\t拟采取的措施',
  '产出指标\t数量指标\t接入监测点位数\t≥120个\t30个\t120个\t设备招标延后，资金尚未支付\t经费保障\t9月前完成招标并支付首付款',
  '\t质量指标\t平台验收合格率\t100%\t未验收\t100%\t\t\t',
  '满意度指标\t服务对象满意度指标\t师生满意度\t≥90%\t暂未开展\t90%\t\t\t',
].join('\n');

describe('monitoring forms asking for the problem, its class and the next measure', () => {
  it('reads 存在问题及原因 and 原因分类 as the cause, 拟采取的措施 as the measure, July as the cut-off', () => {
    const table = performanceTableSchema.parse(importText(julyCaptions).tables[0]);
    expect(table.monitoring).toEqual({ cutOffMonth: 7, executed: 0 });
    expect(table.indicators.map((i) => i.name)).toEqual(['接入监测点位数', '平台验收合格率', '师生满意度']);
    expect(table.indicators[0]?.progress).toEqual({
      value: '30个',
      expectedValue: '120个',
      likelihood: null,
      cause: '设备招标延后，资金尚未支付；经费保障',
      measure: '9月前完成招标并支付首付款',
    });
    expect(table.indicators[1]?.progress).toMatchObject({ value: '未验收', cause: null, measure: null });
    expect(table.indicators.every((i) => i.deviationReason === undefined)).toBe(true);
  });

  it('keeps 存在问题及原因 and 拟采取的措施 of a self-evaluation its deviation reason', () => {
    const selfEvaluation = [
      '2023年度项目支出绩效自评表',
      '项目名称\t乡村道路养护\t实施单位\t某镇人民政府',
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t存在问题及原因\t拟采取的措施',
      '产出指标\t数量指标\t养护道路里程\t≥120公里\t110公里\t20\t18\t雨季延误\t提前安排工期',
    ].join('\n');
    const table = performanceTableSchema.parse(importText(selfEvaluation).tables[0]);
    expect(table.monitoring ?? null).toBeNull();
    expect(table.indicators[0]).toMatchObject({ actual: '110公里', weight: 20, score: 18 });
    expect(table.indicators[0]?.deviationReason).toBe('雨季延误；提前安排工期');
  });
});

describe('cutOffMonthIn', () => {
  it('reads the month a form is cut off at, in digits or Chinese numerals', () => {
    expect(cutOffMonthIn('1-6月执行数')).toBe(6);
    expect(cutOffMonthIn('一至七月完成情况')).toBe(7);
    expect(cutOffMonthIn('截至2024年6月30日')).toBe(6);
    expect(cutOffMonthIn('截止十月底')).toBe(10);
    expect(cutOffMonthIn('全年预计完成')).toBeNull();
  });
});
