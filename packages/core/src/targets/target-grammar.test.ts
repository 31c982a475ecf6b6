import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Target } from './target.schema.ts';
import { targetSchema } from './target.schema.ts';
import {
  excelSerialToIso,
  formatTarget,
  nameSuggestsDate,
  parseTarget,
  quantityInSentence,
} from './target-grammar.ts';

type Shape = Omit<Target, 'raw'>;
const shape = ({ raw: _raw, ...rest }: Target): Shape => rest;

// Every form in domain.md and the labelled corpus, with what a reader takes it to mean.
const examples: [string, Partial<Shape>][] = [
  ['>=95%', { kind: 'quantitative', operator: '>=', value: 95, unit: '%' }],
  ['≥ 95 %', { kind: 'quantitative', operator: '>=', value: 95, unit: '%' }],
  ['≥ | 95 | %', { kind: 'quantitative', operator: '>=', value: 95, unit: '%' }],
  ['＞＝80%', { kind: 'quantitative', operator: '>=', value: 80, unit: '%' }],
  ['﹦100%', { kind: 'quantitative', operator: '=', value: 100, unit: '%' }],
  ['═ | 100 | %', { kind: 'quantitative', operator: '=', value: 100, unit: '%' }],
  ['＝100%', { kind: 'quantitative', operator: '=', value: 100, unit: '%' }],
  ['=100%', { kind: 'quantitative', operator: '=', value: 100, unit: '%' }],
  ['=0', { kind: 'quantitative', operator: '=', value: 0, unit: null }],
  ['100%', { kind: 'quantitative', operator: null, value: 100, unit: '%' }],
  ['1', { kind: 'quantitative', operator: null, value: 1, unit: null }],
  ['≥80M', { kind: 'quantitative', operator: '>=', value: 80, unit: 'M' }],
  ['≥50个', { kind: 'quantitative', operator: '>=', value: 50, unit: '个' }],
  ['>=2000人', { kind: 'quantitative', operator: '>=', value: 2000, unit: '人' }],
  ['≥500人次', { kind: 'quantitative', operator: '>=', value: 500, unit: '人次' }],
  ['≤90万元', { kind: 'quantitative', operator: '<=', value: 90, unit: '万元' }],
  ['>=2.61万元', { kind: 'quantitative', operator: '>=', value: 2.61, unit: '万元' }],
  ['1600元/亩', { kind: 'quantitative', operator: null, value: 1600, unit: '元/亩' }],
  ['<=3000元/平方米', { kind: 'quantitative', operator: '<=', value: 3000, unit: '元/平方米' }],
  ['= 24 人/次', { kind: 'quantitative', operator: '=', value: 24, unit: '人/次' }],
  ['>=500亩', { kind: 'quantitative', operator: '>=', value: 500, unit: '亩' }],
  ['<=12个月', { kind: 'quantitative', operator: '<=', value: 12, unit: '个月' }],
  ['≥100百分比', { kind: 'quantitative', operator: '>=', value: 100, unit: '%' }],
  ['250万', { kind: 'quantitative', operator: null, value: 250, unit: '万' }],
  ['≤1,000元', { kind: 'quantitative', operator: '<=', value: 1000, unit: '元' }],
  ['< 5', { kind: 'quantitative', operator: '<', value: 5, unit: null }],
  ['＞90%', { kind: 'quantitative', operator: '>', value: 90, unit: '%' }],
  ['不低于95%', { kind: 'quantitative', operator: '>=', value: 95, unit: '%' }],
  ['30天以内', { kind: 'quantitative', operator: '<=', value: 30, unit: '天' }],
  ['90%-95%', { kind: 'quantitative', operator: null, value: 90, unit: '%', upper: 95 }],
  ['2020年12月31日前', { kind: 'date', operator: '<=', date: '2020-12-31' }],
  ['2019年12月', { kind: 'date', operator: null, date: '2019-12' }],
  ['2021年底', { kind: 'date', operator: '<=', date: '2021-12' }],
  ['2023年6月底前', { kind: 'date', operator: '<=', date: '2023-06' }],
  ['2023年12月前完成', { kind: 'date', operator: '<=', date: '2023-12' }],
  ['2023年度内', { kind: 'date', operator: '<=', date: '2023-12' }],
  ['12月底前', { kind: 'qualitative' }],
  ['2025年年底前', { kind: 'date', operator: '<=', date: '2025-12' }],
  ['12月底到位', { kind: 'qualitative' }],
  ['1年内', { kind: 'quantitative', operator: '<=', value: 1, unit: '年' }],
  ['≥90％', { kind: 'quantitative', operator: '>=', value: 90, unit: '%' }],
  ['≥1次/年', { kind: 'quantitative', operator: '>=', value: 1, unit: '次/年' }],
  ['各 1 次', { kind: 'quantitative', operator: null, value: 1, unit: '次' }],
  ['≥各2场', { kind: 'quantitative', operator: '>=', value: 2, unit: '场' }],
  ['均≥100岁', { kind: 'quantitative', operator: '>=', value: 100, unit: '岁' }],
  ['各级培训', { kind: 'qualitative' }],
  ['均衡发展', { kind: 'qualitative' }],
  ['2023.07-2024.01', { kind: 'period', period: { start: '2023-07', end: '2024-01' } }],
  ['2023年4月-2024年2月', { kind: 'period', period: { start: '2023-04', end: '2024-02' } }],
  ['2023年4月1日至6月30日', { kind: 'period', period: { start: '2023-04-01', end: '2023-06-30' } }],
  ['= 44,561 44,561', { kind: 'date', operator: '=', date: '2021-12-31' }],
  ['合理', { kind: 'qualitative', operator: null, value: null, text: '合理' }],
  ['健全', { kind: 'qualitative', text: '健全' }],
  ['优良', { kind: 'qualitative', text: '优良' }],
  ['效果明显', { kind: 'qualitative', text: '效果明显' }],
  ['≥**%', { kind: 'placeholder' }],
  ['≥**人', { kind: 'placeholder' }],
  ['指标1:', { kind: 'placeholder' }],
  ['/', { kind: 'missing' }],
  ['', { kind: 'missing' }],
];

