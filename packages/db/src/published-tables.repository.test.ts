import { openDataCsvLines, openDataRows } from '@jixiao/core/analysis/open-data';
import { publicTableQuerySchema } from '@jixiao/core/analysis/public-table.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertOrganisation, storeOrganisationChange } from './accounts.repository.ts';
import type { Database } from './database.ts';
import {
  findPublishedTable,
  openDataChunks,
  publishedFingerprint,
  publishedTableBatches,
  publishedYears,
  searchPublishedTables,
} from './published-tables.repository.ts';
import { createTableRepository } from './tables.repository.ts';
import { generateTables } from './testing/bulk-tables.ts';
import { updateStoredTable } from './testing/table-writes.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const toPublished: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];
const query = (q: Record<string, unknown> = {}) => publicTableQuerySchema.parse(q);

/** The open data as the database formats it, chunks joined as the routes join them. */
async function openDataText(
  db: Database,
  options: { format: 'json' | 'csv'; year?: number; batchSize?: number },
): Promise<{ text: string; rows: number; chunks: number }> {
  const pieces: Buffer[] = [];
  let rows = 0;
  let chunks = 0;
  for await (const chunk of openDataChunks(db, options)) {
    const data = Buffer.from(chunk.data);
    expect(data.toString('utf8').startsWith(',')).toBe(false);
    if (chunks > 0 && options.format === 'json') pieces.push(Buffer.from(','));
    pieces.push(data);
    rows += chunk.rows;
    chunks += 1;
  }
  return { text: Buffer.concat(pieces).toString('utf8'), rows, chunks };
}

/** The same rows written by core from the published versions read whole: what the database must match. */
async function openDataByCore(
  db: Database,
  year?: number,
): Promise<{ json: string; csv: string; rows: number }> {
  const rows = [];
  for await (const batch of publishedTableBatches(db, { year })) rows.push(...openDataRows(batch));
  return {
    json: rows.map((row) => JSON.stringify(row)).join(','),
    csv: openDataCsvLines(rows),
    rows: rows.length,
  };
}

