import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { closeDatabase, type Database, type Engine, openDatabase } from '../database.ts';
import { migrate } from '../migrate.ts';

/** A fresh, migrated database for one test suite, and how to throw it away. */
export interface TestDatabase {
  engine: Engine;
  db: Database;
  dispose(): Promise<void>;
}

/** The engines tests run on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function testEngines(env: NodeJS.ProcessEnv = process.env): Engine[] {
  return env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Opens a fresh migrated database: in-memory PGlite, or a new schema (unique name, so test files can run
 * in parallel) on the TEST_DATABASE_URL server, dropped by `dispose`.
 */
export async function createTestDatabase(
  engine: Engine,
  url: string | undefined = process.env.TEST_DATABASE_URL,
): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await openDatabase();
    await migrate(db);
    return { engine, db, dispose: () => closeDatabase(db) };
  }
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await ensureSharedExtensions(admin);
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  // `public` stays on the path for the extensions installed there (pg_trgm's operators).
  const db = await openDatabase({ url, searchPath: `${schema},public`, maxConnections: 5 });
  await migrate(db);
  return {
    engine,
    db,
    async dispose() {
      await closeDatabase(db);
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
}

// Extensions are per database, not per schema: install them once in `public` so that a suite's schema
// (dropped afterwards) never owns them. Parallel suites may race on CREATE EXTENSION; losing is fine.
async function ensureSharedExtensions(client: pg.Client): Promise<void> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42710') throw error;
  }
}

/**
 * Runs `suite` once per engine (see `testEngines`), each on its own fresh migrated database.
 * `getDb()` is valid inside tests and hooks, not while the suite is being declared.
 */
export function describeEachDatabase(name: string, suite: (getDb: () => Database) => void): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let testDb: TestDatabase | null = null;
      beforeAll(async () => {
        testDb = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await testDb?.dispose();
      });
      suite(() => {
        if (!testDb) throw new Error('The test database is not open yet (use getDb() inside tests or hooks)');
        return testDb.db;
      });
    });
  }
}
