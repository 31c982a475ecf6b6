import { z } from 'zod';

/** The most tables one batch export takes: a year of a large department, and a bound on the work. */
export const batchExportMaxTables = 200;

/** The formats a batch export offers: the downloadable ones (HTML is for reading one table in the browser). */
export const batchExportFormats = ['pdf', 'xlsx', 'docx'] as const;
export type BatchExportFormat = (typeof batchExportFormats)[number];

/** `POST /api/tables/export`: several tables' official forms in one .zip, one file per table. */
export const batchExportRequestSchema = z.object({
  ids: z
    .array(z.string().uuid())
    .min(1)
    .max(batchExportMaxTables)
    .describe(`The tables to export (1 to ${batchExportMaxTables}; a repeated id is exported once)`),
  format: z.enum(batchExportFormats).describe('One file per table in this format'),
  locale: z
    .enum(['zh', 'en'])
    .default('zh')
    .describe('Language of the form labels and the zip name; the data stays as written'),
});
export type BatchExportRequest = z.infer<typeof batchExportRequestSchema>;
