import { z } from 'zod';

import { batchExportFormats, batchExportMaxTables } from './batch-export.limits.ts';

export { type BatchExportFormat, batchExportFormats, batchExportMaxTables } from './batch-export.limits.ts';

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
