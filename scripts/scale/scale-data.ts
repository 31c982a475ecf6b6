/**
 * Loads a generated province into a PostgreSQL database: creates it afresh, applies the project's
 * migrations, inserts organisations and users (passwords hashed by the server's own argon2id), then
 * streams every generated row through COPY, one connection per table, with the secondary indexes and
 * foreign keys set aside during the load and put back (validated) after it, as the migrations made them.
 */

import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { refreshReviewFindings } from '@jixiao/db/analytics.repository';
import { closeDatabase, openDatabase } from '@jixiao/db/database';
import { migrate, migrationsDir } from '@jixiao/db/migrate';
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

/**
 * The newest migration whose schema the generator writes. Data is loaded into the database migrated up
 * to here; every later migration is applied after the load, so derived tables and columns they add are
 * backfilled by the migration itself, the way a real database gets them on upgrade.
 */
export const generatorSchema = '20261205133000-budget-years.sql';

/** Applies the migrations up to and including `last` (a temporary folder holding only those). */
async function migrateUpTo(db: Parameters<typeof migrate>[0], last: string): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'jixiao-scale-migrations-'));
  try {
    await mkdir(folder, { recursive: true });
    for (const name of (await readdir(migrationsDir)).filter((n) => n.endsWith('.sql') && n <= last)) {
      await copyFile(join(migrationsDir, name), join(folder, name));
    }
    return await migrate(db, folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export const defaultScaleUrl = 'postgres://postgres@127.0.0.1:5432/jixiao_scale';

export interface ScaleOptions {
  url: string;
  tables: number;
  seed: number;
  /** Threads generating and copying tables, each with connections of its own (default 1: inline). */
  workers?: number;
  log?: (message: string) => void;
}

export interface ScaleReport {
  world: ScaleWorld;
  counts: Record<string, number>;
  seconds: { total: number; copy: number; indexes: number; analyze: number; laterMigrations: number };
  /** Migrations applied after the load (they backfill what they derive). */
  laterMigrations: string[];
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

/** One COPY stream fed with batched text lines, waiting when PostgreSQL falls behind. */
class CopyWriter {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  /** CPU seconds its PostgreSQL backend used, read when it closes (null: not measurable). */
  backendSeconds: number | null = null;
  private constructor(
    private readonly pid: number,
    private readonly client: pg.Client,
    private readonly stream: NodeJS.WritableStream,
    private readonly done: Promise<void>,
    private readonly state: { failed: Error | null },
  ) {}

  static async open(url: string, table: string, columns: readonly string[]): Promise<CopyWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("SET synchronous_commit = 'off'");
    const pid = await backendPid(client);
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    const writer: { failed: Error | null } = { failed: null };
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (error: Error) => {
        writer.failed = new Error(`COPY ${table} failed: ${error.message}`, { cause: error });
        reject(writer.failed);
      });
    });
    done.catch(() => undefined);
    client.on('error', () => undefined);
    return new CopyWriter(pid, client, stream, done, writer);
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
    line += '\n';
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
  }

  async flush(): Promise<void> {
    // A failed COPY (a constraint, a lost connection) stops the load at once with PostgreSQL's reason.
    if (this.state.failed) throw this.state.failed;
    if (this.size === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve, reject) => {
        this.stream.once('drain', resolve);
        this.done.catch(reject);
      });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
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

