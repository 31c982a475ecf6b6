import { z } from 'zod';
import { lightSchema } from '../monitoring/monitoring-scheme.schema.ts';
import { severitySchema } from '../review/finding.schema.ts';
import { reviewGradeSchema } from '../review-records/review-record.schema.ts';
import { tableStatusSchema } from '../tables/table-record.schema.ts';

export const dashboardQuerySchema = z.object({
  year: z.coerce.number().int().optional().describe('Only tables of this budget year'),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** The reviewers' dashboard (绩效管理概览) over the tables a user is responsible for. */
export const dashboardSchema = z.object({
  scope: z.enum(['all', 'organisations']).describe('all: the whole region; else the user’s organisations'),
  totals: z.object({
    tables: z.number().int().nonnegative(),
    indicators: z.number().int().nonnegative(),
    budgetCurrentYear: z.number().nonnegative().describe('Sum of 当年预算 in 元'),
    published: z.number().int().nonnegative(),
  }),
  byStatus: z.array(z.object({ status: tableStatusSchema, count: z.number().int().nonnegative() })),
  byYear: z.array(
    z.object({
      year: z.number().int(),
      tables: z.number().int().positive(),
      budgetCurrentYear: z.number().nonnegative(),
    }),
  ),
  grades: z
    .array(z.object({ grade: reviewGradeSchema, count: z.number().int().nonnegative() }))
    .describe('Overall grade of each table’s latest review'),
  topFindings: z
    .array(
      z.object({
        ruleId: z.string(),
        severity: severitySchema,
        zh: z.string(),
        en: z.string(),
        tables: z.number().int().positive().describe('Tables with at least one finding of the rule'),
        findings: z.number().int().positive(),
      }),
    )
    .describe('Rules that found most problems in the current versions, most tables first'),
  lights: z
    .array(z.object({ light: lightSchema, count: z.number().int().nonnegative() }))
    .describe('Latest monitoring light of each reported table'),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
