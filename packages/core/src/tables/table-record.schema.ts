import { z } from 'zod';
import { monitoringNoteSchema } from '../monitoring/monitoring.schema.ts';
import { cutOffMonthSchema } from '../monitoring/monitoring-scheme.schema.ts';
import { keptMappingSchema, usedTemplateSchema } from './column-mapping.schema.ts';
import {
  documentKindSchema,
  performanceTableSchema,
  previewTableSchema,
  warningSchema,
} from './table.schema.ts';

/**
 * Where a table is in its life. Review and approval move tables along these states;
 * storage keeps the state beside each table.
 */
export const tableStatusSchema = z.enum([
  'draft',
  'submitted',
  'department_reviewed',
  'returned',
  'approved',
  'published',
]);
export type TableStatus = z.infer<typeof tableStatusSchema>;

/** A stored table as the API returns it: the table plus identity, version and life-cycle state. */
export const tableRecordSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int().positive().describe('Increases with every save; send it back to update'),
  status: tableStatusSchema,
  organisationId: z.string().uuid().nullable(),
  table: performanceTableSchema,
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type TableRecord = z.infer<typeof tableRecordSchema>;

/** One row of the table list: enough to find and open a table without loading its indicators. */
export const tableSummarySchema = z.object({
  id: z.string().uuid(),
  version: z.number().int().positive(),
  status: tableStatusSchema,
  organisationId: z.string().uuid().nullable().describe('The unit the table belongs to'),
  kind: documentKindSchema,
  year: z.number().int(),
  unit: z.string(),
  name: z.string(),
  currentYearBudget: z.number().nullable(),
  indicatorCount: z.number().int().nonnegative(),
  warningCount: z.number().int().nonnegative().describe('Warnings the importer left on the table'),
  reviewErrorCount: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('Errors of the automatic review (审核) of the current version'),
  reviewWarningCount: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('Warnings of the automatic review of the current version'),
  updatedAt: z.string().datetime(),
});
export type TableSummary = z.infer<typeof tableSummarySchema>;