/** Builds the indexes again on two connections (this machine has two cores), then the foreign keys. */
async function restore(url: string, aside: SetAside): Promise<void> {
  const queue = [...aside.indexes];
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("SET maintenance_work_mem = '1GB'");
      for (let index = queue.shift(); index; index = queue.shift()) await client.query(index.definition);
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
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

async function insertAccounts(url: string, world: ScaleWorld): Promise<void> {
  const passwordHash = await hashPassword(scalePassword);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const org of [world.finance, ...world.departments, ...world.units]) {
      await client.query('INSERT INTO organisations (id, name, kind, parent_id) VALUES ($1, $2, $3, $4)', [
        org.id,
        org.name,
        org.kind,
        org.parentId,
      ]);
    }
    for (const user of world.users) {
      await client.query(
        `INSERT INTO users (id, username, display_name, organisation_id, roles, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [user.id, user.username, user.displayName, user.organisationId, user.roles, passwordHash],
      );
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

const loadedTables = Object.keys(scaleColumns) as ScaleTableName[];

/** Tables generated between two flushes of the COPY streams. */
const loadBatch = 200;

/**
 * A table's versions share its content (an edit in the life cycle changes the status, not the words), so
 * the versions are copied without it into an unlogged staging table and take it from their table in
 * PostgreSQL (copyStagedVersions): the JSON is parsed and compressed once per table, not once per
 * version. The review findings wait in a staging table until the migration that adds their column ran.
 */
const stagedVersions = 'scale_staged_versions';
const stagedFindings = 'scale_staged_findings';
const stagedMeasures = 'scale_staged_missing_measures';
const stagedVersionColumns = scaleColumns.table_versions.filter((c) => c !== 'content');

async function createStaging(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${stagedVersions}, ${stagedFindings}, ${stagedMeasures}`);
    await client.query(
      `CREATE UNLOGGED TABLE ${stagedVersions} AS SELECT ${stagedVersionColumns.join(', ')} FROM table_versions WITH NO DATA`,
    );
    await client.query(
      `CREATE UNLOGGED TABLE ${stagedFindings} (table_id uuid NOT NULL, findings jsonb NOT NULL)`,
    );
    await client.query(
      `CREATE UNLOGGED TABLE ${stagedMeasures} (table_id uuid NOT NULL, cut_off_month integer NOT NULL, missing integer NOT NULL)`,
    );
  } finally {
    await client.end();
  }
}

/** Returns the CPU seconds of the backend that did it (null: not measurable). */
async function copyStagedVersions(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pid = await backendPid(client);
    await client.query("SET work_mem = '256MB'");
    await client.query(
      `INSERT INTO table_versions (${scaleColumns.table_versions.join(', ')})
       SELECT ${scaleColumns.table_versions.map((c) => (c === 'content' ? 't.content' : `v.${c}`)).join(', ')}
         FROM ${stagedVersions} v JOIN target_tables t ON t.id = v.table_id`,
    );
    await client.query(`DROP TABLE ${stagedVersions}`);
    return await backendCpuSeconds(pid);
  } finally {
    await client.end();
  }
}

/**
 * Sets what later migrations added columns for: the staged review findings of every table that has
 * none, and the missing corrective measures of every monitoring report. Returns the tables updated.
 */
