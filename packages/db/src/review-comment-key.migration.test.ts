import { buildReviewTable } from '@jixiao/core/review-records/review-record.factory';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { emptyDatabase, migrationsBefore } from './testing/empty-database.ts';
import { testEngines } from './testing/test-database.ts';
import { listReviews } from './workflow-history.repository.ts';

const KEY_MIGRATION = '20261126143000-review-comment-indicator-key.sql';

describe('migration: review comments keep their indicator key', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  for (const engine of testEngines()) {
    it(`fills the key of comments stored before it from the version they were written on [${engine}]`, async () => {
      const older = await migrationsBefore(KEY_MIGRATION);
      cleanups.push(older.remove);
      const { db, dispose } = await emptyDatabase(engine);
      cleanups.push(dispose);
      await migrate(db, older.dir);

      // A table whose version 2 was reviewed, then edited: version 3 put a new indicator first.
      const reviewed = buildReviewTable();
      const edited = {
        ...reviewed,
        indicators: [{ ...reviewed.indicators[0], name: '新增宣讲场次' }, ...reviewed.indicators],
      };
      const project = await sql<{ id: string }>`
        INSERT INTO projects (unit, name) VALUES (${reviewed.unit}, ${reviewed.name}) RETURNING id`.execute(
        db,
      );
      const table = await sql<{ id: string }>`
        INSERT INTO target_tables (project_id, version, status, kind, year, unit, name, indicator_count,
          warning_count, search_text, content)
        VALUES (${project.rows[0]?.id}, 3, 'returned', 'project', 2020, ${reviewed.unit}, ${reviewed.name},
          3, 0, '', ${JSON.stringify(edited)}) RETURNING id`.execute(db);
      const tableId = table.rows[0]?.id as string;
      await sql`INSERT INTO table_versions (table_id, version, content, status) VALUES
        (${tableId}, 2, ${JSON.stringify(reviewed)}, 'submitted'),
        (${tableId}, 3, ${JSON.stringify(edited)}, 'returned')`.execute(db);
      const review = await sql<{ id: string }>`
        INSERT INTO reviews (table_id, version, stage, completeness, relevance, appropriateness, feasibility,
          overall, decision)
        VALUES (${tableId}, 2, 'department', '良', '良', '良', '良', '中', 'return') RETURNING id`.execute(
        db,
      );
      await sql`INSERT INTO review_comments (review_id, table_id, version, position, path, indicator_index, text)
        VALUES (${review.rows[0]?.id}, ${tableId}, 2, 0, 'indicators.1.target', 1, '满意度目标偏低'),
               (${review.rows[0]?.id}, ${tableId}, 2, 1, 'budget.currentYear', NULL, '金额不一致')`.execute(
        db,
      );

      expect(await migrate(db)).toContain(KEY_MIGRATION);
      const [round] = await listReviews(db, tableId);
      expect(round?.comments.map((c) => [c.path, c.indicator])).toEqual([
        ['indicators.1.target', { level1: '效果目标', level2: '满意度', name: '参与者满意度' }],
        ['budget.currentYear', null],
      ]);
      // A key on a comment that names no indicator row is refused.
      await expect(
        sql`INSERT INTO review_comments (review_id, table_id, version, position, path, indicator_name, text)
          VALUES (${review.rows[0]?.id}, ${tableId}, 2, 2, 'name', '参与者满意度', 'x')`.execute(db),
      ).rejects.toThrow();
    });
  }
});
