import { buildReviewTable, reviewIndicators } from '@jixiao/core/review-records/review-record.factory';
import { expect, it } from 'vitest';
import { refreshEmbeddedStatistics } from './database.ts';
import { firstDraftNamed } from './demo-tables.repository.ts';
import { createTableRepository } from './tables.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

describeEachDatabase('demo tables', (getDb) => {
  it('finds the first-created draft of a unit by name, and none of another unit or once submitted', async () => {
    const db = getDb();
    const store = createTableRepository(db);
    const table = buildReviewTable({
      name: '演示项目',
      unit: '演示单位',
      indicators: reviewIndicators().slice(0, 1),
    });
    const first = await store.create(table, { userId: null });
    const second = await store.create({ ...table, year: table.year + 1 }, { userId: null });
    expect(await firstDraftNamed(db, '演示项目', '演示单位')).toBe(first.id);
    expect(await firstDraftNamed(db, '演示项目', '别的单位')).toBeNull();
    await store.setStatus(first.id, first.version, 'submitted', { userId: null });
    expect(await firstDraftNamed(db, '演示项目', '演示单位')).toBe(second.id);
  });

  it('refreshes statistics on either engine outside a transaction, as a start does', async () => {
    await expect(refreshEmbeddedStatistics(getDb())).resolves.toBeUndefined();
  });
});
