import { z } from 'zod';

/** One indicator row of a filled 自评表 as the unit printed it: its weight, actual and own score. */
export const claimedRowSchema = z.object({
  index: z.number().int().nonnegative().describe('Position of the indicator in the table'),
  weight: z
    .number()
    .nonnegative()
    .nullable()
    .describe('分值 as printed; null for sub-items (其中…) without one'),
  actual: z.string().nullable().describe('实际完成值 as printed'),
  score: z.number().nullable().describe('得分 the unit gave itself'),
});
export type ClaimedRow = z.infer<typeof claimedRowSchema>;

/**
 * What a unit claimed on its filled 自评表, kept apart from what the rules give: the finance reviewer
 * (财政复核) sees both side by side and decides per row.
 */
export const selfEvaluationClaimSchema = z.object({
  source: z.enum(['import', 'entry']).default('import'),
  importId: z.string().uuid().nullable().optional().describe('The import the claim was read from'),
  fileName: z.string().nullable().optional(),
  rows: z.array(claimedRowSchema),
  executionWeight: z.number().nonnegative().nullable().optional().describe('预算执行率 分值 as printed'),
  executionScore: z.number().nullable().describe('预算执行率 得分 as printed'),
  total: z.number().nullable().describe('总分 as printed'),
});
export type SelfEvaluationClaim = z.infer<typeof selfEvaluationClaimSchema>;
export type SelfEvaluationClaimInput = z.input<typeof selfEvaluationClaimSchema>;

/** Why a claimed score differs from the rule's, or why the rule cannot decide it. */
export const claimCauseSchema = z.enum([
  'met_below_weight',
  'missed_full_marks',
  'formula',
  'above_weight',
  'qualitative',
  'missing_actual',
  'not_scored',
  'not_printed',
  'weight_changed',
  'weight_missing',
  'execution',
  'total_not_sum',
  'weights_total',
]);
export type ClaimCause = z.infer<typeof claimCauseSchema>;

/** Names of the causes for filters and exports. */
export const CLAIM_CAUSE_LABELS: Record<ClaimCause, { zh: string; en: string }> = {
  met_below_weight: { zh: '已达标但得分低于分值', en: 'Target met but scored below the weight' },
  missed_full_marks: { zh: '未达标却得满分', en: 'Target missed but full marks' },
  formula: { zh: '得分不符合计分公式', en: 'Score does not follow the formula' },
  above_weight: { zh: '得分超过分值', en: 'Score above the weight' },
  qualitative: { zh: '定性指标：由审核人判断', en: "Qualitative: reviewer's judgement" },
  missing_actual: { zh: '缺少实际完成值', en: 'No actual value' },
  not_scored: { zh: '其中项/未印分值：列示不计分', en: 'Sub-item without a weight: shown, not scored' },
  not_printed: { zh: '表上未填得分', en: 'No score printed' },
  weight_changed: { zh: '分值与印刷不同', en: 'Weight differs from the printed one' },
  weight_missing: {
    zh: '表上未印分值，规则分值按评分办法分配',
    en: "No weight printed: the rule's weight comes from the scheme's split",
  },
  execution: { zh: '预算执行得分不符', en: 'Execution score differs' },
  total_not_sum: { zh: '总分不等于各行之和', en: 'Total is not the sum of its rows' },
  weights_total: { zh: '分值合计不符合评分办法', en: "Weights do not add to the scheme's total" },
};

/** A claimed score beside the rule's: the difference (claimed − rule) and its cause in words. */
export const claimLineSchema = z.object({
  target: z.union([z.literal('execution'), z.number().int().nonnegative()]),
  printedWeight: z.number().nullable(),
  weight: z.number().describe("The rule's weight"),
  claimed: z.number().nullable(),
  rule: z.number().describe("The rule's score before any reviewer decision"),
  difference: z
    .number()
    .nullable()
    .describe('claimed − rule, rounded to the scheme; null when nothing to compare'),
  cause: claimCauseSchema.nullable(),
  zh: z.string(),
  en: z.string(),
});
export type ClaimLine = z.infer<typeof claimLineSchema>;

/** The unit's claim compared with the rules, row by row and in total. */
export const claimComparisonSchema = z.object({
  lines: z.array(claimLineSchema).describe('The execution row first, then every indicator'),
  claimedTotal: z
    .number()
    .nullable()
    .describe('The printed total, else the sum of the claimed rows when all are printed'),
  claimedRowsSum: z
    .number()
    .nullable()
    .describe('Execution + indicator claims, when all weighted rows are claimed'),
  ruleTotal: z.number(),
  gap: z.number().nullable().describe('claimedTotal − ruleTotal'),
  causes: z.array(claimCauseSchema).describe('Every cause found, each once'),
  notes: z.array(z.object({ code: claimCauseSchema, zh: z.string(), en: z.string() })),
});
export type ClaimComparison = z.infer<typeof claimComparisonSchema>;

/** One self-evaluation of the re-check list (财政复核): the unit's claimed total beside the rules'. */
export const recheckItemSchema = z.object({
  tableId: z.string().uuid(),
  name: z.string(),
  unit: z.string(),
  year: z.number().int(),
  organisationId: z.string().nullable(),
  status: z.string(),
  kind: z.string(),
  schemeId: z.string(),
  claimedTotal: z.number().nullable(),
  ruleTotal: z.number().nullable(),
  gap: z.number().nullable(),
  total: z.number().describe('The total with the reviewers’ decisions'),
  grade: z.string(),
  causes: z.array(claimCauseSchema),
  decisions: z.number().int(),
  updatedAt: z.string(),
});
export type RecheckItem = z.infer<typeof recheckItemSchema>;