describe('parseTarget', () => {
  it.each(examples)('%s', (raw, want) => {
    const target = parseTarget(raw);
    expect(target.raw).toBe(raw);
    expect(target).toMatchObject(want);
    expect(targetSchema.safeParse(target).success).toBe(true);
  });

  it('reads a share with a word after the percent sign (`100%覆盖`, `≥95%达标`) in %', () => {
    expect(parseTarget('100%覆盖')).toMatchObject({
      kind: 'quantitative',
      operator: null,
      value: 100,
      unit: '%',
    });
    expect(parseTarget('≥95%达标')).toMatchObject({
      kind: 'quantitative',
      operator: '>=',
      value: 95,
      unit: '%',
    });
    // A unit that is a word of its own stays as printed.
    expect(parseTarget('20人次')).toMatchObject({ value: 20, unit: '人次' });
  });

  it('reads a year alone (`2020年`, `2022年全年`) as that year, not as a count of years', () => {
    const whole = { kind: 'period', value: null, unit: null, period: { start: '2022-01', end: '2022-12' } };
    expect(parseTarget('2022年')).toMatchObject(whole);
    expect(parseTarget('2022年全年')).toMatchObject(whole);
    expect(parseTarget('2022年度')).toMatchObject(whole);
    // A deadline word still makes it a deadline; a short count of years stays a quantity.
    expect(parseTarget('2022年底前')).toMatchObject({ kind: 'date', operator: '<=', date: '2022-12' });
    expect(parseTarget('3年')).toMatchObject({ kind: 'quantitative', value: 3, unit: '年' });
    expect(parseTarget('≥20年')).toMatchObject({ kind: 'quantitative', value: 20, unit: '年' });
  });

  it('reads a figure printed after its measure (`每亩300`, `每人500元`) as so much per that measure', () => {
    expect(parseTarget('每亩300')).toMatchObject({ kind: 'quantitative', value: 300, unit: '每亩' });
    expect(parseTarget('每人500元')).toMatchObject({ kind: 'quantitative', value: 500, unit: '元/人' });
    expect(parseTarget('≥每亩100')).toMatchObject({ operator: '>=', value: 100, unit: '每亩' });
    // A sentence with the word stays text.
    expect(parseTarget('每月开展一次巡查').kind).toBe('qualitative');
  });

  it('reads a bare Excel serial as a date only when the indicator is about a date', () => {
    expect(parseTarget('44561', { expectDate: true })).toMatchObject({ kind: 'date', date: '2021-12-31' });
    expect(parseTarget('44561')).toMatchObject({ kind: 'quantitative', value: 44561 });
    expect(nameSuggestsDate('项目财政资金到位时间')).toBe(true);
    expect(nameSuggestsDate('项目完成及时率')).toBe(false);
  });

  it('reads a deadline without its year in the year of the form, and only when the year is given', () => {
    expect(parseTarget('12月底以前', { year: 2022 })).toMatchObject({
      kind: 'date',
      operator: '<=',
      date: '2022-12',
    });
    expect(parseTarget('6月30日前', { year: 2024 })).toMatchObject({ kind: 'date', date: '2024-06-30' });
    expect(parseTarget('12月底到位', { year: 2023 })).toMatchObject({
      kind: 'date',
      operator: '<=',
      date: '2023-12',
    });
    expect(parseTarget('12月底以前').kind).toBe('qualitative');
    // No deadline word: a month alone is no date target.
    expect(parseTarget('3月', { year: 2024 }).kind).not.toBe('date');
    expect(parseTarget('2月30日前', { year: 2024 }).kind).toBe('qualitative');
  });

  it('reads a target holding 200,000 spaces in linear time (the pipe-joined cells were quadratic: 40 s)', () => {
    const started = performance.now();
    expect(parseTarget(`≥95${' '.repeat(200_000)}%`).kind).toBe('quantitative');
    expect(parseTarget(`≥ | 95 |${' '.repeat(200_000)}| %`).kind).toBe('quantitative');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads a unit alone, maybe after an operator, as a target whose number was never filled in', () => {
    expect(parseTarget('公里')).toMatchObject({ kind: 'missing', operator: null, value: null, unit: '公里' });
    expect(parseTarget('≧ %')).toMatchObject({ kind: 'missing', operator: '>=', value: null, unit: '%' });
    expect(parseTarget('万亩')).toMatchObject({ kind: 'missing', unit: '万亩' });
    // A word that is no unit stays a qualitative target.
    expect(parseTarget('合理')).toMatchObject({ kind: 'qualitative', text: '合理' });
  });

  it('finds the one quantity a sentence target states, and nothing in a sentence of several numbers or a date', () => {
    expect(quantityInSentence('暂定量按作业且总航时不少于30小时测算')).toEqual({
      kind: 'quantitative',
      operator: '>=',
      value: 30,
      unit: '小时',
    });
    expect(quantityInSentence('补助资金及时到位100%')).toMatchObject({
      operator: null,
      value: 100,
      unit: '%',
    });
    expect(quantityInSentence('按15次作业且总航时不少于30小时测算')).toBeNull();
    expect(quantityInSentence('于12月完成')).toBeNull();
    expect(quantityInSentence('有效提升')).toBeNull();
    // parseTarget itself keeps such a sentence qualitative: readers decide where targets are.
    expect(parseTarget('补助资金及时到位100%').kind).toBe('qualitative');
  });

  it('converts Excel serials with the 1900 leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(43831)).toBe('2020-01-01');
    expect(excelSerialToIso(1.5)).toBeNull();
  });
});