async function storeStaged(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET work_mem = '256MB'");
    const result = await client.query(
      `UPDATE target_tables t SET review_findings = f.findings
         FROM ${stagedFindings} f WHERE f.table_id = t.id AND t.review_findings IS NULL`,
    );
    // No trigger reads missing_measures, but the analytics ones fire on any update of a report and would
    // refresh every monitored table's facts again (minutes at 300k): they are off for this statement.
    await client.query("SET session_replication_role = 'replica'");
    await client.query(
      `UPDATE monitoring_reports m SET missing_measures = s.missing
         FROM ${stagedMeasures} s WHERE s.table_id = m.table_id AND s.cut_off_month = m.cut_off_month`,
    );
    await client.query("SET session_replication_role = 'origin'");
    await client.query(`DROP TABLE ${stagedFindings}, ${stagedMeasures}`);
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/**
 * Generates and copies the tables of one share (batches `worker`, `worker + workers`, …) on
 * connections of its own; returns the rows copied per table. Each table's rows depend on the seed and
 * its number only, so the data is the same whatever the number of workers.
 */
export async function loadShare(
  url: string,
  world: ScaleWorld,
  share: { worker: number; workers: number },
  progress: (tables: number) => void,
): Promise<ShareResult> {
  const writers = new Map<ScaleTableName, CopyWriter>();
  for (const table of loadedTables) {
    writers.set(
      table,
      table === 'table_versions'
        ? await CopyWriter.open(url, stagedVersions, stagedVersionColumns)
        : await CopyWriter.open(url, table, scaleColumns[table]),
    );
  }
  const findings = await CopyWriter.open(url, stagedFindings, ['table_id', 'findings']);
  const measures = await CopyWriter.open(url, stagedMeasures, ['table_id', 'cut_off_month', 'missing']);
  const versions = writers.get('table_versions')!;
  const sink: RowSink = {
    // The content (third column) is left out: the version takes its table's.
    row: (table, values) =>
      table === 'table_versions'
        ? versions.push([values[0], values[1], ...values.slice(3)])
        : writers.get(table)!.push(values),
    findings: (tableId, text) => findings.push([tableId, text]),
    missingMeasures: (tableId, month, count) => measures.push([tableId, month, count]),
  };
  const all = [...writers.values(), findings, measures];
  let tables = 0;
  for (let start = share.worker * loadBatch; start < world.tables; start += share.workers * loadBatch) {
    const end = Math.min(world.tables, start + loadBatch);
    for (let index = start; index < end; index++) generateTable(world, index, sink);
    tables += end - start;
    await Promise.all(all.map((writer) => writer.flush()));
    progress(tables);
  }
  await Promise.all(all.map((writer) => writer.close()));
  const rows = Object.fromEntries([...writers].map(([table, writer]) => [table, writer.rows]));
  const backend = (writer: CopyWriter) => writer.backendSeconds ?? 0;
  const cpu: Record<string, number> = Object.fromEntries(
    [...writers].map(([table, writer]) => [table, backend(writer)]),
  );
  cpu.staged = backend(findings) + backend(measures);
  return { rows, backendSeconds: cpu };
}

/** What one share copied: rows per table, and the CPU seconds of the backend that took them. */
export interface ShareResult {
  rows: Record<string, number>;
  backendSeconds: Record<string, number>;
}

/** loadShare in a worker thread (scale-worker.ts), which builds the same world from the same seed. */
function loadShareInWorker(
  data: { url: string; tables: number; seed: number; worker: number; workers: number },
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

/** Generates `tables` tables into a fresh database at `url` (see the file comment). */
export async function generateScaleDatabase(options: ScaleOptions): Promise<ScaleReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  await recreateDatabase(options.url);
  const db = await openDatabase({ url: options.url, maxConnections: 2 });
  try {
    const applied = await migrateUpTo(db, generatorSchema);
    log(
      `database ${databaseName(options.url)} created, ${applied.length} migrations applied before the load`,
    );
  } finally {
    await closeDatabase(db);
  }

  const world = buildWorld({ tables: options.tables, seed: options.seed, vocabulary: loadVocabulary() });
  await insertAccounts(options.url, world);
  log(
    `${world.departments.length} departments, ${world.units.length} units, ${world.users.length} users; ` +
      `${world.vocabulary.indicators.length} indicator names from the labelled corpus; years ${world.years[0]}–${world.years.at(-1)}`,
  );

  const control = new pg.Client({ connectionString: options.url });
  await control.connect();
  let aside: SetAside;
  try {
    aside = await setAside(control, loadedTables);
  } finally {
    await control.end();
  }

  const copyStart = performance.now();
  const cpuAtStart = process.cpuUsage();
  await createStaging(options.url);
  const workers = Math.max(1, Math.min(options.workers ?? 1, Math.ceil(options.tables / loadBatch)));
  const done = new Array<number>(workers).fill(0);
  let lastLog = performance.now();
  const progress = (worker: number, tables: number) => {
    done[worker] = tables;
    const sum = done.reduce((a, b) => a + b, 0);
    if (performance.now() - lastLog > 5000 || sum === options.tables) {
      lastLog = performance.now();
      const seconds = (lastLog - copyStart) / 1000;
      log(
        `  ${sum.toLocaleString('en')} / ${options.tables.toLocaleString('en')} tables copied ` +
          `(${seconds.toFixed(0)} s, ${Math.round(sum / seconds).toLocaleString('en')} tables/s)`,
      );
    }
  };
  const shares =
    workers === 1
      ? [await loadShare(options.url, world, { worker: 0, workers: 1 }, (n) => progress(0, n))]
      : await Promise.all(
          Array.from({ length: workers }, (_, worker) =>
            loadShareInWorker(
              { url: options.url, tables: options.tables, seed: options.seed, worker, workers },
              (n) => progress(worker, n),
            ),
          ),
        );
  const counts: Record<string, number> = {};
  const copyCpu: Record<string, number> = {};
  for (const share of shares) {
    for (const [table, rows] of Object.entries(share.rows)) counts[table] = (counts[table] ?? 0) + rows;
    for (const [table, seconds] of Object.entries(share.backendSeconds)) {
      copyCpu[table] = (copyCpu[table] ?? 0) + seconds;
    }
  }
  const nodeCpu = process.cpuUsage(cpuAtStart);
  const generated = (performance.now() - copyStart) / 1000;
  log(
    `generated and copied in ${generated.toFixed(0)} s; CPU: node ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(0)} s ` +
      `(all threads), PostgreSQL ${Object.values(copyCpu)
        .reduce((a, b) => a + b, 0)
        .toFixed(0)} s (${Object.entries(copyCpu)
        .sort((a, b) => b[1] - a[1])
        .map(([table, seconds]) => `${table} ${seconds.toFixed(0)}`)
        .join(', ')})`,
  );
  log('versions take their content from their table…');
  const versionsCpu = await copyStagedVersions(options.url);
  const copySeconds = (performance.now() - copyStart) / 1000;
  log(
    `  in ${(copySeconds - generated).toFixed(0)} s${versionsCpu === null ? '' : ` (PostgreSQL CPU ${versionsCpu.toFixed(0)} s)`}`,
  );

  const indexStart = performance.now();
  log(`rebuilding ${aside.indexes.length} indexes and ${aside.foreignKeys.length} foreign keys…`);
  await restore(options.url, aside);
  const indexSeconds = (performance.now() - indexStart) / 1000;

  const analyzeStart = performance.now();
  const vacuum = async () => {
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    try {
      // What autovacuum would do after a bulk load: planner statistics and the visibility map.
      await client.query('VACUUM ANALYZE');
    } finally {
      await client.end();
    }
  };
  await vacuum();
  const analyzeSeconds = (performance.now() - analyzeStart) / 1000;

  const laterStart = performance.now();
  const upgraded = await openDatabase({ url: options.url, maxConnections: 2 });
  let later: string[];
  try {
    later = await migrate(upgraded);
    const migrated = performance.now();
    if (later.length > 0) {
      log(
        `${later.length} later migrations applied to the loaded data in ${((migrated - laterStart) / 1000).toFixed(0)} s: ${later.join(', ')}`,
      );
    }
    // The automatic-review findings the app stores with every save (computed by derivedColumns with the
    // content during the load) and each report's missing measures, set in one statement each; the
    // server's start-up step then finds no findings missing and records the rules' revision.
    const stored = await storeStaged(options.url);
    const reviewed = await refreshReviewFindings(upgraded, { batchSize: 500 });
    log(
      `automatic review findings of ${stored + reviewed} tables stored in ${((performance.now() - migrated) / 1000).toFixed(0)} s`,
    );
  } finally {
    await closeDatabase(upgraded);
  }
  const laterSeconds = (performance.now() - laterStart) / 1000;
  await vacuum();
  const total = (performance.now() - started) / 1000;
  log(
    `done in ${total.toFixed(0)} s (COPY ${copySeconds.toFixed(0)} s, indexes and keys ${indexSeconds.toFixed(0)} s, ` +
      `VACUUM ANALYZE ${analyzeSeconds.toFixed(0)} s, later migrations ${laterSeconds.toFixed(0)} s)`,
  );
  return {
    world,
    counts,
    seconds: {
      total,
      copy: copySeconds,
      indexes: indexSeconds,
      analyze: analyzeSeconds,
      laterMigrations: laterSeconds,
    },
    laterMigrations: later,
  };
}
