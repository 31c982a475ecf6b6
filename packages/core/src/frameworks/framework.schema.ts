import { z } from 'zod';

/**
 * What a category is for. Rules ask for roles, never for printed names, so the same rule works on
 * Shanghai's 产出目标 and the national 产出指标.
 */
export const categoryRoleSchema = z.enum([
  'input',
  'output',
  'outcome',
  'satisfaction',
  'impact',
  'cost',
  'quantity',
  'quality',
  'timeliness',
  'other',
]);
export type CategoryRole = z.infer<typeof categoryRoleSchema>;

export const level2CategorySchema = z.object({
  name: z.string().min(1).describe('二级指标 as the framework names it, without 指标/目标 suffix'),
  aliases: z.array(z.string()).default([]),
  role: categoryRoleSchema.default('other'),
});
export type Level2Category = z.infer<typeof level2CategorySchema>;

export const level1CategorySchema = z.object({
  name: z.string().min(1).describe('一级指标 without 指标/目标 suffix and weight'),
  aliases: z.array(z.string()).default([]),
  role: categoryRoleSchema,
  required: z.boolean().describe('A table without this level-1 category is incomplete'),
  expectsQuantified: z.boolean().describe('At least one indicator here must have a numeric target'),
  /** Each group is satisfied by any one of its level-2 names being present. */
  requiredLevel2: z.array(z.array(z.string()).min(1)).default([]),
  level2: z.array(level2CategorySchema),
});
export type Level1Category = z.infer<typeof level1CategorySchema>;

export const commonIndicatorSchema = z.object({
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
});
export type CommonIndicator = z.infer<typeof commonIndicatorSchema>;

/** Header fields a printed form can show. */
export const printedFieldSchema = z.enum([
  'supervisingDepartment',
  'unit',
  'name',
  'code',
  'category',
  'startDate',
  'endDate',
  'governmentProcurement',
  'performanceType',
]);
export type PrintedField = z.infer<typeof printedFieldSchema>;

/** Indicator grid columns a printed form can show, in the order forms print them. */
export const printedColumnSchema = z.enum([
  'level1',
  'level2',
  'name',
  'direction',
  'weight',
  'target',
  'actual',
  'score',
  'explanation',
  'deviationReason',
]);
export type PrintedColumn = z.infer<typeof printedColumnSchema>;

/**
 * The printed form of a framework's tables: which rows and columns it has, whatever a table holds. An
 * empty field prints as an empty cell; a field the form has no place for is not printed.
 */
export const printedFormSchema = z.object({
  header: z
    .array(z.array(printedFieldSchema).min(1).max(2))
    .min(1)
    .describe('Header rows in order: one field spans its row, two share it (label, value, label, value)'),
  targetColumns: z
    .array(printedColumnSchema)
    .min(4)
    .describe('Indicator grid of the target table (and the department-wide one), in order'),
  selfEvaluationColumns: z
    .array(printedColumnSchema)
    .min(4)
    .describe('Indicator grid of the self-evaluation (自评表), in order'),
});
export type PrintedForm = z.infer<typeof printedFormSchema>;

/** An indicator framework (指标体系) of a region and year, as data. */
export const frameworkSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  zh: z.string(),
  en: z.string(),
  source: z.string().describe('The policy document the framework follows'),
  level1: z.array(level1CategorySchema).min(1),
  /** Indicators every project of the region carries (Shanghai's nine 投入与管理 indicators). */
  commonIndicators: z.array(commonIndicatorSchema).default([]),
  /**
   * How the region's form prints category names, so that messages and library entries use the form's
   * words: Shanghai 产出目标 / 数量 (level 1 with 目标, 投入与管理 bare), national 产出指标 / 数量指标.
   */
  printed: z
    .object({
      level1Suffix: z.string().default(''),
      level2Suffix: z.string().default(''),
      bareLevel1: z.array(z.string()).default([]).describe('Level-1 names printed without the suffix'),
    })
    .default({ level1Suffix: '', level2Suffix: '', bareLevel1: [] }),
  form: printedFormSchema.describe('Rows and columns of the printed form'),
});
export type Framework = z.infer<typeof frameworkSchema>;
export type FrameworkInput = z.input<typeof frameworkSchema>;
