import { selfEvaluationOfPrintedForm } from '@jixiao/core/scoring/printed-form';
import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

/** A small 自评表 in the space-separated layout with the given money rows between header and grid. */
function selfEvaluationForm(moneyRows: string[], header: string[] = []): string {
  return [
    '项目支出绩效自评表',
    '（2023年度）',
    ...header,
    '申报单位名称 某某县发展和改革局',
    '项目名称 工资性支出',
    ...moneyRows,
    '一级指标 二级指标 三级指标 分值 年度指标值 实际完成值 得分',
    '产出指标 数量指标 培训人次 50 >=100个 80个 40',
    '合计 50 40',
    '',
  ].join('\n');
}

function budgetOf(text: string) {
  const { tables } = importText(text);
  expect(tables).toHaveLength(1);
  return tables[0]?.budget;
}

describe('self-evaluation money labels with their amounts', () => {
  it('reads 年初预算数/全年预算数/全年执行数（元） and 预算执行得分 as our export prints them', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '年初预算数（元） 1,000,000 全年预算数（元） 1,200,000.50',
        '全年执行数（元） 950,000 预算执行率 79.17%',
        '预算执行得分 7.92',
      ]),
    );
    expect(budget).toMatchObject({
      initial: 1_000_000,
      adjusted: 1_200_000.5,
      executed: 950_000,
      executionScore: 7.92,
    });
  });

  it('reads a bare 预算数 under 预算安排情况(调整后) as the adjusted budget (Hebei’s layout)', () => {
    const rows = (caption: string) => [
      '金额单位: 万元',
      `二、预算执行情况 ${caption} 资金到位情况 资金执行情况 预算执行进度(%)`,
      '预算数 6.84 到位数 6.84 执行数 6.50 95.03',
    ];
    expect(budgetOf(selfEvaluationForm(rows('预算安排情况(调整后)')))).toMatchObject({
      adjusted: 68_400,
      executed: 65_000,
    });
    // Without the caption naming it adjusted, a bare 预算数 is not taken for it.
    expect(budgetOf(selfEvaluationForm(rows('预算安排情况')))?.adjusted).toBeUndefined();
  });

  it('takes 万元 from the label, and 调整后预算数 / 预算执行数 / 执行率得分 as the same fields', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '年初预算数（万元） 100 调整后预算数（万元） 120.5',
        '预算执行数（万元） 95.25 执行率得分 7.9分',
      ]),
    );
    expect(budget).toMatchObject({
      initial: 1_000_000,
      adjusted: 1_205_000,
      executed: 952_500,
      executionScore: 7.9,
    });
  });

  it('lets the unit in a label win over the form-wide 金额单位', () => {
    const budget = budgetOf(
      selfEvaluationForm(['年初预算数（元） 5000 全年预算数 2', '全年执行数（元） 4000'], ['金额单位：万元']),
    );
    expect(budget).toMatchObject({ initial: 5000, adjusted: 20_000, executed: 4000 });
  });

  it('leaves a label with an empty value unread instead of taking the next label’s amount', () => {
    const budget = budgetOf(
      selfEvaluationForm(['年初预算数（元） 全年预算数（元） 300', '全年执行数（元） 200']),
    );
    expect(budget?.initial).toBeUndefined();
    expect(budget).toMatchObject({ adjusted: 300, executed: 200 });
  });
});

describe('the self-evaluation budget table (captions above, 年度资金总额 row below)', () => {
  it('reads the total row in caption order, in the unit each caption names', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '年初预算数（万元） 全年预算数(A)（万元） 全年执行数(B)（万元） 分值 执行率 得分',
        '年度资金总额 90 100 89.974 10 89.97% 9',
      ]),
    );
    expect(budget).toMatchObject({ initial: 900_000, adjusted: 1_000_000, executed: 899_740 });
    // 执行率 and 得分 are two columns here, not a 执行率得分 label: the score is the 得分 column's figure.
    expect(budget?.executionScore).toBe(9);
  });

  it('takes 年度预算数（万元） above the columns for a group heading, not the adjusted budget', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '年度预算数（万元） 年初预算 调整后预算数 预算执行数 预算执行率 权重 得分',
        '总额 238.93 251.89 251.89 100.00% 10',
      ]),
    );
    expect(budget).toMatchObject({ initial: 2_389_300, adjusted: 2_518_900, executed: 2_518_900 });
  });
});

