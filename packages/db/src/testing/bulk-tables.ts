import { sql } from 'kysely';
import { type Database, rawTransaction } from '../database.ts';

/**
 * Fills the database with `count` generated target tables in a few set-based SQL statements (benchmark
 * setup: 100,000 tables in seconds rather than minutes). Names, units, years, statuses and budgets vary
 * so that filters and searches select realistic fractions; each table has three indicators.
 */
export async function generateTables(db: Database, count: number): Promise<void> {
  await rawTransaction(db, async (session) => {
    // Building the search index once after the load is far faster than growing it row by row.
    await session.exec('DROP INDEX target_tables_search_idx');
    await session.exec(`
      CREATE TEMP TABLE bulk_source ON COMMIT DROP AS
      SELECT i,
        gen_random_uuid() AS id,
        gen_random_uuid() AS project_id,
        '某市' || topics[1 + i % 20] || '局第' || (i % 10) || '分局' AS unit,
        topics[1 + (i / 7) % 20] || kinds[1 + i % 10] || '项目' || i AS name,
        kinds[1 + i % 10] || '完成数量' AS ind1,
        topics[1 + (i / 3) % 20] || '服务满意度' AS ind2,
        '预算执行率' AS ind3,
        statuses[1 + i % 6] AS status,
        2018 + i % 9 AS year,
        ((i * 7919) % 100000) * 100 + 50000 AS budget,
        now() - (i || ' seconds')::interval AS at
      FROM generate_series(1, ${Math.trunc(count)}) AS i,
        (SELECT
          ARRAY['教育','卫生','交通','水利','农业','科技','文化','环保','民政','住建',
                '体育','旅游','公安','司法','财政','审计','统计','气象','林业','海洋'] AS topics,
          ARRAY['设备购置','运行维护','专项补助','能力建设','信息化建设','宣传培训','课题研究',
                '基础设施','人才引进','应急保障'] AS kinds,
          ARRAY['draft','submitted','department_reviewed','returned','approved','published'] AS statuses
        ) AS words;

      INSERT INTO projects (id, unit, name) SELECT project_id, unit, name FROM bulk_source;

      INSERT INTO target_tables (id, project_id, version, status, kind, year, unit, name,
        current_year_budget, indicator_count, warning_count, search_text, search_grams, content, created_at,
        updated_at)
      SELECT id, project_id, 1, status, 'target', year, unit, name, budget, 3, 0,
        search.text, search_bigrams(search.text),
        jsonb_build_object(
          'kind', 'target', 'year', year, 'unit', unit, 'name', name,
          'narrative', '{}'::jsonb, 'budget', jsonb_build_object('total', budget, 'currentYear', budget),
          'indicators', jsonb_build_array(
            jsonb_build_object('level1', '产出指标', 'level2', '数量指标', 'name', ind1,
              'target', jsonb_build_object('raw', '>=10次', 'kind', 'quantitative', 'operator', '>=', 'value', 10, 'unit', '次')),
            jsonb_build_object('level1', '效益指标', 'level2', '满意度指标', 'name', ind2,
              'target', jsonb_build_object('raw', '>=90%', 'kind', 'quantitative', 'operator', '>=', 'value', 90, 'unit', '%')),
            jsonb_build_object('level1', '投入与管理', 'level2', '预算执行', 'name', ind3,
              'target', jsonb_build_object('raw', '=100%', 'kind', 'quantitative', 'operator', '=', 'value', 100, 'unit', '%'))),
          'warnings', '[]'::jsonb, 'incomplete', false),
        at, at
      FROM bulk_source
      CROSS JOIN LATERAL (
        SELECT unit || E'\\n' || name || E'\\n产出指标\\n数量指标\\n' || ind1 || E'\\n效益指标\\n' || ind2 || E'\\n' || ind3
      ) AS search (text);

      INSERT INTO table_versions (table_id, version, content, status, saved_at)
      SELECT id, 1, content, status, updated_at FROM target_tables WHERE id IN (SELECT id FROM bulk_source);
    `);
    await session.exec('CREATE INDEX target_tables_search_idx ON target_tables USING gin (search_grams)');
  });
  // What autovacuum does on a server after a bulk load (PGlite has no autovacuum): statistics for the
  // planner and the visibility map that lets count(*) read the index only. Not allowed in a transaction.
  for (const table of ['projects', 'target_tables', 'table_versions']) {
    await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
  }
}
