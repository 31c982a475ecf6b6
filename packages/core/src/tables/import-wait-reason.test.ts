import { describe, expect, it } from 'vitest';
import { parseTarget } from '../targets/target-grammar.ts';
import { importWaitReason, type ReadForBatch } from './import-wait-reason.ts';
import type { PerformanceTable } from './table.schema.ts';

const table: PerformanceTable = {
  kind: 'target',
  year: 2024,
  unit: '某局',
  name: '项目',
  narrative: {},
  budget: {},
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '人数', target: parseTarget('5人'), direction: null },
  ],
  warnings: [],
  incomplete: false,
};
const read = (change: Partial<ReadForBatch> = {}): ReadForBatch => ({
  tables: [table],
  warnings: [],
  ...change,
});
const fit = {
  sameWords: 6,
  templateWords: 6,
  fileWords: 6,
  templateColumns: 6,
  fileColumns: 6,
  sheetSame: null,
};
const template = { id: '00000000-0000-4000-8000-000000000001', name: '民政局自评表' };

describe('importWaitReason', () => {
  it('imports a clean read, a table read by a template matched exactly', () => {
    expect(importWaitReason(read())).toBeNull();
    expect(importWaitReason(read({ template: { ...template, fit: { ...fit, score: 1 } } }))).toBeNull();
  });

  it('says why each other file waits', () => {
    expect(importWaitReason(read({ tables: [] }))?.zh).toBe('未识别出表格：需指定表格列');
    expect(importWaitReason(read({ tables: [{ ...table, kind: 'self-evaluation' }] }))?.zh).toContain('自评');
    expect(importWaitReason(read({ tables: [{ ...table, monitoring: { cutOffMonth: 6 } }] }))?.en).toContain(
      'monitoring',
    );
    // A layout matched only closely: the columns need a look.
    expect(
      importWaitReason(read({ template: { ...template, fit: { ...fit, sameWords: 5, score: 0.88 } } })),
    ).toEqual({
      zh: '按版式模板“民政局自评表”读取，版式与模板略有不同（匹配度 88%）：需核对各列',
      en: 'Read with the layout template "民政局自评表", whose layout differs a little (match 88%): check the columns',
    });
    expect(importWaitReason(read(), () => ['year'])).toEqual({
      zh: '有字段需要补填：year',
      en: 'Fields to fill in: year',
    });
  });

  it('gives the first note with its line and how many more there are', () => {
    const cut = {
      code: 'import.truncated',
      zh: '文档在表格中途截断',
      en: 'The document is cut off',
      line: 7,
    };
    const guess = { code: 'import.low_confidence', zh: '第 3 行的指标值是推测的', en: 'Line 3: a guess' };
    expect(importWaitReason(read({ warnings: [cut] }))).toEqual({
      zh: '第 7 行：文档在表格中途截断',
      en: 'Line 7: The document is cut off',
    });
    expect(importWaitReason(read({ warnings: [guess], tables: [{ ...table, warnings: [cut] }] }))).toEqual({
      zh: '第 3 行的指标值是推测的（另有 1 条提示）',
      en: 'Line 3: a guess (and 1 more notes)',
    });
  });
});
