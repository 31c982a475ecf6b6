import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYear, yearLines } from './fields.ts';
import type { SourceLine } from './layout.ts';

// Lines with and without a year in the shapes readYear reads: labelled, in brackets, in a title, in text.
const texts = [
  '说明：按计划实施',
  '年度：2021',
  '（2022年度）',
  '2023年项目支出绩效目标表',
  '2019年度',
  '项目于2020年启动',
  '一级指标 二级指标 三级指标',
];
const lines = (max: number) =>
  fc
    .array(fc.constantFrom(...texts), { maxLength: max })
    .map((picked): SourceLine[] => picked.map((text, i) => ({ text, line: i + 1 })));

describe('yearLines', () => {
  it('keeps the lines readYear answers from, whatever follows them', () => {
    fc.assert(
      fc.property(lines(80), lines(40), (before, after) => {
        expect(readYear([...yearLines(before), ...after], null)).toBe(readYear([...before, ...after], null));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps at most 31 lines', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ text: `第${i}行 2020年`, line: i + 1 }));
    expect(yearLines(many)).toHaveLength(31);
  });
});

describe('readYear', () => {
  const at = (texts: string[]) =>
    readYear(
      texts.map((text, i) => ({ text, line: i + 1 })),
      null,
    );

  it('reads a bare year in brackets after the form’s title before a publishing date', () => {
    expect(at(['名称: 转移支付区域(项目)绩效目标自评表 (2021) 发布日期: 2022年04月02日'])).toBe(2021);
    expect(at(['项目支出绩效自评表', '(2021)', '发布日期：2022年4月2日'])).toBe(2021);
  });

  it('takes no bracketed figure inside running text for a year', () => {
    expect(at(['按标准(2019)执行', '2023年项目支出绩效目标表'])).toBe(2023);
  });
});
