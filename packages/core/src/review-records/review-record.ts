import { AppError } from '../errors/app-error.ts';
import {
  budgetSchema,
  indicatorSchema,
  narrativeSchema,
  type PerformanceTable,
  performanceTableSchema,
} from '../tables/table.schema.ts';
import type { TableStatus } from '../tables/table-record.schema.ts';
import { indicatorKey } from './comment-anchor.ts';
import type {
  CommentAnchor,
  ReviewCreate,
  ReviewDecision,
  ReviewGrade,
  ReviewRecord,
} from './review-record.schema.ts';

/** Grades that let a table go ahead (优, 良); 中 must be revised and 差 does not enter the budget. */
const PASSING: ReadonlySet<ReviewGrade> = new Set<ReviewGrade>(['优', '良']);

const SECTIONS = new Set(['narrative', 'budget', 'indicators', 'warnings', 'incomplete', 'kind']);
const HEADER_KEYS = new Set(Object.keys(performanceTableSchema.shape).filter((k) => !SECTIONS.has(k)));
const NARRATIVE_KEYS = new Set(Object.keys(narrativeSchema.shape));
const BUDGET_KEYS = new Set(Object.keys(budgetSchema.shape));
const INDICATOR_KEYS = new Set(Object.keys(indicatorSchema.shape));

/**
 * Resolves a comment's field path against the table it is written on; null when the path names no field
 * of this table (an unknown key, or an indicator row that does not exist).
 */
export function resolveAnchor(
  table: PerformanceTable,
  path: string | null | undefined,
): CommentAnchor | null {
  if (path === null || path === undefined || path === '') {
    return { path: null, indicatorIndex: null, indicator: null };
  }
  const parts = path.split('.');
  const [head, second, third] = parts;
  const field = { path, indicatorIndex: null, indicator: null };
  if (parts.length === 1 && head && HEADER_KEYS.has(head)) return field;
  if (parts.length === 2 && head === 'narrative' && second && NARRATIVE_KEYS.has(second)) return field;
  if (parts.length === 2 && head === 'budget' && second && BUDGET_KEYS.has(second)) return field;
  if (head === 'indicators' && second !== undefined && /^\d+$/.test(second) && parts.length <= 3) {
    const index = Number(second);
    const indicator = table.indicators[index];
    if (!indicator) return null;
    if (third !== undefined && !INDICATOR_KEYS.has(third)) return null;
    return { path, indicatorIndex: index, indicator: indicatorKey(indicator) };
  }
  return null;
}

/** The review stage a table in `status` is waiting for, or null when it is not under review. */
export function reviewStage(status: TableStatus): 'department' | 'finance' | null {
  if (status === 'submitted') return 'department';
  if (status === 'department_reviewed') return 'finance';
  return null;
}

/**
 * Checks a review against the table it reviews and returns its comments with resolved anchors.
 * Throws AppError `review.not_pending` (no review is due), `review.decision_mismatch` (the decision does
 * not fit the stage: only finance approves, only the department forwards), `review.grade_blocks`
 * (中/差 must go back to the author), `review.comment_required` (a return says why) or
 * `review.bad_anchor` (a comment points at no field of this table).
 */
export function validateReview(
  review: ReviewCreate,
  table: PerformanceTable,
  status: TableStatus,
): Array<CommentAnchor & { text: string }> {
  const stage = reviewStage(status);
  if (!stage) {
    throw new AppError(
      'review.not_pending',
      '此表当前不在审核环节，不能提交审核意见',
      'This table is not waiting for a review',
      { path: 'status' },
    );
  }
  const allowed = stage === 'department' ? ['return', 'forward'] : ['return', 'approve'];
  if (!allowed.includes(review.decision)) {
    throw new AppError(
      'review.decision_mismatch',
      stage === 'department' ? '主管部门审核只能退回或转报财政' : '财政审核只能退回或批复',
      stage === 'department'
        ? 'The department review can only return or forward the table'
        : 'The finance review can only return or approve the table',
      { path: 'decision' },
    );
  }
  if (review.decision !== 'return' && !PASSING.has(review.overall)) {
    throw new AppError(
      'review.grade_blocks',
      `综合评级为“${review.overall}”的目标表须退回修改（“中”须修改后重新报送，“差”不得纳入预算）`,
      `A table graded ${review.overall} must be returned (中: revise and resubmit; 差: stays out of the budget)`,
      { path: 'overall' },
    );
  }
  const comments = review.comments.map((comment, index) => {
    const anchor = resolveAnchor(table, comment.path);
    if (!anchor) {
      throw new AppError(
        'review.bad_anchor',
        `第 ${index + 1} 条意见指向的字段“${comment.path}”在此表中不存在`,
        `Comment ${index + 1} points at "${comment.path}", which is not a field of this table`,
        { path: `comments.${index}.path` },
      );
    }
    return { ...anchor, text: comment.text };
  });
  const summary = review.summary?.trim() ?? '';
  if (review.decision === 'return' && summary === '' && comments.length === 0) {
    throw new AppError(
      'review.comment_required',
      '退回时请至少写一条意见，告诉编报人需要修改什么',
      'Write at least one comment saying what the author must change',
      { path: 'comments' },
    );
  }
  return comments;
}

/** The text that goes with the workflow transition a review fires: the summary, else the first comment. */
export function reviewTransitionComment(review: ReviewCreate): string | null {
  const summary = review.summary?.trim();
  if (summary) return summary;
  return review.comments[0]?.text ?? null;
}

/**
 * The table version the last review round looked at, so the next reviewer sees what changed since then;
 * null when the table was never reviewed. Reviews may come in any order.
 */
export function lastReviewedVersion(
  reviews: readonly Pick<ReviewRecord, 'version' | 'createdAt'>[],
): number | null {
  let last: Pick<ReviewRecord, 'version' | 'createdAt'> | null = null;
  for (const review of reviews) {
    if (
      !last ||
      review.createdAt > last.createdAt ||
      (review.createdAt === last.createdAt && review.version > last.version)
    ) {
      last = review;
    }
  }
  return last?.version ?? null;
}

/** The comments an author should act on: those of the latest review round that returned the table. */
export function openComments<C>(
  reviews: readonly { decision: ReviewDecision; createdAt: string; comments: readonly C[] }[],
): readonly C[] {
  let latest: (typeof reviews)[number] | null = null;
  for (const review of reviews) {
    if (review.decision === 'return' && (!latest || review.createdAt > latest.createdAt)) latest = review;
  }
  return latest?.comments ?? [];
}
