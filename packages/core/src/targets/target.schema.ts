import { z } from 'zod';
import { tableLimits } from '../tables/table-limits.ts';

/** Comparison operators in their canonical ASCII form; full-width and ≥/≤ forms normalise to these. */
export const operatorSchema = z.enum(['=', '>=', '<=', '>', '<']);
export type Operator = z.infer<typeof operatorSchema>;

/**
 * What a target value is. `placeholder` is a template left unfilled (`≥**%`), `missing` an empty cell,
 * `date`/`period` a deadline or a span of time, `qualitative` a grade such as 合理 or 达标.
 */
export const targetKindSchema = z.enum([
  'quantitative',
  'qualitative',
  'date',
  'period',
  'placeholder',
  'missing',
]);
export type TargetKind = z.infer<typeof targetKindSchema>;

/** An ISO calendar date (`2020-12-31`) or month (`2023-07`). */
export const isoDateOrMonthSchema = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'ISO date (YYYY-MM-DD) or month (YYYY-MM)');

/** A parsed target value (指标目标值). `raw` always keeps the printed text. */
export const targetSchema = z.object({
  raw: z.string().max(tableLimits.value).describe('The target exactly as printed'),
  kind: targetKindSchema,
  operator: operatorSchema.nullable(),
  value: z.number().nullable(),
  unit: z.string().max(tableLimits.label).nullable(),
  text: z
    .string()
    .max(tableLimits.value)
    .optional()
    .describe('Qualitative grade or the wording of a date/period target'),
  date: isoDateOrMonthSchema.optional().describe('Deadline of a date target'),
  period: z
    .object({ start: isoDateOrMonthSchema, end: isoDateOrMonthSchema })
    .optional()
    .describe('Span of a period target'),
  upper: z.number().optional().describe('Upper bound of a numeric range target (value is the lower bound)'),
});
export type Target = z.infer<typeof targetSchema>;
