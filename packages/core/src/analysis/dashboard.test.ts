import { describe, expect, it } from 'vitest';
import type { Organisation } from '../accounts/account.schema.ts';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { type Dashboard, dashboardSchema } from './dashboard.schema.ts';
import {
  type DashboardInput,
  type DashboardTableGroup,
  departmentChoices,
  departmentOf,
  findingsByRule,
  organisationsUnder,
  summariseDashboard,
} from './dashboard.ts';

const ids = {
  finance: '0a000000-0000-4000-8000-0000000000f1',
  science: '0a000000-0000-4000-8000-0000000000d1',
  scienceUnit: '0a000000-0000-4000-8000-0000000000a1',
  scienceUnit2: '0a000000-0000-4000-8000-0000000000a2',
  education: '0a000000-0000-4000-8000-0000000000d2',
  educationUnit: '0a000000-0000-4000-8000-0000000000a3',
};
const organisations: Organisation[] = [
  { id: ids.finance, name: '上海市财政局', kind: 'finance', parentId: null },
  { id: ids.science, name: '上海市科学技术委员会', kind: 'department', parentId: ids.finance },
  { id: ids.scienceUnit, name: '科创办', kind: 'unit', parentId: ids.science },
  { id: ids.scienceUnit2, name: '科委信息中心', kind: 'unit', parentId: ids.science },
  { id: ids.education, name: '上海市教育委员会', kind: 'department', parentId: ids.finance },
  { id: ids.educationUnit, name: '教育考试院', kind: 'unit', parentId: ids.education },
];

function group(overrides: Partial<DashboardTableGroup>): DashboardTableGroup {
  return {
    organisationId: ids.scienceUnit,
    year: 2020,
    status: 'draft',
    tables: 1,
    budgetCurrentYear: null,
    indicators: 10,
    ...overrides,
  };
}

const noFilters: Dashboard['filters'] = { years: [], departments: [], year: null, department: null };

function summarise(input: Partial<DashboardInput>): Dashboard {
  const dashboard = summariseDashboard({
    scope: 'all',
    organisations,
    filters: noFilters,
    tables: [],
    grades: [],
    lights: [],
    selfEvaluations: [],
    topFindings: [],
    ...input,
  });
  // Every dashboard the function makes is one the API may answer with.
  dashboardSchema.parse(dashboard);
  return dashboard;
}

