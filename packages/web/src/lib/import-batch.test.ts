import type { ImportPreview } from '@jixiao/core/tables/table-record.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import {
  type BatchFile,
  batchCounts,
  confirmationReason,
  confirmFailure,
  fileKey,
  mergeBatch,
} from './import-batch.ts';

const table = {
  kind: 'target' as const,
  year: 2024,
  unit: '某局',
  name: '项目',
  narrative: {},
  budget: {},
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '人数', target: parseTarget('5人') }],
  warnings: [],
  incomplete: false,
};
const preview = (change: Partial<ImportPreview> = {}): ImportPreview => ({
  importId: '00000000-0000-4000-8000-000000000001',
  fileName: 'a.txt',
  mediaType: 'text/plain',
  sourceText: '',
  tables: [table],
  warnings: [],
  ...change,
});
const none = () => [];

describe('confirmationReason', () => {
  it('lets a clean preview through and stops one a person must look at', () => {
    expect(confirmationReason(preview(), none)).toBeNull();
    expect(confirmationReason(preview({ tables: [] }), none)?.zh).toContain('指定表格列');
    expect(
      confirmationReason(preview({ tables: [{ ...table, kind: 'self-evaluation' }] }), none)?.zh,
    ).toContain('自评');
    expect(
      confirmationReason(preview({ tables: [{ ...table, monitoring: { cutOffMonth: 6 } }] }), none)?.en,
    ).toContain('monitoring');
    const warning = { code: 'import.truncated', zh: '文档在表格中途截断', en: 'cut off' };
    expect(confirmationReason(preview({ warnings: [warning] }), none)).toEqual({
      zh: warning.zh,
      en: warning.en,
    });
    expect(confirmationReason(preview(), () => ['year'])).toEqual({
      zh: '有字段需要补填：year',
      en: 'Fields to fill in: year',
    });
  });
});

describe('confirmFailure', () => {
  it('keeps a duplicate for the person’s choice and refuses anything else with the server’s words', () => {
    const problem = {
      type: 'about:blank',
      title: 'x',
      status: 409,
      code: 'table.duplicate',
      zh: '重复',
      en: 'dup',
    };
    expect(confirmFailure(problem).status).toBe('needs-confirmation');
    expect(confirmFailure({ ...problem, code: 'budget_year.closed', zh: '已截止', en: 'closed' })).toEqual({
      status: 'refused',
      reason: { zh: '已截止', en: 'closed' },
    });
  });
});

describe('mergeBatch', () => {
  it('keeps the results of files done before and queues the rest again', () => {
    const file = (name: string, status: BatchFile['status']): BatchFile => ({
      key: fileKey({ name, size: 1 }),
      name,
      size: 1,
      status,
      progress: 0,
    });
    const previous = [file('a.txt', 'imported'), file('b.txt', 'running'), file('c.txt', 'refused')];
    const picked = [file('a.txt', 'pending'), file('b.txt', 'pending'), file('d.txt', 'pending')];
    const merged = mergeBatch(previous, picked);
    expect(merged.map((f) => [f.name, f.status])).toEqual([
      ['a.txt', 'imported'],
      ['b.txt', 'pending'],
      ['d.txt', 'pending'],
    ]);
    expect(batchCounts(merged)).toMatchObject({ imported: 1, pending: 2, refused: 0 });
  });
});
