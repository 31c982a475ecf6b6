import type { PublishedTable } from '@jixiao/core/analysis/open-data';
import type {
  PublicTableList,
  PublicTableQuery,
  PublicTableSummary,
} from '@jixiao/core/analysis/public-table.schema';
import type { PublishedVersion } from '@jixiao/core/analysis/public-tables';
import type { DocumentKind, PerformanceTable } from '@jixiao/core/tables/table.schema';
import { type ExpressionBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database } from './database.ts';
import type { DB } from './db-schema.ts';
import type { PublishedTablesTable } from './published-tables.db-types.ts';
import { containsPattern, normalizeSearch } from './search-text.ts';

/**
 * The public catalogue in SQL: `published_tables` holds the latest published version of each published
 * table (kept by the triggers of its migration in the same transaction as each publication), so every
 * server process answers from the same indexed rows and nothing is kept per process.
 */

/**
 * A text search counts its matches up to this many, and pages that far; more is shown as "1000+". Each
 * counted match is a LIKE over its table's text, so the cap is what a word every table has costs.
 */
export const searchCountCap = 1_000;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const zh = new Intl.Collator('zh-CN');

const summaryColumns = [
  'table_id',
  'version',
  'kind',
  'year',
  'unit',
  'department',
  'name',
  'code',
  'current_year_budget',
  'indicator_count',
  'published_at',
] as const;
type SummaryRow = Pick<Selectable<PublishedTablesTable>, (typeof summaryColumns)[number]>;

const iso = (at: Date | string) => new Date(at).toISOString();
// double precision arrives as a number from node-postgres and PGlite alike; null stays null.
const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));

function toSummary(row: SummaryRow): PublicTableSummary {
  return {
    id: row.table_id,
    version: row.version,
    kind: row.kind as DocumentKind,
    year: row.year,
    unit: row.unit,
    department: row.department,
    name: row.name,
    code: row.code,
    currentYearBudget: numberOrNull(row.current_year_budget),
    indicatorCount: row.indicator_count,
    publishedAt: iso(row.published_at),
  };
}

type Browse = Pick<PublicTableQuery, 'year' | 'unit' | 'department'>;

/** The browse filters on the published rows. */
function tableFilter(query: Browse) {
  return (eb: ExpressionBuilder<DB, 'published_tables'>) =>
    eb.and([
      ...(query.year !== undefined ? [eb('year', '=', query.year)] : []),
      ...(query.unit ? [eb('unit', '=', query.unit)] : []),
      ...(query.department ? [eb('department', '=', query.department)] : []),
    ]);
}

/** The same filters on the counts. */
function countsFilter(query: Browse) {
  return (eb: ExpressionBuilder<DB, 'published_table_counts'>) =>
    eb.and([
      ...(query.year !== undefined ? [eb('year', '=', query.year)] : []),
      ...(query.unit ? [eb('unit', '=', query.unit)] : []),
      ...(query.department ? [eb('department', '=', query.department)] : []),
    ]);
}

/** Facets over every published table (not only the matches), so the filters stay visible. */
async function facets(db: Database): Promise<PublicTableList['facets']> {
  // One pass over the counts, three groupings (a UNION of three scans costs several times more).
  const { rows } = await sql<{
    year: number | null;
    unit: string | null;
    department: string | null;
    count: string;
  }>`SELECT year, unit, department, sum(tables) AS count FROM published_table_counts
     GROUP BY GROUPING SETS ((year), (unit), (department))`.execute(db);
  const of = (facet: 'year' | 'unit' | 'department') =>
    rows
      .filter((r) => r[facet] !== null && r[facet] !== '' && Number(r.count) > 0)
      .map((r) => ({ value: String(r[facet]), count: Number(r.count) }));
  const byName = (a: { value: string }, b: { value: string }) => zh.compare(a.value, b.value);
  return {
    years: of('year')
      .map((f) => ({ value: Number(f.value), count: f.count }))
      .sort((a, b) => b.value - a.value),
    units: of('unit').sort(byName),
    departments: of('department').sort(byName),
  };
}

/**
 * Browsing without text: the total and the page's position come from the counts (a few thousand rows),
 * then the page is read from its (year, unit) group onwards by index, so page 40,000 costs what page 1
 * does. Order: newest year first, then unit, project name and id (byte order, the same on every engine).
 */
