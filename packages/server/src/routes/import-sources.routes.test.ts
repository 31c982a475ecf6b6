import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportPreview, ImportResult } from '@jixiao/core/tables/table-record.schema';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const seedPath = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'seed.txt');

function upload(name: string, bytes: Uint8Array<ArrayBuffer>): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'text/plain' }), name);
  return form;
}

describeEachDatabase('import preview: where each row was read', (getDb) => {
  const getApp = useTestApp(getDb, { uploadLimit: 512 * 1024 });

  it('gives every previewed row the source lines holding its name, and stores none of them', async () => {
    const bytes = new Uint8Array(await readFile(seedPath));
    const preview = await getApp().call<ImportPreview>('POST', '/api/imports', {
      body: upload('seed.txt', bytes),
    });
    expect(preview.status).toBe(201);
    const lines = preview.body.sourceText.split('\n');
    const rows = preview.body.tables.flatMap((table) => table.indicators);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.source, row.name).toBeDefined();
      const span = lines.slice((row.source?.line ?? 1) - 1, row.source?.endLine).join('\n');
      expect(span.replace(/\s/g, '')).toContain(row.name.replace(/\s/g, '').slice(0, 6));
    }
    const again = await getApp().call<ImportPreview>('GET', `/api/imports/${preview.body.importId}`);
    expect(again.body.tables[0]?.indicators[0]?.source).toEqual(rows[0]?.source);

    const confirmed = await getApp().call<ImportResult>(
      'POST',
      `/api/imports/${preview.body.importId}/confirm`,
      { body: { tables: preview.body.tables.map((table) => ({ ...table, year: 2033 })) } },
    );
    expect(confirmed.status).toBe(201);
    const stored = confirmed.body.records.flatMap((record) => record.table.indicators);
    expect(stored).toHaveLength(rows.length);
    expect(stored.some((row) => 'source' in row)).toBe(false);
  });
});
