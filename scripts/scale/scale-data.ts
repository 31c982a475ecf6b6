/**
 * Loads a generated province into a PostgreSQL database as PostgreSQL's bulk-loading advice has it:
 * creates it afresh at the project's newest schema, inserts organisations and users (passwords hashed
 * by the server's own argon2id), sets the secondary indexes and foreign keys aside, copies every
 * generated row in batches (COPY, one connection per table and worker thread, triggers off), lets the
 * publication triggers derive the public catalogue from each batch's versions, then rebuilds the
 * indexes and keys (validated), computes the analytics with the function the triggers call, and
 * VACUUM ANALYZEs. Derived data thus comes from the app's own SQL, not from a copy of it here.
 */

import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { refreshReviewFindings } from '@jixiao/db/analytics.repository';
import { closeDatabase, openDatabase } from '@jixiao/db/database';
import { migrate } from '@jixiao/db/migrate';
import { hashPassword } from '@jixiao/server/auth/password';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  buildWorld,
  generateTable,
  type RowSink,
  type ScaleTableName,
  type ScaleWorld,
  scaleColumns,
  scalePassword,
} from './generate.ts';
import { loadVocabulary } from './vocabulary.ts';

export const defaultScaleUrl = 'postgres://postgres@127.0.0.1:5432/jixiao_scale';

export interface ScaleOptions {
  url: string;
  tables: number;
  seed: number;
  /** Threads generating and copying tables, each with connections of its own (default 1: inline). */
  workers?: number;
  /**
   * Keep the database and add the tables it lacks: it holds the first K tables of the same seed (a
   * smaller run, or one grown before), and tables K … tables − 1 are generated into it. Each table's rows
   * depend on the seed and its number only, so the result is the database a single run would make.
   */
  grow?: boolean;
  log?: (message: string) => void;
}

export interface ScaleReport {
  world: ScaleWorld;
  counts: Record<string, number>;
  seconds: { total: number; copy: number; indexes: number; analytics: number; analyze: number };
}

const specialCopyCharacter = /[\\\t\n\r]/;

/** Text-format COPY of one value: \N for null, backslash escapes for the four special characters. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  // Most values (all JSON without escapes in it) have nothing to escape: a test is cheaper than a replace.
  if (!specialCopyCharacter.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`No database name in ${url}`);
  return name;
}

/** Drops and creates the database of `url` (never `postgres`, `test` or a template: those are not ours). */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (['postgres', 'test'].includes(name) || name.startsWith('template')) {
    throw new Error(`Refusing to replace the database "${name}": give the scale data a database of its own`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

async function backendPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
}

/**
 * CPU seconds (user + system) a PostgreSQL backend has used so far, from /proc when the server runs on
 * this machine and we may read it; null otherwise. It tells the server's share of the load from ours.
 */
async function backendCpuSeconds(pid: number): Promise<number | null> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ", in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * One connection copying a table batch by batch: each batch is one COPY statement, committed when it
 * ends, so the rows of a finished batch are visible to the statements that derive from them (the
 * versions' INSERT … SELECT) while later batches are still being generated.
 */
class BatchCopier {
  private buffer: string[] = [];
  rows = 0;
  /** CPU seconds its PostgreSQL backend used, read when it closes (null: not measurable). */
  backendSeconds: number | null = null;
  private constructor(
    private readonly pid: number,
    readonly client: pg.Client,
    private readonly statement: string,
  ) {}

  /**
   * `triggers: false` copies with the session as a replica (session_replication_role): the tables'
   * triggers do not fire row by row or statement by statement during the load; what they derive is
   * computed once, set-wise, after it.
   */
  static async open(
    url: string,
    table: string,
    columns: readonly string[],
    options: { triggers: boolean },
  ): Promise<BatchCopier> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('error', () => undefined);
    await client.query("SET synchronous_commit = 'off'");
    if (!options.triggers) await client.query("SET session_replication_role = 'replica'");
    return new BatchCopier(
      await backendPid(client),
      client,
      `COPY ${table} (${columns.join(', ')}) FROM STDIN`,
    );
  }

  // A table's content is written once per version: escape the same string once.
  private lastRaw: unknown = null;
  private lastEscaped = '';
  private escape = (value: unknown): string => {
    if (typeof value !== 'string' || value.length < 256) return copyValue(value);
    if (value !== this.lastRaw) {
      this.lastRaw = value;
      this.lastEscaped = copyValue(value);
    }
    return this.lastEscaped;
  };

  push(values: readonly unknown[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + this.escape(values[i]);
    this.buffer.push(`${line}\n`);
    this.rows++;
  }

  /** Takes the lines pushed so far; `copy` sends them as one COPY. */
  take(): string[] {
    const lines = this.buffer;
    this.buffer = [];
    return lines;
  }

  async copy(lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    const stream = this.client.query(copyFrom(this.statement));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (error: Error) => reject(new Error(`${this.statement} failed: ${error.message}`)));
      stream.end(lines.join(''));
    });
  }

  async close(): Promise<void> {
    this.backendSeconds = await backendCpuSeconds(this.pid);
    await this.client.end();
  }
}