async function browse(
  db: Database,
  query: PublicTableQuery,
): Promise<{ items: SummaryRow[]; total: number }> {
  const offset = (query.page - 1) * query.pageSize;
  const groups = db
    .selectFrom('published_table_counts')
    .where(countsFilter(query))
    .select([
      'year',
      'unit',
      sql<string>`sum(tables)`.as('tables'),
      sql<string>`sum(sum(tables)::integer) OVER (ORDER BY year DESC, unit)`.as('through'),
      sql<string>`sum(sum(tables)::integer) OVER ()`.as('total'),
    ])
    .groupBy(['year', 'unit']);
  const start = await db
    .selectFrom(groups.as('g'))
    .select(['g.year', 'g.unit', 'g.tables', 'g.through', 'g.total'])
    .where(sql<SqlBool>`g.through > ${offset}`)
    .orderBy('g.year', 'desc')
    .orderBy('g.unit')
    .limit(1)
    .executeTakeFirst();
  if (!start) {
    const total = await db
      .selectFrom('published_table_counts')
      .where(countsFilter(query))
      .select(sql<string | null>`sum(tables)`.as('total'))
      .executeTakeFirst();
    return { items: [], total: Number(total?.total ?? 0) };
  }
  const before = Number(start.through) - Number(start.tables);
  const filtered = db.selectFrom('published_tables').where(tableFilter(query));
  const inGroup = filtered
    .where('year', '=', start.year)
    .where('unit', '>=', start.unit)
    .select([...summaryColumns, sql<number>`0`.as('part')])
    .orderBy('unit')
    .orderBy('name')
    .orderBy('table_id')
    .offset(offset - before)
    .limit(query.pageSize);
  const later = filtered
    .where('year', '<', start.year)
    .select([...summaryColumns, sql<number>`1`.as('part')])
    .orderBy('year', 'desc')
    .orderBy('unit')
    .orderBy('name')
    .orderBy('table_id')
    .limit(query.pageSize);
  const rows = await db
    .selectFrom(sql<SummaryRow & { part: number }>`((${inGroup}) UNION ALL (${later}))`.as('page'))
    .selectAll()
    .orderBy('part')
    .orderBy('year', 'desc')
    .orderBy('unit')
    .orderBy('name')
    .orderBy('table_id')
    .limit(query.pageSize)
    .execute();
  return { items: rows, total: Number(start.total) };
}

/**
 * Text search: the bigram index narrows rare words, the browse order's index walks common ones (the
 * planner picks), LIKE decides; the count stops at `searchCountCap` and so do the pages.
 */
