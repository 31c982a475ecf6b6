import { z } from 'zod';
import { lightSchema } from '../monitoring/monitoring-scheme.schema.ts';
import { severitySchema } from '../review/finding.schema.ts';
import { reviewGradeSchema } from '../review-records/review-record.schema.ts';
import { overallGradeSchema } from '../scoring/scoring-scheme.schema.ts';
import { tableStatusSchema } from '../tables/table-record.schema.ts';

export const dashboardQuerySchema = z.object({
  year: z.coerce.number().int().optional().describe('Only tables of this budget year'),
  department: z
    .string()
    .uuid()
    .optional()
    .describe(
      'Only tables of the units under this supervising department (an organisation of kind department); ' +
        'a department reviewer may name only their own department',
    ),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const yuan = z.number().nonnegative().describe('元, summed exactly to the 分');
const lightCountsSchema = z.array(z.object({ light: lightSchema, count: z.number().int().nonnegative() }));

/** The score bands of the self-evaluation distribution: [from, to) in points, the last one up to 100. */
export const scoreBands = [
  { from: 0, to: 60 },
  { from: 60, to: 70 },
  { from: 70, to: 80 },
  { from: 80, to: 90 },
  { from: 90, to: 100 },
] as const;

/** The reviewers' dashboard (绩效管理概览) over the tables a user is responsible for. */
export const dashboardSchema = z.object({
  scope: z.enum(['all', 'organisations']).describe('all: the whole region; else the user’s organisations'),
  filters: z
    .object({
      years: z.array(z.number().int()).describe('Budget years with tables in scope, newest first'),
      departments: z
        .array(z.object({ id: z.string().uuid(), name: z.string() }))
        .describe('Supervising departments the user may filter by'),
      year: z.number().int().nullable().describe('The year filter applied'),
      department: z.string().uuid().nullable().describe('The department filter applied'),
    })
    .describe('What the year and department filters offer (over the whole scope) and what was applied'),
  totals: z.object({
    tables: z.number().int().nonnegative(),
    indicators: z.number().int().nonnegative(),
    budgetCurrentYear: yuan.describe('Sum of 当年预算 in 元'),
    published: z.number().int().nonnegative(),
  }),
  byStatus: z
    .array(z.object({ status: tableStatusSchema, count: z.number().int().nonnegative() }))
    .describe('Every status in workflow order (draft → published, then returned), zero counts included'),
  byYear: z.array(
    z.object({
      year: z.number().int(),
      tables: z.number().int().positive(),
      budgetCurrentYear: yuan,
    }),
  ),
  byDepartment: z
    .array(
      z.object({
        departmentId: z
          .string()
          .uuid()
          .nullable()
          .describe('The supervising department; null for tables of no unit under a department'),
        department: z.string().nullable(),
        tables: z.number().int().positive(),
        budgetCurrentYear: yuan,
        lights: lightCountsSchema.describe(
          'Latest monitoring light of each reported table of the department',
        ),
      }),
    )
    .describe('Per supervising department (organisation tree), most budget first, unassigned last'),
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
  lights: lightCountsSchema.describe('Latest monitoring light of each reported table'),
  selfEvaluation: z
    .object({
      scored: z.number().int().nonnegative().describe('Tables with a complete (scored) self-evaluation'),
      averageScore: z.number().nullable().describe('Mean total score, to 0.1 point; null when none'),
      grades: z.array(z.object({ grade: overallGradeSchema, count: z.number().int().nonnegative() })),
      scores: z
        .array(
          z.object({
            from: z.number().int(),
            to: z.number().int(),
            count: z.number().int().nonnegative(),
          }),
        )
        .describe('Total scores in bands [from, to); the last band includes 100'),
    })
    .describe('Year-end self-evaluations (绩效自评) of the tables in scope'),
  rectification: z
    .object({
      open: z.number().int().nonnegative().describe('Tasks waiting for the unit’s measures'),
      answered: z.number().int().nonnegative().describe('Tasks answered, waiting for the reviewer to close'),
      closed: z.number().int().nonnegative(),
      overdue: z.number().int().nonnegative().describe('Tasks not closed whose deadline has passed'),
    })
    .describe('整改 tasks of the tables in scope (结果应用)'),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
