import { describe, expect, it } from 'vitest';
import { readGluedHeader } from './glued-header.ts';
import { importText } from './import-text.ts';

// Header cells run together with nothing between them, as text taken from scanned or flattened PDFs
// prints them (written in that shape).
const glued =
  '附件2专项转移支付绩效目标表(2023年度)部门(单位)名称某市民族与宗教事务局部门预算编码230001项目名称宗教场所消防改造补助区域甲县、乙县资金情况(万元)资金总额:30其中:财政拨款30其他资金年度总体目标完成宗教场所消防设施改造,提升安全水平。绩效指标一级指标二级指标三级指标指标值产出指标数量指标改造场所数量≥12处';

describe('run-together header cells', () => {
  it('reads each value up to the next label any such form prints', () => {
    expect(readGluedHeader([glued])).toEqual({
      name: '宗教场所消防改造',
      unit: '某市民族与宗教事务局',
      supervisingDepartment: null,
      total: 300_000,
      currentYear: 300_000,
    });
  });

  it('drops a department code after the name and the project lead after the unit', () => {
    const text =
      '项目支出绩效自评表(2022年度)项目名称送茶入户推广项目主管部门及代码某区宗教事务局116422210101621779实施单位/项目负责人某区农技中心/张三项目资金(万元)年初预算数全年执行数年度资金总额:38.75万元其中:财政拨款37万元';
    expect(readGluedHeader([text])).toEqual({
      name: '送茶入户推广项目',
      unit: '某区农技中心',
      supervisingDepartment: '某区宗教事务局',
      total: 387_500,
      currentYear: 370_000,
    });
  });

  it('fills what the importer found nowhere else', () => {
    const [table] = importText(`${glued}\n`).tables;
    expect([table?.name, table?.unit, table?.budget.total, table?.budget.currentYear]).toEqual([
      '宗教场所消防改造',
      '某市民族与宗教事务局',
      300_000,
      300_000,
    ]);
  });

  it('reads the amounts in the unit the form declares when the money block names none', () => {
    const line =
      '附件2项目绩效目标表主管部门:某省商务厅项目名称会展业发展奖励资金资金总额:2430.30财政拨款:2430.30其他资金:总体目标全年实现会展业综合收入不低于280亿元,培育一批具有影响力的品牌会展项目,带动关联行业发展,提升城市知名度和影响力,促进消费和就业。';
    expect(readGluedHeader([line], '万元')?.total).toBe(24_303_000);
    expect(readGluedHeader([line])?.total).toBe(2430.3);
    const [table] = importText(
      `附件1项目奖励资金分配表 序号 单位名称 分配金额(万元) 合计2430.3 ${line}一级指标二级指标三级指标指标值产出指标数量指标举办展会数量≥6个\n`,
    ).tables;
    expect(table?.budget.total).toBe(24_303_000);
  });

  it('takes 其中:财政拨款 as the year’s budget only when its value is one amount', () => {
    const row = '项目支出绩效自评表(2022年度)项目名称送茶入户推广项目实施单位某区农技中心项目资金(万元)';
    const goal =
      '年度总体目标完成送茶入户推广,覆盖全区农户,提升茶叶品质与农户收入,建立长效管理机制,确保资金使用规范、及时、安全、有效。';
    expect(readGluedHeader([`${row}年度资金总额38其中:财政拨款37其他资金1${goal}`])?.currentYear).toBe(
      370_000,
    );
    expect(
      readGluedHeader([`${row}年初预算数全年执行数年度资金总额:383810100%其中:财政拨款373710100%${goal}`])
        ?.currentYear,
    ).toBeNull();
  });

  it('reads letter-spaced labels (项 目 名 称) run together with their values', () => {
    const line =
      '附件3:样例项目支出绩效目标申报表项 目 名 称 林业有害生物监测补助经费主管部门及代码169某省林业局 实施单位某省森防站资金总额: 其中:当年财政拨款项目资金申请 (万元)其他资金项目绩效目标全面掌握年度林业有害生物发生防控信息;编发年度和半年林业有害生物趋势预报;发布短期预警信息';
    expect(readGluedHeader([line])).toMatchObject({
      name: '林业有害生物监测补助经费',
      unit: '某省森防站',
      supervisingDepartment: '某省林业局',
    });
  });

  it('leaves a form with cell breaks to the cell reader', () => {
    expect(readGluedHeader(['项目名称 | 宗教场所消防改造 |', '实施单位 | 某局 |'])).toBeNull();
  });
});
