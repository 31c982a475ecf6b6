import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLooseHeader, tableFromMapping } from './mapped-table.ts';

const train = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'train');
const headerA05 = readFileSync(join(train, 'header-a-05.txt'), 'utf8');

describe('readLooseHeader', () => {
  it('reads the project name of a loose 项目库 header (train/header-a-05)', () => {
    expect(readLooseHeader(headerA05)).toEqual({ name: '绿化养护经费', unit: null, year: null });
  });

  it('reads label：value lines and the year', () => {
    expect(readLooseHeader('2024年度\n项目名称：社区养老\n实施单位：某区民政局\n')).toEqual({
      name: '社区养老',
      unit: '某区民政局',
      year: 2024,
    });
  });
});

describe('tableFromMapping', () => {
  const mapping = {
    region: { line: 12, endLine: 19 },
    roles: ['level1' as const, 'level2' as const, 'target' as const, 'explanation' as const],
  };

  it('builds a table from a form no reader recognised, asking for the year it does not print', () => {
    const { table, warnings } = tableFromMapping(headerA05, mapping, undefined, {
      now: new Date('2026-03-01T00:00:00Z'),
    });
    expect(table).toMatchObject({ name: '绿化养护经费', unit: '（未注明）', year: 2026, kind: 'target' });
    expect(table.indicators).toHaveLength(7);
    expect(table.indicators[0]?.source).toEqual({ line: 13, endLine: 13 });
    expect(warnings.map((w) => [w.code, w.path])).toEqual([['import.no_year', 'year']]);
  });

  it('keeps the header fields the reader found and the kind the person chose', () => {
    const base = {
      kind: 'target' as const,
      year: 2024,
      unit: '某局',
      name: '绿化养护经费',
      narrative: {},
      budget: { total: 100 },
      indicators: [],
      warnings: [],
      incomplete: true,
    };
    const { table } = tableFromMapping(headerA05, { ...mapping, kind: 'self-evaluation' }, base);
    expect(table).toMatchObject({
      year: 2024,
      unit: '某局',
      budget: { total: 100 },
      kind: 'self-evaluation',
    });
    expect(table.incomplete).toBe(false);
    expect(table.indicators).toHaveLength(7);
  });
});
