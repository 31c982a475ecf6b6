import { z } from 'zod';

export const publicStatisticsQuerySchema = z.object({
  year: z.coerce.number().int().optional().describe('Only tables of this budget year'),
});
export type PublicStatisticsQuery = z.infer<typeof publicStatisticsQuerySchema>;

const yuan = z.number().nonnegative().describe('Sum of 当年预算 in 元, exact to the 分');

/**
 * Statistics of the public portal (公开统计), over PUBLISHED tables only (each table's latest published
 * version): how many and how much budget, by year and by supervising department. Nothing internal.
 */
export const publicStatisticsSchema = z.object({
  year: z.number().int().nullable().describe('The year filter applied'),
  totals: z.object({ tables: z.number().int().nonnegative(), budgetCurrentYear: yuan }),
  byYear: z
    .array(z.object({ year: z.number().int(), tables: z.number().int().positive(), budgetCurrentYear: yuan }))
    .describe('Newest year first'),
  byDepartment: z
    .array(
      z.object({
        department: z
          .string()
          .nullable()
          .describe('主管部门: the department its unit sits under, else the one the table names; null: none'),
        tables: z.number().int().positive(),
        budgetCurrentYear: yuan,
      }),
    )
    .describe('Most budget first; tables with no department last'),
});
export type PublicStatistics = z.infer<typeof publicStatisticsSchema>;
