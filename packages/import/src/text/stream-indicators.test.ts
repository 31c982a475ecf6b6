import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import {
  actualAndScore,
  readIndicatorStream,
  splitPoints,
  weightAndActual,
  weightBeforeTarget,
  withoutEchoedExplanation,
} from './stream-indicators.ts';

// Texts written for these tests in the shapes such pages take: a table flattened onto one line, targets as
// prose with placeholders left in, a Word table pasted without separators.

describe('readIndicatorStream', () => {
  it('reads a table flattened onto one line, landmark by landmark', () => {
    const text =
      '绩效指标一级指标二级指标三级指标指标值产出指标数量指标新建村级道路里程≥12公里质量指标工程验收合格率100%' +
      '时效指标项目完工时间2024年10月31日前效益指标社会效益指标受益农户数≥350户满意度指标服务对象满意度指标群众满意度≥90%';
    const { indicators, warnings } = readIndicatorStream(text, 1, 2024);
    expect(indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '新建村级道路里程', '≥12公里'],
      ['产出指标', '质量指标', '工程验收合格率', '100%'],
      ['产出指标', '时效指标', '项目完工时间', '2024年10月31日前'],
      ['效益指标', '社会效益指标', '受益农户数', '≥350户'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%'],
    ]);
    expect(indicators[0]?.target).toMatchObject({ operator: '>=', value: 12, unit: '公里' });
    expect(indicators[2]?.target).toMatchObject({ kind: 'date', date: '2024-10-31' });
    // Every row is a guess to confirm, located where its name starts.
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatchObject({ code: 'import.low_confidence', line: 1, path: 'indicators.0' });
    expect(warnings[0]?.column).toBe(text.indexOf('新建村级道路里程') + 1);
  });

  it('reads prose that captions its figures: the target after 年初任务数 / 年度计划数, the actual after 完成值', () => {
    const text = [
      '(四)绩效指标完成情况分析。',
      '1.产出指标。',
      '数量指标。新建村级道路里程年初任务数12公里,全年完成值13公里;培训农民人数年度计划数300人,实际完成280人。',
      '质量指标。完成任务数100个;工程验收合格率100%。',
    ].join('\n');
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual ?? null])).toEqual([
      ['数量指标', '新建村级道路里程', '12公里', '13公里'],
      ['数量指标', '培训农民人数', '300人', '280人'],
      // 任务数 without the time it belongs to ends a name: the figure after it is its target.
      ['质量指标', '完成任务数', '100个', null],
      ['质量指标', '工程验收合格率', '100%', null],
    ]);
    expect(indicators[0]?.target).toMatchObject({ operator: null, value: 12, unit: '公里' });
  });

  it('leaves a value column caption to the table: a figure after 指标值 starts the next row', () => {
    // A flattened table whose rows are numbered: `指标值 1` is a caption and the first row's number.
    const text = '产出指标数量指标 三级指标 指标值 1 新建村级道路里程 ≥12公里 2 工程验收合格率 100%';
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators.map((i) => i.target.raw)).toEqual(['≥12公里', '100%']);
  });

  it('reads counts spaced from their names in an older form run together (指标 指标内容 指标值)', () => {
    const text =
      '项目绩效目标开展防疫员培训。指标 指标内容 指标值产出指标 年度疫情报告次数 4 次防疫员培训人次 300 人次上报' +
      '监测数据的病种数量12 种项目绩效指标疫苗接种覆盖率 95%开展2021 年度总结报告及时率 100%';
    const { indicators } = readIndicatorStream(text, 1, 2021);
    expect(indicators.map((i) => [i.level1, i.name, i.target.raw])).toEqual([
      ['产出指标', '年度疫情报告次数', '4 次'],
      ['产出指标', '防疫员培训人次', '300 人次'],
      ['产出指标', '上报监测数据的病种数量', '12 种'],
      // The side caption 项目绩效指标 is no part of the name beside it.
      ['产出指标', '疫苗接种覆盖率', '95%'],
      // `2021 年度` is no count: it stays in the name.
      ['产出指标', '开展2021 年度总结报告及时率', '100%'],
    ]);
    expect(indicators[1]?.target).toMatchObject({ value: 300, unit: '人次' });
  });

  it('reads a self-evaluation run together with the weight before the target (分值 年度指标值 实际完成值 得分)', () => {
    const text = [
      '一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施',
      '产出指标数量指标新建温室大棚数量1540座40座15',
      '产出指标质量指标大棚验收合格率15≥95%98%15',
      '产出指标时效指标开工户数达标率10=100%909无偏差',
      '效益指标经济效益指标带动户均增收2012万元12万元20',
    ].join('\n');
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators.map((i) => [i.name, i.target.raw, i.actual, i.weight, i.score])).toEqual([
      ['新建温室大棚数量', '40座', '40座', 15, 15],
      ['大棚验收合格率', '≥95%', '98%', 15, 15],
      ['开工户数达标率', '=100%', '90', 10, 9],
      ['带动户均增收', '12万元', '12万元', 20, 20],
    ]);
  });

  it('reads counts in 粒 (seeds) and 万粒 run together with the weight before them', () => {
    const text = [
      '一级指标二级指标三级指标分值年度指标值全年实际值得分',
      '产出指标数量指标免费发放脱毒种薯8550万粒550万粒8',
      '产出指标数量指标企业自行采购原原种8200粒200粒8',
    ].join('\n');
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators.map((i) => [i.name, i.target.raw, i.actual, i.weight, i.score])).toEqual([
      ['免费发放脱毒种薯', '550万粒', '550万粒', 8, 8],
      ['企业自行采购原原种', '200粒', '200粒', 8, 8],
    ]);
  });

  it('reads rows whose weight, target, actual and score ran into one digit run after the name', () => {
    const text = [
      '一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分未完成原因分析',
      '产出指标(40分)数量指标(必填)于2023年12月底前为全县3000户发放补贴,2010010020',
      '时效指标(必填)补贴于2023年12月底前发放完毕101001009.34',
      '成本指标(必填)补贴资金控制在预算内1050459',
    ].join('');
    const { indicators } = readIndicatorStream(text, 1, 2023);
    expect(indicators.map((i) => [i.level2, i.name, i.target.value, i.actual, i.weight, i.score])).toEqual([
      ['数量指标', '于2023年12月底前为全县3000户发放补贴', 100, '100', 20, 20],
      ['时效指标', '补贴于2023年12月底前发放完毕', 100, '100', 10, 9.34],
      ['成本指标', '补贴资金控制在预算内', 50, '45', 10, 9],
    ]);
  });

  it('reads a scored row whose target and actual are grades run into the weight and score', () => {
    const text = [
      '一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施',
      '产出指标数量指标维修路灯数量40盏40盏2020质量指标维修后验收合格率合格合格2018',
      '时效指标维修工程及时性及时及时2020效益指标社会效益指标夜间出行安全 质量等良好良好2020',
    ].join('');
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual, i.weight, i.score])).toEqual([
      ['数量指标', '维修路灯数量', '40盏', '40盏', 20, 20],
      // The grade inside the name (验收合格率) is followed by more words, not by the row's columns.
      ['质量指标', '维修后验收合格率', '合格', '合格', 20, 18],
      ['时效指标', '维修工程及时性', '及时', '及时', 20, 20],
      // A level-2 word that a phrase goes on from (`质量等`) is part of the name, not a label.
      ['社会效益指标', '夜间出行安全 质量等', '良好', '良好', 20, 20],
    ]);
    expect(indicators[1]?.target).toMatchObject({ kind: 'qualitative' });
  });

  it('reads a yes/no row (指标方向 是/否, a 是 or 否 per value column) and cuts the explanation that echoes the name', () => {
    const text =
      '绩效指标一级指标二级指标三级指标指标解释指标方向甲镇乙镇产出指标数量指标新建排涝泵站数量反映泵站建设情况≥33' +
      '质量指标泵站是否发生安全事故年内建成泵站运行中是否发生安全事故是/否否否' +
      '时效指标完工及时率反映工程按期完工情况≥100%100%';
    const { indicators } = readIndicatorStream(text, 1, 2025);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '新建排涝泵站数量', '≥33'],
      ['质量指标', '泵站是否发生安全事故', '否'],
      ['时效指标', '完工及时率', '≥100%'],
    ]);
    expect(indicators[1]?.target).toMatchObject({ kind: 'qualitative' });
  });

  it('reads a four-figure run followed by a year, and a name that is an amount', () => {
    const text = [
      '一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分未完成原因分析',
      '产出指标(40分)数量指标(必填)为全县1200户发放补贴2010010020',
      '成本指标(必填)12.5万元1012.511.89.442023年底实际支出11.8万元,结余退回',
    ].join('');
    const { indicators } = readIndicatorStream(text, 1, 2023);
    expect(indicators.map((i) => [i.level2, i.name, i.target.value, i.actual, i.weight, i.score])).toEqual([
      ['数量指标', '为全县1200户发放补贴', 100, '100', 20, 20],
      // `9.44` then `2023年底…`: the year opens the next cell; `12.5` is a figure, not a list number.
      ['成本指标', '12.5万元', 12.5, '11.8', 10, 9.44],
    ]);
  });

  it('keeps a row whose value cells for several regions ran into one bare figure run, its value missing', () => {
    const text =
      '绩效指标一级指标二级指标三级指标指标解释区域目标值甲县乙县丙县产出指标数量指标' +
      '补助乡(镇、街道)数量反映补助乡(镇、街道)数量情况453' +
      '质量指标资金使用合规率反映资金使用合规情况>=95%>=95%>=95%';
    const { indicators, warnings } = readIndicatorStream(text, 1, 2023);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      // `…街道)数量反映`: a level-2 word followed by an explanation is part of the name, not a label.
      ['数量指标', '补助乡(镇、街道)数量', ''],
      ['质量指标', '资金使用合规率', '>=95%'],
    ]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'import.value_missing', path: 'indicators.0' }),
    );
  });

  it('cuts the echoing explanation from a name whose target is on the next line', () => {
    const text = [
      '一级指标二级指标三级指标指标解释预期达到目标',
      '产出指标数量指标示范基地建设数量新建标准化示范基地建设数量',
      '3个',
      '质量指标病虫害防治效果病虫害防治效果',
      '≥85%',
    ].join('\n');
    const { indicators } = readIndicatorStream(text, 1, 2021);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '示范基地建设数量', '3个'],
      ['质量指标', '病虫害防治效果', '≥85%'],
    ]);
  });

  it('reads grade rows with the weight printed before the target (分值 年度指标值 实际完成值 得分)', () => {
    const text = [
      '一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施',
      '产出指标数量指标新建温室大棚数量1040座40座10成本指标采购价格不高于市场价10是是10',
      '效益指标可持续影响指标健全农技推广体系,保障良种供应,带动产业发展10是基本达到8加强技术指导;加大宣传力度',
    ].join('');
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual, i.weight, i.score])).toEqual([
      ['数量指标', '新建温室大棚数量', '40座', '40座', 10, 10],
      ['成本指标', '采购价格不高于市场价', '是', '是', 10, 10],
      // The grade, the actual and the points vouch for a name that is a sentence; `达到8` is no target.
      ['可持续影响指标', '健全农技推广体系,保障良种供应,带动产业发展', '是', '基本达到', 10, 8],
    ]);
  });

  it('reads targets written as prose, dropping template placeholders and marks', () => {
    const text = [
      '一、产出指标',
      '数量指标：★改造老旧供水管网长度（≥**公里）>=8.5公里；入户水表更换数量（≥**户）≥1200户；时效指标：完成及时率（≥**%）>=100%。',
      '二、效益指标',
      '社会效益指标：受益群众人数（≥**人）≥4000人。可持续影响指标，供水保障能力提升。',
      '三、满意度指标',
      '服务对象满意度指标，受益群众满意度（≥**%）≥95%。',
    ].join('\n');
    const { indicators } = readIndicatorStream(text, 10, 2023);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '改造老旧供水管网长度', '>=8.5公里'],
      ['数量指标', '入户水表更换数量', '≥1200户'],
      ['时效指标', '完成及时率', '>=100%'],
      ['社会效益指标', '受益群众人数', '≥4000人'],
      ['可持续影响指标', '供水保障能力提升', '供水保障能力提升'],
      ['服务对象满意度指标', '受益群众满意度', '≥95%'],
    ]);
    expect(indicators.every((i) => i.level1 !== null)).toBe(true);
  });

  it('pairs a name with the target printed alone on the next line, and halves a name printed twice', () => {
    const text =
      '产出指标数量指标培育中药材品种数量培育中药材品种数量\n4种\n质量指标机关事务正常运转率\n100%\n';
    const { indicators } = readIndicatorStream(text, 1, 2021);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw])).toEqual([
      ['数量指标', '培育中药材品种数量', '4种'],
      ['质量指标', '机关事务正常运转率', '100%'],
    ]);
  });

  it('keeps a date that opens a name in the name, and stops at the signature', () => {
    const text =
      '产出指标时效指标截至2025年12月底,项目开工率≥100%填报人：李某联系电话产出指标数量指标虚构行≥1个';
    const { indicators } = readIndicatorStream(text, 1, 2025);
    expect(indicators.map((i) => [i.name, i.target.raw])).toEqual([['截至2025年12月底,项目开工率', '≥100%']]);
  });

  it('invents nothing from prose without level labels', () => {
    const text = '根据文件精神，下达资金35万元，用于2处水毁修复工程，请于2025年12月底前完成。';
    expect(readIndicatorStream(text, 1, 2025).indicators).toEqual([]);
  });
});