const operator = fc.constantFrom('', '>=', '<=', '=', '>', '<', '≥', '≤', '＝', '﹦', '＞', '＜');
const unit = fc.constantFrom(
  '',
  '%',
  '个',
  '人次',
  '万元',
  '元/亩',
  'M',
  '亩',
  '公里',
  '天',
  '百分比',
  '人/年',
);
const number = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.integer({ min: 1000, max: 9_999_999 }).map((n) => n.toLocaleString('en-US')),
);
const date = fc
  .tuple(
    fc.integer({ min: 1995, max: 2099 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .chain(([y, m, d]) =>
    fc.constantFrom(
      `${y}年${m}月${d}日前`,
      `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      `${y}年${m}月`,
    ),
  );
const qualitative = fc.constantFrom(
  '合理',
  '健全',
  '有效',
  '规范',
  '达标',
  '优良',
  '效果明显',
  '符合相关规定',
);
const printedTarget = fc.oneof(
  fc.tuple(operator, fc.constantFrom('', ' '), number, unit).map(([o, s, n, u]) => `${o}${s}${n}${u}`),
  date,
  qualitative,
  fc.tuple(operator, unit).map(([o, u]) => `${o}**${u}`),
);

describe('parseTarget properties', () => {
  it('never throws, always returns a schema-valid target keeping the raw text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), printedTarget), (raw) => {
        const target = parseTarget(raw);
        expect(target.raw).toBe(raw);
        expect(targetSchema.safeParse(target).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a yearless deadline read with the form year formats to a dated target that reads back the same', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1995, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom('前', '以前', '之前', '底前', '底以前'),
        (year, month, day, suffix) => {
          const raw = suffix.startsWith('底') ? `${month}月${suffix}` : `${month}月${day}日${suffix}`;
          const first = parseTarget(raw, { year });
          expect(first.kind).toBe('date');
          expect(shape(parseTarget(formatTarget(first)))).toEqual(shape(first));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('formatting a parsed target and parsing it again gives the same structure', () => {
    fc.assert(
      fc.property(fc.oneof(printedTarget, fc.string({ unit: 'grapheme', maxLength: 30 })), (raw) => {
        const first = parseTarget(raw);
        const again = parseTarget(formatTarget(first));
        expect(shape(again)).toEqual(shape(first));
      }),
      { numRuns: 2000 },
    );
  });
});
