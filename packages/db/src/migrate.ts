import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, rawTransaction } from './database.ts';

/** Where the SQL migrations live: `YYYYMMDDHHMMSS-what.sql`, append-only, one file per change. */
export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

const namePattern = /^\d{14}-[a-z0-9-]+\.sql$/;

// Any fixed number: serialises concurrent migrators (two servers starting on one PostgreSQL database).
const advisoryLockKey = 4_172_026;

/** Applies every migration not yet recorded in `schema_migrations`, in name order, each in a transaction. */
export async function migrate(db: Database, dir: string = migrationsDir): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const badName = files.find((name) => !namePattern.test(name));
  if (badName) throw new Error(`Migration file name must look like 20261126120000-what.sql: ${badName}`);

  await rawTransaction(db, (session) =>
    session.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         name text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    ),
  );

  const applied: string[] = [];
  for (const name of files) {
    const sqlText = await readFile(join(dir, name), 'utf8');
    const ran = await rawTransaction(db, async (session) => {
      await session.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey]);
      const done = await session.query<{ name: string }>(
        'SELECT name FROM schema_migrations WHERE name = $1',
        [name],
      );
      if (done.length > 0) return false;
      try {
        await session.exec(sqlText);
      } catch (error) {
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      await session.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (ran) applied.push(name);
  }
  return applied;
}
