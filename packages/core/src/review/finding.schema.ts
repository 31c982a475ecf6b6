import { z } from 'zod';

export const severitySchema = z.enum(['error', 'warning', 'hint']);
export type Severity = z.infer<typeof severitySchema>;

/**
 * A located, bilingual note of an assessment (a monitoring report's lights, a self-evaluation's scores):
 * what is off, by a stable code, and where (`path`) when it is one field.
 */
export const assessmentNoteSchema = z.object({
  code: z.string(),
  severity: severitySchema,
  zh: z.string(),
  en: z.string(),
  path: z.string().optional(),
});

/** One problem a review rule found in a table: what is wrong and how to fix it, in Chinese and English. */
export const findingSchema = z.object({
  ruleId: z.string().describe('Rule id within its rule set, e.g. SH2020-Q01'),
  severity: severitySchema,
  zh: z.string(),
  en: z.string(),
  path: z
    .string()
    .optional()
    .describe('Field path in the table, e.g. budget.currentYear or indicators.8.target'),
  indicatorIndex: z.number().int().nonnegative().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const ruleCategorySchema = z.enum([
  'completeness',
  'consistency',
  'target-quality',
  'comparison',
  'ex-ante',
]);
export type RuleCategory = z.infer<typeof ruleCategorySchema>;

/** A rule as listed to users: its id, severity and what it checks. */
export const ruleSummarySchema = z.object({
  id: z.string(),
  code: z.string().describe('Shared rule code without the set prefix, e.g. Q01'),
  category: ruleCategorySchema,
  severity: severitySchema,
  zh: z.string(),
  en: z.string(),
  fixZh: z.string().describe('How to fix what the rule reports'),
  fixEn: z.string(),
});
export type RuleSummary = z.infer<typeof ruleSummarySchema>;

/** A rule set as listed to users (GET /api/rule-sets). */
export const ruleSetSummarySchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  region: z.string(),
  year: z.number().int(),
  zh: z.string(),
  en: z.string(),
  frameworkId: z.string(),
  prefix: z.string(),
  builtIn: z.boolean().describe('Shipped with Jixiao; false for versions an administrator derived'),
  baseId: z.string().describe('The built-in set a derived version starts from (its own id when built in)'),
  rules: z.array(ruleSummarySchema),
});
export type RuleSetSummary = z.infer<typeof ruleSetSummarySchema>;
