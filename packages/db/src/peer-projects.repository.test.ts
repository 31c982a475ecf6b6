import { shanghai2020Framework } from '@jixiao/core/frameworks/shanghai-2020.framework';
import {
  buildIndicator,
  buildTable,
  shanghaiCommonIndicators,
} from '@jixiao/core/review/testing/table-factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveSelfEvaluation } from './evaluation.repository.ts';
import { findPeerProjects } from './peer-projects.repository.ts';
import { createTableRepository } from './tables.repository.ts';
import { updateStoredTable } from './testing/table-writes.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const toPublished: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];
const shanghaiKeys = shanghai2020Framework.level1.flatMap((c) => [c.name, ...c.aliases]);

const exhibition = (name: string, unit: string, overrides: Partial<PerformanceTable> = {}) =>
  buildTable({
    name,
    unit,
    year: 2019,
    indicators: [...shanghaiCommonIndicators(), buildIndicator('产出目标', '数量', '参观人数', '>=10000人')],
    ...overrides,
  });

describeEachDatabase('similar projects (案例库)', (getDb) => {
  const ids: Record<string, string> = {};

  async function stored(table: PerformanceTable, path: TableStatus[] = toPublished): Promise<string> {
    const store = createTableRepository(getDb());
    let record = await store.create(table, { userId: null });
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record.id;
  }

  beforeAll(async () => {
    ids.zhangjiang = await stored(exhibition('张江科学城展厅运营经费', '张江管理局'));
    ids.lingang = await stored(exhibition('临港展示中心展厅运营经费', '临港管委会'));
    ids.science = await stored(exhibition('科创中心展厅运营经费', '科创办', { year: 2020 }));
    // Not peers: a draft, another category, another framework, an unrelated name.
    ids.draft = await stored(exhibition('徐汇展厅运营经费', '徐汇区'), []);
    ids.otherCategory = await stored(exhibition('浦东展厅运营经费', '浦东新区', { category: '一次性项目' }));
    ids.national = await stored(
      exhibition('闵行展厅运营经费', '闵行区', {
        indicators: [
          buildIndicator('产出指标', '数量指标', '参观人数', '>=100人'),
          buildIndicator('满意度指标', '服务对象满意度指标', '观众满意度', '>=90%'),
        ],
      }),
    );
    ids.unrelated = await stored(exhibition('道路养护工程经费', '公路署'));
    const store = createTableRepository(getDb());
    const zhangjiang = await store.get(ids.zhangjiang);
    await saveSelfEvaluation(getDb(), {
      tableId: ids.zhangjiang,
      tableVersion: zhangjiang.version,
      schemeId: 'national-default',
      entry: {
        budget: { adjusted: 2_000_000, executed: 1_950_000 },
        indicators: [{ index: 9, actual: '15000人', applicable: true }],
        adjustments: [],
      },
      total: 92,
      grade: '优',
      complete: true,
      actor: { userId: null },
    });
  });

  const find = (name: string, excludeTableId: string | null = null) =>
    findPeerProjects(getDb(), {
      name,
      category: '经常性专项业务费',
      level1Keys: shanghaiKeys,
      excludeTableId,
      limit: 8,
      minSimilarity: 0.2,
    });

  it('finds published tables of the same category and framework with similar names, nearest first', async () => {
    const peers = await find('未来公园展厅运营经费');
    expect(peers.map((p) => p.table.name).sort()).toEqual(
      ['临港展示中心展厅运营经费', '张江科学城展厅运营经费', '科创中心展厅运营经费'].sort(),
    );
    const similarities = peers.map((p) => p.similarity);
    expect([...similarities].sort((a, b) => b - a)).toEqual(similarities);
    expect(similarities.every((s) => s >= 0.2 && s <= 1)).toBe(true);
  });

  it('carries the self-evaluation, and leaves the table itself out', async () => {
    const peers = await find('科创中心展厅运营经费', ids.science);
    expect(peers.some((p) => p.tableId === ids.science)).toBe(false);
    const zhangjiang = peers.find((p) => p.tableId === ids.zhangjiang);
    expect(zhangjiang?.evaluation).toMatchObject({ total: 92, grade: '优' });
    expect(zhangjiang?.evaluation?.entry.indicators[0]?.actual).toBe('15000人');
    expect(peers.find((p) => p.tableId === ids.lingang)?.evaluation).toBeNull();
  });

  it('stops at the limit and finds nothing for an unrelated name', async () => {
    const one = await findPeerProjects(getDb(), {
      name: '科创中心展厅运营经费',
      category: null,
      level1Keys: shanghaiKeys,
      excludeTableId: null,
      limit: 1,
      minSimilarity: 0.2,
    });
    expect(one.map((p) => p.tableId)).toEqual([ids.science]);
    expect(await find('农村饮水安全巩固提升')).toEqual([]);
  });

  it('ranks names equally near by the indicators and narratives they share with the table', async () => {
    const care = (name: string, unit: string, measures: string[], overview: string) =>
      stored(
        buildTable({
          name,
          unit,
          year: 2019,
          narrative: { overview },
          indicators: [
            ...shanghaiCommonIndicators(),
            ...measures.map((m) => buildIndicator('产出目标', '数量', m, '>=100人')),
          ],
        }),
      );
    const meals = await care(
      '虹口养老服务中心运营补贴',
      '虹口区民政局',
      ['助餐服务人次', '日间照料人数'],
      '为社区老年人提供助餐和日间照料服务',
    );
    const beds = await care(
      '静安养老服务中心运营补贴',
      '静安区民政局',
      ['护理床位数', '长期护理评估人数'],
      '为失能老人提供机构护理床位和长期护理评估',
    );
    const like = (indicators: string, narrative: string) =>
      findPeerProjects(getDb(), {
        name: '徐汇养老服务中心运营补贴',
        category: '经常性专项业务费',
        level1Keys: shanghaiKeys,
        excludeTableId: null,
        limit: 8,
        minSimilarity: 0.2,
        indicators,
        narrative,
      });
    const forBeds = await like('护理床位数 长期护理评估人数', '为失能老人提供护理床位');
    expect(forBeds.map((p) => p.tableId)).toEqual([beds, meals]);
    const forMeals = await like('助餐服务人次 日间照料人数', '社区老年人助餐服务');
    expect(forMeals.map((p) => p.tableId)).toEqual([meals, beds]);
    expect(forMeals[0]?.similarity).toBeGreaterThan(forMeals[1]?.similarity ?? 1);
    // Without indicators or narratives the names alone decide, and equal names score the same.
    const byName = await like('', '');
    expect(byName[0]?.similarity).toBeCloseTo(byName[1]?.similarity ?? 0, 6);
  });

  describe('found by the uncommon indicator names they share', () => {
    const meals = ['助餐服务人次', '长者食堂覆盖街道数', '送餐上门户数'];
    const care = (name: string, unit: string, measures: readonly string[]) =>
      buildTable({
        name,
        unit,
        year: 2019,
        indicators: [
          ...shanghaiCommonIndicators(),
          ...measures.map((m) => buildIndicator('产出目标', '数量', m, '>=100人')),
        ],
      });
    const byIndicators = (
      names: readonly string[],
      options: { excludeTableId?: string; keyLimits?: { commonAbove: number } } = {},
    ) =>
      findPeerProjects(getDb(), {
        // No name near any of the tables below: only their indicators can bring them.
        name: '老年助餐服务点建设补助',
        category: '经常性专项业务费',
        level1Keys: shanghaiKeys,
        excludeTableId: options.excludeTableId ?? null,
        limit: 8,
        minSimilarity: 0.2,
        indicators: names.join(' '),
        indicatorNames: names,
        keyLimits: options.keyLimits,
      });

    it('offers a project under another name that prints two of them, white space and case aside', async () => {
      const canteen = await stored(care('社区长者食堂运营补贴', '长宁区民政局', meals));
      const oneShared = await stored(
        care('居家养老上门服务', '普陀区民政局', ['送餐上门户数', '上门服务人次']),
      );
      const found = await byIndicators(['助餐服务 人次', '长者食堂覆盖街道数', '社区满意度']);
      expect(found.map((p) => p.tableId)).toEqual([canteen]);
      expect(found.map((p) => p.tableId)).not.toContain(oneShared);
      expect(await byIndicators(['助餐服务人次', '长者食堂覆盖街道数'], { excludeTableId: canteen })).toEqual(
        [],
      );
    });

    it('follows a name only while few tables print it', async () => {
      // The common indicators every table here prints are over this limit; the meal names are not.
      const found = await byIndicators([...shanghaiCommonIndicators().map((i) => i.name), '助餐服务人次'], {
        keyLimits: { commonAbove: 3 },
      });
      expect(found).toEqual([]);
      const rare = await byIndicators(['助餐服务人次', '长者食堂覆盖街道数'], {
        keyLimits: { commonAbove: 3 },
      });
      expect(rare.map((p) => p.table.name)).toEqual(['社区长者食堂运营补贴']);
    });

    it('keeps the keys of the published version: a re-publication replaces them, a withdrawal removes them', async () => {
      const store = createTableRepository(getDb());
      // A name longer than 64 characters is a sentence no other table prints the same: no key.
      const sentence = `${'组织开展睦邻点邻里互助活动并形成长效机制'.repeat(4)}覆盖率`;
      const id = await stored(
        care('街镇睦邻点运营经费', '杨浦区民政局', ['睦邻点活动场次', '睦邻点覆盖小区数', sentence]),
      );
      const keys = async () =>
        (
          await sql<{ key: string }>`SELECT key FROM published_indicator_keys WHERE table_id = ${id}::uuid
            ORDER BY key`.execute(getDb())
        ).rows.map((r) => r.key);
      expect(await keys()).toContain('睦邻点覆盖小区数');
      expect(await keys()).toHaveLength(2 + shanghaiCommonIndicators().length);
      // 调整: a new draft leaves the published version (and its keys) in place until it is published.
      let record = await store.get(id);
      record = await store.setStatus(id, record.version, 'draft', { userId: null });
      const edited = care('街镇睦邻点运营经费', '杨浦区民政局', ['邻里节参与人数', '睦邻点覆盖小区数']);
      record = await updateStoredTable(getDb(), id, record.version, edited, { userId: null });
      expect(await keys()).toContain('睦邻点活动场次');
      for (const status of toPublished)
        record = await store.setStatus(id, record.version, status, { userId: null });
      expect(await keys()).toContain('邻里节参与人数');
      expect(await keys()).not.toContain('睦邻点活动场次');
      await sql`DELETE FROM published_tables WHERE table_id = ${id}::uuid`.execute(getDb());
      expect(await keys()).toEqual([]);
    });
  });

  it('searches through the trigram index', async () => {
    const db = getDb();
    await sql`ANALYZE published_tables`.execute(db);
    // On a few rows a sequential scan is cheaper; with it off the planner shows the index it can use.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN
        SELECT table_id FROM published_tables WHERE name % ${'展厅运营经费'}::text
        ORDER BY name <-> ${'展厅运营经费'}::text LIMIT 8`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('published_tables_name_trgm_idx');
  });

  it('can find a category through an index of its own', async () => {
    // A category no published table has must not walk every name match of the trigram index.
    const db = getDb();
    const plan = await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN
        SELECT table_id FROM published_tables WHERE category = ${'新设类别'}::text`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('published_tables_category_idx');
  });
});
