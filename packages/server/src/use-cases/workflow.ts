import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import {
  reviewStage,
  reviewTransitionComment,
  validateReview,
} from '@jixiao/core/review-records/review-record';
import type { ReviewCreate, ReviewRecord } from '@jixiao/core/review-records/review-record.schema';
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import type {
  ReviewQueueItem,
  TransitionRequest,
  WorkflowEvent,
  WorkflowState,
} from '@jixiao/core/workflow/workflow.schema';
import {
  assertApprovalReason,
  assertCurrentVersion,
  availableTransitions,
  decideTransition,
  isEditable,
} from '@jixiao/core/workflow/workflow-machine';
import { policyAllows, reviewQueueStatuses, waitsFor } from '@jixiao/core/workflow/workflow-policy';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { writeAudit } from '@jixiao/db/audit.repository';
import type { Database, DatabaseTransaction } from '@jixiao/db/database';
import {
  lockWorkflowTable,
  removeFromCatalogue,
  storeTransition,
  tablesWaitingIn,
  type WorkflowTable,
  workflowTableStatus,
} from '@jixiao/db/workflow.repository';
import {
  countReviews,
  type HistoryActor,
  insertReview,
  listWorkflowEvents,
} from '@jixiao/db/workflow-history.repository';
import { tableResource, tableResourceIn } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';

// The review flow as use cases: each step is decided here with core's machine and the accounts policies
// (which step, by whom, on which version, with which comment or reason), kept by the repositories in one
// transaction with its audit entry, and answered with the table's new workflow state. Callers (the API,
// the demo data) authorise the request and gather what the step needs to know first.

/**
 * What the caller found out before the transaction: `openErrors`, the errors the automatic review reports
 * on the table (the rule sets live with the server), so that approving over them needs a reason.
 */
export interface TransitionChecks {
  openErrors?: number;
}

const historyActor = (actor: Caller): HistoryActor => ({
  id: actor.user?.id ?? null,
  name: actor.user?.displayName ?? null,
});

/**
 * Moves a locked table one step: the version the caller saw, the machine and the policies decide; the
 * repositories keep the new version, the event and the audit entry, all in `trx`.
 */
async function applyTransition(
  trx: DatabaseTransaction,
  table: WorkflowTable,
  request: TransitionRequest,
  actor: Caller,
  checks: TransitionChecks,
): Promise<WorkflowEvent> {
  assertCurrentVersion(request.expectedVersion, table.version);
  const resource = await tableResource(trx, table);
  const rule = decideTransition({
    status: table.status,
    action: request.action,
    roles: actor.user?.roles ?? [],
    comment: request.comment,
    reason: request.reason,
    allowed: policyAllows(actor.user, resource),
  });
  const openErrors = request.action === 'approve' ? (checks.openErrors ?? 0) : 0;
  assertApprovalReason(request.action, openErrors, request.reason);
  const comment = request.comment?.trim() || null;
  const reason = request.reason?.trim() || null;
  const event = await storeTransition(trx, {
    table,
    action: request.action,
    to: rule.to,
    actor: historyActor(actor),
    comment,
    reason,
  });
  // A table taken off the portal leaves the public catalogue at once.
  if (rule.action === 'unpublish') await removeFromCatalogue(trx, table.id);
  await writeAudit(trx, {
    actor: auditActorOf(actor),
    action: `table.${request.action}`,
    entity: 'table',
    entityId: table.id,
    diff: {
      status: { before: table.status, after: rule.to },
      version: { before: table.version, after: event.toVersion },
      ...(comment ? { comment } : {}),
      ...(reason ? { reason } : {}),
      ...(openErrors > 0 ? { openErrors } : {}),
    },
  });
  return event;
}

/**
 * Fires one workflow transition. Fails with `table.not_found`, `table.version_conflict` (someone acted
 * first: the second of two concurrent requests always loses), or the machine's `workflow.*` codes.
 * Returns the table's new workflow state for `actor`.
 */
export async function fireTransition(
  db: Database,
  tableId: string,
  request: TransitionRequest,
  actor: Caller,
  checks: TransitionChecks = {},
): Promise<WorkflowState> {
  await db.transaction().execute(async (trx) => {
    const table = await lockWorkflowTable(trx, tableId, { content: false });
    await applyTransition(trx, table, request, actor, checks);
  });
  return workflowState(db, tableId, actor.user);
}

/**
 * Records a review round and fires the transition its decision implies (return / forward / approve) in one
 * transaction. The review is validated by core against the locked version.
 */
export async function submitReview(
  db: Database,
  tableId: string,
  review: ReviewCreate,
  actor: Caller,
  checks: TransitionChecks = {},
): Promise<{ review: ReviewRecord; workflow: WorkflowState }> {
  const stored = await db.transaction().execute(async (trx) => {
    const table = await lockWorkflowTable(trx, tableId);
    assertCurrentVersion(review.expectedVersion, table.version);
    const content = performanceTableSchema.parse(table.content);
    const comments = validateReview(review, content, table.status);
    const stage = reviewStage(table.status);
    // validateReview has thrown unless a review is pending, so the stage is known here.
    if (!stage) throw new Error('unreachable: no review stage');
    // The transition runs first: it checks the reviewer's role and organisation before anything is kept.
    await applyTransition(
      trx,
      table,
      {
        action: review.decision,
        expectedVersion: review.expectedVersion,
        comment: reviewTransitionComment(review) ?? undefined,
        ...(review.reason ? { reason: review.reason } : {}),
      },
      actor,
      checks,
    );
    const record = await insertReview(trx, {
      tableId,
      version: table.version,
      stage,
      review,
      comments,
      actor: historyActor(actor),
    });
    await writeAudit(trx, {
      actor: auditActorOf(actor),
      action: 'review.create',
      entity: 'table',
      entityId: tableId,
      diff: {
        version: table.version,
        stage,
        criteria: review.criteria,
        overall: review.overall,
        decision: review.decision,
        comments: comments.length,
      },
    });
    return record;
  });
  return { review: stored, workflow: await workflowState(db, tableId, actor.user) };
}

/** A table's status, version, what `user` may do next, and its transition history. */
export async function workflowState(
  db: Database,
  tableId: string,
  user: SessionUser | null,
): Promise<WorkflowState> {
  const table = await workflowTableStatus(db, tableId);
  const resource = await tableResource(db, table);
  return {
    tableId,
    status: table.status,
    version: table.version,
    editable: isEditable(table.status),
    available: availableTransitions(table.status, user?.roles ?? [], policyAllows(user, resource)),
    history: await listWorkflowEvents(db, tableId),
  };
}

/**
 * Tables waiting for `user`'s next step, as the accounts policies decide: submitted tables of units under
 * a department reviewer, forwarded tables for a finance reviewer, returned tables of the author's unit;
 * oldest first so nothing waits forever.
 */
export async function reviewQueue(db: Database, user: SessionUser, limit = 500): Promise<ReviewQueueItem[]> {
  const waiting = await tablesWaitingIn(db, reviewQueueStatuses(user.roles), limit);
  if (waiting.length === 0) return [];
  const organisations = await listOrganisations(db);
  const mine = waiting.filter((table) => waitsFor(user, tableResourceIn(table, organisations)));
  const rounds = await countReviews(
    db,
    mine.map((table) => table.id),
  );
  return mine.map(({ organisationId: _, ...table }) => ({ ...table, rounds: rounds.get(table.id) ?? 0 }));
}
