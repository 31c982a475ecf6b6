import { z } from 'zod';
import { frameworks } from '../frameworks/frameworks.ts';
import { directionSchema } from '../tables/table.schema.ts';

// The indicator library (指标库): indicators authors pick instead of typing names, so that tables of a
// region use the same, comparable wording. One schema for storage, the API (OpenAPI) and the browser.

const frameworkIds = [...frameworks.keys()] as [string, ...string[]];

/** Where an entry comes from: shipped with Jixiao, kept by an administrator, or counted in published tables. */
export const librarySourceSchema = z.enum(['builtin', 'stored', 'common']);
export type LibrarySource = z.infer<typeof librarySourceSchema>;

const label = (max: number) => z.string().trim().min(1).max(max);

/** What an administrator writes (POST/PUT body). */
export const libraryEntryInputSchema = z.object({
  frameworkId: z.enum(frameworkIds).describe('Indicator framework (指标体系) the entry belongs to'),
  level1: label(40).describe('一级指标 as tables print it, e.g. 产出指标'),
  level2: label(40).describe('二级指标, e.g. 数量指标'),
  name: label(100).describe('三级指标'),
  suggestedTarget: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .default(null)
    .describe('Suggested 指标值 as typed (read by the target grammar when shown), e.g. ≥90%'),
  direction: directionSchema.nullable().default(null),
  noteZh: z.string().trim().max(500).nullable().default(null).describe('指标解释 (Chinese)'),
  noteEn: z.string().trim().max(500).nullable().default(null).describe('Definition (English)'),
  tags: z
    .array(z.string().trim().min(1).max(20))
    .max(20)
    .default([])
    .describe('Industry / category words search also looks at'),
  active: z.boolean().default(true).describe('Inactive entries are kept but not offered to authors'),
});
export type LibraryEntryInput = z.input<typeof libraryEntryInputSchema>;
export type LibraryEntryFields = z.infer<typeof libraryEntryInputSchema>;

/** One entry as listed: its fields, where it comes from and how many published tables use it. */
export const libraryEntrySchema = libraryEntryInputSchema.extend({
  id: z.string().describe('builtin:…, a stored entry’s uuid, or common:…'),
  source: librarySourceSchema,
  usedBy: z.number().int().nonnegative().describe('Published tables carrying this indicator'),
  updatedAt: z.string().nullable().describe('Last change of a stored entry (ISO); null otherwise'),
});
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

/** GET /api/indicator-library query. */
export const libraryQuerySchema = z.object({
  q: z.string().max(100).optional().describe('Words over name, levels, tags and notes'),
  frameworkId: z.enum(frameworkIds).optional(),
  level1: z.string().max(40).optional(),
  level2: z.string().max(40).optional(),
  source: librarySourceSchema.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Also list deactivated stored entries (the administration tab)'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type LibraryQuery = z.input<typeof libraryQuerySchema>;

export const libraryListSchema = z.object({
  items: z.array(libraryEntrySchema),
  total: z.number().int().nonnegative().describe('Matches before the limit'),
});
export type LibraryList = z.infer<typeof libraryListSchema>;
