import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// Forms that print no indicator name under some level-2 labels — the row is named by its label. Texts
// written in the shapes such forms take (a markdown table from a 申报表, a 项目库 form whose 指标名称
// column holds the category).

/** One cell per paragraph, as text copied from a web page's table lays them out. */
const paragraphs = (cells: string[]) => cells.join('\n\n');

describe('rows named by their level-2 label', () => {
  it('reads a sentence printed beside its label as that row’s qualitative target', () => {
    const text = [
      '2024年项目支出绩效目标申报表',
      '项目名称 | 县城公园绿化提升 |',
      '实施单位 | 某县林业局 |',
      '绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |',
      '产出指标 | 数量指标 | 新植乔木数量(株) | 1200 |',
      '效益指标 | 经济效益指标 | 带动周边群众务工,增加劳务收入。 | |',
      '社会效益指标 | 受益人数(人) | 5000 |',
      '满意度指标 | 服务对象满意度指标 | 游客满意度 | ≥90% |',
      '填报人:张三',
    ].join('\n');
    const [table] = importText(`${text}\n`).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.kind, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '新植乔木数量(株)', 'quantitative', '1200'],
      ['效益指标', '经济效益指标', '经济效益指标', 'qualitative', '带动周边群众务工,增加劳务收入。'],
      ['效益指标', '社会效益指标', '受益人数(人)', 'quantitative', '5000'],
      ['满意度指标', '服务对象满意度指标', '游客满意度', 'quantitative', '≥90%'],
    ]);
    // A guess: the preview asks a person to confirm it, at its line.
    expect(table?.warnings).toContainEqual(
      expect.objectContaining({ code: 'import.low_confidence', path: 'indicators.1', line: 6 }),
    );
  });

  it('reads a 项目库 form whose 指标名称 column holds the category, with word targets and no year printed', () => {
    const text = [
      '项目名称: | 城区道路保洁经费 | 项目编号: |',
      '项目类型: | 其他运转类: □专项运转类 特定目标类:□基建类 |',
      '项目绩效目标 | 绩效目标 总体描述 | 保持城区道路整洁,提升市容环境。 |',
      '指标类型 | 指标名称 | 指标值 | 指标描述 |',
      '产出指标 | 数量指标 | 120万平方米 | 完成城区120万平方米道路保洁 |',
      '时效指标 | 全年 | 全年保洁不间断 |',
      '效益指标 | 社会效益指标 | 是 | 改善市容市貌 |',
      '可持续性发展影响指标 | 是 | 形成长效保洁机制 |',
      '满意度指标 | 服务对象或受益者满意度指标 | ≥90% | 市民满意率90%以上 |',
      '最近年度绩效评价情况 | 优秀□ 良好□ 合格□ 不合格□ | 附上一年度评价报告列示的主要问题 |',
      '填报人:李四',
    ].join('\n');
    const [table] = importText(`${text}\n`).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '数量指标', '120万平方米'],
      ['产出指标', '时效指标', '时效指标', '全年'],
      ['效益指标', '社会效益指标', '社会效益指标', '是'],
      ['效益指标', '可持续性发展影响指标', '可持续性发展影响指标', '是'],
      ['满意度指标', '服务对象或受益者满意度指标', '服务对象或受益者满意度指标', '≥90%'],
    ]);
    // No year is printed: the table is read with this year filled in, and the preview asks to check it.
    expect(table?.year).toBe(new Date().getFullYear());
    expect(table?.warnings).toContainEqual(expect.objectContaining({ code: 'import.no_year', path: 'year' }));
  });

  it('reads cells numbered by the template (指标1:…) as names, and a unit alone as a target left unfilled', () => {
    const text = paragraphs([
      '2020年省级财政水利发展资金绩效目标表',
      '专项(项目)名称',
      '农村饮水安全巩固提升工程专项',
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '指标值',
      '产出指标',
      '数量指标',
      '指标1:新建堤防长度',
      '公里',
      '指标2:灌区节水改造面积',
      '万亩',
      '质量指标',
      '指标1:工程验收合格率',
      '≧ %',
    ]);
    const [table] = importText(`${text}\n`).tables;
    expect(
      table?.indicators.map((i) => [i.level2, i.name, i.target.kind, i.target.operator, i.target.unit]),
    ).toEqual([
      ['数量指标', '新建堤防长度', 'missing', null, '公里'],
      ['数量指标', '灌区节水改造面积', 'missing', null, '万亩'],
      ['质量指标', '工程验收合格率', 'missing', '>=', '%'],
    ]);
  });

  it('reads a bare 满意度 under the level 1 服务对象满意度指标 as the name, and stops at 其他需说明的问题', () => {
    const text = paragraphs([
      '2024年项目支出绩效目标表',
      '项目名称',
      '雾炮车降尘服务',
      '一级指标',
      '二级指标',
      '三级指标',
      '指标值',
      '产出指标',
      '数量指标',
      '配备车辆数',
      '10辆',
      '服务对象满意度指标',
      '满意度',
      '90%',
      '其他需说明的问题',
      '无',
    ]);
    const [table] = importText(`${text}\n`).tables;
    expect(table?.indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['产出指标', '数量指标', '配备车辆数', '10辆'],
      ['服务对象满意度指标', null, '满意度', '90%'],
    ]);
  });
});
