import { monitoringReportSchema } from '@jixiao/core/monitoring/monitoring.schema';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import type { Database } from '@jixiao/db/database';
import { getMonitoringReport } from '@jixiao/db/evaluation.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import {
  auditEntriesOf,
  author,
  financeReviewer,
  insertOrganisations,
  otherAuthor,
  refusal,
  storeUnitTable,
} from '../testing/use-case-world.ts';
import { saveMonitoring } from './monitoring.ts';

const buildTable = (name: string) =>
  buildSelfEvaluationTable([buildIndicator('>=100个', { weight: 90 })], { kind: 'target', name });
const report = monitoringReportSchema.parse({
  cutOffMonth: 6,
  budget: { annual: 100, executed: 40 },
  indicators: [{ index: 0, value: '30个' }],
});

async function savesAudited(db: Database, tableId: string): Promise<number> {
  return (await auditEntriesOf(db, tableId)).filter((a) => a.action === 'monitoring.save').length;
}

describeEachDatabase('saving a monitoring report', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('keeps the report with its lights and its audit entry, as the caller from their address', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('监控保存'), 'published');
    const saved = await saveMonitoring(db, { user: author, address: '10.0.0.9' }, table.id, report);
    expect(saved).toMatchObject({ tableId: table.id, tableVersion: table.version, report });
    const stored = await getMonitoringReport(db, table.id, 6);
    expect(stored).toMatchObject({ light: saved.assessment.light, updatedBy: author.id });
    const audit = (await auditEntriesOf(db, table.id)).filter((a) => a.action === 'monitoring.save');
    expect(audit).toMatchObject([
      {
        actor: author.id,
        actor_address: '10.0.0.9',
        diff: { cutOffMonth: 6, light: saved.assessment.light },
      },
    ]);
  });

  it('refuses anonymous callers, other units and reviewers with located zh/en errors, writing nothing', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('监控拒绝'), 'published');
    const anonymous = await refusal(saveMonitoring(db, { user: null }, table.id, report));
    expect(anonymous).toMatchObject({
      code: 'auth.unauthenticated',
      zh: '请先登录',
      en: 'Please sign in first',
    });
    for (const user of [otherAuthor, financeReviewer]) {
      const refused = await refusal(saveMonitoring(db, { user }, table.id, report));
      expect(refused).toMatchObject({
        code: 'auth.forbidden',
        zh: '您没有权限执行此操作',
        en: 'You are not allowed to do this',
      });
    }
    const draft = await storeUnitTable(db, buildTable('监控草稿'));
    const early = await refusal(saveMonitoring(db, { user: author }, draft.id, report));
    expect(early).toMatchObject({ code: 'evaluation.not_approved', location: { path: 'status' } });
    expect(early.zh).toContain('已批复');
    expect(early.en).toContain('approved');
    for (const id of [table.id, draft.id]) {
      expect(await getMonitoringReport(db, id, 6)).toBeNull();
      expect(await savesAudited(db, id)).toBe(0);
    }
  });

  it('writes neither the report nor its audit entry when either write fails', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('监控失败'), 'published');
    await expect(
      withFailingWrites(db, 'audit_log', () => saveMonitoring(db, { user: author }, table.id, report)),
    ).rejects.toThrow(/write refused/);
    expect(await getMonitoringReport(db, table.id, 6)).toBeNull();
    await expect(
      withFailingWrites(db, 'monitoring_reports', () =>
        saveMonitoring(db, { user: author }, table.id, report),
      ),
    ).rejects.toThrow(/write refused/);
    expect(await savesAudited(db, table.id)).toBe(0);
    await saveMonitoring(db, { user: author }, table.id, report);
    expect(await getMonitoringReport(db, table.id, 6)).not.toBeNull();
    expect(await savesAudited(db, table.id)).toBe(1);
  });
});
