import { z } from 'zod';
import { ruleSetSummarySchema, severitySchema } from './finding.schema.ts';

// A rule set version an administrator derives (审核规则新版本): a built-in base plus overrides, as data.
// One schema serves the API body, the web editor and what storage reads back.

/** Lower-case words joined by hyphens, like the built-in ids (`shanghai-2021`). */
export const ruleSetIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens, e.g. shanghai-2021')
  .max(60)
  .describe('Rule set id, e.g. shanghai-2021; deriving under an existing id makes its next version');

/** One rule switched on or off, or given another severity, in a derived version. */
export const ruleOverrideSchema = z.object({
  code: z.string().min(1).max(10).describe('Shared rule code, e.g. Q02 (the id without the set prefix)'),
  enabled: z.boolean().default(true),
  severity: severitySchema.optional(),
});
export type RuleOverride = z.infer<typeof ruleOverrideSchema>;

export const requiredFieldSchema = z.enum([
  'unit',
  'name',
  'category',
  'startDate',
  'endDate',
  'performanceType',
]);
export const requiredBudgetSchema = z.enum(['total', 'currentYear']);
export const requiredNarrativeSchema = z.enum([
  'overview',
  'basis',
  'necessity',
  'safeguards',
  'plan',
  'goals',
]);

/**
 * The parameters a derived version may change. Every built-in set has the same parameter shape (its
 * framework stays the base's: a framework is part of what a set is, not a setting), so one schema
 * validates them all; omitted keys keep the base's values.
 */
export const ruleParamsOverrideSchema = z
  .object({
    requiredFields: z.array(requiredFieldSchema).max(6).optional(),
    requiredBudget: z.array(requiredBudgetSchema).max(2).optional(),
    requiredNarratives: z.array(requiredNarrativeSchema).max(6).optional(),
    budgetGrowthThreshold: z
      .number()
      .min(0)
      .max(10)
      .optional()
      .describe('Budget growth over last year (0.1 = 10%) above which outputs must grow too'),
    peerLowRatio: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('目标偏低: a target below this share of the median similar projects achieved (0.5 = half)'),
    peerHighRatio: z
      .number()
      .min(1)
      .max(100)
      .optional()
      .describe('目标不切实际: a target above this multiple of the best any similar project achieved'),
    peerUnitCostRatio: z
      .number()
      .min(1)
      .max(100)
      .optional()
      .describe(
        "A unit cost above this multiple of the similar projects' highest or below their lowest ÷ it",
      ),
    peerMinCount: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('How many similar projects with a comparable figure an evidence finding needs'),
    linkageReduceShare: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("结果应用: the share next year's budget of a project graded 中 is cut by (0.1 = 10%)"),
    rectificationRecheckGap: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe(
        "整改: a gap of at least this many points between the unit's printed self-evaluation total and the rules' opens a task",
      ),
    exAnteNewProjectMin: z
      .number()
      .min(0)
      .max(1e14)
      .nullable()
      .optional()
      .describe(
        '事前绩效评估: new projects with a budget of the year from this (元) need one; 0 all, null none',
      ),
    exAnteAnyProjectMin: z
      .number()
      .min(0)
      .max(1e14)
      .nullable()
      .optional()
      .describe('事前绩效评估: any project with a budget of the year from this (元) needs one; null none'),
    exAnteSupportScore: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('事前绩效评估: a total from this many points should conclude 予以支持'),
    exAntePartialScore: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('事前绩效评估: a total from this many points should conclude at least 部分支持'),
  })
  .strict();
export type RuleParamsOverride = z.infer<typeof ruleParamsOverrideSchema>;

/** Which parameters each rule reads: the editor shows a rule's parameters beside it. */
export const ruleParamKeys: Readonly<Record<string, readonly (keyof RuleParamsOverride)[]>> = {
  C01: ['requiredFields'],
  C02: ['requiredBudget'],
  C03: ['requiredNarratives'],
  Y02: ['budgetGrowthThreshold'],
  P01: ['peerLowRatio', 'peerMinCount'],
  P02: ['peerHighRatio', 'peerMinCount'],
  P03: ['peerUnitCostRatio', 'peerMinCount'],
  E01: ['exAnteNewProjectMin', 'exAnteAnyProjectMin'],
  E03: ['exAnteSupportScore', 'exAntePartialScore'],
};

/** What an administrator sends to derive a new version (POST /api/rule-sets). */
export const ruleSetDefinitionSchema = z.object({
  id: ruleSetIdSchema,
  baseId: z.string().min(1).describe('The built-in set the version starts from (GET /api/rule-sets)'),
  prefix: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,11}$/)
    .optional()
    .describe("Prefix of the rule ids in findings (SH2021 makes SH2021-Q01); the base's when omitted"),
  region: z.string().trim().min(1).max(40),
  year: z.number().int().min(1990).max(2100),
  zh: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
  rules: z.array(ruleOverrideSchema).max(200).default([]),
  params: ruleParamsOverrideSchema.default({}),
  derivedFrom: z
    .object({ id: z.string().min(1), version: z.number().int().positive() })
    .nullable()
    .optional()
    .describe('The version this one was derived from, for the record'),
});
export type RuleSetDefinition = z.infer<typeof ruleSetDefinitionSchema>;
export type RuleSetDefinitionInput = z.input<typeof ruleSetDefinitionSchema>;

/** A stored (published, never edited) version of a derived rule set. */
export const storedRuleSetVersionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  definition: ruleSetDefinitionSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type StoredRuleSetVersion = z.infer<typeof storedRuleSetVersionSchema>;

/** Which set reviews the tables of a region and year (an administrator's choice). */
export const ruleSetAssignmentSchema = z.object({
  region: z.string().trim().min(1).max(40),
  year: z.number().int().min(1990).max(2100),
  ruleSetId: z.string().min(1),
  version: z.number().int().positive(),
});
export type RuleSetAssignment = z.infer<typeof ruleSetAssignmentSchema>;

/** PUT /api/rule-sets/assignments: assign a set (and version), or `ruleSetId: null` to go back to the default. */
export const ruleSetAssignmentInputSchema = z.object({
  region: ruleSetAssignmentSchema.shape.region,
  year: ruleSetAssignmentSchema.shape.year,
  ruleSetId: z.string().min(1).nullable(),
  version: z.number().int().positive().optional().describe('Latest version when omitted'),
});
export type RuleSetAssignmentInput = z.infer<typeof ruleSetAssignmentInputSchema>;

/** A rule set as GET /api/rule-sets lists it: built in, or a stored version with its definition. */
export const ruleSetListItemSchema = ruleSetSummarySchema.extend({
  definition: ruleSetDefinitionSchema.optional(),
  createdAt: z.string().optional(),
});
export type RuleSetListItem = z.infer<typeof ruleSetListItemSchema>;
