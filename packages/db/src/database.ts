import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './db-schema.ts';
import { createSessionLock, pgliteDialect } from './pglite-dialect.ts';
import { type PgliteThread, startPgliteThread } from './pglite-thread.ts';

export type Database = Kysely<DB>;
/** A transaction on a Database, for the steps that must see and write their rows in one. */
export type DatabaseTransaction = Transaction<DB>;
export type Engine = 'pglite' | 'postgres';

/** How to reach the database: a PostgreSQL URL, else PGlite in `dataDir`, else PGlite in memory. */
export interface DatabaseOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
  /** PostgreSQL only: schemas to search (tests use one fresh schema per suite). */
  searchPath?: string | undefined;
  /** PostgreSQL only: pool size. */
  maxConnections?: number | undefined;
  /** PGlite only: start from this dumped data folder (tests start from a migrated template). */
  loadDataDir?: Blob | undefined;
}

/** A session that can run multi-statement SQL scripts (migrations, bulk loads) inside a transaction. */
export interface RawSession {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

interface EngineHandle {
  engine: Engine;
  transaction<T>(work: (session: RawSession) => Promise<T>): Promise<T>;
  pool: pg.Pool | null;
  pglite: PgliteThread | null;
}

const handles = new WeakMap<object, EngineHandle>();

// PostgreSQL returns int8 and numeric as strings; counts and amounts in this app fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Opens Kysely on node-postgres when a URL is given, else on PGlite (a data folder or in memory). */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options);
  return openPglite(options.dataDir, options.loadDataDir);
}

/** Reads DATABASE_URL, else uses PGlite in `defaultDataDir`. */
export function databaseOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  defaultDataDir?: string,
): DatabaseOptions {
  return env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.JIXIAO_DATA_DIR ?? defaultDataDir };
}

/**
 * Reads DATABASE_READ_URL: a PostgreSQL hot standby (streaming replica) of DATABASE_URL's server for
 * read-only pages, or undefined (everything reads the primary). Only meaningful with DATABASE_URL.
 */
export function readDatabaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_URL && env.DATABASE_READ_URL ? env.DATABASE_READ_URL : undefined;
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  handles.set(db, {
    engine: 'postgres',
    pool,
    pglite: null,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          exec: async (text) => {
            await client.query(text);
          },
          query: async <R>(text: string, params?: unknown[]) =>
            (await client.query(text, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  });
  return db;
}

/** PGlite runs in a worker thread (pglite-thread.ts), so its statements never hold the server's event loop. */
async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Database> {
  const client = await startPgliteThread({ dataDir, loadDataDir });
  const lock = createSessionLock();
  const db = new Kysely<DB>({ dialect: pgliteDialect(client, lock) });
  handles.set(db, {
    engine: 'pglite',
    pool: null,
    pglite: client,
    // Takes the same turn as Kysely's connections, so raw scripts never interleave with a transaction.
    async transaction(work) {
      const release = await lock();
      try {
        await client.exec('BEGIN');
        try {
          const result = await work({
            exec: (text) => client.exec(text),
            query: async <R>(text: string, params?: unknown[]) => (await client.query<R>(text, params)).rows,
          });
          await client.exec('COMMIT');
          return result;
        } catch (error) {
          await client.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      } finally {
        release();
      }
    },
  });
  return db;
}

function handleOf(db: Database): EngineHandle {
  const handle = handles.get(db);
  if (!handle) throw new Error('This Kysely instance was not opened by openDatabase()');
  return handle;
}

/** Which engine a database runs on (benchmarks and tests sometimes need to know). */
export function engineOf(db: Database): Engine {
  return handleOf(db).engine;
}

/** Runs multi-statement SQL in one transaction, outside Kysely (migrations, bulk loads). */
export function rawTransaction<T>(db: Database, work: (session: RawSession) => Promise<T>): Promise<T> {
  return handleOf(db).transaction(work);
}

/** The underlying node-postgres pool or PGlite client, for COPY and other engine-specific work. */
export function rawClient(db: Database): { pool: pg.Pool | null; pglite: PgliteThread | null } {
  const { pool, pglite } = handleOf(db);
  return { pool, pglite };
}

/** Closes the pool or the PGlite instance. */
/** Answers when the database does (the health check). */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

export async function closeDatabase(db: Database): Promise<void> {
  const handle = handles.get(db);
  await db.destroy();
  if (handle?.pglite && !handle.pglite.closed) await handle.pglite.close();
}

/**
 * PGlite has no autovacuum: refreshes its planner statistics and visibility map (fast counts), as a start
 * does once. PostgreSQL's autovacuum keeps its own, so nothing is run there.
 */
export async function refreshEmbeddedStatistics(db: Database): Promise<void> {
  if (engineOf(db) === 'pglite') await sql`VACUUM ANALYZE`.execute(db);
}
