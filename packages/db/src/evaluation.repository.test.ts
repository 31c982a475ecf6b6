import { monitoringReportSchema } from '@jixiao/core/monitoring/monitoring.schema';
import {
  buildEntry,
  buildIndicator,
  buildSelfEvaluationTable,
} from '@jixiao/core/scoring/self-evaluation.factory';
import { expect, it } from 'vitest';
import {
  addScoreAdjustment,
  getMonitoringReport,
  getSelfEvaluation,
  monitoringOverview,
  saveMonitoringReport,
  saveSelfEvaluation,
} from './evaluation.repository.ts';
import { createTableRepository } from './tables.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const actor = { userId: 'u-eval', address: '127.0.0.1' };

function table(name: string) {
  return buildSelfEvaluationTable([buildIndicator('>=100个', { weight: 90 })], { kind: 'target', name });
}

describeEachDatabase('evaluation storage', (getDb) => {
  it('keeps one monitoring report per table and month, replaces it on save, leaves the audit log to its caller', async () => {
    const db = getDb();
    const record = await createTableRepository(db).create(table('监控项目'), actor);
    const report = monitoringReportSchema.parse({
      cutOffMonth: 6,
      budget: { annual: 100, executed: 40 },
      indicators: [{ index: 0, value: '30个' }],
    });
    const base = { tableId: record.id, tableVersion: 1, schemeId: 'national-default', actor };
    await saveMonitoringReport(db, { ...base, report, light: 'yellow', risk: 30_010, missingMeasures: 1 });
    await saveMonitoringReport(db, {
      ...base,
      report: { ...report, indicators: [] },
      light: 'red',
      risk: 40_100,
      missingMeasures: 2,
    });
    const stored = await getMonitoringReport(db, record.id, 6);
    expect(stored).toMatchObject({ light: 'red', risk: 40_100, report: { cutOffMonth: 6, indicators: [] } });
    const counted = await db
      .selectFrom('monitoring_reports')
      .select('missing_measures')
      .where('table_id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(counted.missing_measures).toBe(2);
    expect(await getMonitoringReport(db, record.id, 7)).toBeNull();
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', record.id)
      .execute();
    expect(audit.filter((a) => a.action === 'monitoring.save')).toEqual([]);
  });

  it('lists monitoring lights sorted by risk and filtered by organisation and year', async () => {
    const db = getDb();
    const tables = createTableRepository(db);
    const low = await tables.create(table('低风险项目'), actor);
    const high = await tables.create(table('高风险项目'), actor);
    const report = monitoringReportSchema.parse({
      cutOffMonth: 7,
      budget: { annual: 1, executed: 1 },
      indicators: [],
    });
    const base = { tableVersion: 1, schemeId: 'national-default', actor, report };
    await saveMonitoringReport(db, { ...base, tableId: low.id, light: 'green', risk: 0, missingMeasures: 0 });
    await saveMonitoringReport(db, {
      ...base,
      tableId: high.id,
      light: 'red',
      risk: 40_100,
      missingMeasures: 0,
    });
    const rows = await monitoringOverview(db, {
      organisationIds: null,
      year: 2023,
      cutOffMonth: 7,
      sort: 'risk',
      order: 'desc',
      limit: 50,
    });
    expect(rows.map((r) => r.name)).toEqual(['高风险项目', '低风险项目']);
    expect(
      await monitoringOverview(db, { organisationIds: [], sort: 'risk', order: 'desc', limit: 50 }),
    ).toEqual([]);
    const none = await monitoringOverview(db, {
      organisationIds: null,
      year: 1999,
      sort: 'risk',
      order: 'desc',
      limit: 50,
    });
    expect(none).toEqual([]);
  });

  it('stores a self-evaluation and appends score adjustments, latest per row in force, auditing none', async () => {
    const db = getDb();
    const record = await createTableRepository(db).create(table('自评项目'), actor);
    const entry = buildEntry(['80个']);
    await saveSelfEvaluation(db, {
      tableId: record.id,
      tableVersion: 1,
      schemeId: 'national-2020',
      entry,
      total: 82,
      grade: '良',
      complete: true,
      actor,
    });
    const adjust = (score: number, reason: string) =>
      addScoreAdjustment(db, {
        tableId: record.id,
        adjustment: { target: 0, score, reason },
        computedScore: 72,
        total: 10 + score,
        grade: '优',
        actor: { userId: 'reviewer', address: null },
      });
    await adjust(85, '佐证材料显示实际完成 95 个');
    await adjust(80, '复核后调整');
    const stored = await getSelfEvaluation(db, record.id);
    expect(stored?.adjustments.map((a) => [a.score, a.reason])).toEqual([
      [85, '佐证材料显示实际完成 95 个'],
      [80, '复核后调整'],
    ]);
    expect(stored?.entry.adjustments).toEqual([{ target: 0, score: 80, reason: '复核后调整' }]);
    expect(stored).toMatchObject({ total: 90, grade: '优' });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'diff'])
      .where('entity_id', '=', record.id)
      .where('action', 'like', 'self_evaluation.%')
      .execute();
    // The server's use cases audit each save and adjustment in its transaction.
    expect(audit).toEqual([]);
    expect(await getSelfEvaluation(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
