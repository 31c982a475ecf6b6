import { describe, expect, it } from 'vitest';
import type { Organisation } from '../accounts/account.schema.ts';
import { publicStatisticsSchema } from './public-statistics.schema.ts';
import { type PublishedGroup, summarisePublicStatistics } from './public-statistics.ts';

const dept = '0a000000-0000-4000-8000-0000000000d1';
const unit = '0a000000-0000-4000-8000-0000000000a1';
const organisations: Organisation[] = [
  { id: dept, name: '上海市科学技术委员会', kind: 'department', parentId: null },
  { id: unit, name: '科创办', kind: 'unit', parentId: dept },
];

const groups: PublishedGroup[] = [
  { year: 2021, organisationId: unit, printedDepartment: '别的名字', tables: 2, budgetCurrentYear: '0.10' },
  {
    year: 2021,
    organisationId: null,
    printedDepartment: '上海市教育委员会',
    tables: 1,
    budgetCurrentYear: 0.2,
  },
  { year: 2020, organisationId: null, printedDepartment: '  ', tables: 1, budgetCurrentYear: null },
  { year: 2020, organisationId: unit, printedDepartment: null, tables: 3, budgetCurrentYear: '41098620.53' },
];

describe('summarisePublicStatistics', () => {
  it('counts and sums published tables by year and department, the tree before the printed name', () => {
    const stats = publicStatisticsSchema.parse(summarisePublicStatistics(groups, organisations));
    expect(stats.totals).toEqual({ tables: 7, budgetCurrentYear: 41098620.83 });
    expect(stats.byYear).toEqual([
      { year: 2021, tables: 3, budgetCurrentYear: 0.3 },
      { year: 2020, tables: 4, budgetCurrentYear: 41098620.53 },
    ]);
    expect(stats.byDepartment).toEqual([
      { department: '上海市科学技术委员会', tables: 5, budgetCurrentYear: 41098620.63 },
      { department: '上海市教育委员会', tables: 1, budgetCurrentYear: 0.2 },
      { department: null, tables: 1, budgetCurrentYear: 0 },
    ]);
  });

  it('keeps one year when asked', () => {
    const stats = summarisePublicStatistics(groups, organisations, 2021);
    expect(stats.year).toBe(2021);
    expect(stats.totals).toEqual({ tables: 3, budgetCurrentYear: 0.3 });
    expect(stats.byYear.map((y) => y.year)).toEqual([2021]);
    expect(stats.byDepartment.map((d) => d.department)).toEqual(['上海市教育委员会', '上海市科学技术委员会']);
  });
});
