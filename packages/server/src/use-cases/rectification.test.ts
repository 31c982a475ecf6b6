import { buildReviewTable, reviewIndicators } from '@jixiao/core/review-records/review-record.factory';
import {
  buildEntry,
  buildIndicator,
  buildSelfEvaluationTable,
} from '@jixiao/core/scoring/self-evaluation.factory';
import type { Database } from '@jixiao/db/database';
import { getLinkageDecision, listRectifications } from '@jixiao/db/rectification.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import {
  auditEntriesOf,
  author,
  departmentReviewer,
  financeReviewer,
  forbidden,
  insertOrganisations,
  otherAuthor,
  refusal,
  storeUnitTable,
  unauthenticated,
} from '../testing/use-case-world.ts';
import {
  answerRectificationTask,
  attachRectificationEvidence,
  closeRectificationTask,
  decideBudgetLinkage,
  openRectificationTasks,
  removeRectificationEvidenceFile,
  returnRectificationTask,
} from './rectification.ts';
import { saveSelfEvaluationEntry } from './self-evaluation.ts';

// A target of ≥100 of which 80 were done: the scored self-evaluation has one missed indicator.
const buildTable = (name: string) =>
  buildSelfEvaluationTable([buildIndicator('>=100个', { weight: 90 })], { kind: 'target', name });
const { adjustments: _, ...entry } = buildEntry(['80个']);
const now = new Date('2026-03-01T00:00:00Z');
const deadline = { deadline: '2030-06-30', from: 'self_evaluation' } as const;
const pdf = { name: '整改说明.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') };

/** An approved table of the unit with its self-evaluation saved by the author. */
async function evaluatedTable(db: Database, name: string): Promise<string> {
  const table = await storeUnitTable(db, buildTable(name), 'approved');
  await saveSelfEvaluationEntry(db, { user: author }, table.id, entry, now);
  return table.id;
}

async function actionsOn(db: Database, id: string, prefix: string): Promise<string[]> {
  return (await auditEntriesOf(db, id)).map((a) => a.action).filter((a) => a.startsWith(prefix));
}

