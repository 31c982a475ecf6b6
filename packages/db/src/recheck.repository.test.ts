import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import {
  buildEntry,
  buildIndicator,
  buildSelfEvaluationTable,
} from '@jixiao/core/scoring/self-evaluation.factory';
import { expect, it } from 'vitest';
import {
  addScoreAdjustment,
  getSelfEvaluation,
  recheckList,
  saveSelfEvaluation,
} from './evaluation.repository.ts';
import { createTableRepository } from './tables.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const actor = { userId: 'u-recheck', address: '127.0.0.1' };
const scheme = getScoringScheme();

/** A stored table with a self-evaluation whose unit claimed `claimed` on a met 90-point indicator. */
async function evaluated(db: Parameters<typeof saveSelfEvaluation>[0], name: string, claimed: number | null) {
  const table = buildSelfEvaluationTable([buildIndicator('>=100个', { weight: 90 })], {
    kind: 'target',
    name,
  });
  const record = await createTableRepository(db).create(table, actor);
  const entry = buildEntry(['100个'], {
    claim:
      claimed === null
        ? null
        : {
            source: 'import',
            rows: [{ index: 0, weight: 90, actual: '100个', score: claimed }],
            executionScore: 10,
            total: null,
          },
  });
  const score = scoreSelfEvaluation(record.table, entry, scheme);
  await saveSelfEvaluation(db, {
    tableId: record.id,
    tableVersion: record.version,
    schemeId: scheme.id,
    entry,
    total: score.total,
    grade: score.grade,
    complete: score.complete,
    actor,
    recheck: score.claim
      ? {
          claimedTotal: score.claim.claimedTotal,
          ruleTotal: score.claim.ruleTotal,
          gap: score.claim.gap,
          causes: score.claim.causes,
        }
      : null,
  });
  return { record, score };
}

describeEachDatabase('re-check list (财政复核)', (getDb) => {
  it('lists claimed self-evaluations by the gap between claimed and rule totals, filtered by cause', async () => {
    const db = getDb();
    const small = await evaluated(db, '小差距项目', 88);
    const large = await evaluated(db, '大差距项目', 60);
    await evaluated(db, '一致项目', 90);
    await evaluated(db, '无自评得分项目', null);
    const all = (await recheckList(db, { organisationIds: null, limit: 50 })).filter((r) =>
      r.name.endsWith('项目'),
    );
    expect(all.map((r) => [r.name, r.gap])).toEqual([
      ['大差距项目', -30],
      ['小差距项目', -2],
      ['一致项目', 0],
    ]);
    expect(all[0]?.causes).toEqual(['met_below_weight']);
    const byCause = await recheckList(db, { organisationIds: null, cause: 'met_below_weight', limit: 50 });
    expect(byCause.map((r) => r.tableId)).toEqual([large.record.id, small.record.id]);
    expect(await recheckList(db, { organisationIds: [], limit: 50 })).toEqual([]);
  });

  it('keeps a reviewer’s decision per row with its reason and counts it in the list', async () => {
    const db = getDb();
    const { record } = await evaluated(db, '决定项目', 80);
    await addScoreAdjustment(db, {
      tableId: record.id,
      adjustment: { target: 0, score: 80, reason: '资金到位晚，按单位自评' },
      computedScore: 90,
      total: 90,
      grade: '优',
      actor,
      decision: 'claim',
    });
    const stored = await getSelfEvaluation(db, record.id);
    expect(stored?.adjustments.map((a) => [a.decision, a.score, a.reason])).toEqual([
      ['claim', 80, '资金到位晚，按单位自评'],
    ]);
    const rows = await recheckList(db, { organisationIds: null, limit: 50 });
    expect(rows.find((r) => r.tableId === record.id)?.decisions).toBe(1);
  });
});
