import { sql } from 'kysely';
import type { Database } from '../database.ts';
import type { DB } from '../db-schema.ts';

/**
 * Runs `run` while every INSERT or UPDATE of `table` fails in the database (a trigger raises), then lets
 * writes through again: a real failed write, for tests that a change and its audit entry commit together
 * or not at all.
 */
export async function withFailingWrites<T>(
  db: Database,
  table: keyof DB & string,
  run: () => Promise<T>,
): Promise<T> {
  const trigger = sql.id(`fail_writes_${table}`);
  await sql`CREATE OR REPLACE FUNCTION fail_writes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'write refused for a test: %', TG_TABLE_NAME; END $$`.execute(db);
  await sql`CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON ${sql.table(table)}
    FOR EACH ROW EXECUTE FUNCTION fail_writes()`.execute(db);
  try {
    return await run();
  } finally {
    await sql`DROP TRIGGER ${trigger} ON ${sql.table(table)}`.execute(db);
  }
}