describe('importText with a flattened table', () => {
  it('falls back to the running-text reading only when the cell reader found nothing', () => {
    const flat =
      '2024年度项目支出绩效目标表项目名称乡村道路维护主管部门某县交通运输局实施单位某县公路事务中心' +
      '一级指标二级指标三级指标指标值产出指标数量指标维护道路里程≥80公里效益指标社会效益指标通行条件改善率≥95%';
    const [table] = importText(flat).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual(['维护道路里程', '通行条件改善率']);
    expect(table?.warnings.filter((w) => w.code === 'import.low_confidence')).toHaveLength(2);
    expect(table?.warnings.some((w) => w.code === 'import.no_indicators')).toBe(false);
  });
});

describe('importText with level-2 categories in the name column', () => {
  it('names each row by its level-2 label when a value follows the label at once', () => {
    const text = [
      '2024年度项目支出绩效目标表',
      '项目名称: | 城区绿化养护经费 | 实施单位: | 某市园林绿化中心 |',
      '指标类型 | 指标名称 | 指标值 | 指标描述 |',
      '产出指标 | 数量指标 | 375万平方米 | 完成全市绿地养护 |',
      '质量指标 | 100% | 绿地全覆盖 |',
      '满意度指标 | 服务对象满意度指标 | ≥95% | 满意率95%以上 |',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '数量指标', '375万平方米'],
      ['产出指标', '质量指标', '质量指标', '100%'],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度指标', '≥95%'],
    ]);
  });
});

