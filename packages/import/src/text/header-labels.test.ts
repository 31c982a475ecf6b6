import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// Header fields under the other labels real forms give them (written in the shapes those forms take).
function form(header: string[], before: string[] = []): string {
  return [
    ...before,
    '2022年度项目支出绩效目标表',
    ...header,
    '一级指标	二级指标	三级指标	指标值',
    '产出指标	数量指标	补助对象数量	≥120户',
    '满意度指标	服务对象满意度指标	补助对象满意度	≥90%',
    '填报人:王五',
    '',
  ].join('\n');
}

function tableOf(header: string[], before: string[] = []) {
  const { tables } = importText(form(header, before));
  expect(tables).toHaveLength(1);
  return tables[0];
}

describe('the project name under other labels', () => {
  it.each([
    '资金名称',
    '专项资金名称',
    '专项(项目)名称',
    '项目(专项)名称',
    '转移(项目)名称',
    '转移支付(项目)名称',
  ])('reads %s', (label) => {
    expect(tableOf([`${label}	畜禽粪污资源化利用补助`, '实施单位	某县农业农村局'])?.name).toBe(
      '畜禽粪污资源化利用补助',
    );
  });
});

describe('the unit under other labels', () => {
  it.each(['编报单位(印章)', '填报单位(印章)'])('reads %s', (label) => {
    expect(tableOf(['项目名称	畜禽粪污资源化利用补助', `${label}	某县农业农村局`])?.unit).toBe(
      '某县农业农村局',
    );
  });
});

describe('the departments of every level a transfer payment passes', () => {
  const levels = [
    '资金名称	生猪调出大县奖励资金',
    '中央主管部门	财政部、农业农村部',
    '省级财政部门	某省财政厅',
    '省级主管部门	某省农业农村厅',
    '市级主管部门	某市农业农村局',
    '区县财政部门	某县财政局',
    '区县主管部门	某县农业农村局',
  ];

  it('takes the most local supervising department, and no finance department in its value', () => {
    const table = tableOf(levels);
    expect([table?.supervisingDepartment, table?.unit]).toEqual(['某县农业农村局', '某县农业农村局']);
    expect(tableOf([...levels].reverse())?.supervisingDepartment).toBe('某县农业农村局');
  });

  it('takes the unit a notice is addressed to before an upper level’s department', () => {
    const table = tableOf(
      ['专项(项目)名称	农村饮水安全巩固提升工程', '市级财政部门	某市财政局', '市级主管部门	某市水利局'],
      ['某区水利局:', '现将2022年第二批省级水利发展资金下达给你们,请按绩效目标做好管理。', '附件:绩效目标表'],
    );
    expect([table?.unit, table?.supervisingDepartment]).toEqual(['某区水利局', '某市水利局']);
  });

  it('still takes the form’s own supervising department before a notice’s addressee', () => {
    const table = tableOf(
      ['项目名称	农村饮水安全巩固提升工程', '主管部门	某区水利局'],
      ['某区财政局:', '现将资金下达给你们。'],
    );
    expect(table?.unit).toBe('某区水利局');
  });
});

describe('labels a PDF printed a character at a time', () => {
  it('reads 项 目 名 称 spaced into one cell per character, and ends the value before the next one', () => {
    const text = [
      '2023年度项目支出绩效目标表',
      '项 目 名 称     城市照明节能改造     主 管 部 门     某市城市管理局',
      '实 施 单 位     某区城市管理局',
      '一级指标     二级指标     三级指标     指标值',
      '产出指标     数量指标     改造路灯数量     ≥1200盏',
      '满意度指标     服务对象满意度指标     群众满意度     ≥90%',
      '填表人：王五',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect([table?.name, table?.supervisingDepartment, table?.unit]).toEqual([
      '城市照明节能改造',
      '某市城市管理局',
      '某区城市管理局',
    ]);
  });
});

describe('a value on a line run together with the money block after it', () => {
  it('ends at 预算执行情况（万元） and 预算安排情况(调整后)', () => {
    const text = [
      '项目支出绩效自评表（2023年度） 项目名称 乡村公益性岗位补贴 资金使用单位 某县就业服务中心 预算执行情况（万元） 预算安排情况(调整后) 资金到位情况 资金执行情况 预算数 25 到位数 25 执行数 24.5',
      '一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分',
      '产出指标 数量指标 开发岗位数 ≥100个 105个 50 50',
      '填表人：王五',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.unit).toBe('某县就业服务中心');
  });
});
