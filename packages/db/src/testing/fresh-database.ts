import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { closeDatabase, type Database, type Engine, openDatabase, rawClient } from '../database.ts';
import { migrate, migrationsDir } from '../migrate.ts';

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
    const db = await openDatabase({ loadDataDir: await migratedTemplate() });
    await migrate(db);
    return { engine, db, dispose: () => closeDatabase(db) };
  }
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  // `public` stays on the path for extensions a database may have installed there.
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

let template: Promise<Blob> | null = null;

/**
 * A dump of a freshly migrated PGlite, made once per set of migrations and kept in the temp folder:
 * starting from it skips initdb and the migrations, which cost seconds per suite on a busy machine.
 */
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const hash = createHash('sha256');
    for (const name of (await readdir(migrationsDir)).sort()) {
      hash.update(name).update(await readFile(join(migrationsDir, name)));
    }
    const file = join(tmpdir(), `jixiao-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
    try {
      return new Blob([await readFile(file)]);
    } catch {
      const db = await openDatabase();
      await migrate(db);
      const dump = await rawClient(db).pglite!.dumpDataDir();
      await closeDatabase(db);
      // Written aside then renamed, so a parallel test file never reads half a template.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
      await rename(partial, file);
      return dump;
    }
  })();
  return template;
}
