import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { searchKey } from '@jixiao/core/text/search-key';

/** Normalises text for search (core's searchKey: the catalogue and the library compare the same way). */
export const normalizeSearch = searchKey;

/** Longest search text kept per table: the unit, project and the first few hundred indicator names. */
export const maxSearchText = 20_000;

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
  // The text is capped: its bigrams are computed in SQL on every save (on PGlite, in the server's thread),
  // and a table at the schema's limits would otherwise give over a million characters.
  const lines: string[] = [];
  let length = 0;
  for (const part of parts) {
    const line = part ? normalizeSearch(part) : '';
    if (!line) continue;
    const room = maxSearchText - length - (lines.length > 0 ? 1 : 0);
    if (room <= 0) break;
    lines.push(line.slice(0, room));
    length += Math.min(line.length, room) + (lines.length > 1 ? 1 : 0);
  }
  return lines.join('\n');
}

/** A LIKE pattern that finds `text` anywhere, with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
