import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../database.ts';
import { createTestDatabase, type TestDatabase, testEngines } from './fresh-database.ts';

export { createTestDatabase, type TestDatabase, testEngines } from './fresh-database.ts';

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
