import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { searchKey } from '@jixiao/core/text/search-key';

/** Normalises text for search (core's searchKey: the catalogue and the library compare the same way). */
export const normalizeSearch = searchKey;

/** The searchable text of a table: unit, department, project name and code, indicator names. */
export function searchTextOf(table: PerformanceTable): string {
  const parts = [table.unit, table.supervisingDepartment, table.name, table.code, table.category];
  const seen = new Set<string>();
  for (const indicator of table.indicators) {
    for (const part of [indicator.level1, indicator.level2, indicator.name]) {
      if (part && !seen.has(part)) {
        seen.add(part);
        parts.push(part);
      }
    }
  }
  // Fields are joined by line breaks, which normalised queries never contain, so no match spans two.
  return parts
    .filter((part): part is string => Boolean(part))
    .map(normalizeSearch)
    .filter(Boolean)
    .join('\n');
}

/** A LIKE pattern that finds `text` anywhere, with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
