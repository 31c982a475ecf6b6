import type { Role } from '@jixiao/core/accounts/account.schema';
import { buildReviewTable, reviewGrades } from '@jixiao/core/review-records/review-record.factory';
import type {
  CommentList,
  ReviewChanges,
  ReviewList,
} from '@jixiao/core/review-records/review-record.schema';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import type { ReviewQueue, WorkflowState } from '@jixiao/core/workflow/workflow.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

const buildTable = (name: string) =>
  buildReviewTable({ name, budget: { total: 2000000, currentYear: 800000 } });

describeEachDatabase('workflow and review API', (getDb) => {
  const getApp = useTestApp(getDb);

  /** A draft of the demo author's unit, stored through the tables' storage. */
  async function draft(name: string): Promise<string> {
    const author = demoUserFor('author');
    const record = await createTableRepository(getDb()).create(
      buildTable(name),
      { userId: author.id },
      { organisationId: demoOrganisationIds.seedUnit },
    );
    return record.id;
  }

  beforeAll(async () => {
    // Signing in creates the demo organisations and users that tables and reviews refer to.
    await getApp().call('GET', '/api/health', { as: 'author' });
  });

  it('runs a full round: submit, return with a comment, resubmit, forward, approve, publish, public read', async () => {
    const { call } = getApp();
    const id = await draft('API 一轮');
    const url = `/api/tables/${id}`;

    const before = await call<WorkflowState>('GET', `${url}/workflow`, { as: 'author' });
    expect(before.status).toBe(200);
    expect(before.body.available.map((t) => t.action)).toEqual(['submit']);

    const submitted = await call<WorkflowState>('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion: 1 },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });
    // Until the department decides, the author may only take the submission back (撤回).
    expect(submitted.body.available.map((t) => t.action)).toEqual(['withdraw']);

    const queue = await call<ReviewQueue>('GET', '/api/review-queue', { as: 'department_reviewer' });
    expect(queue.body.items.map((i) => i.id)).toContain(id);
    expect(
      (await call<ReviewQueue>('GET', '/api/review-queue', { as: 'finance_reviewer' })).body.items.map(
        (i) => i.id,
      ),
    ).not.toContain(id);

    const returned = await call<{ workflow: WorkflowState }>('POST', `${url}/reviews`, {
      as: 'department_reviewer',
      body: {
        expectedVersion: 2,
        criteria: reviewGrades,
        overall: '中',
        decision: 'return',
        summary: '请完善满意度指标',
        comments: [{ path: 'indicators.1.target', text: '满意度目标不应低于上年的 95%' }],
      },
    });
    expect(returned.status).toBe(201);
    expect(returned.body.workflow.status).toBe('returned');

    const authorQueue = await call<ReviewQueue>('GET', '/api/review-queue', { as: 'author' });
    expect(authorQueue.body.items.find((i) => i.id === id)).toMatchObject({ status: 'returned', rounds: 1 });

    const comments = await call<CommentList>('GET', `${url}/comments`, { as: 'author' });
    expect(comments.body.open).toMatchObject([{ path: 'indicators.1.target', indicatorIndex: 1 }]);

    await call('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion: 3 },
    });
    const changes = await call<ReviewChanges>('GET', `${url}/review-changes`, { as: 'department_reviewer' });
    expect(changes.body).toMatchObject({ fromVersion: 2, toVersion: 4 });
    expect(changes.body.diff?.changeCount).toBe(0);

    const forwarded = await call<{ workflow: WorkflowState }>('POST', `${url}/reviews`, {
      as: 'department_reviewer',
      body: { expectedVersion: 4, criteria: reviewGrades, overall: '良', decision: 'forward' },
    });
    expect(forwarded.body.workflow.status).toBe('department_reviewed');
    const financeQueue = await call<ReviewQueue>('GET', '/api/review-queue', { as: 'finance_reviewer' });
    expect(financeQueue.body.items.find((i) => i.id === id)).toMatchObject({ rounds: 2 });

    // The factory table still has errors of the automatic review: approving over them needs a reason.
    const review = { expectedVersion: 5, criteria: reviewGrades, overall: '优', decision: 'approve' };
    const silent = await call<Problem>('POST', `${url}/reviews`, { as: 'finance_reviewer', body: review });
    expect([silent.status, silent.body.code, silent.body.path]).toEqual([
      400,
      'workflow.approval_reason_required',
      'reason',
    ]);
    const approved = await call<{ workflow: WorkflowState }>('POST', `${url}/reviews`, {
      as: 'finance_reviewer',
      body: { ...review, reason: '错误项已与单位核实，批复后调整' },
    });
    expect(approved.body.workflow).toMatchObject({ status: 'approved', available: [{ action: 'publish' }] });

    const published = await call<WorkflowState>('POST', `${url}/transitions`, {
      as: 'finance_reviewer',
      body: { action: 'publish', expectedVersion: 6 },
    });
    expect(published.body.status).toBe('published');

    // The public reads the published table on the portal; the working history stays signed in.
    expect((await call('GET', `${url}/workflow`, { as: 'anonymous' })).status).toBe(401);
    // Signed in, the same published table keeps its working history: who returned it and why.
    const signedIn = await call<WorkflowState>('GET', `${url}/workflow`, { as: 'author' });
    expect(signedIn.status).toBe(200);
    const returnEvent = signedIn.body.history.find((e) => e.action === 'return');
    expect(returnEvent?.comment).toContain('请完善满意度指标');
    expect(returnEvent?.actorName).toBeTruthy();
    const reviews = await call<ReviewList>('GET', `${url}/reviews`, { as: 'auditor' });
    expect(reviews.body.items.map((r) => r.decision)).toEqual(['return', 'forward', 'approve']);
    expect((await call('GET', `${url}/reviews`, { as: 'anonymous' })).status).toBe(401);
    const approveEvent = signedIn.body.history.find((e) => e.action === 'approve');
    expect(approveEvent?.reason).toBe('错误项已与单位核实，批复后调整');
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('diff')
      .where('entity_id', '=', id)
      .where('action', '=', 'table.approve')
      .executeTakeFirstOrThrow();
    expect(audit.diff).toMatchObject({ reason: '错误项已与单位核实，批复后调整' });
    expect((audit.diff as { openErrors: number }).openErrors).toBeGreaterThan(0);

    // An administrator takes it off the portal with a reason; the portal keeps a notice in its place.
    expect((await call('GET', `/api/public/tables/${id}`, { as: 'anonymous' })).status).toBe(200);
    const noReason = await call<Problem>('POST', `${url}/transitions`, {
      as: 'admin',
      body: { action: 'unpublish', expectedVersion: 7 },
    });
    expect(noReason.body.code).toBe('workflow.reason_required');
    const unpublished = await call<WorkflowState>('POST', `${url}/transitions`, {
      as: 'admin',
      body: { action: 'unpublish', expectedVersion: 7, reason: '数据有误，更正后重新公开' },
    });
    expect(unpublished.body.status).toBe('approved');
    const notice = await call<Problem>('GET', `/api/public/tables/${id}`, { as: 'anonymous' });
    expect([notice.status, notice.body.code]).toEqual([410, 'table.unpublished']);
    expect(notice.body.zh).toContain('数据有误，更正后重新公开');
    const list = await call<{ items: { id: string }[] }>('GET', '/api/public/tables', { as: 'anonymous' });
    expect(list.body.items.map((i) => i.id)).not.toContain(id);
    const republished = await call<WorkflowState>('POST', `${url}/transitions`, {
      as: 'finance_reviewer',
      body: { action: 'publish', expectedVersion: 8 },
    });
    expect(republished.body.status).toBe('published');
    expect((await call('GET', `/api/public/tables/${id}`, { as: 'anonymous' })).status).toBe(200);
  });

  it('lets the author withdraw a submission before the department decides, not after', async () => {
    const { call } = getApp();
    const id = await draft('API 撤回');
    const url = `/api/tables/${id}`;
    await call('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion: 1 },
    });
    const withdrawn = await call<WorkflowState>('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'withdraw', expectedVersion: 2 },
    });
    expect(withdrawn.body).toMatchObject({ status: 'draft', version: 3, editable: true });
    await call('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion: 3 },
    });
    await call('POST', `${url}/transitions`, {
      as: 'department_reviewer',
      body: { action: 'forward', expectedVersion: 4 },
    });
    const late = await call<Problem>('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'withdraw', expectedVersion: 5 },
    });
    expect([late.status, late.body.code]).toEqual([409, 'workflow.illegal_transition']);
  });

  it('freezes approved tables against PUT; an adjustment with a reason reopens them as a new version', async () => {
    const { call } = getApp();
    const id = await draft('API 冻结');
    const url = `/api/tables/${id}`;
    const steps = [
      ['author', 'submit'],
      ['department_reviewer', 'forward'],
      ['finance_reviewer', 'approve'],
    ] as const;
    for (const [index, [as, action]] of steps.entries()) {
      const moved = await call('POST', `${url}/transitions`, {
        as,
        body: { action, expectedVersion: index + 1, ...(action === 'approve' ? { reason: '已核实' } : {}) },
      });
      expect(moved.status).toBe(200);
    }
    const edited = { ...buildTable('API 冻结'), name: 'API 冻结（改）' };
    const frozen = await call<Problem>('PUT', url, { as: 'author', body: { version: 4, table: edited } });
    expect([frozen.status, frozen.body.code]).toEqual([409, 'table.frozen']);

    const adjusted = await call<WorkflowState>('POST', `${url}/transitions`, {
      as: 'author',
      body: { action: 'adjust', expectedVersion: 4, reason: '年中预算调整' },
    });
    expect(adjusted.body).toMatchObject({ status: 'draft', version: 5, editable: true });
    const saved = await call<{ version: number }>('PUT', url, {
      as: 'author',
      body: { version: 5, table: edited, reason: '按调整后预算修改' },
    });
    expect([saved.status, saved.body.version]).toEqual([200, 6]);
    const approvedVersion = await call<{ status: string; table: { name: string } }>(
      'GET',
      `${url}/versions/4`,
      {
        as: 'author',
      },
    );
    expect(approvedVersion.body).toMatchObject({ status: 'approved', table: { name: 'API 冻结' } });
  });

  it('gives the second of two parallel transitions on one version a 409', async () => {
    const { call } = getApp();
    const id = await draft('API 并发');
    await call('POST', `/api/tables/${id}/transitions`, {
      as: 'author',
      body: { action: 'submit', expectedVersion: 1 },
    });
    const results = await Promise.all([
      call<Problem>('POST', `/api/tables/${id}/transitions`, {
        as: 'department_reviewer',
        body: { action: 'forward', expectedVersion: 2 },
      }),
      call<Problem>('POST', `/api/tables/${id}/transitions`, {
        as: 'department_reviewer',
        body: { action: 'return', expectedVersion: 2, comment: '退回' },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('table.version_conflict');
  });

  it('answers wrong roles, illegal steps and bad reviews with located problems', async () => {
    const { call } = getApp();
    const id = await draft('API 错误');
    const url = `/api/tables/${id}`;
    const fire = (as: Role | 'anonymous', body: unknown) =>
      call<Problem>('POST', `${url}/transitions`, { as, body });
    expect((await fire('anonymous', { action: 'submit', expectedVersion: 1 })).status).toBe(401);
    const auditor = await fire('auditor', { action: 'submit', expectedVersion: 1 });
    expect([auditor.status, auditor.body.code]).toEqual([403, 'workflow.forbidden']);
    const illegal = await fire('finance_reviewer', { action: 'approve', expectedVersion: 1 });
    expect([illegal.status, illegal.body.code]).toEqual([409, 'workflow.illegal_transition']);
    expect(illegal.body.zh).toContain('不能批复');
    const badAction = await fire('author', { action: 'delete', expectedVersion: 1 });
    expect([badAction.status, badAction.body.path]).toEqual([400, 'action']);

    await fire('author', { action: 'submit', expectedVersion: 1 });
    const noComment = await fire('department_reviewer', { action: 'return', expectedVersion: 2 });
    expect([noComment.status, noComment.body.code, noComment.body.path]).toEqual([
      400,
      'workflow.comment_required',
      'comment',
    ]);
    const badAnchor = await call<Problem>('POST', `${url}/reviews`, {
      as: 'department_reviewer',
      body: {
        expectedVersion: 2,
        criteria: reviewGrades,
        overall: '良',
        decision: 'return',
        comments: [{ path: 'indicators.9.name', text: '没有这一行' }],
      },
    });
    expect([badAnchor.status, badAnchor.body.code, badAnchor.body.path]).toEqual([
      400,
      'review.bad_anchor',
      'comments.0.path',
    ]);
    const blocked = await call<Problem>('POST', `${url}/reviews`, {
      as: 'department_reviewer',
      body: { expectedVersion: 2, criteria: reviewGrades, overall: '差', decision: 'forward' },
    });
    expect([blocked.status, blocked.body.code]).toEqual([400, 'review.grade_blocks']);
    const missing = await call<Problem>('GET', '/api/tables/0e000000-0000-4000-8000-000000000000/workflow', {
      as: 'finance_reviewer',
    });
    expect(missing.status).toBe(404);
  });
});
