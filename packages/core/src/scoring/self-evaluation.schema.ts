import { z } from 'zod';
import { assessmentNoteSchema } from '../review/finding.schema.ts';
import { yuanSchema } from '../tables/table.schema.ts';
import { gradeBandSchema, overallGradeSchema, scoringCategorySchema } from './scoring-scheme.schema.ts';
import { claimComparisonSchema, selfEvaluationClaimSchema } from './self-evaluation-claim.schema.ts';

/** A reviewer's grade of an indicator that cannot be scored by arithmetic (qualitative, date, no target). */
export const indicatorGradeSchema = z.object({
  band: gradeBandSchema,
  score: z.number().nonnegative().describe('Points given, inside the band'),
});
export type IndicatorGrade = z.infer<typeof indicatorGradeSchema>;

/** What the author enters for one indicator after the year. */
export const indicatorActualSchema = z.object({
  index: z.number().int().nonnegative().describe('Position of the indicator in the table'),
  actual: z.string().max(200).nullable().describe('实际完成值 as entered (`96%`, `1200`, `达成`)'),
  applicable: z.boolean().default(true).describe('false drops the indicator and rescales the others'),
  grade: indicatorGradeSchema.nullable().optional(),
  reason: z.string().max(2000).nullable().optional().describe('偏差原因分析'),
  measure: z.string().max(2000).nullable().optional().describe('改进措施'),
});
export type IndicatorActual = z.infer<typeof indicatorActualSchema>;
export type IndicatorActualInput = z.input<typeof indicatorActualSchema>;

/** A reviewer's change of one computed score, with the reason (audited). */
export const scoreAdjustmentSchema = z.object({
  target: z
    .union([z.literal('execution'), z.number().int().nonnegative()])
    .describe("'execution' or an indicator index"),
  score: z.number().nonnegative(),
  reason: z.string().trim().min(1).max(2000),
});
export type ScoreAdjustment = z.infer<typeof scoreAdjustmentSchema>;

/** A year-end self-evaluation as entered: money executed, every indicator's actual, reasons. */
export const selfEvaluationEntrySchema = z.object({
  schemeId: z.string().optional().describe('Scoring scheme id; the default national scheme when absent'),
  budget: z.object({
    adjusted: yuanSchema.nullable().describe('调整后预算数 / 全年预算数'),
    executed: yuanSchema.nullable().describe('预算执行数'),
    reason: z.string().max(2000).nullable().optional().describe('Why execution is below the threshold'),
  }),
  /** Overrides the scheme's 产出/效益/满意度 split for this table; must add up to the indicator points. */
  categoryWeights: z.record(scoringCategorySchema, z.number().nonnegative()).nullable().optional(),
  indicators: z.array(indicatorActualSchema),
  adjustments: z.array(scoreAdjustmentSchema).default([]),
  goalCompletion: z.string().max(4000).nullable().optional().describe('年度总体目标完成情况'),
  claim: selfEvaluationClaimSchema
    .nullable()
    .optional()
    .describe("The unit's printed scores of an imported 自评表, compared with the rules' (财政复核)"),
});
export type SelfEvaluationEntry = z.infer<typeof selfEvaluationEntrySchema>;
export type SelfEvaluationEntryInput = z.input<typeof selfEvaluationEntrySchema>;

/** The formula of a score with the numbers used, in Chinese and English. */
export const scoreExplanationSchema = z.object({
  formula: z.string().describe('e.g. 10 × 80 ÷ 100 = 8'),
  zh: z.string(),
  en: z.string(),
});
export type ScoreExplanation = z.infer<typeof scoreExplanationSchema>;

export const scoreStatusSchema = z.enum([
  'met',
  'unmet',
  'missing_actual',
  'graded',
  'needs_grade',
  'not_applicable',
  'not_scored',
]);
export type ScoreStatus = z.infer<typeof scoreStatusSchema>;

/** One scored row: the execution row (`indicatorIndex` null) or an indicator. */
export const scoreLineSchema = z.object({
  indicatorIndex: z.number().int().nullable(),
  category: scoringCategorySchema.nullable(),
  weight: z.number().describe('Points this row is worth after splitting and rescaling'),
  score: z.number().describe('Points given (the adjusted score when a reviewer adjusted it)'),
  computedScore: z.number().describe('Points the scheme gives before any adjustment'),
  status: scoreStatusSchema,
  explanation: scoreExplanationSchema,
  adjustment: z.object({ score: z.number(), reason: z.string() }).nullable(),
});
export type ScoreLine = z.infer<typeof scoreLineSchema>;

/** A located, bilingual note on a self-evaluation (missing reason, weights that do not add up …). */
export const scoreNoteSchema = assessmentNoteSchema;
export type ScoreNote = z.infer<typeof scoreNoteSchema>;

/** The scored self-evaluation: rows with explanations, total, grade and what still needs attention. */
export const selfEvaluationScoreSchema = z.object({
  schemeId: z.string(),
  schemeVersion: z.number().int(),
  execution: scoreLineSchema.extend({ rate: z.number().nullable().describe('执行数 ÷ 调整后预算数, 0–n') }),
  indicators: z.array(scoreLineSchema),
  total: z.number(),
  grade: overallGradeSchema,
  /** False while some indicator still waits for an actual value or a reviewer's grade. */
  complete: z.boolean(),
  notes: z.array(scoreNoteSchema),
  /** Present when the entry carries the unit's claim (an imported 自评表). */
  claim: claimComparisonSchema.nullable().optional(),
});
export type SelfEvaluationScore = z.infer<typeof selfEvaluationScoreSchema>;
