import {
  type CommentAnchor,
  type IndicatorKey,
  indicatorKeySchema,
  type ReviewComment,
  type ReviewCreate,
  type ReviewRecord,
} from '@jixiao/core/review-records/review-record.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import type { WorkflowAction, WorkflowEvent } from '@jixiao/core/workflow/workflow.schema';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from './db-schema.ts';
import type { ReviewCommentsTable, ReviewsTable, WorkflowEventsTable } from './workflow.db-types.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Who fired a transition or wrote a review, as kept beside it (the name survives a renamed account). */
export interface HistoryActor {
  id: string | null;
  name: string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function presentEvent(row: Selectable<WorkflowEventsTable>): WorkflowEvent {
  return {
    id: row.id,
    tableId: row.table_id,
    action: row.action as WorkflowAction,
    fromStatus: row.from_status as TableStatus,
    toStatus: row.to_status as TableStatus,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    actorId: row.actor_id,
    actorName: row.actor_name,
    comment: row.comment,
    reason: row.reason,
    createdAt: iso(row.created_at),
  };
}

function presentComment(row: Selectable<ReviewCommentsTable>): ReviewComment {
  return {
    id: row.id,
    reviewId: row.review_id,
    tableId: row.table_id,
    version: row.version,
    path: row.path,
    indicatorIndex: row.indicator_index,
    indicator:
      row.indicator_name === null
        ? null
        : { level1: row.indicator_level1, level2: row.indicator_level2, name: row.indicator_name },
    text: row.text,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: iso(row.created_at),
  };
}

function presentReview(row: Selectable<ReviewsTable>, comments: ReviewComment[]): ReviewRecord {
  return {
    id: row.id,
    tableId: row.table_id,
    version: row.version,
    stage: row.stage,
    criteria: {
      completeness: row.completeness as ReviewRecord['overall'],
      relevance: row.relevance as ReviewRecord['overall'],
      appropriateness: row.appropriateness as ReviewRecord['overall'],
      feasibility: row.feasibility as ReviewRecord['overall'],
    },
    overall: row.overall as ReviewRecord['overall'],
    decision: row.decision as ReviewRecord['decision'],
    summary: row.summary,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    createdAt: iso(row.created_at),
    comments,
  };
}

/** Appends one fired transition to a table's history (inside the transaction that fires it). */
export async function insertWorkflowEvent(
  trx: Executor,
  event: {
    tableId: string;
    action: WorkflowAction;
    fromStatus: TableStatus;
    toStatus: TableStatus;
    fromVersion: number;
    toVersion: number;
    actor: HistoryActor;
    comment: string | null;
    reason: string | null;
  },
): Promise<WorkflowEvent> {
  const row = await trx
    .insertInto('workflow_events')
    .values({
      table_id: event.tableId,
      action: event.action,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      from_version: event.fromVersion,
      to_version: event.toVersion,
      actor_id: event.actor.id,
      actor_name: event.actor.name,
      comment: event.comment,
      reason: event.reason,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentEvent(row);
}

/** A table's transitions, oldest first. */
export async function listWorkflowEvents(db: Executor, tableId: string): Promise<WorkflowEvent[]> {
  const rows = await db
    .selectFrom('workflow_events')
    .selectAll()
    .where('table_id', '=', tableId)
    .orderBy('created_at')
    .orderBy('from_version')
    .execute();
  return rows.map(presentEvent);
}

/**
 * The last 撤销公开 of a table (when and why), for the portal's notice; null when it was never
 * unpublished. The caller asks only about tables that are not published now.
 */
export async function lastUnpublish(
  db: Executor,
  tableId: string,
): Promise<{ at: string; reason: string | null } | null> {
  const row = await db
    .selectFrom('workflow_events')
    .select(['created_at', 'reason'])
    .where('table_id', '=', tableId)
    .where('action', '=', 'unpublish')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { at: new Date(row.created_at).toISOString(), reason: row.reason } : null;
}

/** Stores a review round and its comments (already validated and anchored by core's validateReview). */
export async function insertReview(
  trx: Executor,
  input: {
    tableId: string;
    version: number;
    stage: 'department' | 'finance';
    review: ReviewCreate;
    comments: Array<CommentAnchor & { text: string }>;
    actor: HistoryActor;
  },
): Promise<ReviewRecord> {
  const { review } = input;
  const row = await trx
    .insertInto('reviews')
    .values({
      table_id: input.tableId,
      version: input.version,
      stage: input.stage,
      ...review.criteria,
      overall: review.overall,
      decision: review.decision,
      summary: review.summary?.trim() || null,
      reviewer_id: input.actor.id,
      reviewer_name: input.actor.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const comments =
    input.comments.length === 0
      ? []
      : await trx
          .insertInto('review_comments')
          .values(
            input.comments.map((comment, position) => ({
              review_id: row.id,
              table_id: input.tableId,
              version: input.version,
              position,
              path: comment.path,
              indicator_index: comment.indicatorIndex,
              indicator_level1: comment.indicator?.level1 ?? null,
              indicator_level2: comment.indicator?.level2 ?? null,
              indicator_name: comment.indicator?.name ?? null,
              text: comment.text,
              author_id: input.actor.id,
              author_name: input.actor.name,
            })),
          )
          .returningAll()
          .execute();
  return presentReview(row, comments.sort((a, b) => a.position - b.position).map(presentComment));
}

/** A table's review rounds with their comments, oldest first. */
export async function listReviews(db: Executor, tableId: string): Promise<ReviewRecord[]> {
  const rows = await db
    .selectFrom('reviews')
    .selectAll()
    .where('table_id', '=', tableId)
    .orderBy('created_at')
    .orderBy('version')
    .execute();
  if (rows.length === 0) return [];
  const comments = await db
    .selectFrom('review_comments')
    .selectAll()
    .where('table_id', '=', tableId)
    .orderBy('version')
    .orderBy('position')
    .execute();
  const byReview = new Map<string, ReviewComment[]>();
  for (const comment of comments) {
    byReview.set(comment.review_id, [...(byReview.get(comment.review_id) ?? []), presentComment(comment)]);
  }
  return rows.map((row) => presentReview(row, byReview.get(row.id) ?? []));
}

/** How many review rounds each of `tableIds` has had (for the review queue). */
export async function countReviews(db: Executor, tableIds: readonly string[]): Promise<Map<string, number>> {
  if (tableIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reviews')
    .select(['table_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('table_id', 'in', [...tableIds])
    .groupBy('table_id')
    .execute();
  return new Map(rows.map((row) => [row.table_id, Number(row.n)]));
}

const indicatorKeysSchema = z.array(indicatorKeySchema);

/**
 * The indicator rows (levels and name) of a table's saved versions `from`..`to`, by version number, in
 * one query that reads only the indicators: review comments follow their indicator through all of them.
 */
export async function indicatorKeysOfVersions(
  db: Executor,
  tableId: string,
  from: number,
  to: number,
): Promise<Record<string, IndicatorKey[]>> {
  const rows = await db
    .selectFrom('table_versions')
    .select(['version', sql<unknown>`content -> 'indicators'`.as('indicators')])
    .where('table_id', '=', tableId)
    .where('version', '>=', from)
    .where('version', '<=', to)
    .orderBy('version')
    .execute();
  const out: Record<string, IndicatorKey[]> = {};
  for (const row of rows) out[String(row.version)] = indicatorKeysSchema.parse(row.indicators ?? []);
  return out;
}
