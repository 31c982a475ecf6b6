import { z } from 'zod';
import { overallGradeSchema } from '../scoring/scoring-scheme.schema.ts';
import { directionSchema } from '../tables/table.schema.ts';

// Similar projects (案例库): published tables of the same category and framework whose project name is
// closest to the table being written, with what they achieved. One schema for the API, the editor's
// drawer and the evidence rules, which read the same data.

/** A unit cost of a project: money per unit of output (元/人, 元/亩 …). */
export const unitCostSchema = z.object({
  per: z.string().describe('The unit of output, e.g. 人 (the cost is 元/人)'),
  yuan: z.number().nonnegative().describe('元 per unit of output'),
  indicatorIndex: z
    .number()
    .int()
    .nonnegative()
    .describe('The indicator the output or the cost is read from'),
  basis: z
    .enum(['actual', 'target', 'stated'])
    .describe('actual: budget ÷ achieved output; target: budget ÷ target output; stated: a cost indicator'),
});
export type UnitCost = z.infer<typeof unitCostSchema>;

/** One indicator of a similar project: its target and, after the year, what was achieved. */
export const peerIndicatorSchema = z.object({
  index: z.number().int().nonnegative(),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  name: z.string(),
  target: z.string().describe('The target as printed'),
  direction: directionSchema.nullable(),
  actual: z.string().nullable().describe('实际完成值 from the self-evaluation; null before one exists'),
  score: z.number().nullable().describe('得分 as printed on a self-evaluation form, else null'),
});
export type PeerIndicator = z.infer<typeof peerIndicatorSchema>;

/** A published table of a similar project. */
export const peerProjectSchema = z.object({
  tableId: z.string().uuid(),
  version: z.number().int().positive(),
  year: z.number().int(),
  unit: z.string(),
  department: z.string().nullable(),
  name: z.string(),
  category: z.string().nullable(),
  currentYearBudget: z.number().nullable().describe('项目当年预算 (元)'),
  executed: z.number().nullable().describe('预算执行数 (元) from the self-evaluation, when there is one'),
  similarity: z
    .number()
    .min(0)
    .max(1)
    .describe(
      'Trigram similarity of the project names, indicator names and narratives together (1 = the same)',
    ),
  evaluation: z
    .object({ total: z.number(), grade: overallGradeSchema })
    .nullable()
    .describe('The self-evaluation score and grade, when the project has been evaluated'),
  indicators: z.array(peerIndicatorSchema),
  unitCosts: z.array(unitCostSchema),
});
export type PeerProject = z.infer<typeof peerProjectSchema>;

/** GET /api/tables/:id/peers. */
export const peerListSchema = z.object({
  peers: z.array(peerProjectSchema),
});
export type PeerList = z.infer<typeof peerListSchema>;

/** How many similar projects the editor shows, and the least name similarity that counts as similar. */
export const peerLimits = { count: 8, minSimilarity: 0.2 } as const;