describe('readIndicatorStream without level labels', () => {
  it('reads rows under level-1 labels alone when the indicator caption stands before them', () => {
    const text = '一级指标三级指标指标值产出指标建设道路长度≥3公里效益指标受益人口≥1200人';
    const { indicators } = readIndicatorStream(text, 1, 2024);
    expect(indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', null, '建设道路长度', '≥3公里'],
      ['效益指标', null, '受益人口', '≥1200人'],
    ]);
  });

  it('reads name and target pairs after the caption of the name and value columns', () => {
    const text =
      '项目名称：村道硬化 指标名称 指标值 道路硬化里程≥2公里；路面验收合格率100%；受益群众满意度≥90%。填报人：王某';
    const { indicators } = readIndicatorStream(text, 1, 2024);
    expect(indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      [null, null, '道路硬化里程', '≥2公里'],
      [null, null, '路面验收合格率', '100%'],
      [null, null, '受益群众满意度', '≥90%'],
    ]);
  });
});

describe('importText with one cell per line', () => {
  it('reads a caption merged across columns (`指标值 | |`) as the caption it is', () => {
    const text = [
      '2022年度区域绩效目标表 |',
      '资金名称 |',
      '生猪调出大县奖励资金 | ||||',
      '一级指标 |',
      '二级指标 |',
      '三级指标 |',
      '指标值 | |',
      '产出指标 |',
      '数量指标 |',
      '猪肉产量稳定率 |',
      '≥95% |',
      '||',
      '能繁母猪稳定率 |',
      '90% | |||',
      '||',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '猪肉产量稳定率', '≥95%'],
      ['产出指标', '数量指标', '能繁母猪稳定率', '90%'],
    ]);
  });
});