describeEachDatabase('rectification use cases', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('opens a task per missed target, the unit answers with a file, the reviewer closes: each with its entry', async () => {
    const db = getDb();
    const tableId = await evaluatedTable(db, '整改流程');
    const [task] = await openRectificationTasks(
      db,
      { user: departmentReviewer, address: '10.0.0.2' },
      tableId,
      deadline,
    );
    expect(task).toMatchObject({ status: 'open', deadline: '2030-06-30', source: expect.any(String) });
    // The same problem twice opens nothing and writes no entry.
    await openRectificationTasks(db, { user: financeReviewer }, tableId, deadline);
    expect(await auditEntriesOf(db, tableId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'rectification.open', actor: departmentReviewer.id }),
      ]),
    );
    expect(await actionsOn(db, tableId, 'rectification.')).toEqual(['rectification.open']);
    const taskId = task?.id ?? '';
    await answerRectificationTask(db, { user: author }, tableId, taskId, { measures: '已落实' });
    const withFile = await attachRectificationEvidence(
      db,
      { user: author },
      tableId,
      taskId,
      async () => pdf,
    );
    expect(withFile.files).toMatchObject([{ name: '整改说明.pdf', mediaType: 'application/pdf' }]);
    const fileId = withFile.files[0]?.id ?? '';
    expect(
      (await removeRectificationEvidenceFile(db, { user: author }, tableId, taskId, fileId)).files,
    ).toEqual([]);
    const closed = await closeRectificationTask(db, { user: financeReviewer }, tableId, taskId, '已核实');
    expect(closed).toMatchObject({ status: 'closed', closeNote: '已核实', measures: '已落实' });
    expect(await auditEntriesOf(db, taskId)).toMatchObject([
      { action: 'rectification.answer', actor: author.id, diff: { tableId, measures: '已落实' } },
      { action: 'rectification.evidence_add', diff: { name: '整改说明.pdf', size: pdf.bytes.byteLength } },
      { action: 'rectification.evidence_remove', diff: { fileId } },
      { action: 'rectification.close', actor: financeReviewer.id, diff: { note: '已核实' } },
    ]);
  });

  it('refuses the wrong callers and states with their zh/en errors, changing nothing', async () => {
    const db = getDb();
    const tableId = await evaluatedTable(db, '整改拒绝');
    expect(await refusal(openRectificationTasks(db, { user: author }, tableId, deadline))).toMatchObject(
      forbidden,
    );
    expect(await refusal(openRectificationTasks(db, { user: null }, tableId, deadline))).toMatchObject(
      unauthenticated,
    );
    expect(await listRectifications(db, { tableId })).toEqual([]);
    const [task] = await openRectificationTasks(db, { user: departmentReviewer }, tableId, deadline);
    const taskId = task?.id ?? '';
    for (const user of [otherAuthor, departmentReviewer]) {
      expect(
        await refusal(answerRectificationTask(db, { user }, tableId, taskId, { measures: '无' })),
      ).toMatchObject(forbidden);
    }
    let read = false;
    const receive = async () => {
      read = true;
      return pdf;
    };
    expect(
      await refusal(attachRectificationEvidence(db, { user: otherAuthor }, tableId, taskId, receive)),
    ).toMatchObject(forbidden);
    expect(read).toBe(false);
    expect(await refusal(closeRectificationTask(db, { user: author }, tableId, taskId, null))).toMatchObject(
      forbidden,
    );
    const early = await refusal(closeRectificationTask(db, { user: financeReviewer }, tableId, taskId, null));
    expect(early).toMatchObject({
      code: 'rectification.wrong_status',
      zh: '整改任务尚未答复，不能关闭或退回',
      en: 'The task has not been answered yet, so it cannot be closed or sent back',
      location: { path: 'taskId' },
    });
    expect((await listRectifications(db, { tableId }))[0]?.status).toBe('open');
    expect(await auditEntriesOf(db, taskId)).toEqual([]);
  });

  it('writes no task, answer or file when its entry cannot be written', async () => {
    const db = getDb();
    const tableId = await evaluatedTable(db, '整改失败');
    const open = () => openRectificationTasks(db, { user: departmentReviewer }, tableId, deadline);
    await expect(withFailingWrites(db, 'audit_log', open)).rejects.toThrow(/write refused/);
    expect(await listRectifications(db, { tableId })).toEqual([]);
    const [task] = await open();
    const taskId = task?.id ?? '';
    const answer = () =>
      answerRectificationTask(db, { user: author }, tableId, taskId, { measures: '已落实' });
    await expect(withFailingWrites(db, 'audit_log', answer)).rejects.toThrow(/write refused/);
    const attach = () => attachRectificationEvidence(db, { user: author }, tableId, taskId, async () => pdf);
    await expect(withFailingWrites(db, 'audit_log', attach)).rejects.toThrow(/write refused/);
    expect((await listRectifications(db, { tableId }))[0]).toMatchObject({ status: 'open', files: [] });
    expect(await auditEntriesOf(db, taskId)).toEqual([]);
    expect((await answer()).status).toBe('answered');
  });

  it('sends an answered task back with `rectification.return`, refusing the unit and an open task', async () => {
    const db = getDb();
    const tableId = await evaluatedTable(db, '整改退回');
    const [task] = await openRectificationTasks(db, { user: departmentReviewer }, tableId, deadline);
    const taskId = task?.id ?? '';
    expect(
      await refusal(returnRectificationTask(db, { user: financeReviewer }, tableId, taskId, '无')),
    ).toMatchObject({
      code: 'rectification.wrong_status',
    });
    await answerRectificationTask(db, { user: author }, tableId, taskId, { measures: '太简略' });
    expect(await refusal(returnRectificationTask(db, { user: author }, tableId, taskId, '无'))).toMatchObject(
      forbidden,
    );
    const returned = await returnRectificationTask(
      db,
      { user: departmentReviewer },
      tableId,
      taskId,
      '措施不具体',
    );
    expect(returned).toMatchObject({ status: 'open', returnNote: '措施不具体' });
    expect((await auditEntriesOf(db, taskId)).map((a) => a.action)).toEqual([
      'rectification.answer',
      'rectification.return',
    ]);
  });

  it('records the current reviewer’s budget-linkage decision with `linkage.decide`, refusing others', async () => {
    const db = getDb();
    const table = await storeUnitTable(
      db,
      buildReviewTable({ name: '结果应用', indicators: reviewIndicators().slice(0, 1) }),
      'submitted',
    );
    const decision = { decision: 'keep', reason: '上年自评良好' } as const;
    for (const user of [author, financeReviewer]) {
      expect(await refusal(decideBudgetLinkage(db, { user }, table.id, decision))).toMatchObject(forbidden);
    }
    await expect(
      withFailingWrites(db, 'audit_log', () =>
        decideBudgetLinkage(db, { user: departmentReviewer }, table.id, decision),
      ),
    ).rejects.toThrow(/write refused/);
    expect(await getLinkageDecision(db, table.id)).toBeNull();
    expect(await decideBudgetLinkage(db, { user: departmentReviewer }, table.id, decision)).toMatchObject(
      decision,
    );
    expect((await auditEntriesOf(db, table.id)).filter((a) => a.action === 'linkage.decide')).toMatchObject([
      {
        actor: departmentReviewer.id,
        diff: { decision: 'keep', reason: '上年自评良好', previousGrade: null },
      },
    ]);
  });
});
