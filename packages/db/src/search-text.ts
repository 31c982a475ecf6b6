import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { searchKey } from '@jixiao/core/text/search-key';
import { type RawBuilder, sql } from 'kysely';

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
  // The text is capped: it is sent, stored and indexed (a bigram index entry each) on every save, on
  // PGlite in the server's own session, and a table at the schema's limits would otherwise give over a
  // million characters.
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

/**
 * The distinct character bigrams of a search text, none across a line break (each line is one field):
 * what the search index holds for a table and what a query's text must all find there. The SQL twin
 * `search_bigrams` gives the same set, for the writers that are SQL statements (bulk loads, the public
 * catalogue's triggers); the application computes a save's own, in one linear pass before its transaction,
 * so that the database, on PGlite the server's one session, only maintains the index.
 */
export function searchBigrams(text: string): string[] {
  const grams = new Set<string>();
  let previous = '\n';
  // By code point, as PostgreSQL splits text into characters (a character outside the BMP is one).
  for (const character of text) {
    if (previous !== '\n' && character !== '\n') grams.add(previous + character);
    previous = character;
  }
  return [...grams];
}

/**
 * Bigrams as a text[] value in SQL. Sent as one line-separated text and split by the database: a bigram
 * never holds a line break, and splitting one string costs PGlite a third of parsing an array parameter
 * of 20,000 elements.
 */
export function bigramsValue(grams: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`string_to_array(${grams.join('\n')}::text, E'\n')`;
}

/** Bigrams as a text[] literal (each quoted, quotes and backslashes escaped), for COPY's text format. */
export function bigramsLiteral(grams: readonly string[]): string {
  return `{${grams.map((gram) => `"${gram.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** A LIKE pattern that finds `text` anywhere, with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
