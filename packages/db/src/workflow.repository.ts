import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { organisationPaths } from '@jixiao/core/accounts/organisation-paths';
import { can, organisationPath, type TableResource } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import {
  reviewStage,
  reviewTransitionComment,
  validateReview,
} from '@jixiao/core/review-records/review-record';
import type { ReviewCreate, ReviewRecord } from '@jixiao/core/review-records/review-record.schema';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import type {
  ReviewQueueItem,
  TransitionRequest,
  WorkflowEvent,
  WorkflowState,
} from '@jixiao/core/workflow/workflow.schema';
import {
  assertApprovalReason,
  availableTransitions,
  decideTransition,
  isEditable,
} from '@jixiao/core/workflow/workflow-machine';
import { policyAllows } from '@jixiao/core/workflow/workflow-policy';
import type { Transaction } from 'kysely';
import { listOrganisations } from './accounts.repository.ts';
import { type AuditActor, writeAudit } from './audit.repository.ts';
import type { Database } from './database.ts';
import type { DB } from './db-schema.ts';
import {
  countReviews,
  insertReview,
  insertWorkflowEvent,
  listWorkflowEvents,
} from './workflow-history.repository.ts';

/**
 * What the caller found out before the transaction: `openErrors`, the errors the automatic review reports
 * on the table (the rule sets live with the server), so that approving over them needs a reason.
 */
export interface TransitionChecks {
  openErrors?: number;
}

/** Who acts: the signed-in user (null: anonymous) and the request's address for the audit log. */
export interface WorkflowActor {
  user: SessionUser | null;
  address?: string | null;
}

interface LockedTable {
  id: string;
  status: TableStatus;
  version: number;
  organisationId: string | null;
  content: unknown;
}

function notFound(id: string): AppError {
  return new AppError('table.not_found', '找不到该目标表', `No table with id ${id}`, { path: 'id' });
}

function versionConflict(expected: number, current: number): AppError {
  return new AppError(
    'table.version_conflict',
    `此表已被他人处理（当前为第 ${current} 版，您看到的是第 ${expected} 版），请刷新后重试`,
    `Someone else acted on this table first (it is now version ${current}, you saw ${expected}); reload and retry`,
    { path: 'expectedVersion' },
  );
}

