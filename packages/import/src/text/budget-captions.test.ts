import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// The money block of target forms as printed across regions (written in the shapes those forms take).
function form(money: string[]): string {
  return [
    '项目支出绩效目标申报表',
    '(2024年度)',
    '项目名称 | 农产品质量检测 |',
    '主管部门及代码 | [066]某市农业农村局 | 实施单位 | 某市农业农村局 |',
    '项目资金 (万元) |',
    ...money,
    '一级指标 | 二级指标 | 三级指标 | 指标值 |',
    '产出指标 | 数量指标 | 检测批次 | ≥2000批次 |',
    '满意度指标 | 服务对象满意度指标 | 农户满意度 | ≥90% |',
    '填报人:王五',
  ].join('\n');
}

function budgetOf(money: string[]) {
  const [table] = importText(`${form(money)}\n`).tables;
  return table?.budget;
}

describe('money captions of target forms', () => {
  it('reads 中期资金总额 as the total and 年度资金总额 beside it as the year’s budget', () => {
    expect(
      budgetOf([
        '中期资金总额: | 68.50 | 年度资金总额: | 51.35 |',
        '其中:财政拨款 | 68.50 | 其中:财政拨款 | 51.35 |',
        '其他资金 | 0.00 | 其他资金 | 0.00 |',
      ]),
    ).toMatchObject({ total: 685_000, currentYear: 513_500 });
  });

  it('reads the year’s appropriation (其中:财政拨款) as the year’s budget under 年度资金总额', () => {
    expect(
      budgetOf(['年度资金总额: | 6070.00 |', '其中:财政拨款 | 6070.00 |', '其他资金 | |']),
    ).toMatchObject({
      total: 60_700_000,
      currentYear: 60_700_000,
    });
  });

  it('reads 年度资金申请总额 as the year’s budget beside the project’s total', () => {
    expect(budgetOf(['项目资金总额: | 1500 |', '年度资金申请总额 | 1200 |'])).toMatchObject({
      total: 15_000_000,
      currentYear: 12_000_000,
    });
  });

  it('reads amounts in 万元 when the form names no unit and its text gives the same amount in 万元', () => {
    const notice = '现将产业建设资金500万元下达你们。\n';
    const bare = form(['年度资金总额: | 500 |', '其中:财政拨款 | 500 |']).replace(
      '项目资金 (万元) |',
      '资金情况 |',
    );
    const [table] = importText(`${notice}${bare}\n`).tables;
    expect(table?.budget).toMatchObject({ total: 5_000_000, currentYear: 5_000_000 });
    expect(table?.warnings.map((w) => w.code)).toContain('import.money_unit_inferred');
    // Without that sentence nothing says 万元: the amounts stay as printed, in 元.
    const [plain] = importText(`${bare}\n`).tables;
    expect(plain?.budget).toMatchObject({ total: 500 });
  });

  it('reads 项目预算金额 printed as the form’s only money as the year’s budget and the total', () => {
    expect(budgetOf(['项目预算金额(万元) | 193.8 |'])).toMatchObject({
      total: 1_938_000,
      currentYear: 1_938_000,
    });
    // Beside a total of its own it stays the year's.
    expect(budgetOf(['项目总预算(万元) | 500 |', '项目预算金额(万元) | 193.8 |'])).toMatchObject({
      total: 5_000_000,
      currentYear: 1_938_000,
    });
  });

  it('reads a numbered list of the money’s sources: 预算资金 is the year’s budget, 自有资金 is not', () => {
    expect(
      budgetOf(['资金总额: 250 |', '一、预算资金:250 |', '二、自有资金:0 |', '三、其他:0 |']),
    ).toMatchObject({ total: 2_500_000, currentYear: 2_500_000 });
    expect(budgetOf(['资金总额: | 250 |', '其中:财政资金 | 200 |', '其他资金 | 50 |'])).toMatchObject({
      total: 2_500_000,
      currentYear: 2_000_000,
    });
  });

  it.each([
    ['本年预算数', 'currentYear'],
    ['2024年度预算', 'currentYear'],
    ['年度资金规模', 'currentYear'],
    ['申请财政资金', 'currentYear'],
    ['安排资金', 'currentYear'],
    ['年度预算总额', 'currentYear'],
    ['总投资', 'total'],
    ['计划总投资', 'total'],
    ['项目资金规模', 'total'],
  ])('reads %s as the %s', (caption, field) => {
    expect(budgetOf([`${caption}: | 120 |`])).toEqual({ [field]: 1_200_000 });
  });

  describe('a money block in tab-separated text', () => {
    const tabbed = (money: string[]) =>
      importText(
        [
          '2024年度项目支出绩效目标表',
          '项目名称\t农产品质量检测',
          '实施单位\t某市农业农村局',
          '资金情况(万元)',
          ...money,
          '一级指标\t二级指标\t三级指标\t指标值',
          '产出指标\t数量指标\t检测批次\t≥2000批次',
        ].join('\n'),
      ).tables[0]?.budget;

    it('reads captions over their amounts, columns of money it does not keep included', () => {
      expect(tabbed(['年度资金总额\t其中:财政拨款\t其他资金', '120\t100\t20'])).toMatchObject({
        total: 1_200_000,
        currentYear: 1_000_000,
      });
      expect(tabbed(['项目总预算\t项目当年预算\t上年预算', '3000\t1200\t900'])).toMatchObject({
        total: 30_000_000,
        currentYear: 12_000_000,
        priorYearBudget: 9_000_000,
      });
    });

    it('reads a caption run into its amount with nothing between (资金总额222.45, 资金总额(万元)50)', () => {
      expect(tabbed(['资金总额120', '按收入性质分:', '其中:财政拨款100'])).toMatchObject({
        total: 1_200_000,
        currentYear: 1_000_000,
      });
      expect(tabbed(['资金总额(元)50000'])).toMatchObject({ total: 50_000 });
    });

    it('reads the year’s amount and the period’s under 年度金额 | 实施期金额 columns, in either order', () => {
      expect(
        tabbed([
          '\t年度金额\t实施期金额',
          '资金总额\t800\t2400',
          '其中:财政拨款\t800\t2400',
          '其他资金\t0\t0',
        ]),
      ).toMatchObject({ total: 24_000_000, currentYear: 8_000_000 });
      expect(
        tabbed(['\t中期资金\t年度资金', '资金总额\t2400\t800', '其中:财政拨款\t2400\t800']),
      ).toMatchObject({
        total: 24_000_000,
        currentYear: 8_000_000,
      });
    });

    it('reads 其中:财政拨款：100 written with its colon and amount in one cell', () => {
      expect(tabbed(['年度资金总额：120', '其中:财政拨款：100', '其他资金：20'])).toMatchObject({
        total: 1_200_000,
        currentYear: 1_000_000,
      });
    });
  });
});

