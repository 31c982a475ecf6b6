import { describe, expect, it } from 'vitest';
import { parseTarget } from '../targets/target-grammar.ts';
import { chineseNumeral, figuresInText, measureBigrams, targetQuantity } from './narrative-figures.ts';

const read = (text: string) =>
  figuresInText(text).map((f) => ({ text: f.text, value: f.value, unit: f.unit, bound: f.bound }));

describe('chineseNumeral', () => {
  it('reads the numerals narratives write', () => {
    const cases: [string, number][] = [
      ['十', 10],
      ['十二', 12],
      ['二十', 20],
      ['三百五十', 350],
      ['一千二百', 1200],
      ['一千零五', 1005],
      ['两万', 20000],
      ['一万五千', 15000],
      ['十万', 100000],
      ['三亿', 300000000],
    ];
    for (const [text, value] of cases) expect(chineseNumeral(text), text).toBe(value);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['万', '一二', '二〇二〇', '']) expect(chineseNumeral(text), text).toBeNull();
  });
});

describe('figuresInText', () => {
  it('reads the forms of a cited quantity, with 万 and Chinese numerals', () => {
    expect(read('参观人次1.5万')).toEqual([{ text: '1.5万', value: 15000, unit: '人次', bound: 'exact' }]);
    expect(read('全年接待15,000人次')).toEqual([
      { text: '15,000人次', value: 15000, unit: '人次', bound: 'exact' },
    ]);
    expect(read('举办讲座20场')).toEqual([{ text: '20场', value: 20, unit: '场', bound: 'exact' }]);
    expect(read('覆盖率达到95%')).toEqual([{ text: '达到95%', value: 95, unit: '%', bound: 'floor' }]);
    expect(read('举办讲座二十场，培训两万人次')).toEqual([
      { text: '二十场', value: 20, unit: '场', bound: 'exact' },
      { text: '两万人次', value: 20000, unit: '人次', bound: 'exact' },
    ]);
    expect(read('累计参观人数近15000人次，完成接待500余场')).toEqual([
      { text: '近15000人次', value: 15000, unit: '人次', bound: 'about' },
      { text: '500余场', value: 500, unit: '场', bound: 'floor' },
    ]);
    expect(read('项目总成本控制在100万元以内')).toEqual([
      { text: '控制在100万元以内', value: 1_000_000, unit: '元', bound: 'cap' },
    ]);
    // Full-width digits and percent, and a figure wrapped over two lines.
    expect(read('满意度达到９５％以上')[0]).toMatchObject({ value: 95, unit: '%', bound: 'floor' });
    expect(read('服务市民1\n5000人次')[0]).toMatchObject({ value: 15000 });
  });

  it('keeps the rounding the printed digits allow', () => {
    const [figure] = figuresInText('项目预算4109.86万元');
    expect(figure?.value).toBe(41_098_600);
    expect(figure?.tolerance).toBe(50);
    expect(figuresInText('服务1.5万人次')[0]?.tolerance).toBe(500);
  });

  it('leaves out dates, codes, ordinals, compound units and words that only look like units', () => {
    const none = [
      '2019年6月，丹桂路899号107室',
      'C25混凝土，厚15cm',
      '第三场活动',
      '带动群众增收5000元/年',
      '一次性补助',
      '5个工作日内办结',
      '统一项目管理',
      '提高5个百分点',
      '参观人次2019年起逐年增长',
    ];
    for (const text of none) expect(read(text), text).toEqual([]);
  });

  it('leaves out stocks, parts, rates per month and totals over several years', () => {
    const none = [
      '全区共有社区120个、学校30所',
      '每月举办讲座2场',
      '三年内培训3000人',
      '“十四五”期间建成50个站点',
      '2019-2021年累计服务5万人次',
      '近年来服务市民10万人次',
      '实施期目标：培育示范社300家',
    ];
    for (const text of none) expect(read(text), text).toEqual([]);
    expect(read('项目预算200万元，其中培训费50万元').map((f) => f.text)).toEqual(['200万元']);
  });

  it('names the words next to a figure, after the previous figure of its clause', () => {
    const [lectures, shows] = figuresInText('全年举办讲座20场、展览5场');
    expect(lectures?.words.has('讲座')).toBe(true);
    expect(shows?.words.has('展览')).toBe(true);
    expect(shows?.words.has('讲座')).toBe(false);
    expect(figuresInText('举办20场讲座')[0]?.words.has('讲座')).toBe(true);
  });

  it('dates a cumulative figure from its anchored start to its end', () => {
    const [figure] = figuresInText(
      '自2018年11月7日展厅对外开放以来，展厅接待各方参观团。截至2019年6月累计参观人数近15000人次。',
    );
    expect(figure?.time).toMatchObject({
      cumulative: true,
      span: { from: '2018-11', to: '2019-06', months: 8 },
    });
    // Without a start the span is unknown.
    expect(figuresInText('截至2019年底累计服务5万人次')[0]?.time.span).toBeNull();
    const [dated] = figuresInText('2019年接待游客3万人次，上年举办活动12场');
    expect(dated?.year).toBe(2019);
  });
});

describe('targetQuantity and measureBigrams', () => {
  it('puts targets in the base unit of their family', () => {
    expect(targetQuantity(parseTarget('>=2万人次'))).toMatchObject({
      value: 20000,
      unit: '人次',
      family: 'people',
    });
    expect(targetQuantity(parseTarget('<=65万元'))).toMatchObject({
      value: 650000,
      unit: '元',
      family: 'yuan',
    });
    expect(targetQuantity(parseTarget('>=2000人'))?.family).toBe(
      targetQuantity(parseTarget('15000人次'))?.family,
    );
    for (const text of ['1600元/亩', '250万', '= 8', '合理', '2020年12月31日前'])
      expect(targetQuantity(parseTarget(text)), text).toBeNull();
  });

  it('keeps only the words that say what is measured', () => {
    expect([...measureBigrams('参观人数')]).toEqual(['参观']);
    expect([...measureBigrams('举办科普活动场次')]).toEqual(['举办', '办科', '科普', '普活', '活动']);
    expect(measureBigrams('项目完成率').size).toBe(0);
    // 率, 度, 性 end a name's measure type; inside a word (重度) they are part of it.
    expect([...measureBigrams('参与市民满意度')]).toEqual(['参与', '与市', '市民', '民满', '满意']);
    expect(measureBigrams('重度残疾人护理补贴人数').has('重度')).toBe(true);
  });
});
