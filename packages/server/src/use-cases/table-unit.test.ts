import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import { demoOrganisations, demoUserFor } from '@jixiao/db/accounts-demo';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

// 申报单位 comes from the table's organisation, whatever the author or the document says.
const ownUnit = demoOrganisations.find((o) => o.id === demoUserFor('author').organisationId)?.name ?? '';

describeEachDatabase('the unit of a table is its organisation', (getDb) => {
  const getApp = useTestApp(getDb);

  it('replaces a typed unit on create and save', async () => {
    const table = buildTable({ unit: '随便填写的单位', year: 2026, name: `单位来源${Math.random()}` });
    const created = await getApp().call<{ id: string; version: number; table: { unit: string } }>(
      'POST',
      '/api/tables',
      {
        body: { table },
      },
    );
    expect(created.status, created.text).toBe(201);
    expect(created.body.table.unit).toBe(ownUnit);
    const saved = await getApp().call<{ table: { unit: string } }>('PUT', `/api/tables/${created.body.id}`, {
      body: { version: created.body.version, table: { ...table, unit: '<b>另一个单位</b>' } },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.table.unit).toBe(ownUnit);
  });

  it('replaces the unit an imported document prints when the import is confirmed', async () => {
    const form = new FormData();
    const seed = readFileSync(join(import.meta.dirname, '../../../../fixtures/seed.txt'));
    form.append('file', new Blob([new Uint8Array(seed)], { type: 'text/plain' }), 'seed.txt');
    const preview = await getApp().call<{ importId: string; tables: { unit: string }[] }>(
      'POST',
      '/api/imports',
      {
        body: form,
      },
    );
    expect(preview.status, preview.text).toBe(201);
    const tables = preview.body.tables.map((t) => ({ ...t, unit: '打错的单位名称' }));
    const confirmed = await getApp().call<{ records: { table: { unit: string } }[] }>(
      'POST',
      `/api/imports/${preview.body.importId}/confirm`,
      { body: { tables, duplicates: tables.map((_, index) => ({ index, action: 'create-anyway' })) } },
    );
    expect(confirmed.status, confirmed.text).toBe(201);
    expect(confirmed.body.records.map((r) => r.table.unit)).toEqual(tables.map(() => ownUnit));
  });
});
