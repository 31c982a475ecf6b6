import {
  buildEntry,
  buildIndicator,
  buildSelfEvaluationTable,
} from '@jixiao/core/scoring/self-evaluation.factory';
import type { Database } from '@jixiao/db/database';
import { getSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import {
  auditEntriesOf,
  author,
  departmentReviewer,
  insertOrganisations,
  otherAuthor,
  outsider,
  refusal,
  storeUnitTable,
} from '../testing/use-case-world.ts';
import { adjustScore, saveSelfEvaluationEntry } from './self-evaluation.ts';

const buildTable = (name: string) =>
  buildSelfEvaluationTable([buildIndicator('>=100个', { weight: 90 })], { kind: 'target', name });
const { adjustments: _, ...entry } = buildEntry(['80个']);
const now = new Date('2026-03-01T00:00:00Z');

async function actionsOf(db: Database, tableId: string): Promise<string[]> {
  return (await auditEntriesOf(db, tableId))
    .map((a) => a.action)
    .filter((action) => action.startsWith('self_evaluation.'));
}

describeEachDatabase('saving and adjusting a self-evaluation', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('keeps the entry and a reviewer’s adjustment, each with its audit entry', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('自评保存'), 'approved');
    const saved = await saveSelfEvaluationEntry(
      db,
      { user: author, address: '10.0.0.7' },
      table.id,
      entry,
      now,
    );
    expect(saved.stored).toMatchObject({ tableId: table.id, updatedBy: author.id });
    const adjusted = await adjustScore(db, { user: departmentReviewer }, table.id, {
      target: 0,
      score: 70,
      reason: '佐证材料不足',
    });
    expect(adjusted.stored.entry.adjustments).toEqual([{ target: 0, score: 70, reason: '佐证材料不足' }]);
    expect(adjusted.stored.total).not.toBe(saved.stored.total);
    const audit = (await auditEntriesOf(db, table.id)).filter((a) => a.action.startsWith('self_evaluation.'));
    expect(audit).toMatchObject([
      { action: 'self_evaluation.save', actor: author.id, actor_address: '10.0.0.7' },
      {
        action: 'self_evaluation.adjust_score',
        actor: departmentReviewer.id,
        diff: { target: 0, to: 70, reason: '佐证材料不足', total: adjusted.stored.total },
      },
    ]);
  });

  it('refuses whoever may not save or adjust with located zh/en errors, writing nothing', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('自评拒绝'), 'approved');
    for (const user of [otherAuthor, departmentReviewer]) {
      expect(await refusal(saveSelfEvaluationEntry(db, { user }, table.id, entry, now))).toMatchObject({
        code: 'auth.forbidden',
        zh: '您没有权限执行此操作',
        en: 'You are not allowed to do this',
      });
    }
    expect(await getSelfEvaluation(db, table.id)).toBeNull();
    await saveSelfEvaluationEntry(db, { user: author }, table.id, entry, now);
    const adjustment = { target: 0 as const, score: 10, reason: '越权调整' };
    for (const user of [author, outsider]) {
      expect(await refusal(adjustScore(db, { user }, table.id, adjustment))).toMatchObject({
        code: 'auth.forbidden',
        zh: '您没有权限执行此操作',
      });
    }
    expect(await refusal(adjustScore(db, { user: null }, table.id, adjustment))).toMatchObject({
      code: 'auth.unauthenticated',
      en: 'Please sign in first',
    });
    expect((await getSelfEvaluation(db, table.id))?.adjustments).toEqual([]);
    expect(await actionsOf(db, table.id)).toEqual(['self_evaluation.save']);
  });

  it('writes neither the change nor its audit entry when either write fails', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('自评失败'), 'approved');
    const save = () => saveSelfEvaluationEntry(db, { user: author }, table.id, entry, now);
    await expect(withFailingWrites(db, 'audit_log', save)).rejects.toThrow(/write refused/);
    await expect(withFailingWrites(db, 'self_evaluations', save)).rejects.toThrow(/write refused/);
    expect(await getSelfEvaluation(db, table.id)).toBeNull();
    expect(await actionsOf(db, table.id)).toEqual([]);
    await save();
    const adjust = () =>
      adjustScore(db, { user: departmentReviewer }, table.id, { target: 0, score: 50, reason: '复核' });
    // The adjustment row is written first, the total second, the audit entry last: each failure undoes all.
    for (const failing of ['audit_log', 'self_evaluations', 'score_adjustments'] as const) {
      await expect(withFailingWrites(db, failing, adjust)).rejects.toThrow(/write refused/);
    }
    const stored = await getSelfEvaluation(db, table.id);
    expect(stored?.adjustments).toEqual([]);
    expect(await actionsOf(db, table.id)).toEqual(['self_evaluation.save']);
  });
});
