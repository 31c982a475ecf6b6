import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// The national 部门整体支出绩效目标申报表 as a department fills it in (written for this test): the year's
// main tasks with their money, the total row, then the indicator table.
const form = [
  '部门整体支出绩效目标申报表',
  '（2024年度）',
  '部门（单位）名称\t某县农业农村局',
  '年度主要任务\t任务名称\t主要内容\t预算金额（万元）',
  '\t\t\t总额\t财政拨款\t其他资金',
  '\t任务1\t农业技术推广\t开展新品种新技术示范推广\t120\t100\t20',
  '\t任务2\t动物疫病防控\t重大动物疫病强制免疫\t80\t80\t0',
  '金额合计\t\t\t200\t180\t20',
  '年度总体目标\t推广新品种10个，强制免疫密度达到90%以上。',
  '年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值',
  '\t产出指标\t数量指标\t推广新品种数量\t≥10个',
  '\t\t质量指标\t强制免疫密度\t≥90%',
  '\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%',
  '填报人：张三',
].join('\n');

describe('a department-wide form with its table of main tasks', () => {
  it('reads the year’s money from the 金额合计 row under 总额 | 财政拨款 | 其他资金', () => {
    const [table] = importText(form).tables;
    expect(table?.kind).toBe('department-wide');
    expect(table?.budget).toMatchObject({ total: 2_000_000, currentYear: 1_800_000 });
  });

  it('reads the 金额合计 row under 小计 | 市财政拨款 | 其他资金 past its 主要内容 placeholder, a 小计 left at 0 as its parts', () => {
    const approved = form
      .replace('\t\t\t总额\t财政拨款\t其他资金', '\t\t\t小计\t市财政拨款\t其他资金')
      .replace('金额合计\t\t\t200\t180\t20', '金额合计\t*\t0\t180\t20');
    const [table] = importText(approved).tables;
    expect(table?.budget).toMatchObject({ total: 2_000_000, currentYear: 1_800_000 });
    expect(importText(approved.replace('\t*\t0\t', '\t*\t200\t')).tables[0]?.budget).toMatchObject({
      total: 2_000_000,
      currentYear: 1_800_000,
    });
  });

  it('reads the indicators and no task as an indicator', () => {
    const [table] = importText(form).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '推广新品种数量', '≥10个'],
      ['质量指标', '强制免疫密度', '≥90%'],
      ['服务对象满意度指标', '农户满意度', '≥90%'],
    ]);
  });
});

// Department-wide target tables that print each function or task of the year beside its indicators
// (written for this test, in the layouts provinces use): the task columns are no indicator and no level.
const taskRows = [
  ['产出指标', '数量指标', '耕地保有量', '≥52万亩'],
  ['', '质量指标', '永久基本农田保护率', '100%'],
  ['效益指标', '社会效益指标', '违法占用耕地案件查处率', '100%'],
  ['产出指标', '数量指标', '完成乡镇国土空间规划编制数', '12个'],
  ['', '时效指标', '规划编制完成时间', '2023年12月底前'],
  ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%'],
];
const tasks = ['耕地保护', '', '', '国土空间规划', '', ''];

describe('a department-wide form whose indicators stand beside the year’s tasks', () => {
  const read = (captions: string[], lead: (n: number) => string[]) =>
    importText(
      [
        '2023年度部门整体支出绩效目标表',
        '部门（单位）名称\t某县自然资源局',
        captions.join('\t'),
        ...taskRows.map((r, n) => [...lead(n), ...r].join('\t')),
        '填报人：李四',
      ].join('\n'),
    ).tables[0];
  // The merged level-1 cells read as the level of every row they cover.
  const expected = taskRows.map((r, n) => [r[0] || taskRows[n - 1]?.[0], ...r.slice(1)]);

  for (const caption of ['重点工作任务', '年度主要任务', '任务名称', '部门职能', '年度履职目标'])
    it(`reads the indicators, not the tasks, under ${caption}`, () => {
      const table = read([caption, '一级指标', '二级指标', '三级指标', '指标值'], (n) => [tasks[n] ?? '']);
      expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual(expected);
    });

  it('reads them under two task columns (部门职能 | 年度重点工作任务)', () => {
    const table = read(['部门职能', '年度重点工作任务', '一级指标', '二级指标', '三级指标', '指标值'], (n) =>
      tasks[n] ? [tasks[n] ?? '', `${tasks[n]}工作`] : ['', ''],
    );
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual(expected);
  });
});

// The department-wide evaluation framework (投入 / 过程 / 产出 / 效果), as a 部门整体支出绩效自评表 scores it.
describe('a department-wide self-evaluation in the evaluation framework', () => {
  const text = [
    '2022年度部门整体支出绩效自评表',
    '部门名称：某县卫生健康局',
    '一级指标\t二级指标\t三级指标\t分值\t评分标准\t自评得分',
    '投入\t目标设定\t绩效目标合理性\t3\t绩效目标依据充分、符合实际的，得3分\t3',
    '\t\t绩效指标明确性\t3\t指标细化、量化的，得3分\t2.5',
    '\t预算配置\t在职人员控制率\t3\t在职人员控制率≤100%，得3分\t3',
    '过程\t预算执行\t预算完成率\t5\t预算完成率=100%，得5分\t4.8',
    '\t资产管理\t固定资产利用率\t2\t固定资产利用率≥95%，得2分\t2',
    '产出\t职责履行\t实际完成率\t10\t实际完成率=100%，得10分\t9.5',
    '效果\t履职效益\t社会公众或服务对象满意度\t10\t满意度≥90%，得10分\t9.6',
    '合计\t\t\t36\t\t35.4',
  ].join('\n');

  it('reads its bare level words as levels and each row’s points', () => {
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.weight, i.score])).toEqual([
      ['投入', '目标设定', '绩效目标合理性', 3, 3],
      ['投入', '目标设定', '绩效指标明确性', 3, 2.5],
      ['投入', '预算配置', '在职人员控制率', 3, 3],
      ['过程', '预算执行', '预算完成率', 5, 4.8],
      ['过程', '资产管理', '固定资产利用率', 2, 2],
      ['产出', '职责履行', '实际完成率', 10, 9.5],
      ['效果', '履职效益', '社会公众或服务对象满意度', 10, 9.6],
    ]);
  });
});
