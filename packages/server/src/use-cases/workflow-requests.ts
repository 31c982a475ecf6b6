import { can } from '@jixiao/core/accounts/policies';
import type { ReviewCreate, ReviewRecord } from '@jixiao/core/review-records/review-record.schema';
import type { TransitionRequest, WorkflowState } from '@jixiao/core/workflow/workflow.schema';
import type { Database } from '@jixiao/db/database';
import type { FastifyRequest } from 'fastify';
import { requireUser, tableResource } from '../auth/authorize.ts';
import { assertDraftingOpen } from '../guards/calendar.guards.ts';
import { reviewableTable } from '../guards/table.guards.ts';
import { assertExAnteGate } from './ex-ante-gate.ts';
import { openErrorCount } from './review-errors.ts';
import { fireTransition, submitReview } from './workflow.ts';

// The review flow's steps as the API asks for them: the caller must be signed in and able to read the
// table, then what the step needs beyond the machine (the budget year's calendar and the ex-ante gate for
// a submission, the automatic review's open errors for an approval) is gathered before the step's
// transaction in workflow.ts.

/**
 * A transition asked by the request's user (POST /api/tables/:id/transitions). Submitting is drafting
 * (编报): a closed year or a passed deadline stops the author, not reviewers, and an ex-ante assessment the
 * rule set asks for must support the project. Both are asked only of a caller who could submit, so others
 * keep their 403 or 409 of the state machine.
 */
export async function requestTransition(
  db: Database,
  request: FastifyRequest,
  tableId: string,
  body: TransitionRequest,
  now?: Date,
): Promise<WorkflowState> {
  const user = requireUser(request);
  const table = await reviewableTable(request, db, tableId);
  if (body.action === 'submit' && can(user, 'table.submit', await tableResource(db, table))) {
    await assertDraftingOpen(db, [{ table: table.table, path: 'year' }], 'submit', now);
    await assertExAnteGate(db, tableId, table.table);
  }
  const openErrors = body.action === 'approve' ? await openErrorCount(db, request, tableId, table.table) : 0;
  return fireTransition(db, tableId, body, { user, address: request.ip }, { openErrors });
}

/**
 * A review round submitted by the request's user (POST /api/tables/:id/reviews): approving over the
 * automatic review's open errors needs a reason, as for the approve transition.
 */
export async function requestReview(
  db: Database,
  request: FastifyRequest,
  tableId: string,
  body: ReviewCreate,
): Promise<{ review: ReviewRecord; workflow: WorkflowState }> {
  const user = requireUser(request);
  const table = await reviewableTable(request, db, tableId);
  const openErrors =
    body.decision === 'approve' ? await openErrorCount(db, request, tableId, table.table) : 0;
  return submitReview(db, tableId, body, { user, address: request.ip }, { openErrors });
}
