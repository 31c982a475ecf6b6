import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { describeEachDatabase } from './testing/test-database.ts';

describeEachDatabase('migrations', (getDb) => {
  it('records every migration file and applies nothing twice', async () => {
    const db = getDb();
    const recorded = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(
      db,
    );
    expect(recorded.rows.map((row) => row.name)).toContain('20261126120000-audit-log.sql');
    expect(await migrate(db)).toEqual([]);
  });
});
