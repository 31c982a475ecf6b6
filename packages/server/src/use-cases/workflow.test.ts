import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import type { AppError } from '@jixiao/core/errors/app-error';
import { codeOfAsync } from '@jixiao/core/errors/testing/code-of';
import {
  buildReview,
  buildReviewTable,
  reviewIndicators,
} from '@jixiao/core/review-records/review-record.factory';
import type { WorkflowAction } from '@jixiao/core/workflow/workflow.schema';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { tableAtVersion } from '@jixiao/db/workflow.repository';
import { listReviews } from '@jixiao/db/workflow-history.repository';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  author,
  departmentReviewer,
  financeReviewer,
  insertOrganisations,
  outsider,
  UNIT,
} from '../testing/use-case-world.ts';
import { fireTransition, submitReview, workflowState } from './workflow.ts';

const dept = departmentReviewer;
const finance = financeReviewer;

/** One indicator is enough for the workflow. */
const buildTable = (name: string) => buildReviewTable({ name, indicators: reviewIndicators().slice(0, 1) });

/** Stores a draft table (version 1) through the tables' own storage, as the editor would. */
async function insertDraft(db: Database, name: string): Promise<string> {
  const record = await createTableRepository(db).create(
    buildTable(name),
    { userId: author.id },
    { organisationId: UNIT },
  );
  return record.id;
}