describe('a 公示 page that states targets and results in prose', () => {
  // Written in the shape such announcements take: no table, no form title; each sentence is headed by its
  // level 2, the target follows the name, the result follows in a second clause.
  const page = [
    '2025年度残疾人康复补助资金使用情况公示',
    '',
    '一、2025年残疾儿童康复救助经费12.6万元;',
    '(1)主要用于残疾儿童康复训练补助。',
    '(2)主要绩效目标及完成情况:',
    '数量指标:救助儿童人数=18人,当年实际完成18人。',
    '质量指标:救助对象年龄均≤6岁。',
    '时效指标:补助资金及时拨付率=100%,当年实际完成100%。',
    '社会效益指标:家长政策知晓率≥85%,当年实际完成92%。',
    '服务对象满意度指标:受助家庭满意度完成96%。',
    '二、2025年精神障碍患者服药补助8万元;',
    '(1)将用于发放2025年服药补助。',
    '联系电话:0591-12345678。',
  ].join('\n');

  it('reads each sentence as a row: level 1 from the national framework, the result as the actual', () => {
    const [table] = importText(page).tables;
    expect(table?.year).toBe(2025);
    expect(
      table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw, i.actual ?? null]),
    ).toEqual([
      ['产出指标', '数量指标', '救助儿童人数', '=18人', '18人'],
      ['产出指标', '质量指标', '救助对象年龄', '≤6岁', null],
      ['产出指标', '时效指标', '补助资金及时拨付率', '=100%', '100%'],
      ['效益指标', '社会效益指标', '家长政策知晓率', '≥85%', '92%'],
      // A result with no target: 96% is what was achieved, not the target.
      ['满意度指标', '服务对象满意度指标', '受助家庭满意度', '', '96%'],
    ]);
    expect(table?.indicators[4]?.target.kind).toBe('missing');
    // Results reported row by row: the page is a self-evaluation.
    expect(table?.kind).toBe('self-evaluation');
  });

  it('reads nothing from a narrative whose sentences are headed by bare benefit words', () => {
    const narrative = [
      '项目总体概况:新建晾晒房一座。经济效益:带动20名群众务工增收5000元/年;社会效益:带动受益人口200人;',
      '群众满意度:群众满意度达到95%以上。',
    ].join('\n');
    expect(readIndicatorStream(narrative, 1, 2023).indicators).toEqual([]);
  });
});