interface SetAside {
  indexes: { name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/** Drops the secondary indexes and foreign keys of the loaded tables, returning how to make them again. */
async function setAside(client: pg.Client, tables: readonly string[]): Promise<SetAside> {
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype = 'f' AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))`,
    [tables],
  );
  for (const fk of foreignKeys.rows) {
    await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
  }
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

/**
 * Runs `statements` on two connections (this machine has two cores), each taking the next when done.
 * Every connection first runs `setup`.
 */
async function onTwoConnections(url: string, setup: string[], statements: readonly string[]): Promise<void> {
  const queue = [...statements];
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const statement of setup) await client.query(statement);
      for (let next = queue.shift(); next; next = queue.shift()) await client.query(next);
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
}

/** Builds the indexes again on two connections, then the foreign keys (validated) on one. */
async function restore(url: string, aside: SetAside): Promise<void> {
  await onTwoConnections(
    url,
    ["SET maintenance_work_mem = '1GB'"],
    aside.indexes.map((index) => index.definition),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const fk of aside.foreignKeys) {
      await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
    }
  } finally {
    await client.end();
  }
}

/** Organisations and users, one statement each (the organisation-path trigger then runs once). */
async function insertAccounts(url: string, world: ScaleWorld): Promise<void> {
  const passwordHash = await hashPassword(scalePassword);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const organisations = [world.finance, ...world.departments, ...world.units];
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO organisations (id, name, kind, parent_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[])`,
      [
        organisations.map((o) => o.id),
        organisations.map((o) => o.name),
        organisations.map((o) => o.kind),
        organisations.map((o) => o.parentId),
      ],
    );
    await client.query(
      `INSERT INTO users (id, username, display_name, organisation_id, roles, password_hash)
       SELECT id, username, display_name, organisation_id, string_to_array(roles, ','), $6
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[])
         AS u (id, username, display_name, organisation_id, roles)`,
      [
        world.users.map((u) => u.id),
        world.users.map((u) => u.username),
        world.users.map((u) => u.displayName),
        world.users.map((u) => u.organisationId),
        world.users.map((u) => u.roles.join(',')),
        passwordHash,
      ],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

const loadedTables = Object.keys(scaleColumns) as ScaleTableName[];

/**
 * Tables whose secondary indexes and foreign keys are set aside during the load: the generated ones,
 * and the public catalogue the publication trigger fills from the versions (with its indicator keys).
 */
const setAsideTables = [...loadedTables, 'published_tables', 'published_indicator_keys'];

/** Tables generated per batch (one COPY per table and batch). */
const loadBatch = 200;

/**
 * A table's versions share its content (an edit in the life cycle changes the status, not the words), so
 * a worker copies its batch's versions without it into a temporary table and inserts them from there
 * taking their table's content: the JSON is parsed and compressed once per table, not once per version.
 * That INSERT is the app's own write path as far as the database is concerned: the publication
 * triggers fire on it and fill the public catalogue (published_tables, its counts and the portal's
 * statistics) from the published versions, batch by batch, beside the generation of the next batches.
 */
const stagedVersions = 'scale_staged_versions';
const stagedVersionColumns = scaleColumns.table_versions.filter((c) => c !== 'content');
const insertVersions = `INSERT INTO table_versions (${scaleColumns.table_versions.join(', ')})
  SELECT ${scaleColumns.table_versions.map((c) => (c === 'content' ? 't.content' : `v.${c}`)).join(', ')}
  FROM ${stagedVersions} v JOIN target_tables t ON t.id = v.table_id`;

/** A deadlock (40P01) between two workers' trigger statements: the statement is tried again. */
async function retryOnDeadlock(run: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
    }
  }
}