async function search(
  db: Database,
  query: PublicTableQuery,
  text: string,
  cap: number,
): Promise<{ items: SummaryRow[]; total: number; totalCapped: boolean }> {
  const matching = db
    .selectFrom('published_tables')
    .where(tableFilter(query))
    .where((eb) =>
      eb.and([
        ...(text.length >= 2 ? [sql<SqlBool>`search_grams @> search_bigrams(${text})`] : []),
        sql<SqlBool>`search_text LIKE ${containsPattern(text)}`,
      ]),
    );
  const offset = (query.page - 1) * query.pageSize;
  const [items, counted] = await Promise.all([
    offset >= cap
      ? Promise.resolve([])
      : matching
          .select([...summaryColumns])
          .orderBy('year', 'desc')
          .orderBy('unit')
          .orderBy('name')
          .orderBy('table_id')
          .offset(offset)
          .limit(query.pageSize)
          .execute(),
    db
      .selectFrom(
        matching
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('m'),
      )
      .select(sql<string>`count(*)`.as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  const count = Number(counted.count);
  return {
    items,
    total: Math.min(count, cap),
    totalCapped: count > cap,
  };
}

/**
 * Browses and searches published tables by year, unit, department and text (project name and code,
 * unit, department, indicator levels, names and targets): newest year first, then unit and project;
 * facets count every published table.
 */
export async function searchPublishedTables(
  db: Database,
  query: PublicTableQuery,
  options: { countCap?: number } = {},
): Promise<PublicTableList> {
  const text = normalizeSearch(query.q ?? '');
  const [found, allFacets] = await Promise.all([
    text
      ? search(db, query, text, options.countCap ?? searchCountCap)
      : browse(db, query).then((b) => ({ ...b, totalCapped: false })),
    facets(db),
  ]);
  return {
    items: found.items.map(toSummary),
    total: found.total,
    totalCapped: found.totalCapped,
    page: query.page,
    pageSize: query.pageSize,
    facets: allFacets,
  };
}

/** The latest published version of one table, read by key; null when the table was never published. */
export async function findPublishedTable(db: Database, id: string): Promise<PublishedVersion | null> {
  if (!uuidPattern.test(id)) return null;
  const row = await db
    .selectFrom('published_tables as p')
    .innerJoin('table_versions as v', (join) =>
      join.onRef('v.table_id', '=', 'p.table_id').onRef('v.version', '=', 'p.version'),
    )
    .select(['p.table_id', 'p.version', 'p.published_at', 'p.department', 'v.content'])
    .where('p.table_id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.table_id,
    version: row.version,
    // Stored content passed the table schema when it was saved.
    table: row.content as PerformanceTable,
    publishedAt: iso(row.published_at),
    department: row.department,
  };
}

/** Published tables and open-data rows (one per indicator) per year, newest first. */
export async function publishedYears(
  db: Database,
  year?: number,
): Promise<{ year: number; tables: number; rows: number }[]> {
  let query = db
    .selectFrom('published_table_counts')
    .select(['year', sql<string>`sum(tables)`.as('tables'), sql<string>`sum(indicators)`.as('rows')])
    .groupBy('year')
    .orderBy('year', 'desc');
  if (year !== undefined) query = query.where('year', '=', year);
  const rows = await query.execute();
  return rows.map((r) => ({ year: r.year, tables: Number(r.tables), rows: Number(r.rows) }));
}

/**
 * Every published table (or one year's) in the catalogue's order, read in batches of `batchSize` by
 * keyset (year, then unit, name, id), so open data streams in constant memory whatever the size. Each
 * batch is read on its own: a publication between two batches shows in the later ones.
 */
export async function* publishedTableBatches(
  db: Database,
  options: { year?: number; batchSize?: number } = {},
): AsyncGenerator<PublishedTable[]> {
  const batchSize = options.batchSize ?? 250;
  for (const { year } of await publishedYears(db, options.year)) {
    let after: { unit: string; name: string; id: string } | null = null;
    for (;;) {
      let query = db
        .selectFrom('published_tables as p')
        .innerJoin('table_versions as v', (join) =>
          join.onRef('v.table_id', '=', 'p.table_id').onRef('v.version', '=', 'p.version'),
        )
        .select(['p.table_id', 'p.version', 'p.unit', 'p.name', 'p.department', 'v.content'])
        .where('p.year', '=', year)
        .orderBy('p.unit')
        .orderBy('p.name')
        .orderBy('p.table_id')
        .limit(batchSize);
      if (after) {
        const { unit, name, id } = after;
        query = query.where(sql<SqlBool>`(p.unit, p.name, p.table_id) > (${unit}, ${name}, ${id}::uuid)`);
      }
      const rows = await query.execute();
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = { unit: last.unit, name: last.name, id: last.table_id };
      yield rows.map((row) => ({
        id: row.table_id,
        version: row.version,
        table: row.content as PerformanceTable,
        department: row.department,
      }));
      if (rows.length < batchSize) break;
    }
  }
}

/**
 * What identifies the set of published versions, for what servers derive from it (常用指标, caches):
 * how many tables are published and the newest publication, read from the counts and the top of an
 * index instead of scanning every version.
 */
export async function publishedFingerprint(db: Database): Promise<string> {
  const [latest, counted] = await Promise.all([
    db
      .selectFrom('published_tables')
      .select(['published_at', 'table_id', 'version'])
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('published_table_counts')
      .select(sql<string | null>`sum(tables)`.as('tables'))
      .executeTakeFirst(),
  ]);
  if (!latest) return '0/';
  return `${counted?.tables ?? 0}/${iso(latest.published_at)}/${latest.table_id}/${latest.version}`;
}