describe('money captions under the other names forms give them', () => {
  it('reads 调整预算数 as the adjusted budget', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '项目资金（万元） 年初预算数 调整预算数 全年执行数 分值 执行率 得分',
        '年度资金总额 30 40 38 10 95% 9.5',
      ]),
    );
    expect(budget).toMatchObject({ initial: 300_000, adjusted: 400_000, executed: 380_000 });
  });

  it('reads 实际投入资金额 as what was spent, over a 合计 row', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '资金情况（万元） 年初预算资金总额 实际投入资金额 产生差异的原因',
        '合计 236 230 结余',
      ]),
    );
    expect(budget).toMatchObject({ initial: 2_360_000, executed: 2_300_000 });
  });
});

describe('a run of money captions followed by as many amounts', () => {
  it('gives each amount to its caption on a row flattened onto one line', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '资金投入情况（万元） 全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00',
      ]),
    );
    expect(budget).toMatchObject({ adjusted: 71_653_200, executed: 69_929_500 });
  });

  it('gives each amount to its caption when the amounts stand on the next row', () => {
    const budget = budgetOf(
      selfEvaluationForm(['金额单位：万元', '年初预算数 全年预算数 全年执行数', '120 150 149']),
    );
    expect(budget).toMatchObject({ initial: 1_200_000, adjusted: 1_500_000, executed: 1_490_000 });
  });

  it('pairs nothing when the amounts are fewer than the captions', () => {
    const budget = budgetOf(
      selfEvaluationForm(['金额单位：万元', '全年预算数(A) 全年执行数(B) 150 其他说明 无']),
    );
    expect(budget?.adjusted).toBeUndefined();
  });
});

describe('a budget table in PDF order: the total row’s label before the captions', () => {
  it('reads the figures that follow the last caption as the total row', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '项目资金 年初预算数 （万元） 年度资金总额 其中:当年财政拨款 全年预算数 全年执行数 分值 执行率 得分 65.66 65.07 10 99% 9 65.66 65.07 — 99% —',
      ]),
    );
    expect(budget).toMatchObject({ initial: null, adjusted: 656_600, executed: 650_700, executionScore: 9 });
  });

  it('leaves figures after the captions alone once the total row was read', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '年初预算数（万元） 全年预算数（万元） 全年执行数（万元） 分值 执行率 得分',
        '年度资金总额 90 100 89.974 10 89.97% 9',
      ]),
    );
    expect(budget).toMatchObject({ initial: 900_000, adjusted: 1_000_000, executed: 899_740 });
  });
});

describe('a budget table whose captions wrapped, one piece per cell', () => {
  it('joins 年初/预算数, 全年/预算数, 全年/执行数 and reads the total row under them', () => {
    const text = [
      '项目支出绩效自评表',
      '',
      '2019年度)',
      '',
      '项目名称',
      '',
      '教学楼暖通改造经费',
      '',
      '实施单位',
      '',
      '某市食品工程学校',
      '',
      '项目资金',
      '(万元)',
      '',
      ...['年初', '预算数', '全年', '预算数', '全年', '执行数', '分值', '执行率', '得分'].flatMap((c) => [
        c,
        '',
      ]),
      ...['年度资金总额', '43.2', '43.2', '37.24', '10', '86%', '9'].flatMap((c) => [c, '']),
      ...['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'].flatMap((c) => [
        c,
        '',
      ]),
      ...['产出指标', '数量指标', '改造面积', '≥3000平方米', '3200平方米', '50', '50'].flatMap((c) => [
        c,
        '',
      ]),
      ...['满意度指标', '服务对象满意度指标', '师生满意度', '≥90%', '95%', '40', '40'].flatMap((c) => [
        c,
        '',
      ]),
      '合计',
      '',
    ].join('\n');
    expect(budgetOf(text)).toMatchObject({ initial: 432_000, adjusted: 432_000, executed: 372_400 });
  });
});