/** Reads and row-locks a table so that concurrent transitions on it run one after the other. */
async function lockTable(trx: Transaction<DB>, id: string): Promise<LockedTable> {
  const row = await trx
    .selectFrom('target_tables')
    .select(['id', 'status', 'version', 'organisation_id', 'content'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(id);
  return {
    id: row.id,
    status: row.status as TableStatus,
    version: row.version,
    organisationId: row.organisation_id,
    content: row.content,
  };
}

async function resourceOf(db: Database, table: { status: TableStatus; organisationId: string | null }) {
  const organisations = await listOrganisations(db);
  return {
    status: table.status,
    organisationPath: organisationPath(table.organisationId, organisations),
  } satisfies TableResource;
}

const actorOf = (actor: WorkflowActor) => ({
  id: actor.user?.id ?? null,
  name: actor.user?.displayName ?? null,
});
const auditActor = (actor: WorkflowActor): AuditActor => ({
  userId: actor.user?.id ?? null,
  address: actor.address ?? null,
});

/**
 * Moves a locked table one step: checks the machine and the policies, bumps the version (the status is part
 * of the versioned record), keeps the version row, the workflow event and the audit entry, all in `trx`.
 */
async function applyTransition(
  trx: Transaction<DB>,
  table: LockedTable,
  request: TransitionRequest,
  actor: WorkflowActor,
  checks: TransitionChecks,
): Promise<WorkflowEvent> {
  if (table.version !== request.expectedVersion)
    throw versionConflict(request.expectedVersion, table.version);
  const resource = await resourceOf(trx, table);
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
  const toVersion = table.version + 1;
  const updated = await trx
    .updateTable('target_tables')
    .set({ status: rule.to, version: toVersion, updated_at: new Date() })
    .where('id', '=', table.id)
    .where('version', '=', table.version)
    .returning('id')
    .execute();
  // The row lock makes this impossible; if it ever happens, losing beats writing on a stale version.
  if (updated.length !== 1) throw versionConflict(request.expectedVersion, toVersion);
  // The catalogue row follows published versions (a trigger); taking a table off the portal removes it.
  if (rule.action === 'unpublish') {
    await trx.deleteFrom('published_tables').where('table_id', '=', table.id).execute();
  }
  const comment = request.comment?.trim() || null;
  const reason = request.reason?.trim() || null;
  await trx
    .insertInto('table_versions')
    .values({
      table_id: table.id,
      version: toVersion,
      content: JSON.stringify(table.content),
      status: rule.to,
      saved_by: actor.user?.id ?? null,
      reason: reason ?? comment,
    })
    .execute();
  const event = await insertWorkflowEvent(trx, {
    tableId: table.id,
    action: request.action,
    fromStatus: table.status,
    toStatus: rule.to,
    fromVersion: table.version,
    toVersion,
    actor: actorOf(actor),
    comment,
    reason,
  });
  await writeAudit(trx, {
    actor: auditActor(actor),
    action: `table.${request.action}`,
    entity: 'table',
    entityId: table.id,
    diff: {
      status: { before: table.status, after: rule.to },
      version: { before: table.version, after: toVersion },
      ...(comment ? { comment } : {}),
      ...(reason ? { reason } : {}),
      ...(openErrors > 0 ? { openErrors } : {}),
    },
  });
  return event;
}

/**
 * Fires one workflow transition (POST /api/tables/:id/transitions). Fails with `table.not_found`,
 * `table.version_conflict` (someone acted first: the second of two concurrent requests always loses),
 * or the machine's `workflow.*` codes. Returns the table's new workflow state for `actor`.
 */
export async function fireTransition(
  db: Database,
  tableId: string,
  request: TransitionRequest,
  actor: WorkflowActor,
  checks: TransitionChecks = {},
): Promise<WorkflowState> {
  await db.transaction().execute(async (trx) => {
    const table = await lockTable(trx, tableId);
    await applyTransition(trx, table, request, actor, checks);
  });
  return workflowState(db, tableId, actor.user);
}

/**
 * Records a review round and fires the transition its decision implies (return / forward / approve) in one
 * transaction (POST /api/tables/:id/reviews). The review is validated by core against the locked version.
 */
export async function submitReview(
  db: Database,
  tableId: string,
  review: ReviewCreate,
  actor: WorkflowActor,
  checks: TransitionChecks = {},
): Promise<{ review: ReviewRecord; workflow: WorkflowState }> {
  const stored = await db.transaction().execute(async (trx) => {
    const table = await lockTable(trx, tableId);
    if (table.version !== review.expectedVersion)
      throw versionConflict(review.expectedVersion, table.version);
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
      actor: actorOf(actor),
    });
    await writeAudit(trx, {
      actor: auditActor(actor),
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
  const row = await db
    .selectFrom('target_tables')
    .select(['status', 'version', 'organisation_id'])
    .where('id', '=', tableId)
    .executeTakeFirst();
  if (!row) throw notFound(tableId);
  const status = row.status as TableStatus;
  const resource = await resourceOf(db, { status, organisationId: row.organisation_id });
  return {
    tableId,
    status,
    version: row.version,
    editable: isEditable(status),
    available: availableTransitions(status, user?.roles ?? [], policyAllows(user, resource)),
    history: await listWorkflowEvents(db, tableId),
  };
}

/** The content of one stored version of a table (for "what changed since the last review"). */
export async function tableAtVersion(
  db: Database,
  tableId: string,
  version: number,
): Promise<PerformanceTable | null> {
  const row = await db
    .selectFrom('table_versions')
    .select('content')
    .where('table_id', '=', tableId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? performanceTableSchema.parse(row.content) : null;
}

/** A stored table's status, version, organisation and current content, or `table.not_found`. */
export async function tableForReview(
  db: Database,
  tableId: string,
): Promise<{ status: TableStatus; version: number; organisationId: string | null; table: PerformanceTable }> {
  const row = await db
    .selectFrom('target_tables')
    .select(['status', 'version', 'organisation_id', 'content'])
    .where('id', '=', tableId)
    .executeTakeFirst();
  if (!row) throw notFound(tableId);
  return {
    status: row.status as TableStatus,
    version: row.version,
    organisationId: row.organisation_id,
    table: performanceTableSchema.parse(row.content),
  };
}

/**
 * Tables waiting for `user`'s next step: submitted tables of units under a department reviewer, forwarded
 * tables for a finance reviewer, returned tables of the author's unit (as the accounts policies decide),
 * oldest first so nothing waits forever.
 */
export async function reviewQueue(db: Database, user: SessionUser, limit = 500): Promise<ReviewQueueItem[]> {
  const statuses: TableStatus[] = [];
  if (user.roles.includes('department_reviewer')) statuses.push('submitted');
  if (user.roles.includes('finance_reviewer')) statuses.push('department_reviewed');
  // Authors act next on tables returned to them: they revise and resubmit.
  if (user.roles.includes('author')) statuses.push('returned');
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('target_tables')
    .select([
      'id',
      'version',
      'status',
      'year',
      'unit',
      'name',
      'current_year_budget',
      'updated_at',
      'organisation_id',
    ])
    .where('status', 'in', statuses)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const pathOf = organisationPaths(await listOrganisations(db));
  const mine = rows.filter((row) => {
    const status = row.status as TableStatus;
    const action =
      status === 'submitted'
        ? 'table.review_department'
        : status === 'department_reviewed'
          ? 'table.review_finance'
          : 'table.submit';
    return can(user, action, {
      status,
      organisationPath: pathOf(row.organisation_id),
    });
  });
  const rounds = await countReviews(
    db,
    mine.map((row) => row.id),
  );
  return mine.map((row) => ({
    id: row.id,
    version: row.version,
    status: row.status as TableStatus,
    year: row.year,
    unit: row.unit,
    name: row.name,
    currentYearBudget: row.current_year_budget === null ? null : Number(row.current_year_budget),
    updatedAt: new Date(row.updated_at).toISOString(),
    rounds: rounds.get(row.id) ?? 0,
  }));
}
