import { buildReviewTable, reviewIndicators } from '@jixiao/core/review-records/review-record.factory';
import { tableListQuerySchema } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import {
  auditEntriesOf,
  author,
  departmentReviewer,
  forbidden,
  insertOrganisations,
  otherAuthor,
  refusal,
  storeUnitTable,
  UNIT,
} from '../testing/use-case-world.ts';
import { copyTable, createTable, deleteTable, saveTable } from './table-writes.ts';

const buildTable = (name: string) => buildReviewTable({ name, indicators: reviewIndicators().slice(0, 1) });

async function actionsOf(db: Database, id: string): Promise<string[]> {
  return (await auditEntriesOf(db, id)).map((a) => a.action);
}

describeEachDatabase('table writes', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('saves a new version with its `table.update` entry, as the caller from their address', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('保存'));
    const saved = await saveTable(db, { user: author, address: '10.0.0.5' }, table.id, {
      version: 1,
      table: { ...table.table, name: '保存（修订）' },
      reason: '名称更正',
    });
    expect(saved).toMatchObject({ version: 2, table: { name: '保存（修订）' } });
    const [, update] = await auditEntriesOf(db, table.id);
    expect(update).toMatchObject({
      action: 'table.update',
      actor: author.id,
      actor_address: '10.0.0.5',
      diff: { fromVersion: 1, toVersion: 2, reason: '名称更正' },
    });
    expect(JSON.stringify(update?.diff)).toContain('保存（修订）');
  });

  it('refuses others, a table under review and a stale version with located zh/en errors, writing nothing', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('拒绝保存'));
    const body = { version: 1, table: { ...table.table, name: '不应保存' } };
    for (const user of [otherAuthor, departmentReviewer]) {
      expect(await refusal(saveTable(db, { user }, table.id, body))).toMatchObject(forbidden);
    }
    expect(await refusal(saveTable(db, { user: null }, table.id, body))).toMatchObject({
      code: 'auth.unauthenticated',
      zh: '请先登录',
    });
    const stale = await refusal(saveTable(db, { user: author }, table.id, { ...body, version: 7 }));
    expect(stale).toMatchObject({ code: 'table.version_conflict', location: { path: 'version' } });
    expect(stale.zh).toContain('第 7 版');
    const submitted = await storeUnitTable(db, buildTable('审核中'), 'submitted');
    const held = await refusal(saveTable(db, { user: author }, submitted.id, { ...body, version: 2 }));
    expect(held.code).toBe('table.in_review');
    expect(held.en).toContain('under review');
    expect((await createTableRepository(db).get(table.id)).version).toBe(1);
    expect(await actionsOf(db, table.id)).toEqual(['table.create']);
  });

  it('writes neither a version nor its entry when either write fails', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('保存失败'));
    const save = () => saveTable(db, { user: author }, table.id, { version: 1, table: table.table });
    await expect(withFailingWrites(db, 'audit_log', save)).rejects.toThrow(/write refused/);
    await expect(withFailingWrites(db, 'table_versions', save)).rejects.toThrow(/write refused/);
    expect((await createTableRepository(db).get(table.id)).version).toBe(1);
    expect(await actionsOf(db, table.id)).toEqual(['table.create']);
    expect((await save()).version).toBe(2);
  });

  it('deletes a draft with its `table.delete` entry, refuses others, keeps the table when the entry fails', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('删除'));
    expect(await refusal(deleteTable(db, { user: otherAuthor }, table.id))).toMatchObject(forbidden);
    await expect(
      withFailingWrites(db, 'audit_log', () => deleteTable(db, { user: author }, table.id)),
    ).rejects.toThrow(/write refused/);
    expect((await createTableRepository(db).get(table.id)).id).toBe(table.id);
    await deleteTable(db, { user: author }, table.id);
    expect(await refusal(createTableRepository(db).get(table.id))).toMatchObject({ code: 'table.not_found' });
    expect(await auditEntriesOf(db, table.id)).toMatchObject([
      { action: 'table.create' },
      { action: 'table.delete', actor: author.id, diff: { version: 1, name: '删除' } },
    ]);
    const submitted = await storeUnitTable(db, buildTable('不可删除'), 'submitted');
    expect(await refusal(deleteTable(db, { user: author }, submitted.id))).toMatchObject({
      code: 'table.not_editable',
      location: { path: 'status' },
    });
  });

  it('creates a draft of the caller’s unit, and a new version of a duplicate only when asked', async () => {
    const db = getDb();
    const first = await createTable(db, { user: author }, { table: buildTable('新建') });
    expect(first).toMatchObject({ created: true, record: { organisationId: UNIT, version: 1 } });
    expect(await refusal(createTable(db, { user: author }, { table: buildTable('新建') }))).toMatchObject({
      code: 'table.duplicate',
    });
    const again = await createTable(
      db,
      { user: author },
      { table: buildTable('新建'), duplicates: [{ index: 0, action: 'new-version' }] },
    );
    expect(again).toMatchObject({ created: false, record: { id: first.record.id, version: 2 } });
    expect(await auditEntriesOf(db, first.record.id)).toMatchObject([
      { action: 'table.create', diff: { name: '新建', importId: null } },
      { action: 'table.update', diff: { reason: '新建', importId: null, fromVersion: 1, toVersion: 2 } },
    ]);
    expect(
      await refusal(createTable(db, { user: departmentReviewer }, { table: buildTable('部门新建') })),
    ).toMatchObject(forbidden);
  });

  it('copies a table to the next year with `table.create` and `table.copy` written together', async () => {
    const db = getDb();
    const source = await storeUnitTable(db, buildTable('复制'));
    expect(await refusal(copyTable(db, { user: otherAuthor }, source.id, {}))).toMatchObject(forbidden);
    await expect(
      withFailingWrites(db, 'audit_log', () => copyTable(db, { user: author }, source.id, {})),
    ).rejects.toThrow(/write refused/);
    const copy = await copyTable(db, { user: author }, source.id, {});
    expect(copy.table.year).toBe(source.table.year + 1);
    expect(await actionsOf(db, copy.id)).toEqual(['table.create', 'table.copy']);
    // The failed attempt left no table behind: the project has this year's copy once.
    const listed = await createTableRepository(db).list(tableListQuerySchema.parse({ q: '复制' }));
    expect(listed.items.filter((item) => item.year === copy.table.year)).toHaveLength(1);
  });
});