describe('an explanation cell run into the name', () => {
  it('ends the name at the first occurrence of the words the explanation ends with', () => {
    expect(withoutEchoedExplanation('道路是否发生塌陷年度巡查中道路是否发生塌陷', true)).toBe(
      '道路是否发生塌陷',
    );
    // Without an explanation column, or without an echo, the name stays as read.
    expect(withoutEchoedExplanation('道路是否发生塌陷年度巡查中道路是否发生塌陷', false)).toBe(
      '道路是否发生塌陷年度巡查中道路是否发生塌陷',
    );
    expect(withoutEchoedExplanation('农村饮水安全巩固提升工程受益人口', true)).toBe(
      '农村饮水安全巩固提升工程受益人口',
    );
  });
});

describe('weight and score run together', () => {
  it('cuts where the weight is one an indicator carries and the score is not above it', () => {
    expect(splitPoints('1510')).toEqual({ first: 15, second: 10 });
    // Printed score first (得分 | 分值): 10 | 15.
    expect(splitPoints('1015', 'score first')).toEqual({ first: 10, second: 15 });
    expect(splitPoints('109.5')).toEqual({ first: 10, second: 9.5 });
    expect(splitPoints('2020')).toEqual({ first: 20, second: 20 });
    // 1 | 11 puts the score above the weight; 11 | 1 is the one cut.
    expect(splitPoints('111')).toEqual({ first: 11, second: 1 });
  });

  it('leaves a run unread when no cut fits', () => {
    // 99 | 100 and 10 | 100: scores above the weight; 991 | 00, 1010 | 0: weights no indicator carries.
    expect(splitPoints('99100')).toBeNull();
    expect(splitPoints('10100')).toBeNull();
    expect(splitPoints('5')).toBeNull();
  });
});

