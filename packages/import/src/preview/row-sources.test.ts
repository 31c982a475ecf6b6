import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { importText } from '../text/import-text.ts';
import { rowSourceLines, withRowSources, withSources } from './row-sources.ts';

describe('rowSourceLines', () => {
  it('gives a one-line row its line', () => {
    expect(rowSourceLines([{ line: 5 }, { line: 6 }, { line: 7 }])).toEqual([
      { line: 5, endLine: 5 },
      { line: 6, endLine: 6 },
      { line: 7, endLine: 7 },
    ]);
  });

  it('spreads a row printed one cell per line up to the next row, the last as long as the one before', () => {
    expect(rowSourceLines([{ line: 10 }, { line: 13 }, { line: 16 }])).toEqual([
      { line: 10, endLine: 12 },
      { line: 13, endLine: 15 },
      { line: 16, endLine: 18 },
    ]);
  });

  it('starts a row at the line its row began on and keeps a wrapped cell whole', () => {
    expect(rowSourceLines([{ line: 4, rowLine: 3, endLine: 5 }, { line: 6 }])).toEqual([
      { line: 3, endLine: 5 },
      { line: 6, endLine: 6 },
    ]);
  });

  it('leaves the indicators alone when the cells do not match them one to one', () => {
    const indicator = { level1: null, level2: null, name: 'x', target: parseTarget('1') };
    expect(withRowSources([indicator], [])).toEqual([indicator]);
  });
});

describe('the text importer reports where each row is printed', () => {
  it('points each row of a tab-separated table at its line', () => {
    const text = [
      '2024年度项目支出绩效目标表',
      '项目名称\t社区养老服务补助',
      '实施单位\t某区民政局',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t服务老人人数\t≥500人',
      '产出指标\t质量指标\t服务合格率\t≥95%',
      '满意度指标\t服务对象满意度指标\t老人满意度\t≥90%',
    ].join('\n');
    const read = importText(text);
    // The table is what was read and nothing else; the lines come beside it.
    expect(read.tables[0]?.indicators.some((i) => 'source' in i)).toBe(false);
    const [table] = withSources(read.tables, read.rowSources);
    expect(table?.indicators.map((i) => [i.name, i.source])).toEqual([
      ['服务老人人数', { line: 5, endLine: 5 }],
      ['服务合格率', { line: 6, endLine: 6 }],
      ['老人满意度', { line: 7, endLine: 7 }],
    ]);
  });
});
