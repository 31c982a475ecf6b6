import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from './database.ts';
import { describeEachDatabase } from './testing/test-database.ts';

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

describeEachDatabase('search_bigrams', (getDb) => {
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
