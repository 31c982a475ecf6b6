import { z } from 'zod';
import { documentKindSchema } from '../tables/table.schema.ts';
import { operatorSchema, targetKindSchema } from '../targets/target.schema.ts';

/**
 * One row of the open data set (公开数据): one indicator of one published table. The JSON endpoint and
 * the CSV share this schema; `openDataColumns` fixes the CSV column order and headings.
 */
export const openDataRowSchema = z.object({
  tableId: z.string().uuid().describe('Stable id of the table on the portal'),
  version: z.number().int().positive().describe('The published version the row comes from'),
  kind: documentKindSchema,
  year: z.number().int().describe('预算年度'),
  unit: z.string().describe('申报单位'),
  department: z.string().nullable().describe('主管部门'),
  project: z.string().describe('项目名称'),
  projectCode: z.string().nullable().describe('项目编码'),
  indicatorIndex: z.number().int().nonnegative().describe('Position of the indicator in the table, from 0'),
  level1: z.string().nullable().describe('一级指标'),
  level2: z.string().nullable().describe('二级指标'),
  level3: z.string().describe('三级指标 (the indicator name)'),
  targetRaw: z.string().describe('指标值 exactly as published'),
  targetKind: targetKindSchema,
  operator: operatorSchema.nullable().describe('Comparison read from the target: =, >=, <=, >, <'),
  value: z.number().nullable().describe('Number read from the target'),
  valueUnit: z.string().nullable().describe('Unit of the number (%, 个, 万元 …)'),
  direction: z.string().nullable().describe('正向 / 反向 when printed'),
  budgetTotal: z.number().nullable().describe('项目总预算 in 元'),
  budgetCurrentYear: z.number().nullable().describe('项目当年预算 in 元'),
});
export type OpenDataRow = z.infer<typeof openDataRowSchema>;

export const openDataSetSchema = z.object({
  licence: z.string().describe('Licence of the data (CC BY 4.0)'),
  generatedFrom: z.literal('published-tables'),
  count: z.number().int().nonnegative(),
  rows: z.array(openDataRowSchema),
});
export type OpenDataSet = z.infer<typeof openDataSetSchema>;

/** CSV columns in order, with bilingual headings (Chinese first so Excel users read it directly). */
export const openDataColumns: readonly { key: keyof OpenDataRow; zh: string; en: string }[] = [
  { key: 'year', zh: '年度', en: 'year' },
  { key: 'unit', zh: '单位', en: 'unit' },
  { key: 'department', zh: '主管部门', en: 'department' },
  { key: 'project', zh: '项目名称', en: 'project' },
  { key: 'projectCode', zh: '项目编码', en: 'project_code' },
  { key: 'level1', zh: '一级指标', en: 'level1' },
  { key: 'level2', zh: '二级指标', en: 'level2' },
  { key: 'level3', zh: '三级指标', en: 'level3' },
  { key: 'targetRaw', zh: '指标值', en: 'target_raw' },
  { key: 'targetKind', zh: '指标值类型', en: 'target_kind' },
  { key: 'operator', zh: '比较符', en: 'operator' },
  { key: 'value', zh: '数值', en: 'value' },
  { key: 'valueUnit', zh: '计量单位', en: 'value_unit' },
  { key: 'direction', zh: '指标方向', en: 'direction' },
  { key: 'budgetTotal', zh: '项目总预算（元）', en: 'budget_total_yuan' },
  { key: 'budgetCurrentYear', zh: '当年预算（元）', en: 'budget_current_year_yuan' },
  { key: 'tableId', zh: '表标识', en: 'table_id' },
  { key: 'version', zh: '版本', en: 'version' },
];

/** The licence the open data is published under (attribution to the publishing finance bureau). */
export const openDataLicence = 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)';

const openDataFilesSchema = z.object({
  json: z.string().describe('URL of the JSON file'),
  csv: z.string().describe('URL of the CSV file'),
});

/** What the open data holds, per budget year (the bulk file of each year) and in all. */
export const openDataManifestSchema = z.object({
  licence: z.string(),
  tables: z.number().int().nonnegative().describe('Published tables'),
  rows: z.number().int().nonnegative().describe('Rows of the open data: one per indicator'),
  files: openDataFilesSchema.describe('Every year in one file'),
  years: z.array(
    z.object({
      year: z.number().int(),
      tables: z.number().int().nonnegative(),
      rows: z.number().int().nonnegative(),
      files: openDataFilesSchema,
    }),
  ),
});
export type OpenDataManifest = z.infer<typeof openDataManifestSchema>;