describe('the total row of a budget table that dropped an empty cell', () => {
  const form = (captions: string[], total: string[]) =>
    [
      '| 2022年度项目支出绩效自评表 |',
      '| 项目名称 | 营养改善计划专项资金 | 实施单位 | 某县中学 | 项目资金 (元) |',
      `| ${captions.join(' | ')} |`,
      `| ${total.join(' | ')} |`,
      '| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |',
      '| 产出指标 | 数量指标 | 受助学生人数 | ≥735人次 | 735人次 | 40 | 40 |',
      '| 满意度指标 | 服务对象满意度指标 | 学生满意度 | ≥95% | 100% | 50 | 50 |',
      '| 总分 | 100 | 100 |',
      '',
    ].join('\n');

  it('anchors on the rate: money fills its columns from the right, the figure after the rate is the score', () => {
    const budget = budgetOf(
      form(
        ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '年度资金总额'],
        ['年度资金总额', '387664.62', '387664.62', '10', '100%', '10'],
      ),
    );
    expect(budget).toMatchObject({ adjusted: 387664.62, executed: 387664.62, executionScore: 10 });
    expect(budget?.initial ?? null).toBeNull();
  });

  it('reads a full row with the weight after the rate in column order', () => {
    const budget = budgetOf(
      form(
        ['年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分'],
        ['总额', '238.93', '251.89', '251.89', '100.00%', '10', '9.5'],
      ),
    );
    expect(budget).toMatchObject({
      initial: 238.93,
      adjusted: 251.89,
      executed: 251.89,
      executionScore: 9.5,
    });
  });

  it('reads amounts that carry their unit in the cell on the total row (3359.62万)', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '资金投入情况(万元) 全年预算数(A) 全年执行数(B) 预算执行率(B/A×100%)',
        '年度资金总额: 3359.62万 3359.62万 100%',
      ]),
    );
    expect(budget).toMatchObject({ adjusted: 33_596_200, executed: 33_596_200 });
  });
});

describe('the 预算数(A) | 执行数(B) | 执行率(B/A) money table', () => {
  it('reads the year’s budget and what was spent from the 年度财政资金总额 row, a rate printed without %', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '预算执行情况（万元）（20分） 预算数(A) 执行数(B) 执行率(B/A) 得分',
        '年度财政资金总额 80 60 75 15',
      ]),
    );
    expect(budget).toMatchObject({ adjusted: 800_000, executed: 600_000 });
  });
});