describe('a weight printed before its target', () => {
  it('ends the name before an operator-led target, or starts a figure where the rest is well formed', () => {
    expect(weightBeforeTarget('台网运行率10', '≥95%', '99%10')).toEqual({
      name: '台网运行率',
      target: '≥95%',
      weight: 10,
    });
    // 10|100% (0|100% is no figure); 8|550万粒 (85 is no weight beside 50万粒 when the actual repeats 550万粒).
    expect(weightBeforeTarget('合格率', '10100%', '100%10')).toMatchObject({ target: '100%', weight: 10 });
    expect(weightBeforeTarget('发放原原种', '8550万粒', '550万粒8')).toMatchObject({
      target: '550万粒',
      weight: 8,
    });
    // Two well-formed cuts and an actual that repeats neither: a person reads it.
    expect(weightBeforeTarget('培训人数', '12300人', '280人10')).toBeNull();
    // One digit holds no weight and a target both.
    expect(weightBeforeTarget('培训人数', '5人', '5人10')).toBeNull();
    // `5.` is no weight: the cut must leave a figure as people write it on both sides.
    expect(weightBeforeTarget('达标率', '5.95%', '95%5')).toBeNull();
  });

  it('cuts the actual and score run together by the national rule', () => {
    // =42个 met: full marks 8 → 42 | 8.
    expect(actualAndScore('428无偏差', 8, '=42个')).toEqual({ actual: '42', score: 8, length: 3 });
    // =100% missed with 90: fewer than 10 → 90 | 9 (not 9 | 010, nor 901 | 0).
    expect(actualAndScore('909', 10, '=100%')).toEqual({ actual: '90', score: 9, length: 3 });
    expect(actualAndScore('98%10', 10, '≥95%')).toBeNull();
  });
});

describe('a weight run into the actual after the target (年度指标值 分值 实际完成值 得分)', () => {
  it('is cut where the score after the actual follows the national rule', () => {
    // 20 | 60% missed against 90% → fewer than 20 (10); 2 | 060% is no figure.
    expect(weightAndActual('2060%10', '90%')).toEqual({ weight: 20, actual: '60%', score: 10, length: 7 });
    // 10 | 98% meets ≥95% → full marks 10; 1 | 098% is no figure.
    expect(weightAndActual('1098%10无偏差', '≥95%')).toMatchObject({ weight: 10, actual: '98%', score: 10 });
    expect(weightAndActual('1012次10', '≥10次')).toMatchObject({ weight: 10, actual: '12次', score: 10 });
    // 5 | 12次 (met, full 5) and 51 | 2次 (missed, 5 of 51) both follow the rule: a person reads it.
    expect(weightAndActual('512次5', '≥10次')).toBeNull();
    // Printed apart, or a score that no cut explains: not this reading.
    expect(weightAndActual(' 20 60% 10', '90%')).toBeNull();
    expect(weightAndActual('2060%25', '90%')).toBeNull();
    // 80 | 90% would meet 90% with full marks 80, but no indicator carries a weight above 60.
    expect(weightAndActual('8090%80', '90%')).toBeNull();
  });
});

describe('names numbered by the template (指标1, 指标2 …) in a form run together', () => {
  it('reads 指标 after a level 2 printed without it as the start of the numbered name', () => {
    const text =
      '三级指标分值年度指标值全年实际值得分产出指标数量指标指标1发放种子数量8500万粒500万粒8质量指标指标1种子合格率' +
      '8100%100%8效益指标社会效益指标1带动农户增收户数8300户300户8生态效益指标1化学农药使用量减少比例82%2%8';
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators.map((i) => [i.level2, i.name, i.target.raw, i.weight, i.actual, i.score])).toEqual([
      ['数量指标', '发放种子数量', '500万粒', 8, '500万粒', 8],
      ['质量指标', '种子合格率', '100%', 8, '100%', 8],
      ['社会效益指标', '带动农户增收户数', '300户', 8, '300户', 8],
      ['生态效益指标', '化学农药使用量减少比例', '2%', 8, '2%', 8],
    ]);
  });

  it('keeps a name that starts with a figure where the form does not number its names', () => {
    const text =
      '产出指标数量指标3岁以下儿童健康管理率≥90%质量指标验收合格率100%效益指标社会效益指标受益人数≥300人';
    const { indicators } = readIndicatorStream(text, 1, 2022);
    expect(indicators[0]?.name).toBe('3岁以下儿童健康管理率');
  });
});
