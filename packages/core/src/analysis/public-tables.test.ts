import { describe, expect, it } from 'vitest';
import { buildTable } from '../review/testing/table-factory.ts';
import { type PublishedVersion, presentPublicTable } from './public-tables.ts';

let n = 0;
function published(overrides: Parameters<typeof buildTable>[0] = {}): PublishedVersion {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    version: 4,
    table: buildTable(overrides),
    publishedAt: '2026-11-20T08:00:00.000Z',
  };
}

describe('presentPublicTable', () => {
  it('drops import warnings and carries only the public fields', () => {
    const p = published({ warnings: [{ code: 'import.unclear', zh: '内部备注', en: 'internal note' }] });
    const shown = presentPublicTable(p);
    expect(shown.table.warnings).toEqual([]);
    expect(Object.keys(shown).sort()).toEqual(
      [
        'code',
        'currentYearBudget',
        'department',
        'id',
        'indicatorCount',
        'kind',
        'name',
        'publishedAt',
        'table',
        'unit',
        'version',
        'year',
      ].sort(),
    );
  });
});
