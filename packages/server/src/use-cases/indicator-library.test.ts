import type { LibraryEntryInput } from '@jixiao/core/library/indicator-library.schema';
import { getLibraryEntry, listLibraryEntries } from '@jixiao/db/indicator-library.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import {
  admin,
  auditEntriesOf,
  author,
  forbidden,
  refusal,
  unauthenticated,
} from '../testing/use-case-world.ts';
import { addLibraryEntry, changeLibraryEntry } from './indicator-library.ts';

const entry = (name: string): LibraryEntryInput => ({
  frameworkId: 'national-2020',
  level1: '产出指标',
  level2: '数量指标',
  name,
  suggestedTarget: '≥500人次',
  tags: ['培训'],
});

async function namesStored(db: Parameters<typeof listLibraryEntries>[0]): Promise<string[]> {
  return (await listLibraryEntries(db)).map((e) => e.name);
}

describeEachDatabase('indicator library use cases', (getDb) => {
  it('adds, changes and switches off an entry, each with its audit entry', async () => {
    const db = getDb();
    const added = await addLibraryEntry(db, { user: admin, address: '10.0.0.9' }, entry('培训人次'));
    await changeLibraryEntry(db, { user: admin }, added.id, {
      ...entry('培训人次'),
      suggestedTarget: '≥600人次',
    });
    const off = await changeLibraryEntry(db, { user: admin }, added.id, {
      ...entry('培训人次'),
      active: false,
    });
    expect(off).toMatchObject({ active: false, suggestedTarget: '≥500人次' });
    expect(await auditEntriesOf(db, added.id)).toMatchObject([
      { action: 'library.create', actor: admin.id, actor_address: '10.0.0.9', diff: { name: '培训人次' } },
      {
        action: 'library.update',
        diff: { before: { suggestedTarget: '≥500人次' }, after: { suggestedTarget: '≥600人次' } },
      },
      { action: 'library.deactivate', diff: { before: { active: true }, after: { active: false } } },
    ]);
  });

  it('refuses authors and anonymous callers with their zh/en errors, changing nothing', async () => {
    const db = getDb();
    expect(await refusal(addLibraryEntry(db, { user: author }, entry('拒绝新增')))).toMatchObject(forbidden);
    expect(await refusal(addLibraryEntry(db, { user: null }, entry('拒绝新增')))).toMatchObject(
      unauthenticated,
    );
    const kept = await addLibraryEntry(db, { user: admin }, entry('拒绝修改'));
    const change = { ...entry('拒绝修改'), active: false };
    expect(await refusal(changeLibraryEntry(db, { user: author }, kept.id, change))).toMatchObject(forbidden);
    expect((await getLibraryEntry(db, kept.id)).active).toBe(true);
    expect(await namesStored(db)).not.toContain('拒绝新增');
    expect((await auditEntriesOf(db, kept.id)).map((a) => a.action)).toEqual(['library.create']);
  });

  it('writes neither an entry nor its audit row when either write fails', async () => {
    const db = getDb();
    const add = () => addLibraryEntry(db, { user: admin }, entry('写入失败'));
    await expect(withFailingWrites(db, 'audit_log', add)).rejects.toThrow(/write refused/);
    await expect(withFailingWrites(db, 'indicator_library', add)).rejects.toThrow(/write refused/);
    expect(await namesStored(db)).not.toContain('写入失败');
    const added = await add();
    const change = () =>
      changeLibraryEntry(db, { user: admin }, added.id, { ...entry('写入失败'), active: false });
    await expect(withFailingWrites(db, 'audit_log', change)).rejects.toThrow(/write refused/);
    expect((await getLibraryEntry(db, added.id)).active).toBe(true);
    expect((await auditEntriesOf(db, added.id)).map((a) => a.action)).toEqual(['library.create']);
  });

  it('refuses the same indicator twice with `library.duplicate`, leaving no audit row', async () => {
    const db = getDb();
    const first = await addLibraryEntry(db, { user: admin }, entry('重复指标'));
    const twice = await refusal(addLibraryEntry(db, { user: admin }, entry('重复指标')));
    expect(twice).toMatchObject({ code: 'library.duplicate', location: { path: 'name' } });
    expect(twice.zh).toContain('指标库中已有');
    expect((await listLibraryEntries(db)).filter((e) => e.name === '重复指标').map((e) => e.id)).toEqual([
      first.id,
    ]);
  });
});
