import type { OpenDataManifest, OpenDataSet } from '@jixiao/core/analysis/open-data.schema';
import type { PublicStatistics } from '@jixiao/core/analysis/public-statistics.schema';
import type { PublicTable, PublicTableList } from '@jixiao/core/analysis/public-table.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { generateTables } from '@jixiao/db/testing/bulk-tables';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { workbookCells } from '@jixiao/export/testing/workbook-text';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { useTestApp } from '../testing/test-app.ts';

const toPublished: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];

describeEachDatabase('public portal and open data API', (getDb) => {
  const getApp = useTestApp(getDb);
  const ids: Record<'published' | 'draft' | 'approved' | 'adjusted', string> = {
    published: '',
    draft: '',
    approved: '',
    adjusted: '',
  };

  /** A table of the demo author's unit walked through `path` by the tables' storage. */
  async function stored(table: PerformanceTable, path: TableStatus[]): Promise<string> {
    const store = createTableRepository(getDb());
    let record = await store.create(
      table,
      { userId: null },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    for (const status of path)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record.id;
  }

  beforeAll(async () => {
    // Signing in creates the demo organisations the tables belong to.
    await getApp().call('GET', '/api/health', { as: 'author' });
    const unit = '上海推进科技创新中心建设办公室';
    ids.published = await stored(
      buildTable({
        unit,
        supervisingDepartment: '上海市科学技术委员会',
        name: '公开的科普经费',
        warnings: [{ code: 'import.unclear', zh: '内部导入备注', en: 'internal import note' }],
        indicators: [
          buildIndicator('产出目标', '数量', '举办科普活动场次', '>=120场'),
          buildIndicator('效果目标', '满意度', '科普讲座参与市民满意度', '>=90%'),
        ],
      }),
      toPublished,
    );
    ids.draft = await stored(buildTable({ unit, name: '秘密草稿经费' }), []);
    ids.approved = await stored(buildTable({ unit, name: '已批复未公开经费' }), toPublished.slice(0, 3));
    // Published, then adjusted (调整) by the author into a new draft with other content.
    ids.adjusted = await stored(buildTable({ unit, year: 2021, name: '调整前项目' }), toPublished);
    const { call } = getApp();
    const adjusted = await call('POST', `/api/tables/${ids.adjusted}/transitions`, {
      as: 'author',
      body: { action: 'adjust', expectedVersion: 5, reason: '年中预算调整' },
    });
    expect(adjusted.status).toBe(200);
    const saved = await call('PUT', `/api/tables/${ids.adjusted}`, {
      as: 'author',
      body: {
        version: 6,
        // A larger budget in the draft: the portal's statistics still sum the published one.
        table: buildTable({
          unit,
          year: 2021,
          name: '调整中草稿名称',
          budget: { ...buildTable().budget, total: 9_000_000, currentYear: 9_000_000 },
        }),
      },
    });
    expect(saved.status).toBe(200);
  });

  it('lists published tables to anonymous visitors, never drafts or unpublished approvals', async () => {
    const list = await getApp().call<PublicTableList>('GET', '/api/public/tables', { as: 'anonymous' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.name).sort()).toEqual(['公开的科普经费', '调整前项目'].sort());
    expect(list.text).not.toContain('秘密草稿经费');
    expect(list.text).not.toContain('已批复未公开经费');
    expect(list.text).not.toContain('调整中草稿名称');
    expect(list.body.facets.years).toEqual([
      { value: 2021, count: 1 },
      { value: 2020, count: 1 },
    ]);
  });

  it('counts published tables and sums their published budgets by year and department', async () => {
    const { call } = getApp();
    const res = await call<PublicStatistics>('GET', '/api/public/statistics', { as: 'anonymous' });
    expect(res.status).toBe(200);
    const published = buildTable().budget.currentYear ?? 0;
    expect(res.body.totals).toEqual({ tables: 2, budgetCurrentYear: 2 * published });
    expect(res.body.byYear).toEqual([
      { year: 2021, tables: 1, budgetCurrentYear: published },
      { year: 2020, tables: 1, budgetCurrentYear: published },
    ]);
    // The seed unit sits under the science commission in the organisation tree.
    expect(res.body.byDepartment).toEqual([
      { department: '上海市科学技术委员会', tables: 2, budgetCurrentYear: 2 * published },
    ]);
    expect(res.text).not.toMatch(/秘密草稿经费|已批复未公开经费|调整中草稿名称|organisation/);
    const only2021 = await call<PublicStatistics>('GET', '/api/public/statistics?year=2021', {
      as: 'anonymous',
    });
    expect(only2021.body.year).toBe(2021);
    expect(only2021.body.totals.tables).toBe(1);
    expect(only2021.body.byYear.map((y) => y.year)).toEqual([2021]);
  });

  it('searches and browses', async () => {
    const { call } = getApp();
    const byIndicator = await call<PublicTableList>(
      'GET',
      `/api/public/tables?q=${encodeURIComponent('讲座参与 市民')}`,
      {
        as: 'anonymous',
      },
    );
    expect(byIndicator.body.items.map((i) => i.id)).toEqual([ids.published]);
    const draftSearch = await call<PublicTableList>(
      'GET',
      `/api/public/tables?q=${encodeURIComponent('秘密')}`,
      {
        as: 'anonymous',
      },
    );
    expect(draftSearch.body.total).toBe(0);
    const byDepartment = await call<PublicTableList>(
      'GET',
      `/api/public/tables?department=${encodeURIComponent('上海市科学技术委员会')}&year=2020`,
      { as: 'anonymous' },
    );
    expect(byDepartment.body.items.map((i) => i.id)).toEqual([ids.published]);
  });

  it('names the registered 主管部门 where the table prints none, as the statistics do', async () => {
    const { call } = getApp();
    // 调整前项目 prints no 主管部门; its unit sits under the science commission in the organisation tree.
    const list = await call<PublicTableList>('GET', '/api/public/tables', { as: 'anonymous' });
    expect(list.body.items.map((i) => [i.name, i.department])).toEqual([
      ['调整前项目', '上海市科学技术委员会'],
      ['公开的科普经费', '上海市科学技术委员会'],
    ]);
    expect(list.body.facets.departments).toEqual([{ value: '上海市科学技术委员会', count: 2 }]);
    const filtered = await call<PublicTableList>(
      'GET',
      `/api/public/tables?department=${encodeURIComponent('上海市科学技术委员会')}`,
      { as: 'anonymous' },
    );
    expect(filtered.body.total).toBe(2);
    const one = await call<PublicTable>('GET', `/api/public/tables/${ids.adjusted}`, { as: 'anonymous' });
    expect(one.body.department).toBe('上海市科学技术委员会');
    const open = await call<OpenDataSet>('GET', '/api/public/open-data/tables.json?year=2021', {
      as: 'anonymous',
    });
    expect(new Set(open.body.rows.map((r) => r.department))).toEqual(new Set(['上海市科学技术委员会']));
  });

  it('shows one published table through the public presenter only', async () => {
    const { call } = getApp();
    const shown = await call<PublicTable>('GET', `/api/public/tables/${ids.published}`, { as: 'anonymous' });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: ids.published,
      version: 5,
      name: '公开的科普经费',
      indicatorCount: 2,
    });
    expect(shown.body.table.warnings).toEqual([]);
    expect(shown.text).not.toContain('内部导入备注');
    expect(shown.text).not.toMatch(/"status"|organisationId|savedBy|reviewer/);
    for (const hidden of [ids.draft, ids.approved]) {
      const denied = await call<{ code: string }>('GET', `/api/public/tables/${hidden}`, { as: 'anonymous' });
      expect(denied.status).toBe(404);
      expect(denied.body.code).toBe('table.not_found');
    }
  });

  it('keeps showing the published version of a table being adjusted', async () => {
    const shown = await getApp().call<PublicTable>('GET', `/api/public/tables/${ids.adjusted}`, {
      as: 'anonymous',
    });
    expect(shown.body).toMatchObject({ version: 5, name: '调整前项目', year: 2021 });
  });

  it('downloads the official form of a published table as PDF and Excel, not of a draft', async () => {
    const { call } = getApp();
    const xlsx = await call('GET', `/api/public/tables/${ids.published}/export.xlsx`, { as: 'anonymous' });
    expect(xlsx.status).toBe(200);
    const cells = await workbookCells(xlsx.raw, { firstSheetOnly: true });
    expect(cells).toContain('公开的科普经费');
    const pdf = await call('GET', `/api/public/tables/${ids.published}/export.pdf`, { as: 'anonymous' });
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const draft = await call('GET', `/api/public/tables/${ids.draft}/export.pdf`, { as: 'anonymous' });
    expect(draft.status).toBe(404);
  });

  it('downloads a published table as a Word document, not a draft', async () => {
    const { call } = getApp();
    const docx = await call('GET', `/api/public/tables/${ids.published}/export.docx`, { as: 'anonymous' });
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml.document');
    expect(docx.headers['content-disposition']).toMatch(/\.docx$/);
    expect(await extractDocxText(new Uint8Array(docx.raw))).toContain('公开的科普经费');
    const draft = await call('GET', `/api/public/tables/${ids.draft}/export.docx`, { as: 'anonymous' });
    expect(draft.status).toBe(404);
  });

  it('serves open data as JSON, one row per indicator of published tables, filterable by year', async () => {
    const { call } = getApp();
    const all = await call<OpenDataSet>('GET', '/api/public/open-data/tables.json', { as: 'anonymous' });
    expect(all.status).toBe(200);
    // Other sites may read it from a browser.
    expect(all.headers['access-control-allow-origin']).toBe('*');
    expect(all.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(all.body.licence).toMatch(/CC BY 4\.0/);
    const projects = new Set(all.body.rows.map((r) => r.project));
    expect([...projects].sort()).toEqual(['公开的科普经费', '调整前项目'].sort());
    const only2020 = await call<OpenDataSet>('GET', '/api/public/open-data/tables.json?year=2020', {
      as: 'anonymous',
    });
    expect(only2020.body.count).toBe(2);
    expect(only2020.body.rows[0]).toMatchObject({
      year: 2020,
      project: '公开的科普经费',
      level1: '产出目标',
      level2: '数量',
      level3: '举办科普活动场次',
      targetRaw: '>=120场',
      operator: '>=',
      value: 120,
      valueUnit: '场',
      budgetCurrentYear: 2_000_000,
    });
  });

  it('serves open data as CSV with a BOM for Excel and no unpublished rows', async () => {
    const csv = await getApp().call('GET', '/api/public/open-data/tables.csv?year=2020', { as: 'anonymous' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['access-control-allow-origin']).toBe('*');
    expect(csv.headers['content-disposition']).toContain('jixiao-open-data-2020.csv');
    expect([...csv.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.raw.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('年度 (year),单位 (unit),主管部门 (department),项目名称 (project)')).toBe(
      true,
    );
    expect(lines.slice(1, 3)).toEqual([
      expect.stringMatching(
        /^2020,上海推进科技创新中心建设办公室,上海市科学技术委员会,公开的科普经费,,产出目标,数量,举办科普活动场次,>=120场,quantitative,>=,120,场,,2000000,2000000,/,
      ),
      expect.stringContaining(',科普讲座参与市民满意度,>=90%,'),
    ]);
    expect(lines).toHaveLength(4);
    expect(csv.text).not.toContain('秘密草稿经费');
  });

  it('shows a table as soon as it is published (every server process reads the same rows)', async () => {
    const { call } = getApp();
    const search = `/api/public/tables?q=${encodeURIComponent('已批复未公开')}`;
    expect((await call<PublicTableList>('GET', search, { as: 'anonymous' })).body.total).toBe(0);
    const published = await call('POST', `/api/tables/${ids.approved}/transitions`, {
      as: 'finance_reviewer',
      body: { action: 'publish', expectedVersion: 4 },
    });
    expect(published.status).toBe(200);
    const after = await call<PublicTableList>('GET', search, { as: 'anonymous' });
    expect(after.body.items.map((i) => i.id)).toEqual([ids.approved]);
    expect(after.body.facets.years).toContainEqual({ value: 2020, count: 2 });
  });

  it('describes the open data per year without sending it', async () => {
    const { call } = getApp();
    const manifest = await call<OpenDataManifest>('GET', '/api/public/open-data', { as: 'anonymous' });
    expect(manifest.status).toBe(200);
    expect(manifest.headers['access-control-allow-origin']).toBe('*');
    const all = await call<OpenDataSet>('GET', '/api/public/open-data/tables.json', { as: 'anonymous' });
    expect(manifest.body.rows).toBe(all.body.count);
    expect(manifest.body.years.map((y) => y.year)).toEqual([2021, 2020]);
    const y2020 = manifest.body.years.find((y) => y.year === 2020);
    expect(y2020?.files.csv).toBe('/api/public/open-data/tables.csv?year=2020');
    const only2020 = await call<OpenDataSet>('GET', '/api/public/open-data/tables.json?year=2020', {
      as: 'anonymous',
    });
    expect(y2020?.rows).toBe(only2020.body.count);
  });

  it('documents the public routes in OpenAPI', async () => {
    const spec = await getApp().call<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json', {
      as: 'anonymous',
    });
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/public/tables',
        '/api/public/tables/{id}',
        '/api/public/open-data/tables.json',
        '/api/public/open-data/tables.csv',
        '/api/public/open-data',
      ]),
    );
  });
});