describeEachDatabase('published tables (the public catalogue)', (getDb) => {
  const org = { finance: '', science: '', education: '', unit: '' };
  const ids = { science: '', exam: '', draft: '', approved: '' };

  async function stored(
    table: PerformanceTable,
    path: TableStatus[],
    organisationId: string | null = null,
  ): Promise<string> {
    const store = createTableRepository(getDb());
    let record = await store.create(table, { userId: null }, { organisationId });
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record.id;
  }

  beforeAll(async () => {
    const db = getDb();
    org.finance = (await insertOrganisation(db, { name: '某省财政厅', kind: 'finance', parentId: null })).id;
    org.science = (
      await insertOrganisation(db, { name: '某省科学技术厅', kind: 'department', parentId: org.finance })
    ).id;
    org.education = (
      await insertOrganisation(db, { name: '某省教育厅', kind: 'department', parentId: org.finance })
    ).id;
    org.unit = (
      await insertOrganisation(db, { name: '某省科技创新中心', kind: 'unit', parentId: org.science })
    ).id;
    ids.science = await stored(
      buildTable({ year: 2020, unit: '某省科技创新中心', name: '科创中心建设工作经费' }),
      toPublished,
      org.unit,
    );
    ids.exam = await stored(
      buildTable({
        year: 2021,
        unit: '某省教育考试院',
        supervisingDepartment: ' 某省教育厅 ',
        name: '考务费',
        indicators: [buildIndicator('产出目标', '数量', '组织考试场次', '>=30场')],
      }),
      toPublished,
    );
    ids.draft = await stored(buildTable({ year: 2021, unit: '某省教育考试院', name: '秘密草稿经费' }), []);
    ids.approved = await stored(
      buildTable({ year: 2021, unit: '某省教育考试院', name: '已批复未公开经费' }),
      toPublished.slice(0, 3),
    );
  });

  it('holds published tables only, newest year first, with the department of the organisation tree', async () => {
    const list = await searchPublishedTables(getDb(), query());
    expect(list.items.map((i) => [i.name, i.department, i.version])).toEqual([
      ['考务费', '某省教育厅', 5],
      ['科创中心建设工作经费', '某省科学技术厅', 5],
    ]);
    expect(list.total).toBe(2);
    expect(list.totalCapped).toBe(false);
    expect(list.items[0]).toMatchObject({ kind: 'target', indicatorCount: 1, code: null });
    expect(list.items[1]?.currentYearBudget).toBe(buildTable().budget.currentYear);
    expect(list.facets).toEqual({
      years: [
        { value: 2021, count: 1 },
        { value: 2020, count: 1 },
      ],
      units: expect.arrayContaining([
        { value: '某省教育考试院', count: 1 },
        { value: '某省科技创新中心', count: 1 },
      ]),
      departments: expect.arrayContaining([
        { value: '某省教育厅', count: 1 },
        { value: '某省科学技术厅', count: 1 },
      ]),
    });
    expect(await findPublishedTable(getDb(), ids.draft)).toBeNull();
    expect(await findPublishedTable(getDb(), ids.approved)).toBeNull();
    expect(await findPublishedTable(getDb(), 'not-a-uuid')).toBeNull();
  });

  it('browses by year, unit and department', async () => {
    const db = getDb();
    const names = async (q: Record<string, unknown>) =>
      (await searchPublishedTables(db, query(q))).items.map((i) => i.name);
    expect(await names({ year: 2020 })).toEqual(['科创中心建设工作经费']);
    expect(await names({ unit: '某省教育考试院' })).toEqual(['考务费']);
    expect(await names({ department: '某省科学技术厅' })).toEqual(['科创中心建设工作经费']);
    expect(await names({ department: '某省科学技术厅', year: 2021 })).toEqual([]);
    expect((await searchPublishedTables(db, query({ year: 1999 }))).total).toBe(0);
  });

  it('searches project, unit, department and indicator text ignoring spaces and full-width forms', async () => {
    const db = getDb();
    const found = async (q: string) => (await searchPublishedTables(db, query({ q }))).items.map((i) => i.id);
    expect(await found('考务')).toEqual([ids.exam]);
    expect(await found('组织 考试')).toEqual([ids.exam]);
    expect(await found('教育考试院')).toEqual([ids.exam]);
    expect(await found('>=３０场')).toEqual([ids.exam]);
    expect(await found('某省科学技术厅')).toEqual([ids.science]);
    expect(await found('秘密')).toEqual([]);
    expect(await found('考%务')).toEqual([]);
    // One character: no bigram to narrow by, LIKE alone.
    expect(await found('考')).toEqual([ids.exam]);
  });

  it('finds the same page of a word whether or not the first bigram matches hold it', async () => {
    const db = getDb();
    const make = (name: string, indicator: string) =>
      stored(
        buildTable({
          year: 2033,
          unit: '窗口测试单位',
          name,
          indicators: [buildIndicator('产出指标', '数量指标', indicator, '>=10次')],
        }),
        toPublished,
      );
    // In browse order (year, unit, name) six tables holding each bigram of the word but not the word
    // (诱饵饵词词组 has 诱饵, 饵词 and 词组) come first, so a window of the first four holds none.
    for (let i = 0; i < 6; i++) await make(`窗口A${i}`, '诱饵饵词词组数量');
    const holders: string[] = [];
    for (let i = 0; i < 3; i++) holders.push(await make(`窗口B${i}`, '诱饵词组数量'));
    for (const searchWindow of [4, 200]) {
      const page = async (pageNumber: number) =>
        (
          await searchPublishedTables(db, query({ q: '诱饵词组', pageSize: 2, page: pageNumber }), {
            searchWindow,
          })
        ).items.map((i) => i.id);
      expect([...(await page(1)), ...(await page(2))]).toEqual(holders);
    }
  });

  it('keeps the published version of a table under adjustment, and replaces it on re-publication', async () => {
    const db = getDb();
    const store = createTableRepository(db);
    const id = await stored(
      buildTable({ year: 2022, unit: '某省科技创新中心', name: '调整前项目' }),
      toPublished,
    );
    const before = await publishedFingerprint(db);
    // 调整: the published table goes back to a draft whose content changes.
    let record = await store.setStatus(id, 5, 'draft', { userId: null });
    record = await updateStoredTable(
      db,
      id,
      record.version,
      buildTable({ year: 2022, unit: '某省科技创新中心', name: '调整中草稿名称' }),
      { userId: null },
    );
    expect((await findPublishedTable(db, id))?.table.name).toBe('调整前项目');
    expect((await searchPublishedTables(db, query({ q: '调整中' }))).total).toBe(0);
    expect((await searchPublishedTables(db, query({ q: '调整前' }))).items.map((i) => i.id)).toEqual([id]);
    expect(await publishedFingerprint(db)).toBe(before);

    for (const status of toPublished)
      record = await store.setStatus(id, record.version, status, { userId: null });
    const republished = await findPublishedTable(db, id);
    expect(republished).toMatchObject({ version: record.version, table: { name: '调整中草稿名称' } });
    expect((await searchPublishedTables(db, query({ q: '调整前' }))).total).toBe(0);
    const year = await searchPublishedTables(db, query({ year: 2022 }));
    expect(year.items.map((i) => i.name)).toEqual(['调整中草稿名称']);
    expect(year.facets.years).toContainEqual({ value: 2022, count: 1 });
    expect(await publishedFingerprint(db)).not.toBe(before);
  });

  it('follows the organisation tree: a unit moved to another department shows and filters by it', async () => {
    const db = getDb();
    await storeOrganisationChange(db, org.unit, { parentId: org.education });
    try {
      const shown = await findPublishedTable(db, ids.science);
      expect(shown?.department).toBe('某省教育厅');
      const byDepartment = await searchPublishedTables(db, query({ department: '某省教育厅' }));
      expect(byDepartment.items.map((i) => i.id)).toContain(ids.science);
      expect(byDepartment.facets.departments).not.toContainEqual(
        expect.objectContaining({ value: '某省科学技术厅' }),
      );
      expect((await searchPublishedTables(db, query({ q: '某省科学技术厅' }))).total).toBe(0);
    } finally {
      await storeOrganisationChange(db, org.unit, { parentId: org.science });
    }
    expect((await findPublishedTable(db, ids.science))?.department).toBe('某省科学技术厅');
  });

  it('formats open data in the database exactly as core writes it, awkward text and empty values included', async () => {
    const db = getDb();
    await stored(
      buildTable({
        year: 2023,
        unit: '某省科技创新中心',
        name: '项目,"甲"\n二期\\备份\u0001',
        code: '=P-1',
        supervisingDepartment: '印在表上的主管部门',
        budget: { total: 1234.5, currentYear: null },
        indicators: [
          buildIndicator('产出目标', '数量', '=HYPERLINK("x")', '>=1个', { direction: '正向' }),
          buildIndicator(null, null, '+加号开头', '-5%'),
          buildIndicator('效果目标', '质量', '@at\t制表', '\t>=99.5%', { direction: null }),
          buildIndicator('效果目标', '满意度', '\r回车开头', '良好'),
          buildIndicator('效果目标', '满意度', '换行\r\n在中间 😀', '≥0.000001万元'),
          buildIndicator('成本目标', '经济成本', '大额', '<=123456789012.34元'),
        ],
      }),
      toPublished,
      org.unit,
    );
    await stored(
      buildTable({ year: 2023, unit: '某省教育考试院', name: '无指标', indicators: [] }),
      toPublished,
    );
    for (const year of [2023, undefined]) {
      const core = await openDataByCore(db, year);
      for (const batchSize of [1, 2, 200]) {
        const json = await openDataText(db, { format: 'json', year, batchSize });
        expect(json.text).toBe(core.json);
        expect(json.rows).toBe(core.rows);
        const csv = await openDataText(db, { format: 'csv', year, batchSize });
        expect(csv.text).toBe(core.csv);
        expect(csv.rows).toBe(core.rows);
      }
    }
    const year2023 = await openDataText(db, { format: 'json', year: 2023, batchSize: 1 });
    // A table without indicators has no rows and no chunk.
    expect(year2023.chunks).toBe(1);
    const [row] = JSON.parse(`[${year2023.text}]`) as Record<string, unknown>[];
    expect(row).toMatchObject({ project: '项目,"甲"\n二期\\备份\u0001', department: '某省科学技术厅' });
  });

  describe('at a few thousand tables', () => {
    // generateTables publishes one table in six, over nine years and twenty units.
    const generated = 6_000;
    beforeAll(async () => {
      await generateTables(getDb(), generated);
    }, 120_000);

    it('pages in the catalogue order, page N straight from the counts', async () => {
      const db = getDb();
      const expected = await db
        .selectFrom('published_tables')
        .select('table_id')
        .orderBy('year', 'desc')
        .orderBy('unit')
        .orderBy('name')
        .orderBy('table_id')
        .execute();
      for (const filter of [{}, { year: 2020 }, { unit: '某市教育局第0分局' }]) {
        const first = await searchPublishedTables(db, query({ ...filter, pageSize: 100 }));
        const wanted = await db
          .selectFrom('published_tables')
          .select('table_id')
          .$if('year' in filter, (qb) => qb.where('year', '=', 2020))
          .$if('unit' in filter, (qb) => qb.where('unit', '=', '某市教育局第0分局'))
          .orderBy('year', 'desc')
          .orderBy('unit')
          .orderBy('name')
          .orderBy('table_id')
          .execute();
        expect(first.total).toBe(wanted.length);
        const seen: string[] = [];
        for (let page = 1; (page - 1) * 37 < first.total; page++) {
          const list = await searchPublishedTables(db, query({ ...filter, page, pageSize: 37 }));
          seen.push(...list.items.map((i) => i.id));
        }
        expect(seen).toEqual(wanted.map((r) => r.table_id));
      }
      expect(expected.length).toBeGreaterThan(generated / 6);
      const beyond = await searchPublishedTables(db, query({ page: 10_000, pageSize: 100 }));
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(expected.length);
    });

    it('counts matches of a common word up to the cap and says so', async () => {
      const db = getDb();
      const common = await searchPublishedTables(db, query({ q: '预算执行率', pageSize: 5 }), {
        countCap: 300,
      });
      expect(common.total).toBe(300);
      expect(common.totalCapped).toBe(true);
      expect(common.items).toHaveLength(5);
      const rare = await searchPublishedTables(db, query({ q: '项目600' }), { countCap: 300 });
      expect(rare.totalCapped).toBe(false);
      expect(rare.items.map((i) => i.name).every((n) => n.includes('项目600'))).toBe(true);
    });

    it('formats the open data of every published table in the database as core would', async () => {
      const db = getDb();
      const core = await openDataByCore(db);
      const json = await openDataText(db, { format: 'json', batchSize: 64 });
      expect(json.rows).toBe(core.rows);
      expect(json.text).toBe(core.json);
      expect(json.chunks).toBeGreaterThan(10);
      const csv = await openDataText(db, { format: 'csv', year: 2020 });
      expect(csv.text).toBe((await openDataByCore(db, 2020)).csv);
    });

    it('lets go of the database when the reader of open data stops half-way', async () => {
      const db = getDb();
      // More readers than open-data streams may run at once: each must give its place back.
      for (let reader = 0; reader < 6; reader++) {
        for await (const chunk of openDataChunks(db, { format: 'csv', batchSize: 16 })) {
          expect(chunk.rows).toBeGreaterThan(0);
          break;
        }
      }
      const years = await publishedYears(db);
      const all = await openDataText(db, { format: 'json', batchSize: 16 });
      expect(all.rows).toBe(years.reduce((sum, y) => sum + y.rows, 0));
    });

    it('reads every published table in batches for open data, in catalogue order, in bounded memory', async () => {
      const db = getDb();
      const years = await publishedYears(db);
      const tables = years.reduce((sum, y) => sum + y.tables, 0);
      const rows = years.reduce((sum, y) => sum + y.rows, 0);
      const { count } = await db
        .selectFrom('published_tables')
        .select(sql<string>`count(*)`.as('count'))
        .executeTakeFirstOrThrow();
      expect(tables).toBe(Number(count));
      let read = 0;
      let indicators = 0;
      let largest = 0;
      let previousYear = Number.POSITIVE_INFINITY;
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      for await (const batch of publishedTableBatches(db, { batchSize: 64 })) {
        largest = Math.max(largest, batch.length);
        for (const table of batch) {
          expect(table.table.year).toBeLessThanOrEqual(previousYear);
          previousYear = table.table.year;
          indicators += table.table.indicators.length;
        }
        read += batch.length;
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
      expect(read).toBe(tables);
      expect(indicators).toBe(rows);
      expect(largest).toBeLessThanOrEqual(64);
      // Loose: a batch, not the set (the set is ~1,000 tables; a batch a few hundred KB).
      expect(heapPeak - heapBefore).toBeLessThan(64 * 1024 * 1024);
      let only2020 = 0;
      for await (const batch of publishedTableBatches(db, { year: 2020, batchSize: 50 }))
        only2020 += batch.filter((t) => t.table.year === 2020).length;
      expect(only2020).toBe(years.find((y) => y.year === 2020)?.tables);
    });
  });
});
