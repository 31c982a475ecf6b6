import { builtInLibrary } from '../library/builtin-library.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import { searchKey } from '../text/search-key.ts';

/**
 * Indicator names every project of a framework prints, or could print whatever it does: the common
 * indicators (Shanghai's nine 投入与管理) and the built-in library's typical entries (验收合格率,
 * 服务对象满意度 …). Two tables sharing them share a form, not a purpose. In a province they are also
 * printed by too many tables to pass the peer search's limit, but in a small region every name is rare,
 * so they are left out by name as well.
 */
const genericNames: ReadonlySet<string> = new Set(builtInLibrary.map((entry) => searchKey(entry.name)));

/** The table's indicator names that can tell its project apart from others (in the table's order, once each). */
export function distinctiveIndicatorNames(table: Pick<PerformanceTable, 'indicators'>): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const { name } of table.indicators) {
    const key = searchKey(name);
    if (key === '' || genericNames.has(key) || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}
