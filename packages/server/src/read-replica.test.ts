import type { Dashboard } from '@jixiao/core/analysis/dashboard.schema';
import type { PublicStatistics } from '@jixiao/core/analysis/public-statistics.schema';
import type { PublicTableList } from '@jixiao/core/analysis/public-table.schema';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { TableList, TableRecord, TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { closeDatabase, type Database, openDatabase } from '@jixiao/db/database';
import { migrate } from '@jixiao/db/migrate';
import { createTableRepository } from '@jixiao/db/tables.repository';
import {
  type StreamingReplica,
  startStreamingReplica,
  streamingReplicaUnavailable,
} from '@jixiao/db/testing/streaming-replica';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app.ts';

const unavailable = await streamingReplicaUnavailable();
if (unavailable) console.warn(`read replica test skipped: ${unavailable}`);

const toPublished: TableStatus[] = ['submitted', 'department_reviewed', 'approved', 'published'];

/**
 * DATABASE_READ_URL against a real hot standby streaming from its primary: with the standby's replay
 * paused, what was just written on the primary is missing from exactly the pages that read the replica.
 */
describe.skipIf(unavailable !== null)('read-only pages on a streaming replica (DATABASE_READ_URL)', () => {
  let replica: StreamingReplica;
  let primary: Database;
  let standby: Database;
  let testApp: TestApp;

  beforeAll(async () => {
    replica = await startStreamingReplica();
    primary = await openDatabase({ url: replica.primaryUrl, maxConnections: 4 });
    standby = await openDatabase({ url: replica.replicaUrl, maxConnections: 4 });
    await migrate(primary);
    testApp = await createTestApp(() => primary, { readDb: standby });
    // Signing in creates the demo organisations and users (on the primary).
    await testApp.call('GET', '/api/health', { as: 'finance_reviewer' });
    await replica.caughtUp();
  }, 120_000);

  afterAll(async () => {
    await testApp?.close();
    if (standby) await closeDatabase(standby);
    if (primary) await closeDatabase(primary);
    await replica?.stop();
  });

  async function publishedTable(name: string): Promise<string> {
    const store = createTableRepository(primary);
    let record = await store.create(
      buildTable({ name }),
      { userId: null },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    for (const status of toPublished)
      record = await store.setStatus(record.id, record.version, status, { userId: null });
    return record.id;
  }

  const listed = async (q: string) =>
    (
      await testApp.call<TableList>('GET', `/api/tables?q=${encodeURIComponent(q)}`, {
        as: 'finance_reviewer',
      })
    ).body;
  const portal = async (q: string) =>
    (
      await testApp.call<PublicTableList>('GET', `/api/public/tables?q=${encodeURIComponent(q)}`, {
        as: 'anonymous',
      })
    ).body;
  const publishedCount = async () =>
    (await testApp.call<PublicStatistics>('GET', '/api/public/statistics', { as: 'anonymous' })).body.totals
      .tables;
  const dashboardTables = async () =>
    (await testApp.call<Dashboard>('GET', '/api/dashboard', { as: 'finance_reviewer' })).body.totals.tables;

  it('the standby really is a read-only standby, and writes go to the primary', async () => {
    await expect(
      standby.insertInto('projects').values({ unit: '只读', name: '只读' }).execute(),
    ).rejects.toThrow(/read-only/);
    const created = await testApp.call<TableRecord>('POST', '/api/tables', {
      as: 'author',
      body: { table: buildTable({ name: '副本测试：写入主库' }) },
    });
    expect(created.status).toBe(201);
    await replica.caughtUp();
    expect((await listed('副本测试：写入主库')).items.map((t) => t.id)).toEqual([created.body.id]);
  });

  it('lists, search, portal, statistics and the dashboard read the replica; a table by id reads the primary', async () => {
    await publishedTable('副本测试：先公开');
    await replica.caughtUp();
    const before = { published: await publishedCount(), dashboard: await dashboardTables() };
    expect((await portal('副本测试：先公开')).items).toHaveLength(1);

    await replica.pauseReplay();
    try {
      const id = await publishedTable('副本测试：暂停时公开');
      const byId = await testApp.call<TableRecord>('GET', `/api/tables/${id}`, { as: 'finance_reviewer' });
      expect(byId.status).toBe(200);
      expect(byId.body.status).toBe('published');
      expect((await listed('副本测试：暂停时公开')).items).toEqual([]);
      expect((await portal('副本测试：暂停时公开')).items).toEqual([]);
      expect(await publishedCount()).toBe(before.published);
      expect(await dashboardTables()).toBe(before.dashboard);
    } finally {
      await replica.resumeReplay();
    }
    await replica.caughtUp();
    expect((await listed('副本测试：暂停时公开')).items).toHaveLength(1);
    expect((await portal('副本测试：暂停时公开')).items).toHaveLength(1);
    expect(await publishedCount()).toBe(before.published + 1);
    expect(await dashboardTables()).toBe(before.dashboard + 1);
  });
});
