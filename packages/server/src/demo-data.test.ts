import { join } from 'node:path';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { loadDemoData } from './demo-data.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const seedPath = join(repoRoot, 'fixtures', 'seed.txt');
const corpusDir = join(repoRoot, '..', 'shared', 'corpus', 'dev');

describeEachDatabase('demo data', (getDb) => {
  it('loads the seed (and the corpus when present) once, into the seed unit', async () => {
    const first = await loadDemoData(getDb(), { seedPath, corpusDir });
    expect(first.loaded).toBe(true);
    expect(first.tables).toBeGreaterThanOrEqual(3);
    const store = createTableRepository(getDb());
    const seed = await store.list({
      q: '科创中心建设工作经费',
      sort: 'updatedAt',
      order: 'desc',
      page: 1,
      pageSize: 20,
    });
    expect(seed.total).toBe(1);
    const record = await store.get(seed.items[0]!.id);
    expect(record.organisationId).not.toBeNull();

    const second = await loadDemoData(getDb(), { seedPath, corpusDir });
    expect(second.loaded).toBe(false);
    const all = await store.list({ sort: 'updatedAt', order: 'desc', page: 1, pageSize: 200 });
    expect(all.total).toBe(first.tables);
  });
});
