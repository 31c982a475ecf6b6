/**
 * Loads a generated province into a PostgreSQL database: creates it afresh, applies the project's
 * migrations, inserts organisations and users (passwords hashed by the server's own argon2id), then
 * streams every generated row through COPY, one connection per table, with the secondary indexes and
 * foreign keys set aside during the load and put back (validated) after it, as the migrations made them.
 */

import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  log?: (message: string) => void;
}

export interface ScaleReport {
  world: ScaleWorld;
  counts: Record<string, number>;
  seconds: { total: number; copy: number; indexes: number; analyze: number; laterMigrations: number };
  /** Migrations applied after the load (they backfill what they derive). */
  laterMigrations: string[];
}

/** Text-format COPY of one value: \N for null, backslash escapes for the four special characters. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
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

/** One COPY stream fed with batched text lines, waiting when PostgreSQL falls behind. */
class CopyWriter {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  private constructor(
    private readonly client: pg.Client,
    private readonly stream: NodeJS.WritableStream,
    private readonly done: Promise<void>,
    private readonly state: { failed: Error | null },
  ) {}

  static async open(url: string, table: ScaleTableName): Promise<CopyWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("SET synchronous_commit = 'off'");
    const stream = client.query(copyFrom(`COPY ${table} (${scaleColumns[table].join(', ')}) FROM STDIN`));
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
    return new CopyWriter(client, stream, done, writer);
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
    const line = `${values.map(this.escape).join('\t')}\n`;
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
  const writers = new Map<ScaleTableName, CopyWriter>();
  for (const table of loadedTables) writers.set(table, await CopyWriter.open(options.url, table));
  const sink: RowSink = { row: (table, values) => writers.get(table)!.push(values) };
  const batch = 200;
  let lastLog = performance.now();
  for (let start = 0; start < options.tables; start += batch) {
    const end = Math.min(options.tables, start + batch);
    for (let index = start; index < end; index++) generateTable(world, index, sink);
    await Promise.all([...writers.values()].map((writer) => writer.flush()));
    if (performance.now() - lastLog > 5000 || end === options.tables) {
      lastLog = performance.now();
      const seconds = (lastLog - copyStart) / 1000;
      log(
        `  ${end.toLocaleString('en')} / ${options.tables.toLocaleString('en')} tables copied ` +
          `(${seconds.toFixed(0)} s, ${Math.round(end / seconds).toLocaleString('en')} tables/s)`,
      );
    }
  }
  await Promise.all([...writers.values()].map((writer) => writer.close()));
  const copySeconds = (performance.now() - copyStart) / 1000;
  const counts = Object.fromEntries([...writers].map(([table, writer]) => [table, writer.rows]));

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
    // The automatic-review findings the app stores with every save, by the server's own start-up step
    // (which would otherwise do it in the background while the bench measures).
    const reviewed = await refreshReviewFindings(upgraded, { batchSize: 500 });
    log(
      `automatic review findings of ${reviewed} tables stored in ${((performance.now() - migrated) / 1000).toFixed(0)} s`,
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
