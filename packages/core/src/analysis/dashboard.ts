import Big from 'big.js';
import type { Organisation } from '../accounts/account.schema.ts';
import { organisationPath } from '../accounts/policies.ts';
import type { Light } from '../monitoring/monitoring-scheme.schema.ts';
import type { Finding } from '../review/finding.schema.ts';
import { reviewTable } from '../review/review-table.ts';
import { ruleSetFor, ruleSets, summariseRuleSet } from '../review/rule-sets.ts';
import type { ReviewGrade } from '../review-records/review-record.schema.ts';
import type { OverallGrade } from '../scoring/scoring-scheme.schema.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { TableStatus } from '../tables/table-record.schema.ts';
import { type Dashboard, scoreBands } from './dashboard.schema.ts';

/**
 * An amount of 元 as storage returns it: PostgreSQL's numeric arrives as a decimal string (exact), a
 * number from a JSON value or a driver that converts; null where no amount was given.
 */
export type StoredAmount = string | number | null;

/** Tables of one organisation, year and status, counted and summed by the database (GROUP BY). */
export interface DashboardTableGroup {
  organisationId: string | null;
  year: number;
  status: TableStatus;
  tables: number;
  /** Sum of 当年预算 in 元 over the group. */
  budgetCurrentYear: StoredAmount;
  indicators: number;
}

/** Latest monitoring lights of one organisation's tables, counted by the database. */
export interface DashboardLightGroup {
  organisationId: string | null;
  light: Light;
  count: number;
}

/** Complete self-evaluations of one grade and ten-point band (`tens` = floor(total ÷ 10)). */
export interface SelfEvaluationGroup {
  grade: OverallGrade;
  tens: number;
  count: number;
  /** Sum of the total scores of the group (for the mean). */
  scoreSum: number;
}

/** What the dashboard is computed from: the groups counted over the tables in scope. */
export interface DashboardInput {
  scope: Dashboard['scope'];
  /** The organisation tree, to find each table's supervising department. */
  organisations: readonly Organisation[];
  filters: Dashboard['filters'];
  tables: readonly DashboardTableGroup[];
  /** Latest review's overall grade, counted per grade (tables never reviewed are absent). */
  grades: readonly { grade: ReviewGrade; count: number }[];
  lights: readonly DashboardLightGroup[];
  selfEvaluations: readonly SelfEvaluationGroup[];
  /** The rules that found most problems (`findingsByRule` over the same tables' contents). */
  topFindings: Dashboard['topFindings'];
  /** 整改 tasks of the same tables by status (none when left out). */
  rectification?: Dashboard['rectification'];
}

const grades: readonly ReviewGrade[] = ['优', '良', '中', '差'];
const lights: readonly Light[] = ['red', 'yellow', 'grey', 'blue', 'green'];
/** The workflow funnel's order: the way forward, then the way back. */
const funnel: readonly TableStatus[] = [
  'draft',
  'submitted',
  'department_reviewed',
  'approved',
  'published',
  'returned',
];

/** Adds an amount of 元 as stored to an exact sum (a numeric string keeps its 分 exactly). */
export function addAmount(sum: Big, amount: StoredAmount): Big {
  return amount === null || amount === '' ? sum : sum.plus(amount);
}

/**
 * Finds the supervising department (主管部门) of organisations in one tree: the tree is indexed once
 * and each answer remembered, so summing thousands of groups does not walk the tree per group.
 */
