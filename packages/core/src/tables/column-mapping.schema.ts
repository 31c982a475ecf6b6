import { z } from 'zod';
import { documentKindSchema, previewTableSchema, warningSchema } from './table.schema.ts';

/** What a column of an imported table holds, as the person doing the import says. */
export const columnRoleSchema = z.enum([
  'level1',
  'level2',
  'level3',
  'target',
  'operator',
  'value',
  'unit',
  'actual',
  'weight',
  'score',
  'cause',
  'explanation',
  'ignore',
]);
export type ColumnRole = z.infer<typeof columnRoleSchema>;

/** How the cells of a line are told apart: tab, pipe `|`, comma, two or more spaces, or any space. */
export const cellSeparatorSchema = z.enum(['tab', 'pipe', 'comma', 'spaces', 'space']);
export type CellSeparator = z.infer<typeof cellSeparatorSchema>;

/**
 * A table chosen in an imported document's text and the role of each of its columns: the lines the table
 * takes (its caption row may be among them), how cells are separated, and one role per column, from the
 * left. Rows with fewer cells than roles lost their leading level cells to a merge: they take them from
 * the row above.
 */
export const columnMappingSchema = z.object({
  region: z
    .object({ line: z.number().int().positive(), endLine: z.number().int().positive() })
    .refine((r) => r.endLine >= r.line, { message: 'endLine before line', path: ['endLine'] })
    .describe('The first and last line of the table in the preview’s source text'),
  separator: cellSeparatorSchema.optional().describe('Told from the lines when absent'),
  roles: z.array(columnRoleSchema).min(1).max(64),
  kind: documentKindSchema.optional().describe('The kind of document, when the user changed it'),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * What a table layout looks like, to know it again in the next file: the caption words of its table, its
 * column count, and the sheet it was on (Excel).
 */
export const layoutSignatureSchema = z.object({
  headerWords: z.array(z.string()).describe('Caption cells of the table, in order, in simplified script'),
  columnCount: z.number().int().positive(),
  sheetName: z.string().nullable(),
});
export type LayoutSignature = z.infer<typeof layoutSignatureSchema>;

/** A saved layout template: a confirmed mapping with the signature of the layout it reads. */
export const layoutTemplateSchema = z.object({
  id: z.string().uuid(),
  name: z.string().min(1).max(100),
  organisationId: z.string().uuid().nullable().describe('The unit it is for; null: the whole region'),
  organisationName: z.string().nullable(),
  signature: layoutSignatureSchema,
  separator: cellSeparatorSchema,
  roles: z.array(columnRoleSchema).min(1).max(64),
  kind: documentKindSchema.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string().datetime(),
  retiredAt: z.string().datetime().nullable(),
  retiredBy: z.string().nullable(),
});
export type LayoutTemplate = z.infer<typeof layoutTemplateSchema>;

/** Saving a mapping of a previewed import as a template. */
export const layoutTemplateCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  importId: z.string().uuid().describe('The previewed import whose source the mapping reads'),
  mapping: columnMappingSchema,
  scope: z
    .enum(['unit', 'region'])
    .default('unit')
    .describe('unit: for the saver’s organisation; region: for every unit (administrators)'),
});
export type LayoutTemplateCreate = z.infer<typeof layoutTemplateCreateSchema>;

/**
 * How closely a file's table matched a saved layout: the share-weighted score (caption words 70%, column
 * count 20%, sheet name 10%) and what went into it, for the preview to say how well it matched.
 */
export const layoutFitSchema = z.object({
  score: z.number().min(0).max(1).describe('1: the same caption words, column count and sheet'),
  sameWords: z
    .number()
    .int()
    .nonnegative()
    .describe('Caption words the file shares with the template, in order'),
  templateWords: z.number().int().nonnegative(),
  fileWords: z.number().int().nonnegative(),
  templateColumns: z.number().int().positive(),
  fileColumns: z
    .number()
    .int()
    .nonnegative()
    .describe('The file table’s column count: the cells of its widest row'),
  sheetSame: z.boolean().nullable().describe('Whether the sheet has the template’s name; null: no sheet'),
});
export type LayoutFit = z.infer<typeof layoutFitSchema>;

/** Which template read a previewed import and how well the file matched it, for the preview to say so. */
export const usedTemplateSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  fit: layoutFitSchema.optional().describe('Absent on previews kept before fits were recorded'),
});
export type UsedTemplate = z.infer<typeof usedTemplateSchema>;

/** The body of a re-read of a previewed import through a column mapping. */
export const mappingRequestSchema = z.object({ mapping: columnMappingSchema });

/** A previewed import re-read through a column mapping: its one table, the layout found. */
export const mappingResultSchema = z.object({
  tables: z.array(previewTableSchema).describe('The table read through the mapping (one)'),
  warnings: z.array(warningSchema),
  signature: layoutSignatureSchema,
  separator: cellSeparatorSchema,
});
export type MappingResult = z.infer<typeof mappingResultSchema>;

export const layoutTemplateListSchema = z.object({ items: z.array(layoutTemplateSchema) });

/**
 * A previewed import's last re-read through a column mapping, kept with the preview so that opening it
 * again (a reload, a batch's file waiting for confirmation) shows the mapped rows and the mapping.
 */
export const keptMappingSchema = z.object({
  mapping: columnMappingSchema,
  tables: z.array(previewTableSchema),
  warnings: z.array(warningSchema),
});
export type KeptMapping = z.infer<typeof keptMappingSchema>;
