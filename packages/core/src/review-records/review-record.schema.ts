import { z } from 'zod';
import { tableDiffSchema } from '../tables/table-diff.ts';

/** The four review criteria (domain.md, "审核 review"). */
export const reviewCriterionSchema = z.enum(['completeness', 'relevance', 'appropriateness', 'feasibility']);
export type ReviewCriterion = z.infer<typeof reviewCriterionSchema>;

/** 完整性 / 相关性 / 适当性 / 可行性, in the order reviewers grade them. */
export const REVIEW_CRITERIA: Record<ReviewCriterion, { zh: string; en: string }> = {
  completeness: { zh: '完整性', en: 'Completeness' },
  relevance: { zh: '相关性', en: 'Relevance' },
  appropriateness: { zh: '适当性', en: 'Appropriateness' },
  feasibility: { zh: '可行性', en: 'Feasibility' },
};

/**
 * 优 goes ahead, 良 goes ahead after small fixes, 中 must be revised and resubmitted,
 * 差 does not enter the budget.
 */
export const reviewGradeSchema = z.enum(['优', '良', '中', '差']);
export type ReviewGrade = z.infer<typeof reviewGradeSchema>;

/** What the reviewer decides: send back to the author, pass on to finance, or approve (finance). */
export const reviewDecisionSchema = z.enum(['return', 'forward', 'approve']);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const REVIEW_TEXT_MAX = 2000;

/**
 * Who an indicator is, as far as a comment is concerned: its levels and name. Indicators have no stable
 * id, and authors add, remove and reorder them between rounds, so a comment remembers these beside the
 * row index it was written on and is placed by them on later versions (see comment-anchor.ts).
 */
export const indicatorKeySchema = z.object({
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  name: z.string(),
});
export type IndicatorKey = z.infer<typeof indicatorKeySchema>;

/**
 * Where a comment points: a field path of the table as used everywhere else (`budget.currentYear`,
 * `narrative.goals`, `indicators.3.target`), or none for a comment on the whole table.
 */
export const commentAnchorSchema = z.object({
  path: z.string().max(200).nullable().describe('Field path in the table, e.g. indicators.3.target'),
  indicatorIndex: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('Set when the path is in an indicator: its row in the reviewed version'),
  indicator: indicatorKeySchema
    .nullable()
    .describe('The commented indicator as it read in the reviewed version; null for other fields'),
});
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

/** A comment as the reviewer writes it. */
export const reviewCommentInputSchema = z.object({
  path: z.string().trim().max(200).nullable().optional(),
  text: z.string().trim().min(1).max(REVIEW_TEXT_MAX),
});
export type ReviewCommentInput = z.infer<typeof reviewCommentInputSchema>;

/** Body of POST /api/tables/:id/reviews: grades, decision and comments of one review round. */
export const reviewCreateSchema = z.object({
  expectedVersion: z.number().int().positive().describe('The version the reviewer read'),
  criteria: z.object({
    completeness: reviewGradeSchema,
    relevance: reviewGradeSchema,
    appropriateness: reviewGradeSchema,
    feasibility: reviewGradeSchema,
  }),
  overall: reviewGradeSchema,
  decision: reviewDecisionSchema,
  summary: z.string().trim().max(REVIEW_TEXT_MAX).optional().describe('Overall opinion (审核意见)'),
  comments: z.array(reviewCommentInputSchema).max(500).default([]),
  reason: z
    .string()
    .trim()
    .max(REVIEW_TEXT_MAX)
    .optional()
    .describe('Why the table is approved although the automatic review reports errors (then required)'),
});
export type ReviewCreate = z.infer<typeof reviewCreateSchema>;
export type ReviewCreateInput = z.input<typeof reviewCreateSchema>;

/** A stored comment, anchored to the version it was written on. */
export const reviewCommentSchema = z.object({
  id: z.string().uuid(),
  reviewId: z.string().uuid(),
  tableId: z.string().uuid(),
  version: z.number().int().positive(),
  path: z.string().nullable(),
  indicatorIndex: z.number().int().nonnegative().nullable(),
  indicator: indicatorKeySchema.nullable(),
  text: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string().datetime(),
});
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

/** A stored review round. `version` is the table version reviewed; `stage` who reviewed. */
export const reviewRecordSchema = z.object({
  id: z.string().uuid(),
  tableId: z.string().uuid(),
  version: z.number().int().positive(),
  stage: z.enum(['department', 'finance']),
  criteria: reviewCreateSchema.shape.criteria,
  overall: reviewGradeSchema,
  decision: reviewDecisionSchema,
  summary: z.string().nullable(),
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  createdAt: z.string().datetime(),
  comments: z.array(reviewCommentSchema),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

export const reviewListSchema = z.object({ items: z.array(reviewRecordSchema) });
export type ReviewList = z.infer<typeof reviewListSchema>;

/**
 * Where a comment shows on one version of its table. `table`: on the whole table; `field`: on a field
 * outside the indicators (fields do not move); `same`: on its indicator, at the same row; `moved`: on its
 * indicator, now at another row; `changed`: on the row that became of its indicator, whose levels or name
 * were edited since (shown with a note); `removed`: its indicator is gone, so it sits on no row.
 */
export const commentPlacementStatusSchema = z.enum(['table', 'field', 'same', 'moved', 'changed', 'removed']);
export type CommentPlacementStatus = z.infer<typeof commentPlacementStatusSchema>;

export const commentPlacementSchema = z.object({
  status: commentPlacementStatusSchema,
  path: z
    .string()
    .nullable()
    .describe('The field path on the shown version; null when removed or on the table'),
  indicatorIndex: z.number().int().nonnegative().nullable().describe('The row on the shown version'),
});
export type CommentPlacement = z.infer<typeof commentPlacementSchema>;

/** A stored comment with where it shows on the version being displayed. */
export const placedCommentSchema = reviewCommentSchema.extend({ placement: commentPlacementSchema });
export type PlacedComment = z.infer<typeof placedCommentSchema>;

/**
 * GET /api/tables/:id/comments: every comment, and the ones of the latest return the author must act on,
 * each placed on `version`; `indicatorsByVersion` has the indicator rows of every version from the first
 * commented one to the current one, so that a client can place them again on its own unsaved edits
 * (core's placeComments).
 */
export const commentListSchema = z.object({
  version: z.number().int().positive().describe('The version the placements refer to'),
  items: z.array(placedCommentSchema),
  open: z.array(placedCommentSchema),
  indicatorsByVersion: z
    .record(z.string(), z.array(indicatorKeySchema))
    .describe('Indicator rows (levels and name) of each version from the first commented one on'),
});
export type CommentList = z.infer<typeof commentListSchema>;

/** GET /api/tables/:id/review-changes: what changed since the version the last review round read. */
export const reviewChangesSchema = z.object({
  fromVersion: z.number().int().positive().nullable().describe('Version of the last review; null if none'),
  toVersion: z.number().int().positive(),
  diff: tableDiffSchema.nullable(),
});
export type ReviewChanges = z.infer<typeof reviewChangesSchema>;
