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
 * Where a comment points: a field path of the table as used everywhere else (`budget.currentYear`,
 * `narrative.goals`, `indicators.3.target`), or none for a comment on the whole table.
 */
export const commentAnchorSchema = z.object({
  path: z.string().max(200).nullable().describe('Field path in the table, e.g. indicators.3.target'),
  indicatorIndex: z.number().int().nonnegative().nullable().describe('Set when the path is in an indicator'),
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

/** GET /api/tables/:id/comments: every comment, and the ones of the latest return the author must act on. */
export const commentListSchema = z.object({
  items: z.array(reviewCommentSchema),
  open: z.array(reviewCommentSchema),
});
export type CommentList = z.infer<typeof commentListSchema>;

/** GET /api/tables/:id/review-changes: what changed since the version the last review round read. */
export const reviewChangesSchema = z.object({
  fromVersion: z.number().int().positive().nullable().describe('Version of the last review; null if none'),
  toVersion: z.number().int().positive(),
  diff: tableDiffSchema.nullable(),
});
export type ReviewChanges = z.infer<typeof reviewChangesSchema>;
