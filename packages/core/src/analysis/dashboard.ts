import type { Light } from '../monitoring/monitoring-scheme.schema.ts';
import type { Finding } from '../review/finding.schema.ts';
import { reviewTable } from '../review/review-table.ts';
import { ruleSetFor, summariseRuleSet } from '../review/rule-sets.ts';
import type { ReviewGrade } from '../review-records/review-record.schema.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import { type TableStatus, tableStatusSchema } from '../tables/table-record.schema.ts';
import type { Dashboard } from './dashboard.schema.ts';

/** A table as the dashboard counts it (columns kept beside each stored table; no content needed). */
export interface DashboardTableRow {
  status: TableStatus;
  year: number;
  currentYearBudget: number | null;
  indicatorCount: number;
}

/** What the dashboard is computed from: the tables in scope, their latest review and light. */
export interface DashboardInput {
  scope: Dashboard['scope'];
  tables: readonly DashboardTableRow[];
  /** Overall grade of each table's latest review (tables never reviewed are absent). */
  grades: readonly ReviewGrade[];
  /** Latest monitoring light of each table with a monitoring report. */
  lights: readonly Light[];
  /** The rules that found most problems (`findingsByRule` over the same tables' contents). */
  topFindings: Dashboard['topFindings'];
}

/** The dashboard's row of a table. */
export function dashboardRow(status: TableStatus, table: PerformanceTable): DashboardTableRow {
  return {
    status,
    year: table.year,
    currentYearBudget: table.budget.currentYear ?? null,
    indicatorCount: table.indicators.length,
  };
}

const grades: readonly ReviewGrade[] = ['优', '良', '中', '差'];
const lights: readonly Light[] = ['red', 'yellow', 'grey', 'blue', 'green'];

// Money is summed in 分 (integers) so that many amounts with 角/分 add up exactly.
function addYuan(sumFen: number, yuan: number | null | undefined): number {
  return sumFen + Math.round((yuan ?? 0) * 100);
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

/** Aggregates the dashboard: counts by status and year, budget totals, grades and lights. */
export function summariseDashboard(input: DashboardInput): Dashboard {
  const statusCounts = new Map<TableStatus, number>();
  const years = new Map<number, { tables: number; fen: number }>();
  let fen = 0;
  let indicators = 0;
  for (const row of input.tables) {
    statusCounts.set(row.status, (statusCounts.get(row.status) ?? 0) + 1);
    const year = years.get(row.year) ?? { tables: 0, fen: 0 };
    year.tables += 1;
    year.fen = addYuan(year.fen, row.currentYearBudget);
    years.set(row.year, year);
    fen = addYuan(fen, row.currentYearBudget);
    indicators += row.indicatorCount;
  }
  return {
    scope: input.scope,
    totals: {
      tables: input.tables.length,
      indicators,
      budgetCurrentYear: fen / 100,
      published: statusCounts.get('published') ?? 0,
    },
    byStatus: tableStatusSchema.options.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
    byYear: [...years]
      .sort(([a], [b]) => b - a)
      .map(([year, v]) => ({ year, tables: v.tables, budgetCurrentYear: v.fen / 100 })),
    grades: grades.map((grade) => ({ grade, count: input.grades.filter((g) => g === grade).length })),
    topFindings: input.topFindings,
    lights: lights.map((light) => ({ light, count: input.lights.filter((l) => l === light).length })),
  };
}
