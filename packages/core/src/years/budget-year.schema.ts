import { z } from 'zod';

/** A calendar date as YYYY-MM-DD (a deadline is a day, not an instant). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

/**
 * The administrator's settings for one budget year of one region (预算年度设置). The region is the one
 * rule set assignments use (上海市, 全国): that of the indicator framework a table follows.
 */
export const budgetYearSettingSchema = z.object({
  region: z.string().trim().min(1).max(40).describe('Region, e.g. 上海市 (as in rule set assignments)'),
  year: z.number().int().min(2000).max(2100),
  /** 编报开放: authors may start and submit tables of this year. */
  draftingOpen: z.boolean(),
  /** 申报截止日期: the last day a table of this year may be submitted (inclusive). */
  submissionDeadline: isoDate.nullable().default(null),
  /** Monitoring (绩效运行监控) covers January to this month; regions use 6, 7 or 8. */
  cutOffMonth: z.number().int().min(1).max(11),
  /** 自评开放 and its deadline, for the year-end self-evaluation. */
  selfEvaluationOpen: z.boolean(),
  selfEvaluationDeadline: isoDate.nullable().default(null),
});
export type BudgetYearSettingInput = z.input<typeof budgetYearSettingSchema>;
export type BudgetYearSetting = z.infer<typeof budgetYearSettingSchema>;

/** A stored setting: who changed it last and when. */
export const budgetYearSchema = budgetYearSettingSchema.extend({
  updatedAt: z.string().datetime().nullable(),
  updatedBy: z.string().nullable(),
});
export type BudgetYear = z.infer<typeof budgetYearSchema>;

export const budgetYearListSchema = z.object({ items: z.array(budgetYearSchema) });
export type BudgetYearList = z.infer<typeof budgetYearListSchema>;
