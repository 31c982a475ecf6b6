import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { TableDiff } from '@jixiao/core/tables/table-diff';
import type {
  DuplicateChoice,
  Problem,
  TableList,
  TableRecord,
  TableVersionSummary,
} from '@jixiao/core/tables/table-record.schema';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

describeEachDatabase('tables API', (getDb) => {
  const getApp = useTestApp(getDb);

  async function createTable(name: string): Promise<TableRecord> {
    const response = await getApp().call<TableRecord>('POST', '/api/tables', {
      as: 'author',
      body: { table: buildTable({ name }) },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('creates, reads, finds and lists a table', async () => {
    const created = await createTable('接口测试：图书馆数字化');
    expect(created).toMatchObject({ version: 1, status: 'draft' });
    const read = await getApp().call<TableRecord>('GET', `/api/tables/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.table.name).toBe('接口测试：图书馆数字化');
    const found = await getApp().call<TableList>('GET', `/api/tables?q=${encodeURIComponent('数字化')}`);
    expect(found.body.items.map((item) => item.id)).toContain(created.id);
    expect(found.body).toMatchObject({ page: 1, pageSize: 20 });
  });

  it('answers a second 新建 of a project and year with 409 and the stored table unless the author chooses', async () => {
    const first = await createTable('接口测试：重复新建');
    const again = (duplicates?: DuplicateChoice[]) =>
      getApp().call<Omit<TableRecord, 'status'> & Omit<Problem, 'status'>>('POST', '/api/tables', {
        body: { table: buildTable({ name: ' 接口测试：重复新建 ' }), ...(duplicates ? { duplicates } : {}) },
      });
    const refused = await again();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'table.duplicate', path: 'table' });
    expect(refused.body.duplicates?.[0]?.existing).toEqual([
      expect.objectContaining({ tableId: first.id, status: 'draft', version: 1 }),
    ]);
    const skipped = await again([{ index: 0, action: 'skip' }]);
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ id: first.id, version: 1 });
    const versioned = await again([{ index: 0, action: 'new-version' }]);
    expect(versioned.status).toBe(200);
    expect(versioned.body).toMatchObject({ id: first.id, version: 2 });
    const second = await again([{ index: 0, action: 'create-anyway' }]);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
    // Two stored now: the choice may name the one it means.
    const replaced = await again([{ index: 0, action: 'replace-draft', tableId: first.id }]);
    expect(replaced.status).toBe(201);
    expect((await getApp().call('GET', `/api/tables/${first.id}`)).status).toBe(404);
    expect((await getApp().call('GET', `/api/tables/${second.body.id}`)).status).toBe(200);
  });

  it('answers a wrong field with 400 naming every failing path in Chinese and English', async () => {
    const table = { ...buildTable(), year: '二〇二〇', indicators: [{ name: '' }] };
    const response = await getApp().call<Problem>('POST', '/api/tables', { body: { table } });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('request.invalid');
    const paths = response.body.issues?.map((issue) => issue.path) ?? [];
    expect(paths).toContain('table.year');
    expect(paths).toContain('table.indicators.0.name');
    const year = response.body.issues?.find((issue) => issue.path === 'table.year');
    expect(year?.zh).toMatch(/[期望无效]/);
    expect(year?.en).toMatch(/expected number/i);
    expect(response.body.path).toBe(paths[0]);
  });

  it('answers malformed JSON, unknown ids and malformed ids with problems', async () => {
    const badJson = await getApp().call<Problem>('POST', '/api/tables', {
      body: '{"table": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('request.bad_json');
    const missing = await getApp().call<Problem>('GET', '/api/tables/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'table.not_found', path: 'id' });
    expect(missing.body.zh).toContain('找不到');
    const malformed = await getApp().call<Problem>('GET', '/api/tables/42');
    expect(malformed.status).toBe(400);
    expect(malformed.body.path).toBe('id');
  });

  it('gives the second of two concurrent saves a 409 and keeps the first', async () => {
    const created = await createTable('接口测试：并发保存');
    const save = (name: string) =>
      getApp().call<TableRecord | Problem>('PUT', `/api/tables/${created.id}`, {
        body: { version: 1, table: { ...created.table, name } },
      });
    const responses = await Promise.all([save('接口测试：甲的修改'), save('接口测试：乙的修改')]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const conflict = responses.find((r) => r.status === 409)!.body as Problem;
    expect(conflict.code).toBe('table.version_conflict');
    expect(conflict.zh).toContain('没有丢失');
    expect(conflict.en).toContain('not lost');
    const winner = responses.find((r) => r.status === 200)!.body as TableRecord;
    const stored = await getApp().call<TableRecord>('GET', `/api/tables/${created.id}`);
    expect(stored.body).toMatchObject({ version: 2, table: { name: winner.table.name } });
  });

  it('lists versions, returns one version and diffs two', async () => {
    const created = await createTable('接口测试：版本');
    await getApp().call('PUT', `/api/tables/${created.id}`, {
      body: { version: 1, table: { ...created.table, name: '接口测试：版本（改）' }, reason: '更正名称' },
    });
    const versions = await getApp().call<{ items: TableVersionSummary[] }>(
      'GET',
      `/api/tables/${created.id}/versions`,
    );
    expect(versions.body.items.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '更正名称'],
    ]);
    const first = await getApp().call<{ table: { name: string } }>(
      'GET',
      `/api/tables/${created.id}/versions/1`,
    );
    expect(first.body.table.name).toBe('接口测试：版本');
    const diff = await getApp().call<TableDiff>('GET', `/api/tables/${created.id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.header).toEqual([
      { path: 'name', before: '接口测试：版本', after: '接口测试：版本（改）' },
    ]);
    const noVersion = await getApp().call<Problem>('GET', `/api/tables/${created.id}/versions/7`);
    expect(noVersion.status).toBe(404);
  });

  it('deletes a draft', async () => {
    const created = await createTable('接口测试：删除');
    const deleted = await getApp().call('DELETE', `/api/tables/${created.id}`);
    expect(deleted.status).toBe(204);
    expect((await getApp().call('GET', `/api/tables/${created.id}`)).status).toBe(404);
  });

  it('asks anonymous visitors to sign in (the public portal lists published tables)', async () => {
    await createTable('接口测试：匿名不可见');
    const list = await getApp().call<Problem>('GET', `/api/tables?q=${encodeURIComponent('匿名不可见')}`, {
      as: 'anonymous',
    });
    expect(list.status).toBe(401);
    expect(list.body.code).toBe('auth.unauthenticated');
  });
});
