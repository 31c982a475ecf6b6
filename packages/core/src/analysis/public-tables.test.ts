import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { publicTableQuerySchema } from './public-table.schema.ts';
import { type PublishedVersion, presentPublicTable, searchPublicTables } from './public-tables.ts';

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

const science = published({
  year: 2020,
  unit: '上海推进科技创新中心建设办公室',
  supervisingDepartment: '上海市科学技术委员会',
  name: '科创中心建设工作经费',
});
const exam = published({
  year: 2021,
  unit: '上海市教育考试院',
  supervisingDepartment: '上海市教育委员会',
  name: '考务费',
  indicators: [buildIndicator('产出目标', '数量', '组织考试场次', '>=30场')],
});
const science2021 = published({ year: 2021, unit: '上海推进科技创新中心建设办公室', name: '科技宣传经费' });
const all = [science, exam, science2021];
const query = (q: Record<string, unknown> = {}) => publicTableQuerySchema.parse(q);

describe('searchPublicTables', () => {
  it('lists newest year first, then by unit and project', () => {
    const list = searchPublicTables(all, query());
    expect(list.items.map((i) => i.name)).toEqual(['考务费', '科技宣传经费', '科创中心建设工作经费']);
    expect(list.total).toBe(3);
  });

  it('browses by year, unit and department, with facets over everything published', () => {
    expect(searchPublicTables(all, query({ year: '2020' })).items.map((i) => i.id)).toEqual([science.id]);
    expect(searchPublicTables(all, query({ unit: '上海市教育考试院' })).items.map((i) => i.id)).toEqual([
      exam.id,
    ]);
    expect(
      searchPublicTables(all, query({ department: '上海市科学技术委员会' })).items.map((i) => i.id),
    ).toEqual([science.id]);
    const { facets } = searchPublicTables(all, query({ year: '2020' }));
    expect(facets.years).toEqual([
      { value: 2021, count: 2 },
      { value: 2020, count: 1 },
    ]);
    expect(facets.units.find((u) => u.value === '上海推进科技创新中心建设办公室')?.count).toBe(2);
    expect(facets.departments.map((d) => d.value).sort()).toEqual([
      '上海市教育委员会',
      '上海市科学技术委员会',
    ]);
  });

  it('searches project, unit and indicator text ignoring spaces and full-width forms', () => {
    expect(searchPublicTables(all, query({ q: '考务' })).items.map((i) => i.id)).toEqual([exam.id]);
    expect(searchPublicTables(all, query({ q: '组织 考试' })).items.map((i) => i.id)).toEqual([exam.id]);
    expect(searchPublicTables(all, query({ q: '教育考试院' })).total).toBe(1);
    expect(searchPublicTables(all, query({ q: '>=３０场' })).items.map((i) => i.id)).toEqual([exam.id]);
    expect(searchPublicTables(all, query({ q: '没有这个项目' })).total).toBe(0);
  });

  it('pages', () => {
    const page2 = searchPublicTables(all, query({ page: '2', pageSize: '2' }));
    expect(page2.items.map((i) => i.name)).toEqual(['科创中心建设工作经费']);
    expect(page2.total).toBe(3);
  });
});

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
