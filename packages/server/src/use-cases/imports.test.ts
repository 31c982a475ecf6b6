import { buildReviewTable, reviewIndicators } from '@jixiao/core/review-records/review-record.factory';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import type { Caller } from '../auth/caller.ts';
import {
  auditEntriesOf,
  author,
  departmentReviewer,
  financeReviewer,
  insertOrganisations,
  refusal,
} from '../testing/use-case-world.ts';
import { confirmImport, type ReadFile, uploadImport } from './imports.ts';

const buildTable = (name: string) => buildReviewTable({ name, indicators: reviewIndicators().slice(0, 1) });

/** A file as the readers would have read it, without a parse pool. */
function readFile(...names: string[]): ReadFile {
  const text = names.join('\n');
  return {
    source: { name: 'upload.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode(text) },
    parsed: { sourceText: text, tables: names.map(buildTable), warnings: [] },
    template: null,
  };
}

async function upload(db: Database, caller: Caller, ...names: string[]): Promise<string> {
  return (await uploadImport(db, caller, async () => readFile(...names))).id;
}

describeEachDatabase('imports', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('keeps an upload with `import.upload` and refuses callers who may not import before reading it', async () => {
    const db = getDb();
    const id = await upload(db, { user: author, address: '10.0.0.3' }, '上传');
    expect(await auditEntriesOf(db, id)).toMatchObject([
      { action: 'import.upload', actor: author.id, actor_address: '10.0.0.3', diff: { tables: 1 } },
    ]);
    let read = 0;
    const counting = async () => {
      read += 1;
      return readFile('不应读取');
    };
    expect(await refusal(uploadImport(db, { user: null }, counting))).toMatchObject({
      code: 'auth.unauthenticated',
      zh: '请先登录',
      en: 'Please sign in first',
    });
    expect(await refusal(uploadImport(db, { user: financeReviewer }, counting))).toMatchObject({
      code: 'auth.forbidden',
      zh: '您没有权限执行此操作',
    });
    expect(read).toBe(0);
  });

  it('confirms the tables with an entry each and `import.confirm`, or, when one write fails, nothing', async () => {
    const db = getDb();
    const id = await upload(db, { user: author }, '导入一', '导入二');
    const tables = [buildTable('导入一'), buildTable('导入二')];
    expect(await refusal(confirmImport(db, { user: departmentReviewer }, id, { tables }))).toMatchObject({
      code: 'auth.forbidden',
      en: 'You are not allowed to do this',
    });
    for (const failing of ['audit_log', 'indicators'] as const) {
      await expect(
        withFailingWrites(db, failing, () => confirmImport(db, { user: author }, id, { tables })),
      ).rejects.toThrow(/write refused/);
    }
    expect((await createTableRepository(db).getImport(id)).status).toBe('preview');
    expect((await auditEntriesOf(db, id)).map((a) => a.action)).toEqual(['import.upload']);
    const result = await confirmImport(db, { user: author }, id, { tables });
    expect(result.records.map((r) => r.table.name)).toEqual(['导入一', '导入二']);
    expect(await auditEntriesOf(db, id)).toMatchObject([
      { action: 'import.upload' },
      { action: 'import.confirm', diff: { tableIds: result.records.map((r) => r.id) } },
    ]);
    for (const record of result.records) {
      expect(await auditEntriesOf(db, record.id)).toMatchObject([
        { action: 'table.create', actor: author.id, diff: { importId: id } },
      ]);
    }
    expect(await refusal(confirmImport(db, { user: author }, id, { tables }))).toMatchObject({
      code: 'import.already_confirmed',
    });
  });
});
