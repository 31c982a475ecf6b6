import pg from 'pg';
import type { Engine } from '../database.ts';
import { createTestDatabase, type TestDatabase } from './fresh-database.ts';

/** The PostgreSQL server benchmarks compare against (a fresh schema each time), when one answers. */
export function benchPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.BENCH_DATABASE_URL ??
    env.TEST_DATABASE_URL ??
    env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test'
  );
}

/** Whether a PostgreSQL server answers at `url` within two seconds. */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The engines to benchmark: PGlite always, PostgreSQL when reachable (else the reason it is skipped). */
export async function benchEngines(): Promise<{ engines: Engine[]; skipped: string | null }> {
  const url = benchPostgresUrl();
  if (await postgresReachable(url)) return { engines: ['pglite', 'postgres'], skipped: null };
  return { engines: ['pglite'], skipped: `no PostgreSQL answered at ${url.replace(/\/\/[^@]*@/, '//…@')}` };
}

/** A fresh migrated database for a benchmark run. */
export function openBenchDatabase(engine: Engine): Promise<TestDatabase> {
  return createTestDatabase(engine, benchPostgresUrl());
}
