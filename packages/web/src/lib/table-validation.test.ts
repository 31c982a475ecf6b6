import { describe, expect, it } from 'vitest';
import { validateDates, validateTable } from './table-validation.ts';

describe('validateTable (core schema → field messages)', () => {
  it('places each complaint at its field path with a translatable key', () => {
    const issues = validateTable({
      year: 2020,
      unit: '',
      name: '项目',
      budget: { total: 12.345 },
      indicators: [
        {
          level1: null,
          level2: null,
          name: '',
          target: { raw: '', kind: 'missing', operator: null, value: null, unit: null },
        },
      ],
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.key]));
    expect(byPath).toEqual({
      unit: 'validation.required',
      'budget.total': 'validation.cents',
      'indicators.0.name': 'validation.required',
    });
  });

  it('accepts a complete table and checks ISO dates', () => {
    expect(validateTable({ year: 2020, unit: 'u', name: 'n', indicators: [] })).toEqual([]);
    expect(validateDates({ startDate: '2020/1/1', endDate: '2020-12-31' })).toEqual([
      { path: 'startDate', key: 'validation.date' },
    ]);
  });
});
