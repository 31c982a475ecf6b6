import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { closeDatabase, type Database, type Engine, openDatabase } from '../database.ts';
import { migrationsDir } from '../migrate.ts';

/** An empty database on `engine` (a fresh schema on PostgreSQL), and how to drop it. */
export async function emptyDatabase(engine: Engine): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openDatabase();
    return { db, dispose: () => closeDatabase(db) };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = `test_migration_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase({ url, searchPath: `${schema},public`, maxConnections: 2 });
  return {
    db,
    async dispose() {
      await closeDatabase(db);
      await run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/**
 * A folder holding the migrations that come before `migration` (to build the schema a migration meets),
 * and how to remove it.
 */
export async function migrationsBefore(
  migration: string,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-migrations-'));
  for (const name of await readdir(migrationsDir)) {
    if (name < migration) await copyFile(join(migrationsDir, name), join(dir, name));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