/**
 * Generates and copies the tables of one share (batches `worker`, `worker + workers`, …) on
 * connections of its own; returns the rows copied per table. Each table's rows depend on the seed and
 * its number only, so the data is the same whatever the number of workers. A batch's rows are sent
 * while the next batch is generated.
 */
export async function loadShare(
  url: string,
  world: ScaleWorld,
  share: { worker: number; workers: number; from: number },
  progress: (tables: number) => void,
): Promise<ShareResult> {
  const copiers = new Map<ScaleTableName, BatchCopier>();
  for (const table of loadedTables) {
    copiers.set(
      table,
      table === 'table_versions'
        ? await BatchCopier.open(url, stagedVersions, stagedVersionColumns, { triggers: true })
        : await BatchCopier.open(url, table, scaleColumns[table], { triggers: false }),
    );
  }
  const versions = copiers.get('table_versions')!;
  await versions.client.query(
    `CREATE TEMPORARY TABLE ${stagedVersions} AS SELECT ${stagedVersionColumns.join(', ')} FROM table_versions WITH NO DATA`,
  );
  const sink: RowSink = {
    // The content (third column) is left out: the version takes its table's.
    row: (table, values) =>
      table === 'table_versions'
        ? versions.push([values[0], values[1], ...values.slice(3)])
        : copiers.get(table)!.push(values),
  };
  const others = [...copiers.values()].filter((copier) => copier !== versions);
  const send = async (batch: Map<BatchCopier, string[]>) => {
    // The staged versions can go with the rest; their INSERT needs the batch's tables committed.
    await Promise.all([...batch].map(([copier, lines]) => copier.copy(lines)));
    await retryOnDeadlock(() => versions.client.query(insertVersions));
    await versions.client.query(`TRUNCATE ${stagedVersions}`);
  };
  let tables = 0;
  let sending: Promise<void> = Promise.resolve();
  for (
    let start = share.from + share.worker * loadBatch;
    start < world.tables;
    start += share.workers * loadBatch
  ) {
    const end = Math.min(world.tables, start + loadBatch);
    for (let index = start; index < end; index++) {
      generateTable(world, index, sink);
      // The previous batch's COPYs and INSERT progress only when the event loop turns.
      if (index % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    const batch = new Map([...others, versions].map((copier) => [copier, copier.take()]));
    await sending;
    progress(tables);
    tables += end - start;
    sending = send(batch);
  }
  await sending;
  progress(tables);
  await Promise.all([...copiers.values()].map((copier) => copier.close()));
  const rows = Object.fromEntries([...copiers].map(([table, copier]) => [table, copier.rows]));
  const backendSeconds: Record<string, number> = Object.fromEntries(
    [...copiers].map(([table, copier]) => [table, copier.backendSeconds ?? 0]),
  );
  return { rows, backendSeconds };
}

/** What one share copied: rows per table, and the CPU seconds of the backend that took them. */
export interface ShareResult {
  rows: Record<string, number>;
  /** table_versions: its staged COPY, the INSERT … SELECT and the publication triggers on it. */
  backendSeconds: Record<string, number>;
}

/** loadShare in a worker thread (scale-worker.ts), which builds the same world from the same seed. */
function loadShareInWorker(
  data: { url: string; tables: number; seed: number; worker: number; workers: number; from: number },
  progress: (tables: number) => void,
): Promise<ShareResult> {
  return new Promise((resolve, reject) => {
    // tsx registers its loader in the main thread only: the worker registers it for itself, then
    // imports the TypeScript.
    const entry = new URL('./scale-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData: data },
    );
    worker.on('message', (message: { tables?: number; result?: ShareResult }) => {
      if (message.result) resolve(message.result);
      else if (message.tables !== undefined) progress(message.tables);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`scale worker ${data.worker} stopped with code ${code}`));
    });
  });
}

