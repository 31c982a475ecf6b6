import type { PerformanceTable } from '../tables/table.schema.ts';
import { searchKey } from '../text/search-key.ts';
import type {
  PublicTable,
  PublicTableList,
  PublicTableQuery,
  PublicTableSummary,
} from './public-table.schema.ts';

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

function searchText(published: PublishedVersion): string {
  const { table } = published;
  const parts = [table.name, table.code ?? '', table.unit, departmentShown(published) ?? ''];
  for (const i of table.indicators) parts.push(i.level1 ?? '', i.level2 ?? '', i.name, i.target.raw);
  return searchKey(parts.join('\n'));
}

function countBy<T>(values: readonly T[]): { value: T; count: number }[] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

/** Published tables prepared once for many searches: sorted, with their search text and facets. */
export interface PublicCatalogue {
  entries: readonly { published: PublishedVersion; text: string }[];
  facets: PublicTableList['facets'];
}

/** Prepares a catalogue: newest year first, then unit and project name; facets over every table. */
export function buildPublicCatalogue(published: readonly PublishedVersion[]): PublicCatalogue {
  const sorted = [...published].sort(
    (a, b) =>
      b.table.year - a.table.year ||
      a.table.unit.localeCompare(b.table.unit, 'zh-CN') ||
      a.table.name.localeCompare(b.table.name, 'zh-CN') ||
      a.id.localeCompare(b.id),
  );
  const tables = published.map((p) => p.table);
  const byName = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value, 'zh-CN');
  return {
    entries: sorted.map((p) => ({ published: p, text: searchText(p) })),
    facets: {
      years: countBy(tables.map((t) => t.year)).sort((a, b) => b.value - a.value),
      units: countBy(tables.map((t) => t.unit)).sort(byName),
      departments: countBy(
        published.flatMap((p) => {
          const department = departmentShown(p);
          return department ? [department] : [];
        }),
      ).sort(byName),
    },
  };
}

/** Browses and searches a catalogue by year, unit, department and text (project, unit, indicators). */
export function searchPublicCatalogue(catalogue: PublicCatalogue, query: PublicTableQuery): PublicTableList {
  const text = searchKey(query.q ?? '');
  const matches = catalogue.entries.filter(
    ({ published, text: haystack }) =>
      (query.year === undefined || published.table.year === query.year) &&
      (!query.unit || published.table.unit === query.unit) &&
      (!query.department || (departmentShown(published) ?? '') === query.department) &&
      (!text || haystack.includes(text)),
  );
  const start = (query.page - 1) * query.pageSize;
  return {
    items: matches.slice(start, start + query.pageSize).map((m) => presentPublicSummary(m.published)),
    total: matches.length,
    page: query.page,
    pageSize: query.pageSize,
    facets: catalogue.facets,
  };
}

/**
 * Browses and searches published tables: filters by year, unit, department and text, newest year
 * first, then unit and project name; facets count every published table so the filters stay visible.
 */
export function searchPublicTables(
  published: readonly PublishedVersion[],
  query: PublicTableQuery,
): PublicTableList {
  return searchPublicCatalogue(buildPublicCatalogue(published), query);
}
