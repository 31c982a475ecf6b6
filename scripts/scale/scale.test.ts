import { monitoringReportSchema } from '@jixiao/core/monitoring/monitoring.schema';
import { selfEvaluationEntrySchema } from '@jixiao/core/scoring/self-evaluation.schema';
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { closeDatabase, openDatabase } from '@jixiao/db/database';
import { buildApp } from '@jixiao/server/app';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { benchUsers, scalePassword } from './generate.ts';
import { generateScaleDatabase, recreateDatabase } from './scale-data.ts';

// PostgreSQL only (COPY, CREATE DATABASE): runs where TEST_DATABASE_URL names a server, as in CI.
const server = process.env.TEST_DATABASE_URL;
const url = server
  ? Object.assign(new URL(server), { pathname: `/jixiao_scale_test_${process.pid}` }).toString()
  : '';

describe.skipIf(!server)('npm run scale (a tiny province on PostgreSQL)', () => {
  afterAll(async () => {
    const admin = Object.assign(new URL(url), { pathname: '/postgres' });
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    // Closed pools finish their goodbyes a moment later: wait for them rather than cut them off.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "jixiao_scale_test_${process.pid}"`);
        await client.query(`DROP DATABASE IF EXISTS "jixiao_scale_test_${process.pid}_once"`);
        break;
      } catch (error) {
        if (attempt >= 200) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await client.end();
  });

  it('refuses the shared test database', async () => {
    await expect(recreateDatabase(server!)).rejects.toThrow(/Refusing/);
  });

  it('generates every life-cycle record and the API lists them', { timeout: 120_000 }, async () => {
    // Generated in two runs: 60 tables, then grown to 90, which must be what one run of 90 makes.
    await generateScaleDatabase({ url, tables: 60, seed: 7 });
    await generateScaleDatabase({ url, tables: 90, seed: 7, grow: true, workers: 2 });
    await expect(generateScaleDatabase({ url, tables: 90, seed: 8, grow: true })).rejects.toThrow(/seed/);
    await expect(generateScaleDatabase({ url, tables: 90, seed: 7, grow: true })).rejects.toThrow(/holds 90/);
    const report = await generateScaleDatabase({ url: `${url}_once`, tables: 90, seed: 7 });
    expect(report.counts.target_tables).toBe(90);
    expect(report.counts.projects).toBe(10);
    expect(report.counts.table_versions).toBeGreaterThan(90 * 3);
    expect(report.counts.indicators).toBeGreaterThanOrEqual(90 * 20);
    for (const table of [
      'workflow_events',
      'reviews',
      'monitoring_reports',
      'self_evaluations',
      'audit_log',
    ] as const) {
      expect(report.counts[table], table).toBeGreaterThan(0);
    }

    const db = await openDatabase({ url, maxConnections: 2 });
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const count = async (text: string) => Number((await client.query(text)).rows[0].n);
      const once = new pg.Client({ connectionString: `${url}_once` });
      await once.connect();
      for (const fingerprint of [
        "SELECT md5(string_agg(id || ':' || version || status || md5(content::text), ',' ORDER BY id)) AS n FROM target_tables",
        "SELECT md5(string_agg(table_id || ':' || version || status, ',' ORDER BY table_id, version)) AS n FROM table_versions",
        "SELECT md5(string_agg(table_id || ':' || version || search_text, ',' ORDER BY table_id)) AS n FROM published_tables",
        "SELECT md5(string_agg(table_id || ':' || status || coalesce(light, '') || findings, ',' ORDER BY table_id)) AS n FROM analytics_tables",
        "SELECT md5(string_agg(id::text, ',' ORDER BY id)) AS n FROM reviews",
        'SELECT count(*) AS n FROM audit_log',
      ]) {
        const [grown, single] = await Promise.all([client.query(fingerprint), once.query(fingerprint)]);
        expect(grown.rows[0].n, fingerprint).toBe(single.rows[0].n);
      }
      await once.end();
      // What was streamed is what is stored, with the derived columns and constraints back in place.
      expect(await count('SELECT count(*) AS n FROM target_tables')).toBe(90);
      expect(await count('SELECT count(*) AS n FROM indicators')).toBe(report.counts.indicators);
      expect(await count('SELECT count(*) AS n FROM organisations')).toBe(2041);
      expect(await count("SELECT count(*) AS n FROM target_tables WHERE search_grams = '{}'")).toBe(0);
      // The generator's bigrams are the set the database's function gives for the same text.
      expect(
        await count(`SELECT count(*) AS n FROM target_tables
          WHERE NOT (search_grams @> search_bigrams(search_text) AND search_grams <@ search_bigrams(search_text))`),
      ).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM target_tables t
          WHERE version <> (SELECT max(version) FROM table_versions v WHERE v.table_id = t.id)`),
      ).toBe(0);
      // Versions took their table's content in PostgreSQL; what later migrations added columns for is set.
      expect(
        await count(`SELECT count(*) AS n FROM table_versions v JOIN target_tables t ON t.id = v.table_id
          WHERE v.content IS DISTINCT FROM t.content`),
      ).toBe(0);
      expect(await count('SELECT count(*) AS n FROM table_versions')).toBe(report.counts.table_versions);
      expect(await count('SELECT count(*) AS n FROM target_tables WHERE review_findings IS NULL')).toBe(0);
      expect(await count('SELECT count(*) AS n FROM monitoring_reports WHERE missing_measures IS NULL')).toBe(
        0,
      );
      expect(await count("SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'scale\\_staged\\_%'")).toBe(
        0,
      );
      expect(
        await count(
          "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND conrelid = 'indicators'::regclass",
        ),
      ).toBe(1);
      // Derived data came from the app's own SQL: the publication triggers and analytics_refresh.
      const published = await count(
        "SELECT count(DISTINCT table_id) AS n FROM table_versions WHERE status = 'published'",
      );
      expect(published).toBeGreaterThan(0);
      expect(await count('SELECT count(*) AS n FROM published_tables')).toBe(published);
      expect(await count('SELECT sum(tables) AS n FROM published_table_counts')).toBe(published);
      expect(await count('SELECT sum(tables) AS n FROM analytics_published_counts')).toBe(published);
      expect(await count("SELECT count(*) AS n FROM published_tables WHERE level1_keys = '{}'")).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM published_tables p JOIN table_versions v USING (table_id, version)
          CROSS JOIN LATERAL indicator_keys(v.content) AS key`),
      ).toBe(await count('SELECT count(*) AS n FROM published_indicator_keys'));
      expect(await count('SELECT count(*) AS n FROM published_indicator_keys')).toBeGreaterThan(published);
      expect(await count('SELECT sum(tables) AS n FROM analytics_status_counts')).toBe(90);
      expect(await count('SELECT sum(tables) AS n FROM analytics_light_counts')).toBe(
        report.counts.monitoring_reports,
      );
      expect(await count('SELECT count(*) AS n FROM organisation_paths')).toBe(2041);
      // Stored JSON has the app's shapes.
      const sample = (await client.query('SELECT content FROM target_tables ORDER BY id LIMIT 5')).rows;
      for (const row of sample) expect(performanceTableSchema.safeParse(row.content).success).toBe(true);
      const reports = (await client.query('SELECT report FROM monitoring_reports LIMIT 5')).rows;
      for (const row of reports) expect(monitoringReportSchema.safeParse(row.report).success).toBe(true);
      const entries = (await client.query('SELECT entry FROM self_evaluations LIMIT 5')).rows;
      for (const row of entries) expect(selfEvaluationEntrySchema.safeParse(row.entry).success).toBe(true);
      await client.end();

      const app = await buildApp({ db, webDist: null });
      try {
        const me = await app.inject({ url: '/api/auth/me' });
        const csrf = (me.json() as { csrfToken: string }).csrfToken;
        const login = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { cookie: `jixiao_csrf=${csrf}`, 'x-csrf-token': csrf },
          payload: { username: benchUsers.finance, password: scalePassword },
        });
        expect(login.statusCode).toBe(200);
        const session = login.cookies.find((c) => c.name !== 'jixiao_csrf');
        const list = await app.inject({
          url: '/api/tables?q=%E6%BB%A1%E6%84%8F%E5%BA%A6',
          cookies: { [session!.name]: session!.value },
        });
        expect(list.statusCode).toBe(200);
        expect((list.json() as { total: number }).total).toBeGreaterThan(60);
        const portal = await app.inject({ url: '/api/public/tables' });
        expect((portal.json() as { total: number }).total).toBeGreaterThan(0);
      } finally {
        await app.close();
      }
    } finally {
      await closeDatabase(db);
    }
  });
});
