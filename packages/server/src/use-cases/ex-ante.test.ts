import { type ExAnteAssessmentInput, exAnteDimensions } from '@jixiao/core/ex-ante/ex-ante.schema';
import { buildReviewTable, reviewIndicators } from '@jixiao/core/review-records/review-record.factory';
import { getExAnteAssessment } from '@jixiao/db/ex-ante.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import {
  auditEntriesOf,
  author,
  departmentReviewer,
  forbidden,
  insertOrganisations,
  otherAuthor,
  refusal,
  storeUnitTable,
  unauthenticated,
} from '../testing/use-case-world.ts';
import { saveExAnte } from './ex-ante.ts';

const buildTable = (name: string) => buildReviewTable({ name, indicators: reviewIndicators().slice(0, 1) });
const assessment = (
  score: number,
  conclusion: ExAnteAssessmentInput['conclusion'],
): ExAnteAssessmentInput => ({
  scores: exAnteDimensions.map((dimension) => ({ dimension, score, evidence: `${dimension} 的依据` })),
  conclusion,
  opinion: '综合意见',
});

describeEachDatabase('ex-ante use case', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('saves and replaces the author’s assessment with `ex_ante.save` entries', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('事前评估'));
    const first = await saveExAnte(
      db,
      { user: author, address: '10.0.0.5' },
      table.id,
      assessment(18, 'support'),
    );
    expect(first.assessment).toMatchObject({ total: 90, conclusion: 'support' });
    await saveExAnte(db, { user: author }, table.id, assessment(12, 'partial'));
    expect((await auditEntriesOf(db, table.id)).filter((a) => a.action === 'ex_ante.save')).toMatchObject([
      { actor: author.id, actor_address: '10.0.0.5', diff: { conclusion: 'support', total: 90 } },
      { diff: { conclusion: 'partial', total: 60, before: { conclusion: 'support', total: 90 } } },
    ]);
  });

  it('refuses other units, reviewers, anonymous callers and a table under review, saving nothing', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('拒绝事前评估'));
    for (const user of [otherAuthor, departmentReviewer]) {
      expect(await refusal(saveExAnte(db, { user }, table.id, assessment(18, 'support')))).toMatchObject(
        forbidden,
      );
    }
    expect(await refusal(saveExAnte(db, { user: null }, table.id, assessment(18, 'support')))).toMatchObject(
      unauthenticated,
    );
    const submitted = await storeUnitTable(db, buildTable('审核中事前评估'), 'submitted');
    expect(
      await refusal(saveExAnte(db, { user: author }, submitted.id, assessment(18, 'support'))),
    ).toMatchObject(forbidden);
    expect(await getExAnteAssessment(db, table.id)).toBeNull();
    expect(await getExAnteAssessment(db, submitted.id)).toBeNull();
  });

  it('writes no assessment when its entry cannot be written', async () => {
    const db = getDb();
    const table = await storeUnitTable(db, buildTable('事前评估失败'));
    const save = () => saveExAnte(db, { user: author }, table.id, assessment(18, 'support'));
    await expect(withFailingWrites(db, 'audit_log', save)).rejects.toThrow(/write refused/);
    expect(await getExAnteAssessment(db, table.id)).toBeNull();
    expect((await auditEntriesOf(db, table.id)).map((a) => a.action)).toEqual(['table.create']);
    expect((await save()).assessment.total).toBe(90);
  });
});
