import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  DuplicateChoice,
  ImportPreview,
  ImportResult,
  Problem,
  TableList,
  TableVersionSummary,
} from '@jixiao/core/tables/table-record.schema';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { withoutSources } from '@jixiao/import/preview/row-sources';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const seedPath = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'seed.txt');

function upload(name: string, bytes: Uint8Array<ArrayBuffer>, type = 'application/octet-stream'): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return form;
}

describeEachDatabase('imports API', (getDb) => {
  const getApp = useTestApp(getDb, { uploadLimit: 512 * 1024 });

  async function seedPreview(): Promise<ImportPreview> {
    const bytes = new Uint8Array(await readFile(seedPath));
    const response = await getApp().call<ImportPreview>('POST', '/api/imports', {
      body: upload('seed.txt', bytes),
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('previews the seed, keeps its bytes, and confirms the edited tables in one go', async () => {
    const bytes = new Uint8Array(await readFile(seedPath));
    const preview = await getApp().call<ImportPreview>('POST', '/api/imports', {
      body: upload('seed.txt', bytes, 'text/plain'),
    });
    expect(preview.status).toBe(201);
    expect(preview.body.tables).toHaveLength(3);
    expect(preview.body.sourceText).toContain('财政项目支出绩效目标表');
    const original = await getApp().call('GET', `/api/imports/${preview.body.importId}/file`);
    expect(original.status).toBe(200);
    expect(Buffer.compare(original.raw, Buffer.from(bytes))).toBe(0);

    const edited = preview.body.tables.map((table, index) =>
      index === 0 ? { ...table, name: `${table.name}（导入时修改）` } : table,
    );
    const confirmed = await getApp().call<ImportResult>(
      'POST',
      `/api/imports/${preview.body.importId}/confirm`,
      {
        body: { tables: edited },
      },
    );
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.records).toHaveLength(3);
    expect(confirmed.body.records[0]?.table.name).toContain('（导入时修改）');
    const list = await getApp().call<TableList>('GET', `/api/tables?q=${encodeURIComponent('导入时修改')}`);
    expect(list.body.total).toBe(1);

    const again = await getApp().call<Problem>('POST', `/api/imports/${preview.body.importId}/confirm`, {
      body: { tables: edited },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('import.already_confirmed');
  });

  it('never creates a second table of a project and year without the user’s choice; each choice does what it says', async () => {
    const year = 2031;
    const inYear = (preview: ImportPreview) => preview.tables.map((table) => ({ ...table, year }));
    const countYear = async () =>
      (await getApp().call<TableList>('GET', `/api/tables?year=${year}&pageSize=200`)).body.total;
    const confirm = (preview: ImportPreview, duplicates?: DuplicateChoice[]) =>
      getApp().call<ImportResult & Problem>('POST', `/api/imports/${preview.importId}/confirm`, {
        body: { tables: inYear(preview), ...(duplicates ? { duplicates } : {}) },
      });

    const first = await confirm(await seedPreview());
    expect(first.status).toBe(201);
    const [kept, replaced, skipped] = first.body.records;
    expect(await countYear()).toBe(3);

    // Re-importing the same file: 409 naming each table and the stored one it duplicates; nothing written.
    const second = await seedPreview();
    const refused = await confirm(second);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'table.duplicate', path: 'tables.0' });
    expect(refused.body.zh).toContain('已有');
    expect(refused.body.en).toContain('stored table');
    expect(refused.body.duplicates?.map((d) => [d.path, d.existing.map((e) => e.tableId)])).toEqual([
      ['tables.0', [kept?.id]],
      ['tables.1', [replaced?.id]],
      ['tables.2', [skipped?.id]],
    ]);
    expect(refused.body.duplicates?.[0]?.existing[0]).toMatchObject({ year, status: 'draft', version: 1 });
    // A choice for some tables only: still 409 for the others, all or nothing.
    const partial = await confirm(second, [{ index: 0, action: 'skip' }]);
    expect(partial.status).toBe(409);
    expect(partial.body.duplicates?.map((d) => d.index)).toEqual([1, 2]);
    expect(await countYear()).toBe(3);

    const chosen = await confirm(second, [
      { index: 0, action: 'new-version' },
      { index: 1, action: 'replace-draft' },
      { index: 2, action: 'skip' },
    ]);
    expect(chosen.status).toBe(201);
    expect(chosen.body.skipped).toEqual([2]);
    expect(chosen.body.records.map((r) => [r.id === kept?.id, r.version])).toEqual([
      [true, 2],
      [false, 1],
    ]);
    const history = await getApp().call<TableVersionSummary[] | { items: TableVersionSummary[] }>(
      'GET',
      `/api/tables/${kept?.id}/versions`,
    );
    const versions = Array.isArray(history.body) ? history.body : history.body.items;
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]?.reason).toContain('seed.txt');
    expect((await getApp().call('GET', `/api/tables/${replaced?.id}`)).status).toBe(404);
    expect(await countYear()).toBe(3);

    // Skipping everything creates nothing; creating anyway is the only way to a second table.
    const third = await seedPreview();
    const none = await confirm(
      third,
      [0, 1, 2].map((index) => ({ index, action: 'skip' as const })),
    );
    expect(none.status).toBe(201);
    expect(none.body.records).toEqual([]);
    expect(await countYear()).toBe(3);
    const anyway = await confirm(await seedPreview(), [
      { index: 0, action: 'create-anyway' },
      { index: 1, action: 'skip' },
      { index: 2, action: 'skip' },
    ]);
    expect(anyway.body.records).toHaveLength(1);
    expect(await countYear()).toBe(4);

    // A new version only of a table the author may still edit; replacing only a draft.
    const submitted = await getApp().call('POST', `/api/tables/${kept?.id}/transitions`, {
      body: { action: 'submit', expectedVersion: 2 },
    });
    expect(submitted.status).toBe(200);
    const frozen = await confirm(await seedPreview(), [
      { index: 0, action: 'new-version', tableId: kept?.id },
      { index: 1, action: 'skip' },
      { index: 2, action: 'skip' },
    ]);
    expect(frozen.status).toBe(409);
    expect(frozen.body).toMatchObject({ code: 'table.duplicate_not_editable', path: 'tables.0' });
    expect(frozen.body.duplicates?.[0]?.existing[0]).toMatchObject({
      tableId: kept?.id,
      status: 'submitted',
    });
    expect(await countYear()).toBe(4);
  });

  it('imports an Excel workbook exported by the API back to the same table', async () => {
    const created = await getApp().call<{ id: string; table: ImportPreview['tables'][number] }>(
      'POST',
      '/api/tables',
      // The first test imported the seed: this second table of the project is asked for explicitly.
      {
        body: { table: (await seedPreview()).tables[1], duplicates: [{ index: 0, action: 'create-anyway' }] },
      },
    );
    expect(created.status).toBe(201);
    const workbook = await getApp().call('GET', `/api/tables/${created.body.id}/export.xlsx`);
    expect(workbook.status).toBe(200);
    const preview = await getApp().call<ImportPreview>('POST', '/api/imports', {
      body: upload('table.xlsx', new Uint8Array(workbook.raw)),
    });
    expect(preview.status).toBe(201);
    expect(preview.body.mediaType).toContain('spreadsheetml');
    expect(preview.body.tables).toHaveLength(1);
    expect(preview.body.tables[0]?.name).toBe(created.body.table.name);
    expect(preview.body.tables[0]?.indicators).toEqual(created.body.table.indicators);
  });

  it('previews a Word document exported by the API as the same table', async () => {
    const created = await getApp().call<{ id: string; table: ImportPreview['tables'][number] }>(
      'POST',
      '/api/tables',
      // The first test imported the seed: this second table of the project is asked for explicitly.
      {
        body: { table: (await seedPreview()).tables[2], duplicates: [{ index: 0, action: 'create-anyway' }] },
      },
    );
    expect(created.status).toBe(201);
    const word = await getApp().call('GET', `/api/tables/${created.body.id}/export.docx`);
    expect(word.status).toBe(200);
    const preview = await getApp().call<ImportPreview>('POST', '/api/imports', {
      body: upload('table.docx', new Uint8Array(word.raw)),
    });
    expect(preview.status).toBe(201);
    expect(preview.body.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(preview.body.sourceText).toContain('未来公园展厅运营经费');
    // The preview's rows also say where they were read; the table is the same.
    expect(withoutSources(preview.body.tables)).toEqual([created.body.table]);
    expect(preview.body.tables[0]?.indicators.every((i) => i.source !== undefined)).toBe(true);
    expect(preview.body.warnings).toEqual([]);
  });

  it('answers a damaged Word document with 422 and a bilingual message naming the file', async () => {
    const damaged = new Uint8Array(
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(26), Buffer.from('word/document.xml')]),
    );
    const response = await getApp().call<Problem>('POST', '/api/imports', {
      body: upload('损坏.docx', damaged),
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('import.docx_corrupt');
    expect(response.body.zh).toContain('Word');
    expect(response.body.en).toContain('.docx');
  });

  it('answers a malformed document with 422 and a located bilingual message', async () => {
    const json = new TextEncoder().encode('[\n  {"year": "二〇二〇", "unit": "某局"}\n]');
    const response = await getApp().call<Problem>('POST', '/api/imports', { body: upload('bad.json', json) });
    expect(response.status).toBe(422);
    expect(response.body.code).toMatch(/^import\./);
    expect(response.body.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(response.body.en).toMatch(/[a-z]/);
    expect(response.body.line ?? response.body.path).toBeDefined();
  });

  it('answers an unrecognisable file with 422 and a missing file with 400', async () => {
    const text = await getApp().call<Problem>('POST', '/api/imports', {
      body: upload('notes.txt', new TextEncoder().encode('这只是一段普通的说明文字。\n没有表格。')),
    });
    expect(text.status).toBe(422);
    expect(text.body.code).toBe('import.unknown_form');
    const form = new FormData();
    form.append('other', 'x');
    const none = await getApp().call<Problem>('POST', '/api/imports', { body: form });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('import.no_file');
  });

  it('refuses uploads above the size limit with 413', async () => {
    const big = new Uint8Array(600 * 1024).fill(0x41);
    const response = await getApp().call<Problem>('POST', '/api/imports', { body: upload('big.txt', big) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('request.too_large');
  });

  it('writes nothing when a confirmation is invalid', async () => {
    const bytes = new Uint8Array(await readFile(seedPath));
    const preview = await getApp().call<ImportPreview>('POST', '/api/imports', {
      body: upload('seed.txt', bytes),
    });
    const broken = [preview.body.tables[0], { ...preview.body.tables[1], year: 'x' }];
    const response = await getApp().call<Problem>('POST', `/api/imports/${preview.body.importId}/confirm`, {
      body: { tables: broken },
    });
    expect(response.status).toBe(400);
    expect(response.body.issues?.[0]?.path).toBe('tables.1.year');
    const status = await getApp().call<ImportPreview>('GET', `/api/imports/${preview.body.importId}`);
    expect(status.status).toBe(200);
  });
});