describe('a money block closed by its 合计 row (money-block-total.ts)', () => {
  it('takes the 合计 under the block’s caption as the project’s money, in the caption’s unit', () => {
    expect(budgetOf(['合计 | 86.5 |', '一般公共预算拨款 | 小计 | 86.5 |', '其他资金 | |'])).toMatchObject({
      total: 865_000,
    });
  });

  it('reads last year’s and this year’s columns of a 合 计 row spaced into two cells', () => {
    expect(
      budgetOf([
        '项目资金申请(万元) | 上年度安排资金 | 本年度申请资金 |',
        '合 | 计 | 40 | 52.8 |',
        '县级资金 | 40 | 52.8 |',
      ]),
    ).toMatchObject({ priorYearBudget: 400_000, total: 528_000 });
  });

  it('takes nothing from a 合计 row whose columns it cannot tell apart', () => {
    expect(budgetOf(['资金来源 | 省级 | 县级 |', '合计 | 30 | 20 | 10 |'])?.total ?? null).toBeNull();
  });

  it('leaves a printed 年度资金总额 alone', () => {
    expect(budgetOf(['年度资金总额 | 120 |', '其中：财政拨款 | 120 |', '合计 | 999 |'])).toMatchObject({
      total: 1_200_000,
    });
  });
});
