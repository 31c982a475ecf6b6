import type { AppError } from '@jixiao/core/errors/app-error';
import type { LibraryEntryInput } from '@jixiao/core/library/indicator-library.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { expect, it } from 'vitest';
import {
  createLibraryEntry,
  deactivateLibraryEntry,
  getLibraryEntry,
  listLibraryEntries,
  listPublishedIndicators,
  updateLibraryEntry,
} from './indicator-library.repository.ts';
import { createTableRepository } from './tables.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const actor = { userId: 'u-admin', address: '127.0.0.1' };
const entry: LibraryEntryInput = {
  frameworkId: 'national-2020',
  level1: '产出指标',
  level2: '数量指标',
  name: '培训人次',
  suggestedTarget: '≥500人次',
  direction: '正向',
  noteZh: '参加培训的人次',
  tags: ['培训', '会议培训类', 'a,"b"'],
};

describeEachDatabase('indicator library storage', (getDb) => {
  it('creates, updates and deactivates entries, each audited in the same transaction', async () => {
    const db = getDb();
    const created = await createLibraryEntry(db, entry, actor);
    expect(created).toMatchObject({
      ...entry,
      noteEn: null,
      active: true,
      source: 'stored',
    });
    const updated = await updateLibraryEntry(
      db,
      created.id,
      { ...entry, suggestedTarget: '≥600人次' },
      actor,
    );
    expect(updated.suggestedTarget).toBe('≥600人次');
    const off = await deactivateLibraryEntry(db, created.id, actor);
    expect(off.active).toBe(false);
    expect((await getLibraryEntry(db, created.id)).active).toBe(false);
    expect((await listLibraryEntries(db)).map((e) => e.name)).toEqual(['培训人次']);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor'])
      .where('entity', '=', 'indicator_library')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'library.create', entity_id: created.id, actor: 'u-admin' },
      { action: 'library.update', entity_id: created.id, actor: 'u-admin' },
      { action: 'library.deactivate', entity_id: created.id, actor: 'u-admin' },
    ]);
  });

  it('rejects the same indicator twice (whatever its labels’ suffixes and spacing) and unknown ids', async () => {
    const db = getDb();
    await createLibraryEntry(db, { ...entry, name: '参训 人数' }, actor);
    const error = (await createLibraryEntry(
      db,
      { ...entry, level1: '产出', level2: '数量', name: '参训人数' },
      actor,
    ).catch((e) => e)) as AppError;
    expect(error.code).toBe('library.duplicate');
    expect(error.location?.path).toBe('name');
    const missing = (await updateLibraryEntry(db, '00000000-0000-4000-8000-000000000000', entry, actor).catch(
      (e) => e,
    )) as AppError;
    expect(missing.code).toBe('library.not_found');
    expect(((await getLibraryEntry(db, 'builtin:x').catch((e) => e)) as AppError).code).toBe(
      'library.not_found',
    );
    const failed = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'indicator_library')
      .where('diff', 'is not', null)
      .execute();
    // The failed create left no audit row behind (same transaction).
    expect(failed.length).toBe(1 + 3);
  });

  it('reads the indicators of each table’s latest published version with its framework', async () => {
    const db = getDb();
    const store = createTableRepository(db);
    let record = await store.create(buildTable({ name: '已公开' }), { userId: null });
    for (const status of ['submitted', 'department_reviewed', 'approved', 'published'] as const)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    // Adjusted after publication: the published version still counts.
    await store.setStatus(record.id, record.version, 'draft', { userId: null });
    await store.create(
      buildTable({
        name: '草稿',
        indicators: [buildIndicator('满意度指标', '服务对象满意度指标', '满意度', '≥90%')],
      }),
      { userId: null },
    );
    const published = await listPublishedIndicators(db);
    expect(published).toHaveLength(1);
    expect(published[0]?.frameworkId).toBe('shanghai-2020');
    expect(published[0]?.indicators.length).toBe(buildTable().indicators.length);
  });
});