export function departmentFinder(
  organisations: readonly Organisation[],
): (organisationId: string | null) => Organisation | null {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const found = new Map<string, Organisation | null>();
  return (organisationId) => {
    if (organisationId === null) return null;
    const known = found.get(organisationId);
    if (known !== undefined) return known;
    let department: Organisation | null = null;
    let current = byId.get(organisationId);
    // The guard on steps stops a (corrupt) cycle in the tree from looping forever.
    for (let steps = 0; current && steps <= organisations.length; steps++) {
      if (current.kind === 'department') {
        department = current;
        break;
      }
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    found.set(organisationId, department);
    return department;
  };
}

/**
 * The supervising department (主管部门) of an organisation in the tree: itself when it is a department,
 * else its nearest department ancestor (a unit's parent); null for the finance bureau, unknown
 * organisations and tables that belong to none.
 */
export function departmentOf(
  organisationId: string | null,
  organisations: readonly Organisation[],
): Organisation | null {
  return departmentFinder(organisations)(organisationId);
}

/** The organisations whose tables a department oversees: the department and everything under it. */
export function organisationsUnder(departmentId: string, organisations: readonly Organisation[]): string[] {
  return organisations
    .filter((o) => organisationPath(o.id, organisations).includes(departmentId))
    .map((o) => o.id)
    .sort();
}

/**
 * The departments a user may filter the dashboard by: every department for a region-wide scope, else
 * the departments among the user's organisations (a department reviewer's own), by name.
 */
export function departmentChoices(
  organisations: readonly Organisation[],
  scopeIds: readonly string[] | null,
): Dashboard['filters']['departments'] {
  const inScope = scopeIds === null ? null : new Set(scopeIds);
  return organisations
    .filter((o) => o.kind === 'department' && (inScope === null || inScope.has(o.id)))
    .map((o) => ({ id: o.id, name: o.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Counts findings per rule over tables (each table reviewed with the rule set of its framework). */
export function findingsByRule(tables: readonly PerformanceTable[], limit = 10): Dashboard['topFindings'] {
  const byRule = new Map<string, { severity: Finding['severity']; tables: number; findings: number }>();
  const descriptions = new Map<string, { zh: string; en: string }>();
  for (const table of tables) {
    const set = ruleSetFor(table);
    const seen = new Set<string>();
    for (const finding of reviewTable(table, set)) {
      const entry = byRule.get(finding.ruleId) ?? { severity: finding.severity, tables: 0, findings: 0 };
      entry.findings += 1;
      if (!seen.has(finding.ruleId)) entry.tables += 1;
      seen.add(finding.ruleId);
      byRule.set(finding.ruleId, entry);
      if (!descriptions.has(finding.ruleId)) {
        const rule = summariseRuleSet(set).rules.find((r) => r.id === finding.ruleId);
        // A finding without a listed rule (the truncated-source hint) describes itself.
        descriptions.set(
          finding.ruleId,
          rule ? { zh: rule.zh, en: rule.en } : { zh: finding.zh, en: finding.en },
        );
      }
    }
  }
  return [...byRule]
    .map(([ruleId, entry]) => ({ ruleId, ...entry, ...(descriptions.get(ruleId) ?? { zh: '', en: '' }) }))
    .sort((a, b) => b.tables - a.tables || b.findings - a.findings || a.ruleId.localeCompare(b.ruleId))
    .slice(0, limit);
}

/** What the automatic review found in one table for one rule: stored with the table when it is saved. */
export interface TableFindingCount {
  rule: string;
  severity: Finding['severity'];
  count: number;
}

/**
 * The findings of a table's automatic review (the rule set of its framework, no previous year), counted
 * per rule in rule order: what the dashboard's top problems add up, kept per table so that they are a
 * sum over stored counts rather than a review of every table on read.
 */
export function tableFindingCounts(table: PerformanceTable): TableFindingCount[] {
  const byRule = new Map<string, TableFindingCount>();
  for (const finding of reviewTable(table, ruleSetFor(table))) {
    const entry = byRule.get(finding.ruleId);
    if (entry) entry.count += 1;
    else byRule.set(finding.ruleId, { rule: finding.ruleId, severity: finding.severity, count: 1 });
  }
  return [...byRule.values()];
}

/** Findings of one rule summed over many tables (by the database, from `tableFindingCounts`). */
export interface RuleFindingGroup {
  ruleId: string;
  severity: Finding['severity'];
  /** Tables with at least one finding of the rule. */
  tables: number;
  findings: number;
}

let ruleDescriptions: Map<string, { zh: string; en: string }> | null = null;

/** What each rule id of every rule set checks (a rule id names its set by its prefix). */
function describeRule(ruleId: string): { zh: string; en: string } {
  if (ruleDescriptions === null) {
    ruleDescriptions = new Map();
    for (const set of ruleSets.values()) {
      for (const rule of summariseRuleSet(set).rules)
        ruleDescriptions.set(rule.id, { zh: rule.zh, en: rule.en });
    }
  }
  return ruleDescriptions.get(ruleId) ?? { zh: ruleId, en: ruleId };
}

/**
 * The dashboard's top problems from findings summed per rule: most tables first, then most findings,
 * with each rule's description (as `findingsByRule` over the same tables). A rule counted under two
 * severities (a set that changed a rule's severity) shows the one most of its tables had.
 */
export function topFindings(groups: readonly RuleFindingGroup[], limit = 10): Dashboard['topFindings'] {
  const byRule = new Map<
    string,
    { severity: Finding['severity']; top: number; tables: number; findings: number }
  >();
  for (const group of groups) {
    if (group.tables <= 0) continue;
    const entry = byRule.get(group.ruleId) ?? { severity: group.severity, top: 0, tables: 0, findings: 0 };
    if (group.tables > entry.top) {
      entry.severity = group.severity;
      entry.top = group.tables;
    }
    entry.tables += group.tables;
    entry.findings += group.findings;
    byRule.set(group.ruleId, entry);
  }
  return [...byRule]
    .map(([ruleId, entry]) => ({
      ruleId,
      severity: entry.severity,
      tables: entry.tables,
      findings: entry.findings,
      ...describeRule(ruleId),
    }))
    .sort((a, b) => b.tables - a.tables || b.findings - a.findings || a.ruleId.localeCompare(b.ruleId))
    .slice(0, limit);
}

/**
 * A fingerprint of what the automatic review checks (every set's rule ids, severities and texts):
 * stored findings computed under another fingerprint are reviewed again.
 */
export function reviewRulesSignature(): string {
  return JSON.stringify([...ruleSets.values()].map((set) => summariseRuleSet(set)));
}

function lightCounts(counts: ReadonlyMap<Light, number>): Dashboard['lights'] {
  return lights.map((light) => ({ light, count: counts.get(light) ?? 0 }));
}

function scoreBandOf(tens: number): number {
  // A total of exactly 100 belongs to the top band, like 90–99.9.
  const index = scoreBands.findIndex((band) => tens * 10 < band.to);
  return index === -1 ? scoreBands.length - 1 : index;
}

/**
 * Aggregates the dashboard from the database's groups: counts by status (funnel order), year and
 * supervising department, 当年预算 summed exactly (big.js, to the 分), review grades, lights overall and
 * per department, and the self-evaluation grades and score bands.
 */
export function summariseDashboard(input: DashboardInput): Dashboard {
  const statusCounts = new Map<TableStatus, number>();
  const years = new Map<number, { tables: number; budget: Big }>();
  const departments = new Map<
    string | null,
    { name: string | null; tables: number; budget: Big; lights: Map<Light, number> }
  >();
  const departmentOfId = departmentFinder(input.organisations);
  const departmentEntry = (organisationId: string | null) => {
    const department = departmentOfId(organisationId);
    const key = department?.id ?? null;
    const entry = departments.get(key) ?? {
      name: department?.name ?? null,
      tables: 0,
      budget: new Big(0),
      lights: new Map<Light, number>(),
    };
    departments.set(key, entry);
    return entry;
  };
  let tables = 0;
  let indicators = 0;
  let budget = new Big(0);
  for (const group of input.tables) {
    tables += group.tables;
    indicators += group.indicators;
    budget = addAmount(budget, group.budgetCurrentYear);
    statusCounts.set(group.status, (statusCounts.get(group.status) ?? 0) + group.tables);
    const year = years.get(group.year) ?? { tables: 0, budget: new Big(0) };
    year.tables += group.tables;
    year.budget = addAmount(year.budget, group.budgetCurrentYear);
    years.set(group.year, year);
    const department = departmentEntry(group.organisationId);
    department.tables += group.tables;
    department.budget = addAmount(department.budget, group.budgetCurrentYear);
  }
  const allLights = new Map<Light, number>();
  for (const group of input.lights) {
    allLights.set(group.light, (allLights.get(group.light) ?? 0) + group.count);
    const department = departmentEntry(group.organisationId);
    department.lights.set(group.light, (department.lights.get(group.light) ?? 0) + group.count);
  }
  const selfGrades = new Map<OverallGrade, number>();
  const bands = scoreBands.map(() => 0);
  let scored = 0;
  let scoreSum = 0;
  for (const group of input.selfEvaluations) {
    scored += group.count;
    scoreSum += group.scoreSum;
    selfGrades.set(group.grade, (selfGrades.get(group.grade) ?? 0) + group.count);
    const band = scoreBandOf(group.tens);
    bands[band] = (bands[band] ?? 0) + group.count;
  }
  return {
    scope: input.scope,
    filters: input.filters,
    totals: {
      tables,
      indicators,
      budgetCurrentYear: budget.toNumber(),
      published: statusCounts.get('published') ?? 0,
    },
    byStatus: funnel.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
    byYear: [...years]
      .sort(([a], [b]) => b - a)
      .map(([year, v]) => ({ year, tables: v.tables, budgetCurrentYear: v.budget.toNumber() })),
    byDepartment: [...departments]
      // A department with lights but no table in the filtered groups cannot occur (lights come from
      // the same tables); the guard keeps the schema's positive count honest all the same.
      .filter(([, v]) => v.tables > 0)
      .sort(
        ([a, x], [b, y]) =>
          Number(a === null) - Number(b === null) ||
          y.budget.cmp(x.budget) ||
          (x.name ?? '').localeCompare(y.name ?? '', 'zh-CN'),
      )
      .map(([departmentId, v]) => ({
        departmentId,
        department: v.name,
        tables: v.tables,
        budgetCurrentYear: v.budget.toNumber(),
        lights: lightCounts(v.lights),
      })),
    grades: grades.map((grade) => ({
      grade,
      count: input.grades.filter((g) => g.grade === grade).reduce((sum, g) => sum + g.count, 0),
    })),
    topFindings: input.topFindings,
    lights: lightCounts(allLights),
    selfEvaluation: {
      scored,
      averageScore: scored === 0 ? null : Math.round((scoreSum / scored) * 10) / 10,
      grades: grades.map((grade) => ({ grade, count: selfGrades.get(grade) ?? 0 })),
      scores: scoreBands.map((band, i) => ({ from: band.from, to: band.to, count: bands[i] ?? 0 })),
    },
    rectification: input.rectification ?? { open: 0, answered: 0, closed: 0, overdue: 0 },
  };
}