export const tableListQuerySchema = z.object({
  year: z.coerce.number().int().optional(),
  unit: z.string().optional(),
  q: z.string().optional().describe('Searches project names, units and indicator names'),
  status: tableStatusSchema.optional(),
  kind: documentKindSchema.optional(),
  sort: z.enum(['updatedAt', 'year', 'name', 'unit', 'budget']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TableListQuery = z.infer<typeof tableListQuerySchema>;

/** How many matching tables a list counts exactly; past it the count says `10000+`. */
export const TABLE_LIST_COUNT_CAP = 10_000;

export const tableListSchema = z.object({
  items: z.array(tableSummarySchema),
  total: z.number().int().nonnegative(),
  totalCapped: z
    .boolean()
    .default(false)
    .describe(
      `True when more tables match than a list counts (${TABLE_LIST_COUNT_CAP}; 1,000 when searching text): \`total\` is then a lower bound`,
    ),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});
export type TableList = z.infer<typeof tableListSchema>;

/** Body of a save: the edited table and the version it was based on (optimistic locking). */
export const tableUpdateSchema = z.object({
  version: z.number().int().positive(),
  table: performanceTableSchema,
  reason: z.string().max(500).optional().describe('Why it changed (required for adjustments after approval)'),
});
export type TableUpdate = z.infer<typeof tableUpdateSchema>;

// Duplicates: see table-duplicate.ts for the rules and the errors.

/**
 * What to do with a table whose unit, project and year already have one: `new-version` saves it as the
 * next version of the existing table (draft or returned only, history kept), `replace-draft` deletes
 * the existing draft and creates this one, `skip` creates nothing, `create-anyway` creates a second table.
 */
export const duplicateActionSchema = z.enum(['new-version', 'replace-draft', 'skip', 'create-anyway']);
export type DuplicateAction = z.infer<typeof duplicateActionSchema>;

/** The caller's choice for one table of the request (`index` into `tables`; 0 for a create). */
export const duplicateChoiceSchema = z.object({
  index: z.number().int().nonnegative().describe('Which table of the request (0 for POST /api/tables)'),
  action: duplicateActionSchema,
  tableId: z
    .string()
    .uuid()
    .optional()
    .describe('new-version / replace-draft: which existing table, when several (else the latest saved)'),
});
export type DuplicateChoice = z.infer<typeof duplicateChoiceSchema>;

/** The choices of a request, one per duplicated table (see `table.duplicate`). */
export const duplicateChoicesSchema = z
  .array(duplicateChoiceSchema)
  .max(10_000)
  .optional()
  .describe(
    'One choice per table that duplicates an existing one (same unit, project and year); without it such a table gets 409 table.duplicate',
  );

/** A stored table a new one duplicates. */
export const existingTableSchema = z.object({
  tableId: z.string().uuid(),
  name: z.string(),
  unit: z.string(),
  year: z.number().int(),
  status: tableStatusSchema,
  version: z.number().int().positive(),
});
export type ExistingTable = z.infer<typeof existingTableSchema>;

/** One table of a request that duplicates stored ones: where it is and what it duplicates. */
export const duplicateFoundSchema = z.object({
  index: z.number().int().nonnegative(),
  path: z.string().describe('tables.<i> for an import, table for a create'),
  name: z.string(),
  year: z.number().int(),
  existing: z.array(existingTableSchema).min(1),
});
export type DuplicateFound = z.infer<typeof duplicateFoundSchema>;

/** A table an imported monitoring form could fill: one the user may report on, of that unit and year. */
export const importCandidateSchema = z.object({
  tableId: z.string().uuid(),
  name: z.string(),
  unit: z.string(),
  year: z.number().int(),
  status: tableStatusSchema,
});
export type ImportCandidate = z.infer<typeof importCandidateSchema>;

/** Where an uploaded monitoring form would go before it is confirmed: the matched table, or the choices. */
export const monitoringMatchSchema = z.object({
  tableId: z
    .string()
    .uuid()
    .nullable()
    .describe('The table of the same project, unit and year; null: choose'),
  candidates: z
    .array(importCandidateSchema)
    .describe('Tables of the unit that year that take monitoring reports (those of the name when several)'),
  problems: z
    .array(monitoringNoteSchema)
    .describe('What importing into the matched (or the chosen `tableId`) table would leave out or change'),
});
export type MonitoringMatch = z.infer<typeof monitoringMatchSchema>;

/** Error body of every failed request (RFC 9457 problem+json) with a stable code and zh/en text. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  path: z.string().optional().describe('The failing field, e.g. table.indicators.3.name'),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  issues: z
    .array(z.object({ path: z.string(), code: z.string(), zh: z.string(), en: z.string() }))
    .optional(),
  candidates: z
    .array(importCandidateSchema)
    .optional()
    .describe(
      'import.monitoring_no_table, import.self_evaluation_no_table: the tables the user may choose instead',
    ),
  duplicates: z
    .array(duplicateFoundSchema)
    .optional()
    .describe('table.duplicate: each table of the request that duplicates stored ones, with those tables'),
});
export type Problem = z.infer<typeof problemSchema>;

/** What an import preview returns before the user confirms it. */
export const importPreviewSchema = z.object({
  importId: z.string().uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sourceText: z.string().describe('Decoded text the importer read, for showing warnings in place'),
  tables: z.array(previewTableSchema).describe('Each row with the source lines it was read from'),
  warnings: z.array(warningSchema),
  template: usedTemplateSchema
    .nullable()
    .optional()
    .describe('The layout template that read the file, when one matched its layout'),
  mapped: keptMappingSchema
    .optional()
    .describe('The last re-read through a column mapping (POST /imports/{id}/mapping), when there was one'),
  sourceCells: z
    .array(z.object({ sheet: z.string(), cells: z.array(z.string()) }).nullable())
    .optional()
    .describe('A workbook: per line of sourceText, its sheet and its cells by column (for column mapping)'),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/**
 * The form as the user shows it in the preview, for the match of a monitoring form or a 自评表 to its
 * approved table: the kind chosen (when the reader found another) and the header fields as edited.
 */
export const shownFormQuerySchema = z.object({
  kind: z
    .enum(['monitoring', 'self-evaluation'])
    .optional()
    .describe('The kind the user chose for the preview’s main table, when the reader found another'),
  name: z.string().trim().min(1).max(200).optional().describe('The project name as edited'),
  unit: z.string().trim().min(1).max(200).optional().describe('The unit as edited'),
  year: z.coerce.number().int().min(1900).max(2200).optional().describe('The year as edited'),
});
export type ShownFormQuery = z.infer<typeof shownFormQuerySchema>;

/** Body of a create: a new table, optionally placed in an organisation. */
export const tableCreateSchema = z.object({
  table: performanceTableSchema,
  organisationId: z.string().uuid().nullable().optional(),
  duplicates: duplicateChoicesSchema,
});
export type TableCreate = z.infer<typeof tableCreateSchema>;

/** One saved version of a table as kept in storage and returned by the versions API. */
export const tableVersionSchema = z.object({
  tableId: z.string().uuid(),
  version: z.number().int().positive(),
  table: performanceTableSchema,
  status: tableStatusSchema,
  savedAt: z.string().datetime(),
  savedBy: z.string().nullable(),
  reason: z.string().nullable(),
});

/** A row of a table's version history, without the table itself. */
export const tableVersionSummarySchema = tableVersionSchema.omit({ table: true });
export type TableVersionSummary = z.infer<typeof tableVersionSummarySchema>;

/**
 * Body of an import confirmation: the previewed tables, possibly edited by the user. A monitoring form
 * (its table has `monitoring`) fills the monitoring report of a stored table instead of creating one:
 * the table found by unit, project and year, or the one the user chose, at the printed or chosen month.
 */
export const importConfirmSchema = z.object({
  tables: z.array(performanceTableSchema).min(1),
  tableId: z
    .string()
    .uuid()
    .optional()
    .describe('Monitoring forms: the table whose monitoring report the form fills, chosen by the user'),
  cutOffMonth: cutOffMonthSchema
    .optional()
    .describe('Monitoring forms: the cut-off month, overriding or supplying the printed one'),
  duplicates: duplicateChoicesSchema,
  ownTable: z
    .boolean()
    .optional()
    .describe(
      'Filled 自评表 whose target table is not in the system (a past year): create it from the form and keep the self-evaluation with it',
    ),
  schemeId: z
    .string()
    .optional()
    .describe('Filled 自评表: the scoring scheme; by default the one its printed weights tell'),
});
export type ImportConfirm = z.infer<typeof importConfirmSchema>;

/** Which self-evaluation a confirmed filled 自评表 created, and how its claim compares with the rules. */
export const importedSelfEvaluationSchema = z.object({
  tableId: z.string().uuid(),
  name: z.string(),
  unit: z.string(),
  year: z.number().int(),
  ownTable: z.boolean().describe('The target table was created from the form (not in the system before)'),
  schemeId: z.string(),
  total: z.number().describe("The rules' total"),
  claimedTotal: z.number().nullable(),
  gap: z.number().nullable(),
  causes: z.array(z.string()),
  unmatched: z
    .array(z.object({ index: z.number().int(), name: z.string() }))
    .describe('Rows of the form that match no indicator of the chosen table'),
});
export type ImportedSelfEvaluation = z.infer<typeof importedSelfEvaluationSchema>;

/** Which monitoring report a confirmed monitoring form filled, and what did not fit. */
export const importedMonitoringSchema = z.object({
  tableId: z.string().uuid(),
  name: z.string(),
  unit: z.string(),
  year: z.number().int(),
  cutOffMonth: cutOffMonthSchema,
  indicatorCount: z.number().int().nonnegative().describe('Indicators of the table the form filled'),
  problems: z.array(monitoringNoteSchema).describe('Rows matching no indicator, indicators left out'),
});
export type ImportedMonitoring = z.infer<typeof importedMonitoringSchema>;

/** What a confirmed import created (or, for a monitoring form, filled), all in one transaction. */
export const importResultSchema = z.object({
  importId: z.string().uuid(),
  records: z
    .array(tableRecordSchema)
    .describe('Tables created or given a new version; empty for a monitoring form or when all were skipped'),
  skipped: z
    .array(z.number().int().nonnegative())
    .optional()
    .describe('Indexes of the tables not imported because the user chose to skip them as duplicates'),
  monitoring: importedMonitoringSchema.optional().describe('Present when a monitoring form was imported'),
  selfEvaluation: importedSelfEvaluationSchema
    .optional()
    .describe('Present when a filled 自评表 was imported'),
});
export type ImportResult = z.infer<typeof importResultSchema>;
