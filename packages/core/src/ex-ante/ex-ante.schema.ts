import { z } from 'zod';

// 事前绩效评估 (ex-ante performance assessment) of a new or large project: five standard dimensions, each
// scored with its evidence, and a conclusion that the rule set's gate reads before the table may be
// submitted. One schema for the API, the page and storage.

/** The standard dimensions: 立项必要性, 投入经济性, 绩效目标合理性, 实施方案可行性, 筹资合规性. */
export const exAnteDimensionSchema = z.enum(['necessity', 'economy', 'targets', 'feasibility', 'funding']);
export type ExAnteDimension = z.infer<typeof exAnteDimensionSchema>;

/** Every dimension in the order the form and the print show them. */
export const exAnteDimensions = exAnteDimensionSchema.options;

/** Points of each dimension: five dimensions of 20 make a total of 100. */
export const exAnteDimensionPoints = 20;

/** 予以支持 / 部分支持 / 不予支持. */
export const exAnteConclusionSchema = z.enum(['support', 'partial', 'reject']);
export type ExAnteConclusion = z.infer<typeof exAnteConclusionSchema>;

export const exAnteScoreSchema = z.object({
  dimension: exAnteDimensionSchema,
  score: z.number().min(0).max(exAnteDimensionPoints).describe('0–20 points'),
  evidence: z
    .string()
    .trim()
    .min(1)
    .max(4_000)
    .describe('What the score rests on: documents, figures, comparable projects'),
});
export type ExAnteScore = z.infer<typeof exAnteScoreSchema>;

/** PUT /api/tables/:id/ex-ante: the assessment, every dimension once. */
export const exAnteAssessmentInputSchema = z.object({
  scores: z
    .array(exAnteScoreSchema)
    .length(exAnteDimensions.length)
    .refine((scores) => new Set(scores.map((s) => s.dimension)).size === exAnteDimensions.length, {
      message: 'every dimension exactly once',
    }),
  conclusion: exAnteConclusionSchema,
  opinion: z.string().trim().min(1).max(4_000).describe('综合评估意见'),
  assessor: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .describe('评估主体 (unit, department or agency)'),
});
export type ExAnteAssessmentInput = z.infer<typeof exAnteAssessmentInputSchema>;

/** A stored assessment as the API shows it. */
export const exAnteAssessmentSchema = exAnteAssessmentInputSchema.extend({
  tableId: z.string().uuid(),
  total: z.number().describe('Sum of the dimension scores (0–100)'),
  updatedAt: z.string(),
});
export type ExAnteAssessment = z.infer<typeof exAnteAssessmentSchema>;

/** Why the rule set asks a table for an assessment (or why it does not), in both languages. */
export const exAnteRequirementSchema = z.object({
  required: z.boolean(),
  zh: z.string(),
  en: z.string(),
});
export type ExAnteRequirement = z.infer<typeof exAnteRequirementSchema>;

/** A finding of the ex-ante rules, as the page and the gate show it. */
const gateFindingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning', 'hint']),
  zh: z.string(),
  en: z.string(),
});

/** GET /api/tables/:id/ex-ante: what the rule set asks, the assessment, the rules' findings, the gate. */
export const exAnteViewSchema = z.object({
  ruleSet: z.string(),
  requirement: exAnteRequirementSchema,
  /** The conclusion the total suggests under the rule set's bands (null without an assessment). */
  suggestedConclusion: exAnteConclusionSchema.nullable(),
  bands: z.object({ support: z.number(), partial: z.number() }),
  assessment: exAnteAssessmentSchema.nullable(),
  findings: z.array(gateFindingSchema),
  /** True when an error of the ex-ante rules stops the table's submission. */
  blocksSubmission: z.boolean(),
  /** The caller may save the assessment (the table's author while it is a draft or returned). */
  canEdit: z.boolean(),
});
export type ExAnteView = z.infer<typeof exAnteViewSchema>;