describeEachDatabase('open data streamed at a few thousand tables', (getDb) => {
  // generateTables publishes one table in six, three indicators each.
  const generated = 24_000;
  beforeAll(async () => {
    await generateTables(getDb(), generated);
  }, 180_000);

  it('streams the CSV and the JSON as they are read, the same rows as the manifest counts', async () => {
    const app = await buildApp({ db: getDb(), webDist: null });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const manifest = (await (await fetch(`${address}/api/public/open-data`)).json()) as OpenDataManifest;
      expect(manifest.tables).toBeGreaterThan(generated / 7);
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const csv = await fetch(`${address}/api/public/open-data/tables.csv`);
      expect(csv.headers.get('content-length')).toBeNull();
      expect(csv.headers.get('transfer-encoding')).toBe('chunked');
      let lines = 0;
      let bytes = 0;
      const starts: Uint8Array[] = [];
      for await (const chunk of csv.body as unknown as AsyncIterable<Uint8Array>) {
        if (starts.length === 0) starts.push(chunk);
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 0x0a) lines += 1;
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
      expect([...(starts[0] ?? new Uint8Array()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // The heading line, then one line per indicator.
      expect(lines).toBe(manifest.rows + 1);
      // Loose: what a few batches hold, not the whole file.
      expect(bytes).toBeGreaterThan(1_000_000);
      expect(heapPeak - heapBefore).toBeLessThan(96 * 1024 * 1024);

      const json = (await (
        await fetch(`${address}/api/public/open-data/tables.json?year=2020`)
      ).json()) as OpenDataSet;
      const year = manifest.years.find((y) => y.year === 2020);
      expect(json.count).toBe(year?.rows);
      expect(json.rows).toHaveLength(json.count);
      expect(json.licence).toMatch(/CC BY 4\.0/);
      expect(json.generatedFrom).toBe('published-tables');
      expect(new Set(json.rows.map((r) => r.year))).toEqual(new Set([2020]));
    } finally {
      await app.close();
    }
  });
});
