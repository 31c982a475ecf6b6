import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { bigramsLiteral, bigramsValue, searchBigrams, searchTextOf } from './search-text.ts';
import { createTableRepository } from './tables.repository.ts';
import { emptyDatabase, migrationsBefore } from './testing/empty-database.ts';
import { describeEachDatabase, testEngines } from './testing/test-database.ts';

const GRAMS_MIGRATION = '20261227100000-search-grams-from-application.sql';

/** `length` CJK characters (three bytes each in UTF-8), spread over the block so bigrams differ. */
const cjk = (length: number) =>
  Array.from({ length }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join('');

/** The fastest of three runs of search_bigrams on `text`, in milliseconds, and the bigrams it gave. */
async function timed(db: Database, text: string): Promise<{ ms: number; grams: number }> {
  let ms = Number.POSITIVE_INFINITY;
  let grams = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const { rows } = await sql<{ n: number }>`SELECT cardinality(search_bigrams(${text})) AS n`.execute(db);
    ms = Math.min(ms, performance.now() - started);
    grams = Number(rows[0]?.n);
  }
  return { ms, grams };
}

/** What the database's search_bigrams gives for each of `texts`, each sorted. */
async function sqlBigrams(db: Database, texts: string[]): Promise<string[][]> {
  const { rows } = await sql<{ grams: string[] }>`
    SELECT search_bigrams(t) AS grams FROM unnest(${texts}::text[]) WITH ORDINALITY AS texts (t, n) ORDER BY n`.execute(
    db,
  );
  return rows.map((row) => [...row.grams].sort());
}

const sorted = (grams: string[]) => [...grams].sort();

/** Search text as searchTextOf gives it: CJK, Latin, digits, full-width forms, symbols, lines. */
const mixed =
  '上海市科学技术委员会\n2026年度abc项目a1\n培训人数>=100人\n满意度≥95%\n𠀀𠀁字\nx\n\n数据2.0平台';

describeEachDatabase('search bigrams', (getDb) => {
  it('the application computes, for a mixed CJK/Latin/digit text, exactly what search_bigrams did', async () => {
    const [fromSql] = await sqlBigrams(getDb(), [mixed]);
    expect(sorted(searchBigrams(mixed))).toEqual(fromSql);
    expect(fromSql).toContain('a1');
    expect(fromSql).toContain('𠀀𠀁');
    expect(fromSql!.some((gram) => gram.includes('\n'))).toBe(false);
  });

  it('agrees with search_bigrams on generated texts and on the search text of a table', async () => {
    const alphabet = fc.constantFrom(...'培训人数满意度项目ab Z09%≥.\n𠀀'.split(/(?:)/u));
    const texts = fc.sample(
      fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')),
      200,
    );
    const table = buildTable({
      name: '项目 A-2026',
      indicators: [buildIndicator('产出指标', '数量指标', '培训人数（人次）', '>=100人')],
    });
    texts.push('', '字', '\n', searchTextOf(table));
    const fromSql = await sqlBigrams(getDb(), texts);
    expect(texts.map((text) => sorted(searchBigrams(text)))).toEqual(fromSql);
  });

  it('writes bigrams with quotes and backslashes as the same text[] in a COPY literal', async () => {
    const grams = searchBigrams('a"b\\c{d},e f');
    const { rows } = await sql<{ grams: string[] }>`SELECT ${bigramsLiteral(grams)}::text[] AS grams`.execute(
      getDb(),
    );
    expect(rows[0]!.grams).toEqual(grams);
  });

  it('stores the application bigrams of a saved table, and a query finds it by them', async () => {
    const repository = createTableRepository(getDb());
    const table = buildTable({ name: '智慧养老2026服务平台', year: 2026 });
    const record = await repository.create(table, { userId: 'author-1' });
    const { rows } = await sql<{ same: boolean; found: boolean }>`
      SELECT search_grams @> search_bigrams(search_text) AND search_grams <@ search_bigrams(search_text) AS same,
        search_grams @> ${bigramsValue(searchBigrams('养老2026'))} AS found
      FROM target_tables WHERE id = ${record.id}`.execute(getDb());
    expect(rows[0]).toEqual({ same: true, found: true });
  });

  it('is linear in multibyte text: 50,000 characters cost about ten times 5,000 (quadratic was a hundred)', async () => {
    const db = getDb();
    const small = await timed(db, cjk(5_000));
    const large = await timed(db, cjk(50_000));
    expect(small.grams).toBe(4_999);
    expect(large.grams).toBe(20_000);
    // Ten times the text; linear work is about 10x; a substr() at each position is over 40x (measured on PGlite: 1.3 s and 54 s).
    expect(large.ms).toBeLessThan(25 * small.ms + 50);
  });
});

describe('migration: search bigrams from the application', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  for (const engine of testEngines()) {
    it(`keeps the bigrams of stored tables and takes the writer's from then on [${engine}]`, async () => {
      const older = await migrationsBefore(GRAMS_MIGRATION);
      cleanups.push(older.remove);
      const { db, dispose } = await emptyDatabase(engine);
      cleanups.push(dispose);
      await migrate(db, older.dir);
      const project = await sql<{ id: string }>`
        INSERT INTO projects (unit, name) VALUES ('单位', '项目') RETURNING id`.execute(db);
      await sql`
        INSERT INTO target_tables (project_id, version, status, kind, year, unit, name, indicator_count,
          warning_count, search_text, content)
        VALUES (${project.rows[0]?.id}, 1, 'draft', 'target', 2026, '单位', '项目', 0, 0, ${mixed}, '{}')`.execute(
        db,
      );

      expect(await migrate(db)).toContain(GRAMS_MIGRATION);
      const stored = await sql<{ grams: string[] }>`SELECT search_grams AS grams FROM target_tables`.execute(
        db,
      );
      expect(sorted(stored.rows[0]!.grams)).toEqual(sorted(searchBigrams(mixed)));
      // A writer that leaves them out is refused rather than stored unsearchable.
      await expect(
        sql`INSERT INTO target_tables (project_id, version, status, kind, year, unit, name, indicator_count,
          warning_count, search_text, content)
          VALUES (${project.rows[0]?.id}, 1, 'draft', 'target', 2027, '单位', '项目', 0, 0, '项目', '{}')`.execute(
          db,
        ),
      ).rejects.toThrow();
      // Every migration from an empty PGlite takes 20-40 s on a busy machine.
    }, 120_000);
  }
});
