import { openDataCsvLines, openDataRows, type PublishedTable } from '@jixiao/core/analysis/open-data';
import { type OpenDataRow, openDataColumns, openDataRowSchema } from '@jixiao/core/analysis/open-data.schema';
import type {
  PublicTableList,
  PublicTableQuery,
  PublicTableSummary,
} from '@jixiao/core/analysis/public-table.schema';
import type { PublishedVersion } from '@jixiao/core/analysis/public-tables';
import type { DocumentKind, PerformanceTable } from '@jixiao/core/tables/table.schema';
import { type ExpressionBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { type Database, engineOf, rawClient } from './database.ts';
import type { DB } from './db-schema.ts';
import type { PublishedTablesTable } from './published-tables.db-types.ts';
import { bigramsValue, containsPattern, normalizeSearch, searchBigrams } from './search-text.ts';

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

/** How many of the browse order's first bigram matches a text search reads before it reads them all. */
export const searchWindow = 200;

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

/** The catalogue's browse order: newest year, then unit, project and id (published_tables_order_idx). */
const browseOrder = sql`year DESC, unit, name, table_id`;

/**
 * Text search: the bigram index narrows rare words, the browse order's index walks common ones (the
 * planner picks), LIKE decides; the count stops at `searchCountCap` and so do the pages.
 */
async function search(
  db: Database,
  query: PublicTableQuery,
  text: string,
  cap: number,
  searchWindow: number,
): Promise<{ items: SummaryRow[]; total: number; totalCapped: boolean }> {
  const bigramMatches = db
    .selectFrom('published_tables')
    .where(tableFilter(query))
    .where((eb) =>
      eb.and(text.length >= 2 ? [sql<SqlBool>`search_grams @> ${bigramsValue(searchBigrams(text))}`] : []),
    );
  const like = sql<SqlBool>`search_text LIKE ${containsPattern(text)}`;
  const matching = bigramMatches.where(like);
  const offset = (query.page - 1) * query.pageSize;
  const fullPage = () =>
    matching
      .select([...summaryColumns])
      .orderBy(browseOrder)
      .offset(offset)
      .limit(query.pageSize)
      .execute();
  // As in the table list (tables.repository): the browse order's first bigram matches, LIKE-checked,
  // give the page when enough of them hold the word; only then are the other matches' texts left unread.
  const windowedPage = async () => {
    const windowed = await db
      .selectFrom(
        bigramMatches
          .select([...summaryColumns, 'search_text'])
          .orderBy(browseOrder)
          .limit(searchWindow)
          .as('candidates'),
      )
      .select([...summaryColumns])
      .where(like)
      .orderBy(browseOrder)
      .offset(offset)
      .limit(query.pageSize)
      .execute();
    return windowed.length === query.pageSize ? windowed : fullPage();
  };
  const [items, counted] = await Promise.all([
    offset >= cap
      ? Promise.resolve([])
      : text.length >= 2 && offset + query.pageSize <= searchWindow / 2
        ? windowedPage()
        : fullPage(),
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
  options: { countCap?: number; searchWindow?: number } = {},
): Promise<PublicTableList> {
  const text = normalizeSearch(query.q ?? '');
  const [found, allFacets] = await Promise.all([
    text
      ? search(db, query, text, options.countCap ?? searchCountCap, options.searchWindow ?? searchWindow)
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
 * Every published table (or one year's) with its published content, in the catalogue's order, read in
 * batches of `batchSize` by keyset (year, then unit, name, id). What core's `openDataRows` makes of
 * these is what `openDataChunks` must write. Each batch is read on its own: a publication between two
 * batches shows in the later ones.
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

/**
 * Where each open-data field comes from, as SQL over `p` (published_tables), `c` and `b` (the published
 * content and its budget, read once per table), `e` (one indicator, at ordinality `n`) and `g` (its
 * target): `json` is the value as JSON text, `text` the plain text a CSV cell holds (NULL when empty).
 * `table` fields are the same on every row of a table and are formatted once per table. Numbers are
 * read as numeric, which prints the digits the app stored.
 */
interface OpenDataField {
  json: string;
  text: string;
  number?: true;
  table?: true;
}

function textField(column: string, options: { table?: true } = {}): OpenDataField {
  return { json: `coalesce(to_json(${column})::text, 'null')`, text: column, ...options };
}

function numberField(column: string, options: { table?: true } = {}): OpenDataField {
  return { json: `coalesce(${column}::text, 'null')`, text: `${column}::text`, number: true, ...options };
}

const openDataFields: Record<keyof OpenDataRow, OpenDataField> = {
  tableId: textField('p.table_id::text', { table: true }),
  version: numberField('p.version', { table: true }),
  // The table schema's default, for content stored before the field existed.
  kind: textField(`coalesce(c.kind, 'target')`, { table: true }),
  year: numberField('c.year', { table: true }),
  unit: textField('c.unit', { table: true }),
  department: textField('p.department', { table: true }),
  project: textField('c.name', { table: true }),
  projectCode: textField('c.code', { table: true }),
  indicatorIndex: numberField('(e.n - 1)'),
  level1: textField('e.level1'),
  level2: textField('e.level2'),
  level3: textField('e.name'),
  targetRaw: textField('g.raw'),
  targetKind: textField('g.kind'),
  operator: textField('g.operator'),
  value: numberField('g.value'),
  valueUnit: textField('g.unit'),
  direction: textField('e.direction'),
  budgetTotal: numberField('b.total', { table: true }),
  budgetCurrentYear: numberField('b."currentYear"', { table: true }),
};

/**
 * core's CSV cell (open-data.ts) in SQL: empty for NULL; a leading apostrophe before = + - @, tab or
 * CR, which a spreadsheet would run as a formula; quoted, quotes doubled, when it holds a comma, a quote
 * or a line break.
 */
function csvCell(text: string): string {
  const inert = `CASE WHEN left(${text}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' ELSE '' END`;
  const quoted = `strpos(${text}, ',') > 0 OR strpos(${text}, '"') > 0 OR strpos(${text}, chr(10)) > 0 OR strpos(${text}, chr(13)) > 0`;
  return `CASE WHEN ${text} IS NULL THEN '' WHEN ${quoted} THEN '"' || ${inert} || replace(${text}, '"', '""') || '"' ELSE ${inert} || ${text} END`;
}

/**
 * The SQL of one open-data row's text per indicator (`line`, over `t`, the table's cells formatted
 * once): a JSON object with the members in the row schema's order, as `JSON.stringify` writes core's
 * rows, or a CSV line in core's column order.
 */
function openDataSql(format: 'json' | 'csv'): { tableCells: string; line: string; separator: string } {
  const keys =
    format === 'json'
      ? (Object.keys(openDataRowSchema.shape) as (keyof OpenDataRow)[])
      : openDataColumns.map((c) => c.key);
  const cell = (field: OpenDataField) => {
    if (format === 'json') return field.json;
    return field.number ? `coalesce(${field.text}, '')` : csvCell(field.text);
  };
  const tableCells = keys
    .filter((key) => openDataFields[key].table)
    .map((key) => `${cell(openDataFields[key])} AS "${key}"`)
    .join(', ');
  const parts = keys.map((key, index) => {
    const field = openDataFields[key];
    const value = field.table ? `t."${key}"` : cell(field);
    if (format === 'csv') return index === 0 ? value : `',' || ${value}`;
    return `'${index === 0 ? '{' : ','}"${key}":' || ${value}`;
  });
  return {
    tableCells,
    line: [...parts, format === 'json' ? `'}'` : 'chr(13) || chr(10)'].join(' || '),
    separator: format === 'json' ? `','` : `''`,
  };
}

const openDataStatements = { json: openDataSql('json'), csv: openDataSql('csv') };

/** One piece of open data: whole rows' text (UTF-8 bytes, or a string) and how many rows it holds. */
export interface OpenDataChunk {
  data: Buffer | string;
  rows: number;
}

const objectOr = (json: string) => `CASE WHEN jsonb_typeof(${json}) = 'object' THEN ${json} END`;

/**
 * The open-data query up to its WHERE: per table its rows' text and number, then `columns`. Each
 * stored JSON is taken apart once into typed columns (the content read from TOAST once a table, an
 * indicator's fields once a row), which keeps the formatting cheap in SQL.
 */
function openDataSelect(format: 'json' | 'csv'): string {
  const statement = openDataStatements[format];
  return `SELECT x.text, x.rows
    FROM published_tables p
    JOIN table_versions v ON v.table_id = p.table_id AND v.version = p.version
    CROSS JOIN LATERAL jsonb_to_record(v.content)
      AS c (kind text, year numeric, unit text, name text, code text, budget jsonb, indicators jsonb)
    CROSS JOIN LATERAL jsonb_to_record(${objectOr('c.budget')}) AS b (total numeric, "currentYear" numeric)
    CROSS JOIN LATERAL (SELECT ${statement.tableCells} OFFSET 0) t
    CROSS JOIN LATERAL (
      SELECT string_agg(${statement.line}, ${statement.separator} ORDER BY e.n) AS text,
        count(*)::integer AS rows
      FROM ROWS FROM (
        jsonb_to_recordset(CASE WHEN jsonb_typeof(c.indicators) = 'array' THEN c.indicators END)
          AS (level1 text, level2 text, name text, target jsonb, direction text)
      ) WITH ORDINALITY AS e (level1, level2, name, target, direction, n)
      CROSS JOIN LATERAL jsonb_to_record(${objectOr('e.target')})
        AS g (raw text, kind text, operator text, value numeric, unit text)
    ) x`;
}

/** The catalogue's order (published_tables_order_idx). */
const openDataOrder = 'ORDER BY p.year DESC, p.unit, p.name, p.table_id';

/**
 * Open data as text formatted by the database: every published table (or one year's) in the
 * catalogue's order, one row per indicator — JSON rows joined by commas, or CSV lines each ending in
 * CRLF, as core's `openDataRows` with `JSON.stringify` or `openDataCsvLines` write them. A chunk holds
 * whole tables' rows and neither starts nor ends with a separator.
 *
 * On PostgreSQL one `COPY … TO STDOUT (FORMAT binary)` streams it: the rows' UTF-8 bytes go from the
 * socket to the client as they are, never decoded into strings (node-postgres decodes every result,
 * about 2.6 s of the server's thread for a year at 100,000 tables, and the strings' garbage held the
 * event loop for 0.1–0.3 s at a time), on a connection of its own so that a slow download never holds
 * one of the pool's; the socket is paused while the client is slower than the database. On PGlite,
 * which runs in this thread anyway, batches of `batchSize` tables are read by keyset and formatted by
 * core's `openDataRows` (the same bytes, as a test checks).
 */
export async function* openDataChunks(
  db: Database,
  options: { format: 'json' | 'csv'; year?: number; batchSize?: number },
): AsyncGenerator<OpenDataChunk> {
  if (options.year !== undefined && !Number.isInteger(options.year))
    throw new Error(`Not a year: ${options.year}`);
  if (engineOf(db) === 'postgres') yield* copiedOpenData(db, options.format, options.year);
  else yield* batchedOpenData(db, options);
}

/** Open-data COPY streams one process runs at once; more wait their turn. */
const openDataCopyLimit = 4;
let openDataCopies = 0;
const openDataCopyQueue: (() => void)[] = [];

async function openDataCopySlot(): Promise<() => void> {
  if (openDataCopies >= openDataCopyLimit)
    await new Promise<void>((resolve) => openDataCopyQueue.push(resolve));
  else openDataCopies += 1;
  return () => {
    const next = openDataCopyQueue.shift();
    if (next) next();
    else openDataCopies -= 1;
  };
}

async function* copiedOpenData(
  db: Database,
  format: 'json' | 'csv',
  year: number | undefined,
): AsyncGenerator<OpenDataChunk> {
  const { pool } = rawClient(db);
  if (!pool) throw new Error('COPY needs PostgreSQL');
  const separator = Buffer.from(format === 'json' ? ',' : '');
  // COPY takes no parameters: the year is an integer, checked above.
  const where = year === undefined ? 'true' : `p.year = ${year}`;
  const release = await openDataCopySlot();
  const client = new pg.Client(pool.options);
  let finished = false;
  try {
    await client.connect();
    const stream = client.query(
      copyTo(`COPY (${openDataSelect(format)} WHERE ${where} ${openDataOrder}) TO STDOUT (FORMAT binary)`),
    );
    // Binary COPY: a 19-byte header (signature, flags, extension length) and its extension, then per
    // row a 16-bit field count, each field's 32-bit length (-1 for NULL) and bytes; -1 ends the data.
    let pending: Buffer = Buffer.alloc(0);
    let header = true;
    for await (const received of stream as AsyncIterable<Buffer>) {
      const buffer: Buffer = pending.length > 0 ? Buffer.concat([pending, received]) : received;
      let at = 0;
      if (header) {
        if (buffer.length < 19 || buffer.length < 19 + buffer.readUInt32BE(15)) {
          pending = buffer;
          continue;
        }
        at = 19 + buffer.readUInt32BE(15);
        header = false;
      }
      const pieces: Buffer[] = [];
      let rows = 0;
      while (buffer.length - at >= 2) {
        if (buffer.readInt16BE(at) === -1) {
          at += 2;
          finished = true;
          break;
        }
        // Two fields: the text (NULL for a table without indicators) and the number of rows.
        let end = at + 2;
        const fields: [number, number][] = [];
        for (let field = 0; field < 2 && buffer.length - end >= 4; field++) {
          const length = buffer.readInt32BE(end);
          const start = end + 4;
          end = start + Math.max(length, 0);
          fields.push([start, length]);
        }
        if (fields.length < 2 || end > buffer.length) break;
        const [[textStart, textLength], [rowsStart]] = fields as [[number, number], [number, number]];
        const count = buffer.readInt32BE(rowsStart);
        if (textLength > 0 && count > 0) {
          if (pieces.length > 0 && separator.length > 0) pieces.push(separator);
          pieces.push(buffer.subarray(textStart, textStart + textLength));
          rows += count;
        }
        at = end;
      }
      pending = buffer.subarray(at);
      if (rows > 0) yield { data: Buffer.concat(pieces), rows };
    }
  } finally {
    release();
    // A download stopped half-way leaves the connection in COPY: it is closed, not reused.
    if (!finished) client.connection.stream.destroy();
    await client.end().catch(() => {});
  }
}

async function* batchedOpenData(
  db: Database,
  options: { format: 'json' | 'csv'; year?: number; batchSize?: number },
): AsyncGenerator<OpenDataChunk> {
  // Formatted by core in this thread: PGlite's own JSON functions (WASM) took six times as long.
  for await (const batch of publishedTableBatches(db, {
    year: options.year,
    batchSize: options.batchSize ?? 200,
  })) {
    const rows = openDataRows(batch);
    if (rows.length === 0) continue;
    const data =
      options.format === 'json' ? rows.map((row) => JSON.stringify(row)).join(',') : openDataCsvLines(rows);
    yield { data, rows: rows.length };
  }
}
