import type { AppError } from '@jixiao/core/errors/app-error';
import type { LibraryEntryInput } from '@jixiao/core/library/indicator-library.schema';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { expect, it } from 'vitest';
import {
  getLibraryEntry,
  insertLibraryEntry,
  listLibraryEntries,
  listPublishedIndicators,
  replaceLibraryEntry,
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
  it('creates, updates and switches off entries, reporting the entry before and after', async () => {
    const db = getDb();
    const { entry: created } = await insertLibraryEntry(db, entry, actor);
    expect(created).toMatchObject({
      ...entry,
      noteEn: null,
      active: true,
      source: 'stored',
    });
    const updated = await replaceLibraryEntry(
      db,
      created.id,
      { ...entry, suggestedTarget: '≥600人次' },
      actor,
    );
    expect(updated.before.suggestedTarget).toBe('≥500人次');
    expect(updated.entry.suggestedTarget).toBe('≥600人次');
    const off = await replaceLibraryEntry(db, created.id, { ...updated.entry, active: false }, actor);
    expect([off.before.active, off.entry.active]).toEqual([true, false]);
    expect((await getLibraryEntry(db, created.id)).active).toBe(false);
    expect((await listLibraryEntries(db)).map((e) => e.name)).toEqual(['培训人次']);
  });

  it('rejects the same indicator twice (whatever its labels’ suffixes and spacing) and unknown ids', async () => {
    const db = getDb();
    await insertLibraryEntry(db, { ...entry, name: '参训 人数' }, actor);
    const error = (await insertLibraryEntry(
      db,
      { ...entry, level1: '产出', level2: '数量', name: '参训人数' },
      actor,
    ).catch((e) => e)) as AppError;
    expect(error.code).toBe('library.duplicate');
    expect(error.location?.path).toBe('name');
    const missing = (await replaceLibraryEntry(
      db,
      '00000000-0000-4000-8000-000000000000',
      entry,
      actor,
    ).catch((e) => e)) as AppError;
    expect(missing.code).toBe('library.not_found');
    expect(((await getLibraryEntry(db, 'builtin:x').catch((e) => e)) as AppError).code).toBe(
      'library.not_found',
    );
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