describe('summariseDashboard', () => {
  it('counts by status in funnel order and by year, and sums numeric strings exactly to the 分', () => {
    const dashboard = summarise({
      tables: [
        group({ year: 2021, status: 'draft', budgetCurrentYear: '0.10' }),
        group({ year: 2021, status: 'published', budgetCurrentYear: 0.2 }),
        group({ year: 2020, status: 'published', tables: 2, budgetCurrentYear: '2000000.00' }),
        group({ year: 2020, status: 'submitted', budgetCurrentYear: null }),
        group({ year: 2020, status: 'returned', budgetCurrentYear: '9007199254740.99' }),
      ],
      grades: [
        { grade: '优', count: 1 },
        { grade: '良', count: 2 },
      ],
    });
    expect(dashboard.totals).toEqual({
      tables: 6,
      indicators: 50,
      // 0.1 + 0.2 is 0.3 here, and a sum near 2^53 分 keeps its last 分.
      budgetCurrentYear: 9007201254741.29,
      published: 3,
    });
    expect(dashboard.byStatus.map((s) => s.status)).toEqual([
      'draft',
      'submitted',
      'department_reviewed',
      'approved',
      'published',
      'returned',
    ]);
    expect(dashboard.byStatus).toContainEqual({ status: 'published', count: 3 });
    expect(dashboard.byStatus).toContainEqual({ status: 'approved', count: 0 });
    expect(dashboard.byYear).toEqual([
      { year: 2021, tables: 2, budgetCurrentYear: 0.3 },
      { year: 2020, tables: 4, budgetCurrentYear: 9007201254740.99 },
    ]);
    expect(dashboard.grades).toEqual([
      { grade: '优', count: 1 },
      { grade: '良', count: 2 },
      { grade: '中', count: 0 },
      { grade: '差', count: 0 },
    ]);
  });

  it('groups tables and lights by supervising department, most budget first, unassigned last', () => {
    const dashboard = summarise({
      tables: [
        group({ organisationId: ids.scienceUnit, budgetCurrentYear: '100.25' }),
        group({ organisationId: ids.scienceUnit2, budgetCurrentYear: '200' }),
        group({ organisationId: ids.educationUnit, budgetCurrentYear: '1000' }),
        group({ organisationId: null, budgetCurrentYear: '5000' }),
      ],
      lights: [
        { organisationId: ids.scienceUnit, light: 'red', count: 1 },
        { organisationId: ids.scienceUnit2, light: 'red', count: 2 },
        { organisationId: ids.educationUnit, light: 'green', count: 1 },
      ],
    });
    expect(dashboard.byDepartment.map((d) => [d.department, d.tables, d.budgetCurrentYear])).toEqual([
      ['上海市教育委员会', 1, 1000],
      ['上海市科学技术委员会', 2, 300.25],
      [null, 1, 5000],
    ]);
    const science = dashboard.byDepartment.find((d) => d.departmentId === ids.science);
    expect(science?.lights).toContainEqual({ light: 'red', count: 3 });
    expect(science?.lights).toContainEqual({ light: 'green', count: 0 });
    expect(dashboard.lights).toContainEqual({ light: 'red', count: 3 });
    expect(dashboard.lights).toContainEqual({ light: 'green', count: 1 });
  });

  it('distributes self-evaluation scores into bands (100 in the top band) with grades and the mean', () => {
    const dashboard = summarise({
      selfEvaluations: [
        { grade: '优', tens: 10, count: 1, scoreSum: 100 },
        { grade: '优', tens: 9, count: 2, scoreSum: 185 },
        { grade: '良', tens: 8, count: 1, scoreSum: 84.5 },
        { grade: '差', tens: 4, count: 1, scoreSum: 41 },
        { grade: '差', tens: 5, count: 1, scoreSum: 59.9 },
      ],
    });
    const { selfEvaluation } = dashboard;
    expect(selfEvaluation.scored).toBe(6);
    expect(selfEvaluation.averageScore).toBe(78.4);
    expect(selfEvaluation.grades).toEqual([
      { grade: '优', count: 3 },
      { grade: '良', count: 1 },
      { grade: '中', count: 0 },
      { grade: '差', count: 2 },
    ]);
    expect(selfEvaluation.scores).toEqual([
      { from: 0, to: 60, count: 2 },
      { from: 60, to: 70, count: 0 },
      { from: 70, to: 80, count: 0 },
      { from: 80, to: 90, count: 1 },
      { from: 90, to: 100, count: 3 },
    ]);
  });

  it('is empty but well-formed without tables', () => {
    const dashboard = summarise({ scope: 'organisations' });
    expect(dashboard.totals).toEqual({ tables: 0, indicators: 0, budgetCurrentYear: 0, published: 0 });
    expect(dashboard.topFindings).toEqual([]);
    expect(dashboard.byYear).toEqual([]);
    expect(dashboard.byDepartment).toEqual([]);
    expect(dashboard.selfEvaluation.averageScore).toBeNull();
  });
});

describe('the organisation tree', () => {
  it('finds a unit’s department, a department itself, and none for the bureau or no organisation', () => {
    expect(departmentOf(ids.educationUnit, organisations)?.id).toBe(ids.education);
    expect(departmentOf(ids.science, organisations)?.id).toBe(ids.science);
    expect(departmentOf(ids.finance, organisations)).toBeNull();
    expect(departmentOf(null, organisations)).toBeNull();
  });

  it('lists what a department oversees and the departments a scope may filter by', () => {
    expect(organisationsUnder(ids.science, organisations)).toEqual(
      [ids.science, ids.scienceUnit, ids.scienceUnit2].sort(),
    );
    expect(departmentChoices(organisations, null).map((d) => d.name)).toEqual(
      ['上海市教育委员会', '上海市科学技术委员会'].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    );
    expect(departmentChoices(organisations, [ids.science, ids.scienceUnit]).map((d) => d.id)).toEqual([
      ids.science,
    ]);
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
