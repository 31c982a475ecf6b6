import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { openDataColumns, openDataRowSchema } from './open-data.schema.ts';
import { openDataCsv, openDataRows } from './open-data.ts';

const id = '00000000-0000-4000-8000-000000000001';

describe('openDataRows', () => {
  it('gives one valid row per indicator with the table’s year, unit, project and budget', () => {
    const table = buildTable({ supervisingDepartment: '上海市科学技术委员会', code: 'P-1' });
    const rows = openDataRows([{ id, version: 5, table }]);
    expect(rows).toHaveLength(table.indicators.length);
    for (const row of rows) openDataRowSchema.parse(row);
    const visits = rows.find((r) => r.level3 === '举办科普活动场次');
    expect(visits).toMatchObject({
      tableId: id,
      version: 5,
      year: 2020,
      unit: '上海市某某局',
      department: '上海市科学技术委员会',
      project: '社区科普活动经费',
      projectCode: 'P-1',
      level1: '产出目标',
      level2: '数量',
      targetRaw: '>=120场',
      operator: '>=',
      value: 120,
      valueUnit: '场',
      budgetCurrentYear: 2_000_000,
    });
    expect(rows.map((r) => r.indicatorIndex)).toEqual(table.indicators.map((_, i) => i));
  });
});

describe('openDataCsv', () => {
  it('starts with a UTF-8 BOM and a bilingual heading row, one CRLF line per row', () => {
    const csv = openDataCsv(openDataRows([{ id, version: 1, table: buildTable() }]));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(openDataColumns.map((c) => `${c.zh} (${c.en})`).join(','));
    expect(lines).toHaveLength(2 + buildTable().indicators.length);
    expect(
      lines[1]?.startsWith('2020,上海市某某局,,社区科普活动经费,,投入与管理,投入管理,预算编制合理性,合理,'),
    ).toBe(true);
  });

  it('quotes commas, quotes and line breaks and keeps formula-looking text inert', () => {
    const table = buildTable({
      name: '项目,"甲"\n二期',
      indicators: [buildIndicator('产出目标', '数量', '=HYPERLINK("x")', '>=1个')],
    });
    const csv = openDataCsv(openDataRows([{ id, version: 1, table }]));
    const row = csv.slice(1).split('\r\n').slice(1).join('\r\n');
    expect(row).toContain('"项目,""甲""\n二期"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).not.toMatch(/,=HYPERLINK/);
  });

  it('writes empty cells for missing values and plain numbers for amounts', () => {
    const table = buildTable({ budget: { total: 1234.5, currentYear: null } });
    const [row] = openDataRows([{ id, version: 1, table }]);
    expect(row?.budgetCurrentYear).toBeNull();
    const line = openDataCsv(row ? [row] : []).split('\r\n')[1] ?? '';
    expect(line).toContain(',1234.5,,');
  });
});
