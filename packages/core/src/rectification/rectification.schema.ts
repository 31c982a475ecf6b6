import { z } from 'zod';
import { cutOffMonthSchema } from '../monitoring/monitoring-scheme.schema.ts';
import { overallGradeSchema } from '../scoring/scoring-scheme.schema.ts';

// 整改 (rectification) and 结果应用 (results applied to the next budget): tasks opened from a scored
// self-evaluation, answered by the unit with measures, closed by the reviewer; and the budget-linkage
// suggestion the rule set defines for next year's table, with the reviewer's decision. One schema for the
// API, the pages and storage.

/**
 * Why a task was opened: an indicator missed its target, the grade was low, the re-check found a gap (from a
 * self-evaluation); a red light or a target marked 完全不可能 in the year's monitoring.
 */
export const rectificationSourceSchema = z.enum([
  'indicator_missed',
  'low_grade',
  'recheck_gap',
  'red_light',
]);
export type RectificationSource = z.infer<typeof rectificationSourceSchema>;

export const rectificationStatusSchema = z.enum(['open', 'answered', 'closed']);
export type RectificationStatus = z.infer<typeof rectificationStatusSchema>;

/** A problem a scored self-evaluation shows, before it becomes a task. */
export const rectificationProblemSchema = z.object({
  /** Stable per table, so opening tasks twice never duplicates one (`indicator:3`, `grade`, `recheck`). */
  key: z.string(),
  source: rectificationSourceSchema,
  indicatorIndex: z.number().int().nonnegative().nullable(),
  zh: z.string(),
  en: z.string(),
});
export type RectificationProblem = z.infer<typeof rectificationProblemSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A file attached to a task's answer as evidence (the bytes are downloaded separately). */
export const rectificationEvidenceFileSchema = z.object({
  id: z.string().uuid(),
  name: z.string().describe('The file name the unit uploaded'),
  mediaType: z.string().describe('What the content is, as read from the bytes (application/pdf, image/png…)'),
  size: z.number().int().nonnegative().describe('Bytes'),
  createdAt: z.string(),
});
export type RectificationEvidenceFile = z.infer<typeof rectificationEvidenceFileSchema>;

/** One 整改 task as the API shows it. */
export const rectificationTaskSchema = rectificationProblemSchema.extend({
  id: z.string().uuid(),
  tableId: z.string().uuid(),
  tableName: z.string(),
  unit: z.string(),
  year: z.number().int(),
  deadline: isoDate.describe('整改期限 (Beijing date)'),
  status: rectificationStatusSchema,
  measures: z.string().nullable().describe('整改措施 the unit answered'),
  evidence: z.string().nullable().describe('Evidence of the measures (documents, figures)'),
  files: z
    .array(rectificationEvidenceFileSchema)
    .describe('Evidence files (PDF, images, Office documents), oldest first'),
  answeredAt: z.string().nullable(),
  returnNote: z
    .string()
    .nullable()
    .describe('Why the reviewer last sent the measures back (退回重新整改); null when never'),
  returnedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RectificationTask = z.infer<typeof rectificationTaskSchema>;

/** POST /api/tables/:id/rectifications: open a task per problem of the scored self-evaluation or monitoring. */
export const rectificationOpenSchema = z.object({
  deadline: isoDate.describe('整改期限 of every task opened'),
  from: z
    .enum(['self_evaluation', 'monitoring'])
    .default('self_evaluation')
    .describe('The scored self-evaluation, or the monitoring report (its red lights and 完全不可能 targets)'),
  cutOffMonth: cutOffMonthSchema
    .optional()
    .describe('With `monitoring`: the report of this cut-off month (default: the latest)'),
});

/** POST /api/rectifications/:id/answer: the unit's measures. */
export const rectificationAnswerSchema = z.object({
  measures: z.string().trim().min(1).max(4_000),
  evidence: z.string().trim().max(4_000).nullable().optional(),
});
export type RectificationAnswer = z.infer<typeof rectificationAnswerSchema>;

/** POST /api/rectifications/:id/close: the reviewer accepts the measures. */
export const rectificationCloseSchema = z.object({
  note: z.string().trim().max(2_000).nullable().optional(),
});

/** POST /api/tables/:id/rectifications/return: the reviewer sends the measures back, saying why. */
export const rectificationReturnSchema = z.object({
  note: z.string().trim().min(1).max(2_000).describe('What the measures lack (退回意见)'),
});

/** What the rule set suggests for next year's budget of a project graded `grade` (预算挂钩). */
export const linkageSuggestionSchema = z.enum(['priority', 'keep', 'reduce', 'reduce_or_stop']);
export type LinkageSuggestion = z.infer<typeof linkageSuggestionSchema>;

/** The reviewer's decision on next year's table, with the reason (recorded and audited). */
export const linkageDecisionInputSchema = z.object({
  decision: linkageSuggestionSchema.or(z.literal('stop')),
  reason: z.string().trim().min(1).max(2_000),
});
export type LinkageDecisionInput = z.infer<typeof linkageDecisionInputSchema>;

/** GET /api/tables/:id/linkage: last year's grade, its open tasks, the suggestion and any decision. */
export const budgetLinkageSchema = z.object({
  previous: z
    .object({
      tableId: z.string().uuid(),
      year: z.number().int(),
      total: z.number(),
      grade: overallGradeSchema,
    })
    .nullable()
    .describe("Last year's self-evaluated table of the same project"),
  openTasks: z.array(rectificationTaskSchema),
  suggestion: z
    .object({
      kind: linkageSuggestionSchema,
      reduceShare: z.number().nullable().describe('Share to cut for `reduce` (0.1 = 10%)'),
      zh: z.string(),
      en: z.string(),
    })
    .nullable(),
  decision: z
    .object({
      decision: linkageDecisionInputSchema.shape.decision,
      reason: z.string(),
      decidedAt: z.string(),
    })
    .nullable(),
});
export type BudgetLinkage = z.infer<typeof budgetLinkageSchema>;
