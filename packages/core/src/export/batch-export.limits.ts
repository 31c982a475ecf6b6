// Plain constants of the batch export, apart from its zod schema: the table list checks the limit before
// asking, and importing the schema module would put zod into that page's first load (about 25 KB gzip).

/** The most tables one batch export takes: a year of a large department, and a bound on the work. */
export const batchExportMaxTables = 200;

/** The formats a batch export offers: the downloadable ones (HTML is for reading one table in the browser). */
export const batchExportFormats = ['pdf', 'xlsx', 'docx'] as const;
export type BatchExportFormat = (typeof batchExportFormats)[number];