/** Audit rows the workflow wrote for a table (its creation is the tables' own entry). */
async function auditCount(db: Database, id: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_id', '=', id)
    .where('action', '!=', 'table.create')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDatabase('the review flow', (getDb) => {
  beforeAll(async () => insertOrganisations(getDb()));

  it('runs one full round: submit, return with comments, resubmit, forward, approve, publish', async () => {
    const db = getDb();
    const id = await insertDraft(db, '一轮完整流程');
    let state = await fireTransition(db, id, { action: 'submit', expectedVersion: 1 }, { user: author });
    expect(state).toMatchObject({ status: 'submitted', version: 2, editable: false });
    expect((await workflowState(db, id, dept)).available.map((t) => t.action)).toEqual(['forward', 'return']);

    const returned = await submitReview(
      db,
      id,
      buildReview({
        expectedVersion: 2,
        overall: '中',
        decision: 'return',
        comments: [{ path: 'indicators.0.target', text: '目标值偏低，请参考上年完成值' }],
      }),
      { user: dept, address: '10.0.0.2' },
    );
    expect(returned.workflow).toMatchObject({ status: 'returned', version: 3, editable: true });
    expect(returned.review.comments).toMatchObject([
      { path: 'indicators.0.target', indicatorIndex: 0, version: 2, authorName: dept.displayName },
    ]);

    state = await fireTransition(db, id, { action: 'submit', expectedVersion: 3 }, { user: author });
    const forwarded = await submitReview(db, id, buildReview({ expectedVersion: 4, decision: 'forward' }), {
      user: dept,
    });
    expect(forwarded.workflow.status).toBe('department_reviewed');
    const approved = await submitReview(
      db,
      id,
      buildReview({ expectedVersion: 5, overall: '优', decision: 'approve', summary: '同意批复' }),
      { user: finance },
    );
    expect(approved.workflow.status).toBe('approved');
    state = await fireTransition(db, id, { action: 'publish', expectedVersion: 6 }, { user: finance });
    expect(state).toMatchObject({ status: 'published', version: 7, editable: false });
    expect(state.history.map((e) => e.action)).toEqual([
      'submit',
      'return',
      'submit',
      'forward',
      'approve',
      'publish',
    ]);
    expect(state.history.map((e) => e.toVersion)).toEqual([2, 3, 4, 5, 6, 7]);

    const reviews = await listReviews(db, id);
    expect(reviews.map((r) => [r.stage, r.decision, r.version])).toEqual([
      ['department', 'return', 2],
      ['department', 'forward', 4],
      ['finance', 'approve', 5],
    ]);
    // 6 transitions + 3 reviews, each audited in its own transaction.
    expect(await auditCount(db, id)).toBe(9);
    const stored = await db
      .selectFrom('target_tables')
      .select(['status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'published', version: 7 });
  });

  it('adjusts an approved table into a new draft version that keeps the reason; the approved version stays', async () => {
    const db = getDb();
    const id = await insertDraft(db, '调整');
    await fireTransition(db, id, { action: 'submit', expectedVersion: 1 }, { user: author });
    await fireTransition(db, id, { action: 'forward', expectedVersion: 2 }, { user: dept });
    await fireTransition(db, id, { action: 'approve', expectedVersion: 3 }, { user: finance });
    expect(
      await codeOfAsync(fireTransition(db, id, { action: 'adjust', expectedVersion: 4 }, { user: author })),
    ).toBe('workflow.reason_required');
    const state = await fireTransition(
      db,
      id,
      { action: 'adjust', expectedVersion: 4, reason: '年中预算调减 10 万元' },
      { user: author },
    );
    expect(state).toMatchObject({ status: 'draft', version: 5, editable: true });
    const versions = await db
      .selectFrom('table_versions')
      .select(['version', 'status', 'reason'])
      .where('table_id', '=', id)
      .orderBy('version')
      .execute();
    expect(versions.at(-2)).toEqual({ version: 4, status: 'approved', reason: null });
    expect(versions.at(-1)).toEqual({ version: 5, status: 'draft', reason: '年中预算调减 10 万元' });
    expect((await tableAtVersion(db, id, 4))?.name).toBe('调整');
  });

  it('refuses the wrong role, another department, anonymous users and stale versions, writing nothing', async () => {
    const db = getDb();
    const id = await insertDraft(db, '拒绝');
    const attempt = (action: WorkflowAction, user: SessionUser | null, expectedVersion = 1) =>
      codeOfAsync(fireTransition(db, id, { action, expectedVersion }, { user }));
    expect(await attempt('submit', dept)).toBe('workflow.forbidden');
    expect(await attempt('submit', null)).toBe('workflow.forbidden');
    expect(await attempt('approve', finance)).toBe('workflow.illegal_transition');
    expect(await attempt('submit', author, 7)).toBe('table.version_conflict');
    await fireTransition(db, id, { action: 'submit', expectedVersion: 1 }, { user: author });
    expect(await attempt('forward', outsider, 2)).toBe('workflow.forbidden');
    expect(
      await codeOfAsync(submitReview(db, id, buildReview({ expectedVersion: 2 }), { user: outsider })),
    ).toBe('workflow.forbidden');
    expect(
      await codeOfAsync(
        submitReview(db, id, buildReview({ expectedVersion: 2, decision: 'approve' }), { user: finance }),
      ),
    ).toBe('review.decision_mismatch');
    expect(await listReviews(db, id)).toEqual([]);
    expect(await auditCount(db, id)).toBe(1);
    expect(
      await codeOfAsync(
        fireTransition(
          db,
          '0e000000-0000-4000-8000-000000000000',
          { action: 'submit', expectedVersion: 1 },
          { user: author },
        ),
      ),
    ).toBe('table.not_found');
  });

  it('lets exactly one of several concurrent transitions on the same version win', async () => {
    const db = getDb();
    for (let round = 0; round < 3; round++) {
      const id = await insertDraft(db, `并发${round}`);
      await fireTransition(db, id, { action: 'submit', expectedVersion: 1 }, { user: author });
      const results = await Promise.allSettled([
        fireTransition(db, id, { action: 'forward', expectedVersion: 2 }, { user: dept }),
        fireTransition(db, id, { action: 'return', expectedVersion: 2, comment: '退回' }, { user: dept }),
        submitReview(db, id, buildReview({ expectedVersion: 2 }), { user: dept }),
        fireTransition(db, id, { action: 'forward', expectedVersion: 2 }, { user: dept }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const r of lost) expect((r.reason as AppError).code).toBe('table.version_conflict');
      const state = await workflowState(db, id, dept);
      expect(state.version).toBe(3);
      expect(state.history).toHaveLength(2);
    }
  });
});

describe('review flow test data', () => {
  it('builds valid tables', () => {
    expect(buildTable('x').indicators).toHaveLength(1);
  });
});
