import type { Indicator } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { doubtsOf, doubtWarnings, rowDoubts } from './row-doubts.ts';

const row = (name: string, target: string, level1 = '产出指标', level2 = '数量指标'): Indicator =>
  ({ level1, level2, name, target: { ...parseTarget(target), raw: target } }) as Indicator;

const firstDoubt = (rows: Indicator[], n = rows.length - 1) => doubtsOf(rows).get(n)?.id ?? null;

describe('row constraints', () => {
  it('has an ID and both languages for every rule', () => {
    for (const d of rowDoubts) {
      expect(d.id).toMatch(/^R\d+-/);
      expect(d.zh(row('养护里程', '≥120公里'))).toMatch(/[\u4e00-\u9fa5]/);
      expect(d.en(row('养护里程', '≥120公里'))).toMatch(/[a-z]/);
    }
  });

  it('R1: another level’s caption or a column caption read as a name', () => {
    expect(firstDoubt([row('质量指标', '文物安全巡查覆盖率', '产出指标', '成本指标')])).toBe(
      'R1-caption-as-name',
    );
    expect(firstDoubt([row('指标', '12021年', '产出指标', '时效指标')])).toBe('R1-caption-as-name');
    expect(firstDoubt([row('指标值', '100%')])).toBe('R1-caption-as-name');
    expect(firstDoubt([row('序号', '学校性质', '效益指标', '满意度')])).toBe('R1-caption-as-name');
    // A form may name a row after its own level 2, and a rate that starts with 截至 is a name.
    expect(firstDoubt([row('数量指标', '375万平方米')])).toBeNull();
    expect(firstDoubt([row('截至2026年12月底,项目开展率(%)', '≥100%', '产出指标', '时效指标')])).toBeNull();
  });

  it('R5: a target cell that holds a numbered name', () => {
    expect(firstDoubt([row('服务对象满', '指标1:是否满意', '满意度指标', '服务对象满意度指标')])).toBe(
      'R5-name-in-target',
    );
    expect(firstDoubt([row('是否满意', '指标值≥90%', '满意度指标', '服务对象满意度指标')])).toBeNull();
    expect(firstDoubt([row('群众满意度', '≥90%', '满意度指标', '服务对象满意度指标')])).toBeNull();
  });

  it('R2: a cut or garbled name', () => {
    expect(firstDoubt([row('标(30 分)', '年度')])).toBe('R2-fragment');
    expect(firstDoubt([row('日前完成资金支付811月底完成', '100%')])).toBe('R2-fragment');
    expect(firstDoubt([row('备注产出指标ຫໍສະໝຸດ', '')])).toBe('R2-fragment');
    expect(firstDoubt([row('率', '100%')])).toBe('R2-fragment');
    expect(firstDoubt([row('企业所得税减按', '15%')])).toBe('R2-fragment');
    expect(firstDoubt([row('资金主要用于', '100%')])).toBe('R2-fragment');
    expect(firstDoubt([row('企业所得税减免额', '15万元')])).toBeNull();
    expect(firstDoubt([row('日均清运生活垃圾量', '≥120吨')])).toBeNull();
    expect(firstDoubt([row('Average repair time', '<=2天')])).toBeNull();
    expect(firstDoubt([row('年度资金支付完成率100%', '')])).not.toBe('R2-fragment');
  });

  it('R3: a sentence with no value', () => {
    expect(firstDoubt([row('解决旱情,保障粮食安全,服务农业生产,保持水土涵养', '')])).toBe(
      'R3-sentence-without-value',
    );
    expect(firstDoubt([row('解决旱情,保障粮食安全,服务农业生产,保持水土涵养', '有效保障')])).toBeNull();
    // Prose needs no comma: a long line with no value is not a name.
    expect(firstDoubt([row('为全区就业年龄段内有就业需求的残疾人提供技术培训', '')])).toBe(
      'R3-sentence-without-value',
    );
    expect(firstDoubt([row('工程质量合格', '')])).not.toBe('R3-sentence-without-value');
  });

  it('R6: a target that repeats the name or is a caption', () => {
    expect(firstDoubt([row('预算执行率', '预算执行率', '满意度指标', '服务对象满意度指标')])).toBe(
      'R6-target-reads-as-name',
    );
    expect(firstDoubt([row('年度绩效指标', '一级指标', '满意度指标', null as unknown as string)])).toBe(
      'R6-target-reads-as-name',
    );
    expect(firstDoubt([row('增强', '增强', '效益指标', '社会效益指标')])).toBe('R6-target-reads-as-name');
    // A measure, a caption with its unit or an explanation in the target cell.
    expect(firstDoubt([row('服务对象满意度指标等', '学生满意度', '满意度指标')])).toBe(
      'R6-target-reads-as-name',
    );
    expect(firstDoubt([row('培训机构', '培训补助标准(元/人)')])).toBe('R6-target-reads-as-name');
    expect(firstDoubt([row('社会影响', '反映实施项目对社会产生的不利影响。')])).toBe(
      'R6-target-reads-as-name',
    );
    expect(firstDoubt([row('经费支出合规性', '严格执行相关财经法规制度')])).toBeNull();
    expect(firstDoubt([row('学生满意度', '≥90%')])).toBeNull();
    expect(firstDoubt([row('预算执行率', '≥95%')])).toBeNull();
    expect(firstDoubt([row('按期完工', '按期完工', '产出指标', '时效指标')])).toBeNull();
    expect(firstDoubt([row('群众知晓情况', '知晓')])).toBeNull();
  });

  it('R14: the caption of another part of the form in the row', () => {
    expect(firstDoubt([row('计划标准', '其他需说明的问题', '满意度指标', '满意度')])).toBe(
      'R14-section-caption',
    );
    expect(firstDoubt([row('建档立卡中有新增死亡', '人员', '偏差原因分析及改进措')])).toBe(
      'R14-section-caption',
    );
    expect(firstDoubt([row('建档立卡户数', '≥120户')])).toBeNull();
  });

  it('R15: a target word where the name goes', () => {
    expect(firstDoubt([{ ...row('有效', ''), weight: 10, score: 10 }])).toBe('R15-target-word-as-name');
    expect(firstDoubt([row('减少', '不利影响', '效益指标', '社会效益指标')])).toBe('R15-target-word-as-name');
    expect(firstDoubt([row('有效投诉处理率', '100%')])).toBeNull();
  });

  it('R7: a row named after its own level 2 with no value', () => {
    expect(firstDoubt([row('生态效益指标', '', '效益指标', '生态效益指标')])).toBe('R7-level-without-value');
    // With a value it is the form printing one row for the level.
    expect(firstDoubt([row('数量指标', '375万平方米')])).toBeNull();
  });

  it('R8: a target printed in the name, none in the target cell', () => {
    expect(firstDoubt([row('总航时不少于30小时', '')])).toBe('R8-value-in-name');
    expect(firstDoubt([row('培训人数100人以上', '')])).toBe('R8-value-in-name');
    expect(firstDoubt([row('作业航时不少于30小时', '≥30小时')])).toBeNull();
    expect(firstDoubt([row('2023年度培训人数', '')])).not.toBe('R8-value-in-name');
  });

  it('R9: a target that is an unfilled template slot', () => {
    expect(firstDoubt([row('具体指标', '……', '满意度指标')])).toBe('R9-unfilled-slot');
    expect(firstDoubt([row('具体指标', '≥90%', '满意度指标')])).toBeNull();
  });

  it('R10: a name printed again with less than the first time', () => {
    const again = [
      row('建设自动监测子站', '11个'),
      row('监测数据有效率', '≥90%'),
      row('建设自动监测子站', '0'),
    ];
    expect(firstDoubt(again)).toBe('R10-repeated-name-less-value');
    expect(firstDoubt(again, 0)).toBeNull();
    // A second target with as much (another period's) is not doubted; the first row never is.
    expect(firstDoubt([row('养护里程', '≥120公里'), row('养护里程', '≥80公里')])).toBeNull();
    expect(firstDoubt([row('养护里程', '0'), row('养护里程', '≥80公里')], 0)).toBeNull();
  });

  it('R11: one sentence wrapped over the name and target cells', () => {
    expect(
      firstDoubt([row('主要用于文物修缮、宣传、文创', '护人员经费、办公经费', '产出指标', '成本指标')]),
    ).toBe('R11-list-over-two-cells');
    expect(firstDoubt([row('修缮、宣传活动', '按期完成')])).toBeNull();
    expect(firstDoubt([row('编制费、养护费', '59万元', '产出指标', '成本指标')])).toBeNull();
  });

  it('R12: a row under no level in a table whose rows have levels', () => {
    const bare = { ...row('项目完成', '100%'), level1: null, level2: null } as unknown as Indicator;
    const rows = [row('养护里程', '≥120公里'), row('路面优良率', '≥90%'), bare];
    expect(firstDoubt(rows)).toBe('R12-no-level');
    // A form that prints no levels at all is read as printed.
    expect(firstDoubt([bare, bare].map((r, n) => ({ ...r, name: `项目${n}` })))).toBeNull();
  });

  it('R13: a row with no value at all', () => {
    expect(firstDoubt([row('新建堤防长度', '公里')])).toBe('R13-no-value');
    expect(firstDoubt([row('工程质量合格', '')])).toBe('R13-no-value');
    expect(firstDoubt([{ ...row('工程质量合格', ''), actual: '合格' }])).toBeNull();
    expect(firstDoubt([{ ...row('工程质量合格', ''), score: 5 }])).toBeNull();
  });

  it('R16: a score sheet’s criterion, its points in its name and a score only', () => {
    // `相关性(5 分)` then `5`: the framework's criterion and the points it was given, not an indicator.
    expect(firstDoubt([{ ...row('明确性(5 分)', ''), score: 5 }])).toBe('R16-scored-criterion');
    expect(firstDoubt([{ ...row('资金使用（4分）', ''), score: 3.5 }])).toBe('R16-scored-criterion');
    // With a target or a result of its own the row is an indicator whose points were printed beside it.
    expect(firstDoubt([{ ...row('培训人数(10分)', '≥200人'), score: 10 }])).toBeNull();
    expect(firstDoubt([{ ...row('工程质量合格', ''), score: 5 }])).toBeNull();
  });

  it('R4: the same row twice', () => {
    const twice = [row('养护里程', '≥120公里'), row('路面优良率', '≥90%'), row('养护里程', '≥120公里')];
    expect(firstDoubt(twice)).toBe('R4-repeated-row');
    expect(firstDoubt(twice, 0)).toBeNull();
    expect(firstDoubt([row('养护里程', '≥120公里'), row('养护里程', '≥80公里')])).toBeNull();
  });

  it('marks a row once, leaving rows the reader already marked', () => {
    const rows = [row('标(30 分)', '年度'), row('养护里程', '≥120公里')];
    const warnings = doubtWarnings(rows, [
      { code: 'import.low_confidence', zh: '猜', en: 'guess', path: 'indicators.1' },
    ]);
    expect(warnings.map((w) => w.path)).toEqual(['indicators.0']);
    expect(
      doubtWarnings(rows, [{ code: 'import.low_confidence', zh: '猜', en: 'guess', path: 'indicators.0' }]),
    ).toEqual([]);
  });
});

