import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { describe, expect, it } from 'vitest';
import { emptyTable, pickTouched, sameValue, withAdopted } from './table-draft.ts';

describe('emptyTable', () => {
  it('starts next year’s target table with nothing filled in', () => {
    const table = emptyTable(new Date('2026-12-07T10:00:00Z'));
    expect(table).toMatchObject({ kind: 'target', year: 2027, unit: '', name: '', indicators: [] });
  });
});

describe('pickTouched', () => {
  const saved = buildTable();
  const errors = { name: '必填', 'budget.total': '须为数字', 'indicators.0.target': '目标值不完整' };

  it('shows no error of a table the user has not changed', () => {
    expect(pickTouched(errors, saved, saved)).toEqual({});
    expect(pickTouched(errors, null, saved)).toEqual({});
  });

  it('shows the errors of changed fields, and of a changed indicator row on any of its fields', () => {
    const draft = {
      ...saved,
      name: '',
      indicators: saved.indicators.map((row, i) => (i === 0 ? { ...row, name: `${row.name}（改）` } : row)),
    };
    expect(pickTouched(errors, draft, saved)).toEqual({
      name: '必填',
      'indicators.0.target': '目标值不完整',
    });
  });
});

describe('withAdopted', () => {
  const rows = [
    buildIndicator('产出指标', '数量指标', '甲', '>=1个'),
    buildIndicator('产出指标', '数量指标', '乙', '>=2个'),
    buildIndicator('效益指标', '社会效益指标', '丙', '提升'),
  ];

  it('puts an adopted indicator after the last row of its levels', () => {
    const adopted = buildIndicator('产出指标', '数量指标', '丁', '>=4个');
    expect(withAdopted(rows, adopted).map((r) => r.name)).toEqual(['甲', '乙', '丁', '丙']);
  });

  it('puts one of levels the table lacks at the end', () => {
    const adopted = buildIndicator('满意度指标', '服务对象满意度指标', '戊', '>=90%');
    expect(withAdopted(rows, adopted).map((r) => r.name)).toEqual(['甲', '乙', '丙', '戊']);
    expect(
      sameValue(
        rows.map((r) => r.name),
        ['甲', '乙', '丙'],
      ),
    ).toBe(true);
  });
});
