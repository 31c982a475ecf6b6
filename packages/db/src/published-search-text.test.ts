import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { tableLimits } from '@jixiao/core/tables/table-limits';
import { searchKey } from '@jixiao/core/text/search-key';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { maxSearchText } from './search-text.ts';
import { describeEachDatabase } from './testing/test-database.ts';

/** `length` CJK characters starting at a different place of the block for each `seed`. */
const cjk = (length: number, seed: number) =>
  Array.from({ length }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919 + seed) % 20_000))).join('');

describeEachDatabase('published_search_text', (getDb) => {
  const searchText = async (table: unknown) => {
    const { rows } = await sql<{ text: string }>`
      SELECT published_search_text(${JSON.stringify(table)}::jsonb, '上海市科学技术委员会') AS text`.execute(
      getDb(),
    );
    return rows[0]?.text ?? '';
  };

  it('gives a table its name, code, unit, department and indicator parts, one per line', async () => {
    const table = buildTable({
      name: '项目 A',
      indicators: [buildIndicator('产出指标', '数量指标', '培训人数', '>=100人')],
    });
    const lines = (await searchText(table)).split('\n');
    for (const part of [table.name, table.unit, '上海市科学技术委员会', '产出指标', '培训人数', '>=100人']) {
      expect(lines).toContain(searchKey(part));
    }
  });

  it('keeps 20,000 characters of a table at the schema limits (1.3 million before, seconds on PGlite)', async () => {
    const row = buildIndicator('产出指标', '数量指标', '培训人数', '>=100人');
    const table = {
      ...buildTable(),
      indicators: Array.from({ length: tableLimits.indicators }, (_, i) => ({
        ...row,
        name: cjk(tableLimits.indicatorName, i),
        target: { ...row.target, raw: cjk(tableLimits.value, i + 1) },
      })),
    };
    const started = performance.now();
    const text = await searchText(table);
    expect(text.length).toBeLessThanOrEqual(maxSearchText);
    expect(text.length).toBeGreaterThan(maxSearchText - 100);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
