import type { PerformanceTable } from '../tables/table.schema.ts';
import type { PublicTable, PublicTableSummary } from './public-table.schema.ts';

/** A published version as storage returns it, before the public presenter. */
export interface PublishedVersion {
  id: string;
  version: number;
  table: PerformanceTable;
  publishedAt: string;
  /**
   * The 主管部门 shown to the public, resolved by the reader (`publicDepartment`: the organisation tree's,
   * else the printed one); when absent, the one printed on the table.
   */
  department?: string | null;
}

function departmentShown({ department, table }: PublishedVersion): string | null {
  return department !== undefined ? department : (table.supervisingDepartment ?? null);
}

/**
 * The public presenter: the published table without import warnings (internal notes about the source
 * file); workflow, reviews and people are not part of a table and so never reach it.
 */
export function presentPublicTable(published: PublishedVersion): PublicTable {
  const { table } = published;
  return { ...presentPublicSummary(published), table: { ...table, warnings: [] } };
}

/** The list row of a published table. */
export function presentPublicSummary(published: PublishedVersion): PublicTableSummary {
  const { id, version, table, publishedAt } = published;
  return {
    id,
    version,
    kind: table.kind,
    year: table.year,
    unit: table.unit,
    department: departmentShown(published),
    name: table.name,
    code: table.code ?? null,
    currentYearBudget: table.budget.currentYear ?? null,
    indicatorCount: table.indicators.length,
    publishedAt,
  };
}
