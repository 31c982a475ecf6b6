import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { dashboardSchema } from './dashboard.schema.ts';
import { dashboardRow, findingsByRule, summariseDashboard } from './dashboard.ts';

describe('summariseDashboard', () => {
  it('counts by status and year and sums budgets exactly to the 分', () => {
    const dashboard = summariseDashboard({
      scope: 'all',
      tables: [
        dashboardRow('draft', buildTable({ year: 2021, budget: { currentYear: 0.1 } })),
        dashboardRow('published', buildTable({ year: 2021, budget: { currentYear: 0.2 } })),
        dashboardRow('published', buildTable({ year: 2020, budget: { currentYear: 2_000_000 } })),
        dashboardRow('submitted', buildTable({ year: 2020, budget: { currentYear: null } })),
      ],
      topFindings: [],
      grades: ['优', '良', '良'],
      lights: ['red', 'green', 'green'],
    });
    dashboardSchema.parse(dashboard);
    expect(dashboard.totals).toEqual({
      tables: 4,
      indicators: 4 * buildTable().indicators.length,
      budgetCurrentYear: 2_000_000.3,
      published: 2,
    });
    expect(dashboard.byStatus).toContainEqual({ status: 'published', count: 2 });
    expect(dashboard.byStatus).toContainEqual({ status: 'returned', count: 0 });
    expect(dashboard.byYear).toEqual([
      { year: 2021, tables: 2, budgetCurrentYear: 0.3 },
      { year: 2020, tables: 2, budgetCurrentYear: 2_000_000 },
    ]);
    expect(dashboard.grades).toEqual([
      { grade: '优', count: 1 },
      { grade: '良', count: 2 },
      { grade: '中', count: 0 },
      { grade: '差', count: 0 },
    ]);
    expect(dashboard.lights.find((l) => l.light === 'green')?.count).toBe(2);
  });

  it('is empty but well-formed without tables', () => {
    const dashboard = summariseDashboard({
      scope: 'organisations',
      tables: [],
      grades: [],
      lights: [],
      topFindings: [],
    });
    expect(dashboard.totals).toEqual({ tables: 0, indicators: 0, budgetCurrentYear: 0, published: 0 });
    expect(dashboard.topFindings).toEqual([]);
    expect(dashboard.byYear).toEqual([]);
  });
});

describe('findingsByRule', () => {
  it('finds nothing in sound tables', () => {
    expect(findingsByRule([buildTable(), buildTable()])).toEqual([]);
  });

  it('ranks rules by how many tables they flag, with the rule’s own description', () => {
    const qualitativeRate = () =>
      buildTable({
        indicators: [
          ...buildTable().indicators.filter((i) => i.name !== '信息公开实现率'),
          buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范'),
        ],
      });
    const top = findingsByRule([qualitativeRate(), qualitativeRate(), buildTable()]);
    expect(top.length).toBeGreaterThan(0);
    const first = top[0];
    expect(first?.tables).toBe(2);
    expect(first?.ruleId).toMatch(/^SH2020-/);
    expect(first?.zh).not.toBe('');
    expect(first?.en).not.toBe('');
  });
});
