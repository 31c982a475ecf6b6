import { z } from 'zod';
import { documentKindSchema, performanceTableSchema } from '../tables/table.schema.ts';

/**
 * The public variant of a table (公开): only what is published on the portal. It never carries the
 * workflow state, review grades, comments, import warnings, organisation ids or user names.
 */
export const publicTableSummarySchema = z.object({
  id: z.string().uuid(),
  version: z.number().int().positive().describe('The published version shown'),
  kind: documentKindSchema,
  year: z.number().int(),
  unit: z.string(),
  department: z.string().nullable().describe('主管部门'),
  name: z.string(),
  code: z.string().nullable(),
  currentYearBudget: z.number().nullable().describe('当年预算 in 元'),
  indicatorCount: z.number().int().nonnegative(),
  publishedAt: z.string().datetime(),
});
export type PublicTableSummary = z.infer<typeof publicTableSummarySchema>;

export const publicTableSchema = publicTableSummarySchema.extend({ table: performanceTableSchema });
export type PublicTable = z.infer<typeof publicTableSchema>;

export const publicTableQuerySchema = z.object({
  year: z.coerce.number().int().optional(),
  unit: z.string().optional().describe('Exact unit name (browse)'),
  department: z.string().optional().describe('Exact supervising department (browse)'),
  q: z.string().max(200).optional().describe('Searches project names and codes, units and indicator text'),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PublicTableQuery = z.infer<typeof publicTableQuerySchema>;

const facetSchema = z.object({ value: z.string(), count: z.number().int().positive() });

export const publicTableListSchema = z.object({
  items: z.array(publicTableSummarySchema),
  total: z.number().int().nonnegative(),
  totalCapped: z
    .boolean()
    .describe(
      'True when a text search matched more tables than it counts: `total` is then a lower bound (1000+)',
    ),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  facets: z
    .object({
      years: z.array(z.object({ value: z.number().int(), count: z.number().int().positive() })),
      units: z.array(facetSchema),
      departments: z.array(facetSchema),
    })
    .describe('What can be browsed, counted over every published table'),
});
export type PublicTableList = z.infer<typeof publicTableListSchema>;
