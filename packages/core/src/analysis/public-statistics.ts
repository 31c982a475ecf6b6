import Big from 'big.js';
import type { Organisation } from '../accounts/account.schema.ts';
import { addAmount, departmentFinder, departmentOf, type StoredAmount } from './dashboard.ts';
import type { PublicStatistics } from './public-statistics.schema.ts';

/** Published tables of one year, organisation and printed 主管部门, counted and summed by the database. */
export interface PublishedGroup {
  year: number;
  organisationId: string | null;
  /** The 主管部门 the published table names (`supervisingDepartment`), if any. */
  printedDepartment: string | null;
  tables: number;
  /** Sum of the published versions' 当年预算 in 元. */
  budgetCurrentYear: StoredAmount;
}

/**
 * The supervising department shown to the public: the organisation tree's department of the table's
 * unit (what the finance bureau registered), else the 主管部门 printed on the table (tables imported
 * without a unit), else none.
 */
export function publicDepartment(
  organisationId: string | null,
  printedDepartment: string | null | undefined,
  organisations: readonly Organisation[],
): string | null {
  const printed = printedDepartment?.trim() || null;
  return departmentOf(organisationId, organisations)?.name ?? printed;
}

/** Adds up published tables by year and by department; money exactly (big.js, to the 分). */
export function summarisePublicStatistics(
  groups: readonly PublishedGroup[],
  organisations: readonly Organisation[],
  year: number | null = null,
): PublicStatistics {
  const years = new Map<number, { tables: number; budget: Big }>();
  const departments = new Map<string | null, { tables: number; budget: Big }>();
  let tables = 0;
  let budget = new Big(0);
  const departmentOfId = departmentFinder(organisations);
  for (const group of groups) {
    if (year !== null && group.year !== year) continue;
    tables += group.tables;
    budget = addAmount(budget, group.budgetCurrentYear);
    const byYear = years.get(group.year) ?? { tables: 0, budget: new Big(0) };
    byYear.tables += group.tables;
    byYear.budget = addAmount(byYear.budget, group.budgetCurrentYear);
    years.set(group.year, byYear);
    // publicDepartment, with the tree indexed once for every group.
    const name = departmentOfId(group.organisationId)?.name ?? (group.printedDepartment?.trim() || null);
    const byDepartment = departments.get(name) ?? { tables: 0, budget: new Big(0) };
    byDepartment.tables += group.tables;
    byDepartment.budget = addAmount(byDepartment.budget, group.budgetCurrentYear);
    departments.set(name, byDepartment);
  }
  return {
    year,
    totals: { tables, budgetCurrentYear: budget.toNumber() },
    byYear: [...years]
      .sort(([a], [b]) => b - a)
      .map(([y, v]) => ({ year: y, tables: v.tables, budgetCurrentYear: v.budget.toNumber() })),
    byDepartment: [...departments]
      .sort(
        ([a, x], [b, y]) =>
          Number(a === null) - Number(b === null) ||
          y.budget.cmp(x.budget) ||
          (a ?? '').localeCompare(b ?? '', 'zh-CN'),
      )
      .map(([department, v]) => ({
        department,
        tables: v.tables,
        budgetCurrentYear: v.budget.toNumber(),
      })),
  };
}