describe('the execution weight (预算执行率 分值) of the budget table', () => {
  it('reads the 分值 column of the total row, before or after 执行率', () => {
    const before = budgetOf(
      selfEvaluationForm([
        '年初预算数（万元） 全年预算数(A)（万元） 全年执行数(B)（万元） 分值 执行率 得分',
        '年度资金总额 90 100 89.974 10 89.97% 9',
      ]),
    );
    expect(before).toMatchObject({ executionWeight: 10, executionScore: 9 });
    const after = budgetOf(
      selfEvaluationForm([
        '年初预算数（万元） 全年预算数（万元） 全年执行数（万元） 执行率 权重 得分',
        '年度资金总额 90 100 95 95% 20 19',
      ]),
    );
    expect(after).toMatchObject({
      adjusted: 1_000_000,
      executed: 950_000,
      executionWeight: 20,
      executionScore: 19,
    });
  });

  it('reads the 预算执行率 row of the indicator table printed one cell per line', () => {
    const text = [
      '2022年度项目支出绩效自评表',
      '项目名称：某项目',
      ...[
        '一级指标',
        '二级指标',
        '三级指标',
        '年度指标值',
        '实际完成值',
        '分值',
        '得分',
        '偏差原因分析及改进措施',
      ],
      ...['产出指标', '数量指标', '培训人数', '≥300人', '320人', '20', '20'],
      ...['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '95%', '10', '10'],
      ...['预算执行率', '预算执行率', '预算执行率', '100%', '95%', '10', '9.5'],
      ...['总分', '100', '39.5'],
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['培训人数', '群众满意度']);
    expect(table?.budget).toMatchObject({ executionWeight: 10, executionScore: 9.5 });
  });

  it('reads 分值 and 得分 printed with 分', () => {
    const budget = budgetOf(
      selfEvaluationForm([
        '项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        '年度资金总额\t100\t100\t95\t20分\t95%\t19分',
      ]),
    );
    expect(budget).toMatchObject({
      adjusted: 1_000_000,
      executed: 950_000,
      executionWeight: 20,
      executionScore: 19,
    });
  });

  it('reads the score beside the rate where the table prints no 分值 column', () => {
    const budget = budgetOf(
      selfEvaluationForm(['全年预算数（万元） 全年执行数（万元） 执行率 得分', '年度资金总额 100 90 90% 9']),
    );
    expect(budget).toMatchObject({ adjusted: 1_000_000, executed: 900_000, executionScore: 9 });
    expect(budget?.executionWeight).toBeUndefined();
  });

  it('takes a rate printed without % by position when it is what was spent over the budget', () => {
    const percent = budgetOf(
      selfEvaluationForm([
        '资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分',
        '资金总额: 120,000.00 120,000.00 30,000.00 10.00 25 2.5',
      ]),
    );
    expect(percent).toMatchObject({
      adjusted: 120_000,
      executed: 30_000,
      executionWeight: 10,
      executionScore: 2.5,
    });
    const share = budgetOf(
      selfEvaluationForm([
        '项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分',
        '(万元) 年度资金总额 29 29 27.8 10 0.958 9.58',
      ]),
    );
    expect(share).toMatchObject({
      adjusted: 290_000,
      executed: 278_000,
      executionWeight: 10,
      executionScore: 9.58,
    });
    // A figure that is not the share spent is no rate: nothing after the money is read.
    const wrong = budgetOf(
      selfEvaluationForm([
        '资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分',
        '资金总额: 120,000.00 120,000.00 30,000.00 10.00 60 6',
      ]),
    );
    expect(wrong?.executionScore).toBeUndefined();
    expect(wrong?.executionWeight).toBeUndefined();
  });

  it('reads a local form whose weight stands in the block caption: 预算执行情况(20分), 得分(20分*执行率)', () => {
    const cells = [
      '预算执行情况(万元)',
      '(20分)',
      '预算数(A)',
      '执行数(B)',
      '执行率(B/A)',
      '得分',
      '(20分*执行率)',
      '年度财政资金总额',
      '50',
      '10',
      '20',
      '4',
    ];
    const budget = budgetOf(selfEvaluationForm(cells.flatMap((c) => [c, ''])));
    expect(budget).toMatchObject({
      adjusted: 500_000,
      executed: 100_000,
      executionWeight: 20,
      executionScore: 4,
    });
  });
});

describe('a 分值 figure that cannot be the execution weight', () => {
  it('is left unread when above half the points or below the score', () => {
    const hundred = budgetOf(
      selfEvaluationForm([
        '年初预算数 全年预算数 全年执行数 分值 执行率(全年执行数/全年预算数) 得分',
        '年度资金总额: 620.82万元 620.82万元 620.82万元 100 100% 10',
      ]),
    );
    expect(hundred?.executionWeight).toBeUndefined();
    const below = budgetOf(
      selfEvaluationForm(['全年预算数 全年执行数 分值 执行率 得分', '年度资金总额 100 100 5 100% 10']),
    );
    expect(below).toMatchObject({ executionScore: 10 });
    expect(below?.executionWeight).toBeUndefined();
  });
});

describe('the printed execution weight tells the scoring scheme and goes into the claim', () => {
  const form = (weight: number, score: number, rows: string[]) =>
    importText(
      [
        '项目支出绩效自评表',
        '（2023年度）',
        '申报单位名称 某某县科学技术局',
        '项目名称 科技特派员创业行动经费',
        '年初预算数（万元） 全年预算数（万元） 全年执行数（万元） 分值 执行率 得分',
        `年度资金总额 25 25 25 ${weight} 100% ${score}`,
        '一级指标 二级指标 三级指标 分值 年度指标值 实际完成值 得分',
        ...rows,
        '',
      ].join('\n'),
    ).tables[0];

  it('keeps the national scheme when a row lost its weight and the rest add to 80', () => {
    // Rows add to 80 as a 20-point local scheme's would: the printed 10 says otherwise.
    const table = form(10, 10, [
      '产出指标 数量指标 培训人次 40 >=100人次 120人次 40',
      '效益指标 社会效益指标 带动农民增收 30 >=50户 60户 30',
      '满意度指标 服务对象满意度指标 农户满意度 10 >=90% 95% 10',
    ]);
    expect(table?.budget.executionWeight).toBe(10);
    const { entry, scheme } = selfEvaluationOfPrintedForm(table!);
    expect(scheme.id).toBe('national-2020');
    expect(entry.claim?.executionWeight).toBe(10);
  });

  it('takes the 20-point local scheme where the form prints execution 20', () => {
    const table = form(20, 20, [
      '产出指标 数量指标 培训人次 50 >=100人次 120人次 50',
      '满意度指标 服务对象满意度指标 农户满意度 30 >=90% 95% 30',
    ]);
    const { entry, scheme } = selfEvaluationOfPrintedForm(table!);
    expect(scheme.id).toBe('local-execution-20');
    expect(entry.claim).toMatchObject({ executionWeight: 20, executionScore: 20 });
  });
});