describe('an imported form', () => {
  it('keeps a doubtful row and marks it for the person confirming the import', () => {
    const text = [
      '项目支出绩效目标表',
      '项目名称\t农村公路养护',
      '实施单位\t临安区公路中心',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t养护里程\t≥120公里',
      '产出指标\t质量指标\t路面优良率\t≥90%',
      '产出指标\t质量指标\t养护里程\t≥120公里',
      '填表人：',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators).toHaveLength(3);
    const marked = table?.warnings.filter((w) => w.code === 'import.low_confidence') ?? [];
    expect(marked.map((w) => w.path)).toEqual(['indicators.2']);
    expect(marked[0]?.line).toBe(7);
  });

  it('marks the rows of a written form that do not read as a name and a value, and only those', () => {
    const text = [
      '项目支出绩效目标表',
      '项目名称\t文物保护经费',
      '实施单位\t文物保护中心',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t文物安全巡查\t416处',
      '产出指标\t数量指标\t文物安全巡查\t0',
      '产出指标\t质量指标\t文保单位抢险维修\t100%',
      '产出指标\t成本指标\t主要用于文物修缮、宣传、文创\t护人员经费、办公经费',
      '产出指标\t时效指标\t完成时间\t',
      '效益指标\t社会效益指标\t群众满意度\t群众满意度',
      '填表人：',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual([
      '文物安全巡查',
      '文物安全巡查',
      '文保单位抢险维修',
      '主要用于文物修缮、宣传、文创',
      '完成时间',
      '群众满意度',
    ]);
    const marked = table?.warnings.filter((w) => w.code === 'import.low_confidence') ?? [];
    expect(marked.map((w) => w.path)).toEqual([
      'indicators.1',
      'indicators.3',
      'indicators.4',
      'indicators.5',
    ]);
  });
});