const seedComment = /^jixiao scale data, seed (-?\d+)$/;

/** Marks the database as generated with `seed` (its comment). */
async function describeDatabase(url: string, seed: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const quoted = `"${databaseName(url).replace(/"/g, '""')}"`;
    await client.query(`COMMENT ON DATABASE ${quoted} IS 'jixiao scale data, seed ${seed}'`);
  } finally {
    await client.end();
  }
}

/** How many tables a database to grow holds, after checking it was generated with the same seed. */
async function tablesAlready(options: ScaleOptions): Promise<number> {
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    const comment = (
      await client.query<{ comment: string | null }>(
        "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()",
      )
    ).rows[0]?.comment;
    const seed = seedComment.exec(comment ?? '')?.[1];
    if (seed === undefined || Number(seed) !== options.seed) {
      throw new Error(
        `--grow: ${databaseName(options.url)} was not generated with --seed ${options.seed} (its comment: ${comment ?? 'none'})`,
      );
    }
    const tables = Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM target_tables')).rows[0]!.n,
    );
    if (tables >= options.tables) {
      throw new Error(`--grow: ${databaseName(options.url)} holds ${tables} tables already`);
    }
    return tables;
  } finally {
    await client.end();
  }
}

/** Tables by size, largest first (so the two connections of a phase finish about together). */
async function tablesBySize(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/** Generates `tables` tables into a fresh database at `url` (see the file comment). */
export async function generateScaleDatabase(options: ScaleOptions): Promise<ScaleReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const seconds = (from: number) => (performance.now() - from) / 1000;
  const from = options.grow ? await tablesAlready(options) : 0;
  if (!options.grow) await recreateDatabase(options.url);
  const db = await openDatabase({ url: options.url, maxConnections: 2 });
  let applied: string[];
  try {
    applied = await migrate(db);
  } finally {
    await closeDatabase(db);
  }
  log(
    options.grow
      ? `database ${databaseName(options.url)} holds ${from.toLocaleString('en')} tables; ${applied.length} new migrations applied`
      : `database ${databaseName(options.url)} created, ${applied.length} migrations applied`,
  );

  const world = buildWorld({ tables: options.tables, seed: options.seed, vocabulary: loadVocabulary() });
  if (!options.grow) {
    await insertAccounts(options.url, world);
    log(
      `${world.departments.length} departments, ${world.units.length} units, ${world.users.length} users; ` +
        `${world.vocabulary.indicators.length} indicator names from the labelled corpus; years ${world.years[0]}–${world.years.at(-1)}`,
    );
  }
  // What a later --grow checks: the seed, and (with the count of tables) where it goes on.
  await describeDatabase(options.url, options.seed);

  const control = new pg.Client({ connectionString: options.url });
  await control.connect();
  let aside: SetAside;
  try {
    aside = await setAside(control, setAsideTables);
  } finally {
    await control.end();
  }

  const copyStart = performance.now();
  const cpuAtStart = process.cpuUsage();
  const workers = Math.max(1, Math.min(options.workers ?? 1, Math.ceil((options.tables - from) / loadBatch)));
  const done = new Array<number>(workers).fill(0);
  let lastLog = performance.now();
  const progress = (worker: number, tables: number) => {
    done[worker] = tables;
    const sum = from + done.reduce((a, b) => a + b, 0);
    if (performance.now() - lastLog > 10_000 || sum === options.tables) {
      lastLog = performance.now();
      const elapsed = seconds(copyStart);
      log(
        `  ${sum.toLocaleString('en')} / ${options.tables.toLocaleString('en')} tables loaded ` +
          `(${elapsed.toFixed(0)} s, ${Math.round((sum - from) / elapsed).toLocaleString('en')} tables/s)`,
      );
    }
  };
  const shares =
    workers === 1
      ? [await loadShare(options.url, world, { worker: 0, workers: 1, from }, (n) => progress(0, n))]
      : await Promise.all(
          Array.from({ length: workers }, (_, worker) =>
            loadShareInWorker(
              { url: options.url, tables: options.tables, seed: options.seed, worker, workers, from },
              (n) => progress(worker, n),
            ),
          ),
        );
  const counts: Record<string, number> = {};
  const copyCpu: Record<string, number> = {};
  for (const share of shares) {
    for (const [table, rows] of Object.entries(share.rows)) counts[table] = (counts[table] ?? 0) + rows;
    for (const [table, cpu] of Object.entries(share.backendSeconds)) {
      copyCpu[table] = (copyCpu[table] ?? 0) + cpu;
    }
  }
  const nodeCpu = process.cpuUsage(cpuAtStart);
  const copySeconds = seconds(copyStart);
  log(
    `generated and loaded in ${copySeconds.toFixed(0)} s; CPU: node ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(0)} s ` +
      `(all threads), PostgreSQL ${Object.values(copyCpu)
        .reduce((a, b) => a + b, 0)
        .toFixed(0)} s (${Object.entries(copyCpu)
        .sort((a, b) => b[1] - a[1])
        .map(([table, cpu]) => `${table} ${cpu.toFixed(0)}`)
        .join(', ')}; table_versions includes the publication triggers)`,
  );

  const indexStart = performance.now();
  log(`rebuilding ${aside.indexes.length} indexes and ${aside.foreignKeys.length} foreign keys…`);
  await restore(options.url, aside);
  const indexSeconds = seconds(indexStart);
  log(`  in ${indexSeconds.toFixed(0)} s`);

  // The analytics facts and counts, by the function the triggers call, a year per statement on two
  // connections (every count is keyed by year, so the two never touch the same row).
  const analyticsStart = performance.now();
  await onTwoConnections(
    options.url,
    ["SET work_mem = '256MB'"],
    world.years.map(
      (year) => `SELECT analytics_refresh(ARRAY(SELECT id FROM target_tables WHERE year = ${year}), false)`,
    ),
  );
  const upgraded = await openDatabase({ url: options.url, maxConnections: 2 });
  try {
    // Every table's findings were stored with it: this finds none missing and records the rules'
    // revision, so the server's start-up step does not review every table again.
    const reviewed = await refreshReviewFindings(upgraded, { batchSize: 500 });
    if (reviewed > 0) log(`  automatic review of ${reviewed} tables without findings`);
  } finally {
    await closeDatabase(upgraded);
  }
  const analyticsSeconds = seconds(analyticsStart);
  log(`analytics of every table in ${analyticsSeconds.toFixed(0)} s`);

  // What autovacuum would do after a bulk load: planner statistics and the visibility map (index-only
  // scans), a table at a time on two connections.
  const analyzeStart = performance.now();
  await onTwoConnections(
    options.url,
    [],
    (await tablesBySize(options.url)).map((table) => `VACUUM ANALYZE ${table}`),
  );
  const analyzeSeconds = seconds(analyzeStart);
  const total = seconds(started);
  log(
    `done in ${total.toFixed(0)} s (generate and load ${copySeconds.toFixed(0)} s, indexes and keys ${indexSeconds.toFixed(0)} s, ` +
      `analytics ${analyticsSeconds.toFixed(0)} s, VACUUM ANALYZE ${analyzeSeconds.toFixed(0)} s)`,
  );
  return {
    world,
    counts,
    seconds: {
      total,
      copy: copySeconds,
      indexes: indexSeconds,
      analytics: analyticsSeconds,
      analyze: analyzeSeconds,
    },
  };
}
