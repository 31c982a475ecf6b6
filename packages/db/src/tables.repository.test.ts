import type { TableReadScope } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import { countBySeverity, reviewTable } from '@jixiao/core/review/review-table';
import { ruleSetFor } from '@jixiao/core/review/rule-sets';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { SourceFile } from '@jixiao/core/tables/table-store';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertOrganisation } from './accounts.repository.ts';
import { createTableRepository, indicatorRows, type TableRepository } from './tables.repository.ts';
import {
  confirmStoredImport,
  removeStoredTable,
  storePreview,
  updateStoredTable,
} from './testing/table-writes.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const author = { userId: 'author-1', address: '10.0.0.1' };
const listDefaults = { sort: 'updatedAt', order: 'desc', page: 1, pageSize: 20 } as const;

function sourceFile(name = 'seed.txt'): SourceFile {
  return { name, mediaType: 'text/plain', bytes: new TextEncoder().encode('财政项目支出绩效目标表') };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describeEachDatabase('table repository', (getDb) => {
  let store: TableRepository;
  beforeAll(() => {
    store = createTableRepository(getDb());
  });

  describe('create, get, versions', () => {
    it('creates a draft at version 1 and reads it back unchanged', async () => {
      const table = buildTable({ name: '读回测试项目' });
      const record = await store.create(table, author);
      expect(record).toMatchObject({ version: 1, status: 'draft', organisationId: null });
      const read = await store.get(record.id);
      expect(read.table).toEqual(table);
      expect(read.createdAt).toBe(record.createdAt);
      const versions = await store.versions(record.id);
      expect(versions.map((v) => [v.version, v.savedBy])).toEqual([[1, 'author-1']]);
    });

    it('keeps every saved version, leaving the save’s audit entry to its caller', async () => {
      const first = await store.create(buildTable({ name: '版本项目' }), author);
      const edited: PerformanceTable = { ...first.table, name: '版本项目（修订）' };
      const second = await updateStoredTable(getDb(), first.id, 1, edited, author, '名称更正');
      expect(second.version).toBe(2);
      const third = await updateStoredTable(getDb(), first.id, 2, { ...edited, year: 2021 }, author);
      expect(third.version).toBe(3);
      expect((await store.version(first.id, 1)).table.name).toBe('版本项目');
      expect((await store.version(first.id, 2)).reason).toBe('名称更正');
      expect((await store.versionSummaries(first.id)).map((v) => v.version)).toEqual([1, 2, 3]);
      const audit = await getDb()
        .selectFrom('audit_log')
        .select(['action', 'diff'])
        .where('entity_id', '=', first.id)
        .orderBy('id')
        .execute();
      // The server's save use case writes `table.update` in the save's transaction.
      expect(audit.map((row) => row.action)).toEqual(['table.create']);
    });

    it('keeps one indicator row per indicator, as indicatorRows gives them, after a create, an import and a save', async () => {
      // The rows are read out of the content in SQL, beside the content's own write.
      const table: PerformanceTable = {
        ...buildTable({ name: '指标行项目' }),
        indicators: [
          buildIndicator('产出指标', '数量指标', '培训人数', '>=100人', { direction: '正向', weight: 12.5 }),
          buildIndicator('产出指标', '质量指标', '合格率', '≥99.95%'),
          buildIndicator(null, null, '群众满意度', '较高'),
          buildIndicator('效益指标', '社会效益指标', '覆盖面', '<=0.1亿元', { weight: 0 }),
        ],
      };
      const rowsOf = (id: string) =>
        getDb().selectFrom('indicators').selectAll().where('table_id', '=', id).orderBy('position').execute();
      const created = await store.create(table, author);
      expect(await rowsOf(created.id)).toEqual(indicatorRows(created.id, table));
      const [imported] = await store.importBatch([{ ...table, name: '指标行导入' }], sourceFile(), author);
      expect(await rowsOf(imported!.id)).toEqual(indicatorRows(imported!.id, table));
      const edited: PerformanceTable = { ...table, indicators: table.indicators.slice(1).reverse() };
      const saved = await updateStoredTable(getDb(), created.id, 1, edited, author);
      expect(saved).toMatchObject({ version: 2, table: edited });
      expect(await rowsOf(created.id)).toEqual(indicatorRows(created.id, edited));
      expect((await store.get(created.id)).table).toEqual(edited);
      expect((await store.version(created.id, 2)).table).toEqual(edited);
    });

    it('reports unknown ids and versions with stable codes', async () => {
      expect(await codeOf(store.get('00000000-0000-4000-8000-000000000000'))).toBe('table.not_found');
      expect(await codeOf(store.get('not-a-uuid'))).toBe('table.not_found');
      const record = await store.create(buildTable(), author);
      expect(await codeOf(store.version(record.id, 9))).toBe('table.version_not_found');
    });
  });

  describe('optimistic locking', () => {
    it('lets exactly one of two concurrent saves of the same version win; the other gets a conflict', async () => {
      const record = await store.create(buildTable({ name: '并发项目' }), author);
      const mine = { ...record.table, name: '并发项目-甲' };
      const theirs = { ...record.table, name: '并发项目-乙' };
      const results = await Promise.allSettled([
        updateStoredTable(getDb(), record.id, 1, mine, { userId: 'a' }),
        updateStoredTable(getDb(), record.id, 1, theirs, { userId: 'b' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const reason = (lost[0] as PromiseRejectedResult).reason as AppError;
      expect(reason.code).toBe('table.version_conflict');
      expect(reason.zh).toContain('第 2 版');
      // The winner's text is stored whole; version 1 is still there; no third version appeared.
      const stored = await store.get(record.id);
      expect(stored.version).toBe(2);
      expect(['并发项目-甲', '并发项目-乙']).toContain(stored.table.name);
      expect((await store.versions(record.id)).map((v) => v.table.name)).toEqual([
        '并发项目',
        stored.table.name,
      ]);
    });

    it('refuses to save a table that is under review', async () => {
      const record = await store.create(buildTable(), author);
      const submitted = await store.setStatus(record.id, 1, 'submitted', author);
      expect(submitted).toMatchObject({ status: 'submitted', version: 2 });
      expect(await codeOf(updateStoredTable(getDb(), record.id, 2, record.table, author))).toBe(
        'table.in_review',
      );
      expect(await codeOf(store.setStatus(record.id, 1, 'approved', author))).toBe('table.version_conflict');
    });
  });

  describe('delete', () => {
    it('deletes drafts with their versions and refuses others', async () => {
      const draft = await store.create(buildTable({ name: '待删除项目' }), author);
      await removeStoredTable(getDb(), draft.id);
      expect(await codeOf(store.get(draft.id))).toBe('table.not_found');
      expect(await codeOf(store.versions(draft.id))).toBe('table.not_found');
      const submitted = await store.create(buildTable(), author);
      await store.setStatus(submitted.id, 1, 'submitted', author);
      expect(await codeOf(removeStoredTable(getDb(), submitted.id))).toBe('table.not_editable');
      const audit = await getDb()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', draft.id)
        .execute();
      expect(audit.map((row) => row.action)).not.toContain('table.delete');
    });
  });

  describe('imports', () => {
    it('writes a batch and the original bytes in one transaction', async () => {
      const tables = [buildTable({ name: '批量一' }), buildTable({ name: '批量二' })];
      const records = await store.importBatch(tables, sourceFile('batch.txt'), author);
      expect(records.map((r) => r.table.name)).toEqual(['批量一', '批量二']);
      const file = await getDb()
        .selectFrom('target_tables')
        .innerJoin('imports', 'imports.id', 'target_tables.import_id')
        .select(['imports.file_name', 'imports.bytes', 'imports.status'])
        .where('target_tables.id', '=', records[0]!.id)
        .executeTakeFirstOrThrow();
      expect(file.file_name).toBe('batch.txt');
      expect(file.status).toBe('confirmed');
      expect(new TextDecoder().decode(file.bytes)).toBe('财政项目支出绩效目标表');
    });

    it('writes nothing at all when the batch fails midway', async () => {
      const db = getDb();
      // A real failure inside the database after the first rows are written: a trigger that refuses
      // one indicator, as a constraint or a crash would.
      await sql`CREATE FUNCTION refuse_marked_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.name = '触发失败' THEN RAISE EXCEPTION 'refused for the test'; END IF;
          RETURN NEW;
        END $$`.execute(db);
      await sql`CREATE TRIGGER refuse_marked_indicator BEFORE INSERT ON indicators
        FOR EACH ROW EXECUTE FUNCTION refuse_marked_indicator()`.execute(db);
      try {
        const count = async (
          table: 'target_tables' | 'imports' | 'table_versions' | 'audit_log' | 'projects',
        ) =>
          Number(
            (
              await db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const before = await Promise.all(
          (['target_tables', 'imports', 'table_versions', 'audit_log', 'projects'] as const).map(count),
        );
        const tables = [
          buildTable({ name: '原子一' }),
          buildTable({ name: '原子二' }),
          buildTable({
            name: '原子三',
            indicators: [buildIndicator('产出指标', '数量指标', '触发失败', '>=1次')],
          }),
        ];
        await expect(store.importBatch(tables, sourceFile('fails.txt'), author)).rejects.toThrow(/refused/);
        const after = await Promise.all(
          (['target_tables', 'imports', 'table_versions', 'audit_log', 'projects'] as const).map(count),
        );
        expect(after).toEqual(before);
      } finally {
        await sql`DROP TRIGGER refuse_marked_indicator ON indicators`.execute(db);
        await sql`DROP FUNCTION refuse_marked_indicator()`.execute(db);
      }
    });

    it('keeps a preview with its bytes and confirms it exactly once', async () => {
      const preview = await storePreview(getDb(), {
        source: sourceFile('preview.txt'),
        sourceText: '财政项目支出绩效目标表',
        tables: [buildTable({ name: '预览项目' })],
        warnings: [],
        actor: author,
      });
      const read = await store.getImport(preview.id);
      expect(read).toMatchObject({ status: 'preview', fileName: 'preview.txt' });
      expect(read.tables[0]?.name).toBe('预览项目');
      const edited = [{ ...read.tables[0]!, name: '预览项目（已改）' }];
      const { records } = await confirmStoredImport(getDb(), preview.id, edited, author);
      expect(records[0]?.table.name).toBe('预览项目（已改）');
      expect((await store.getImport(preview.id)).status).toBe('confirmed');
      expect(await codeOf(confirmStoredImport(getDb(), preview.id, edited, author))).toBe(
        'import.already_confirmed',
      );
      expect((await store.importFile(preview.id)).bytes).toEqual(sourceFile().bytes);
      expect(await codeOf(store.getImport('00000000-0000-4000-8000-000000000000'))).toBe('import.not_found');
    });
  });

  describe('list and search', () => {
    beforeAll(async () => {
      const make = (name: string, unit: string, year: number, currentYear: number, indicator: string) =>
        buildTable({
          name,
          unit,
          year,
          budget: { total: currentYear, currentYear },
          indicators: [buildIndicator('产出指标', '数量指标', indicator, '>=10次')],
        });
      const records = await store.importBatch(
        [
          make('搜索甲：社区科普讲座', '检索测试一局', 2031, 300, '讲座场次'),
          make('搜索乙：河道保洁', '检索测试二局', 2031, 100, '保洁面积'),
          make('搜索丙：ＡＩ实验室', '检索测试一局', 2032, 200, '实验设备采购数量'),
        ],
        sourceFile('search.txt'),
        author,
      );
      // The second one (搜索乙) moves on to submitted.
      await store.setStatus(records[1]!.id, 1, 'submitted', author);
    });

    const names = async (query: Record<string, unknown>) =>
      (await store.list({ ...listDefaults, ...query })).items.map((item) => item.name.slice(0, 3));

    it('filters by year, unit, status and kind', async () => {
      expect(await names({ year: 2031, sort: 'name', order: 'asc' })).toEqual(['搜索乙', '搜索甲']);
      expect(await names({ unit: '测试一局', sort: 'year', order: 'asc' })).toEqual(['搜索甲', '搜索丙']);
      expect(await names({ year: 2031, status: 'submitted' })).toEqual(['搜索乙']);
      expect(await names({ year: 2031, kind: 'self-evaluation' })).toEqual([]);
    });

    it('counts each row’s findings of the automatic review beside the importer’s warnings', async () => {
      const rows = (await store.list({ ...listDefaults, q: '搜索' })).items;
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        const { table } = await store.get(row.id);
        const counts = countBySeverity(reviewTable(table, ruleSetFor(table)));
        expect(counts.error, row.name).toBeGreaterThan(0);
        expect(row).toMatchObject({ reviewErrorCount: counts.error, reviewWarningCount: counts.warning });
      }
    });

    it('searches project names and indicator text, two-character words and full-width letters too', async () => {
      expect(await names({ q: '河道' })).toEqual(['搜索乙']);
      expect(await names({ q: '讲座场次' })).toEqual(['搜索甲']);
      expect(await names({ q: 'ai 实验' })).toEqual(['搜索丙']);
      expect(await names({ q: '保' })).toEqual(['搜索乙']);
      expect(await names({ q: '100%_' })).toEqual([]);
    });

    it('sorts by budget and pages with a total', async () => {
      expect(await names({ q: '搜索', sort: 'budget', order: 'asc' })).toEqual([
        '搜索乙',
        '搜索丙',
        '搜索甲',
      ]);
      const page = await store.list({
        ...listDefaults,
        q: '搜索',
        sort: 'budget',
        order: 'desc',
        page: 2,
        pageSize: 2,
      });
      expect(page.total).toBe(3);
      expect(page.items.map((item) => item.name.slice(0, 3))).toEqual(['搜索乙']);
      expect(page.items[0]).toMatchObject({ currentYearBudget: 100, indicatorCount: 1, status: 'submitted' });
      expect(page.totalCapped).toBe(false);
    });

    it("lists an author's scope (every published table and the own unit's others) merged in order, page by page", async () => {
      const db = getDb();
      const finance = await insertOrganisation(db, { name: '范围测试财政', kind: 'finance', parentId: null });
      const dept = await insertOrganisation(db, {
        name: '范围测试部门',
        kind: 'department',
        parentId: finance.id,
      });
      const [own, other] = [
        await insertOrganisation(db, { name: '范围测试本单位', kind: 'unit', parentId: dept.id }),
        await insertOrganisation(db, { name: '范围测试他单位', kind: 'unit', parentId: dept.id }),
      ];
      const expected: string[] = [];
      // Interleaved in time: own drafts, others' published, others' drafts (not visible), own published.
      for (let i = 0; i < 12; i++) {
        const mine = i % 3 !== 1;
        const published = i % 2 === 0;
        let record = await store.create(
          buildTable({
            name: `范围${String(i).padStart(2, '0')}`,
            unit: mine ? '范围测试本单位' : '范围测试他单位',
          }),
          author,
          { organisationId: mine ? own.id : other.id },
        );
        if (published)
          for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
            record = await store.setStatus(record.id, record.version, status, author);
        if (mine || published) expected.push(record.id);
      }
      const scope: TableReadScope = { all: false, published: true, organisationIds: [own.id] };
      const query = { ...listDefaults, q: '范围', pageSize: 4 };
      const newestFirst = (await store.list({ ...query, pageSize: 50 }, { scope })).items.map((t) => t.id);
      expect(new Set(newestFirst)).toEqual(new Set(expected));
      const all = (await store.list({ ...query, pageSize: 50 })).items;
      expect(newestFirst).toEqual(all.map((t) => t.id).filter((id) => expected.includes(id)));
      const paged: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const got = await store.list({ ...query, page }, { scope });
        expect(got.total).toBe(expected.length);
        paged.push(...got.items.map((t) => t.id));
      }
      expect(paged).toEqual(newestFirst);
      const byName = await store.list({ ...query, sort: 'name', order: 'asc', page: 2 }, { scope });
      expect(byName.items.map((t) => t.name)).toEqual(
        all
          .filter((t) => expected.includes(t.id))
          .map((t) => t.name)
          .sort()
          .slice(4, 8),
      );
      expect(await store.list(query, { scope, countCap: 5 })).toMatchObject({ total: 5, totalCapped: true });
    });

    it('counts a word in every table by its first rows, and one beyond them by the index', async () => {
      const tables = Array.from({ length: 8 }, (_, i) =>
        buildTable({
          name: `计数探查${i}`,
          unit: '计数探查局',
          year: 2040,
          // The last two (stored last) alone hold the rarer word.
          indicators: [
            buildIndicator('产出指标', '数量指标', i >= 6 ? '探查稀有词次数' : '探查次数', '>=10次'),
          ],
        }),
      );
      await store.importBatch(tables, sourceFile('count-probe.txt'), author);
      const count = async (q: string, countCap: number) => {
        const { total, totalCapped } = await store.list({ ...listDefaults, q, year: 2040 }, { countCap });
        return { total, totalCapped };
      };
      expect(await count('计数探查', 3)).toEqual({ total: 3, totalCapped: true });
      expect(await count('计数探查', 8)).toEqual({ total: 8, totalCapped: false });
      expect(await count('稀有词', 2)).toEqual({ total: 2, totalCapped: false });
      // Two matches, cap one: the first rows looked at (three) may hold neither; the indexed count decides.
      expect(await count('稀有词', 1)).toEqual({ total: 1, totalCapped: true });
    });

    it('finds the same page of a word whether or not the newest bigram matches hold it', async () => {
      const db = getDb();
      const finance = await insertOrganisation(db, { name: '窗口测试财政', kind: 'finance', parentId: null });
      const dept = await insertOrganisation(db, {
        name: '窗口测试部门',
        kind: 'department',
        parentId: finance.id,
      });
      const unit = await insertOrganisation(db, { name: '窗口测试单位', kind: 'unit', parentId: dept.id });
      const make = async (name: string, indicator: string, publish: boolean) => {
        let record = await store.create(
          buildTable({
            name,
            unit: '窗口测试单位',
            indicators: [buildIndicator('产出指标', '数量指标', indicator, '>=10次')],
          }),
          author,
          { organisationId: publish ? null : unit.id },
        );
        if (publish)
          for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
            record = await store.setStatus(record.id, record.version, status, author);
        return record.id;
      };
      // Oldest first: three tables hold the word, then six newer ones hold each of its bigrams but
      // not the word (诱饵饵词词组 has 诱饵, 饵词 and 词组), so a window of the newest four holds none.
      const holders: string[] = [];
      for (let i = 0; i < 3; i++) holders.unshift(await make(`窗口真${i}`, '诱饵词组数量', i === 1));
      for (let i = 0; i < 6; i++) await make(`窗口诱饵${i}`, '诱饵饵词词组数量', i % 2 === 0);
      const page = async (pageNumber: number, searchWindow: number, scope?: TableReadScope) =>
        (
          await store.list(
            { ...listDefaults, q: '诱饵词组', pageSize: 2, page: pageNumber },
            scope ? { scope, searchWindow } : { searchWindow },
          )
        ).items.map((t) => t.id);
      for (const window of [4, 200]) {
        expect([...(await page(1, window)), ...(await page(2, window))]).toEqual(holders);
        // An author's scope merges published tables with the unit's own: all three are in it.
        const scope: TableReadScope = { all: false, published: true, organisationIds: [unit.id] };
        expect([...(await page(1, window, scope)), ...(await page(2, window, scope))]).toEqual(holders);
      }
    });

    it('counts up to its cap and then says the total is a lower bound', async () => {
      const capped = await store.list({ ...listDefaults, q: '搜索', pageSize: 1 }, { countCap: 2 });
      expect(capped).toMatchObject({ total: 2, totalCapped: true });
      expect(capped.items).toHaveLength(1);
      const exact = await store.list({ ...listDefaults, q: '搜索' }, { countCap: 3 });
      expect(exact).toMatchObject({ total: 3, totalCapped: false });
    });
  });
});
