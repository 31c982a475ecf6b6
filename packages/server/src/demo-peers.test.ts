import { join } from 'node:path';
import type { PeerList } from '@jixiao/core/peers/peer.schema';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { loadDemoData } from './demo-data.ts';
import { demoSeedTables } from './demo-lifecycle.ts';
import { useTestApp } from './testing/test-app.ts';

const seedPath = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'seed.txt');

describeEachDatabase('demo similar projects (案例库)', (getDb) => {
  const getApp = useTestApp(getDb);

  it('gives the seed exhibition hall peers with actuals, and a finding naming them', async () => {
    await getApp().call('GET', '/api/health');
    await loadDemoData(getDb(), { seedPath, corpusDir: null });
    const list = await createTableRepository(getDb()).list(
      { q: demoSeedTables.inFinanceQueue, sort: 'updatedAt', order: 'desc', page: 1, pageSize: 5 },
      {},
    );
    const hall = list.items.find((i) => i.name === demoSeedTables.inFinanceQueue && i.year === 2020);
    expect(hall).toBeDefined();
    const peers = await getApp().call<PeerList>('GET', `/api/tables/${hall?.id}/peers`, {
      as: 'finance_reviewer',
    });
    const zhangjiang = peers.body.peers.find((p) => p.name === '张江科学城展厅运营经费');
    expect(zhangjiang?.evaluation?.grade).toBe('优');
    expect(zhangjiang?.indicators.find((i) => i.name === '参观人数')?.actual).toBe('15000人');

    const findings = await getApp().call<{ findings: { ruleId: string; zh: string }[] }>(
      'GET',
      `/api/tables/${hall?.id}/findings`,
      { as: 'finance_reviewer' },
    );
    const low = findings.body.findings.find((f) => f.ruleId === 'SH2020-P01');
    expect(low?.zh).toContain('参观人数');
    expect(low?.zh).toContain('张江科学城展厅运营经费（2019，张江科学城建设管理办公室）15000人');
    expect(findings.body.findings.map((f) => f.ruleId)).toContain('SH2020-P03');
  });
});
