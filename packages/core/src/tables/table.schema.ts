import { z } from 'zod';
import { cutOffMonthSchema } from '../monitoring/monitoring-scheme.schema.ts';
import { targetSchema } from '../targets/target.schema.ts';
import { tableLimits as max } from './table-limits.ts';

export const documentKindSchema = z.enum(['target', 'self-evaluation', 'department-wide']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** 正向: higher is better; 反向: lower is better (costs, complaint counts). */
export const directionSchema = z.enum(['正向', '反向']);
export type Direction = z.infer<typeof directionSchema>;

/** The code a custom issue of the table schema carries in `params.code`, for forms to switch on. */
export type TableIssueCode = 'money.cents';

/** Money in 元. Amounts are exact to the 分 (two decimals); importers convert 万元 with decimal arithmetic. */
export const yuanSchema = z
  .number()
  .nonnegative()
  // The database keeps amounts as numeric(16, 2): below 100 万亿 (1e14) 元, more than any budget.
  .lt(1e14, 'below 100 万亿元 (1e14 元)')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, {
    message: 'at most two decimals (分)',
    params: { code: 'money.cents' satisfies TableIssueCode },
  })
  .describe('Amount in 元');

/**
 * One indicator's line of a mid-year monitoring form (绩效运行监控表) as printed: what was reached by the
 * cut-off, the expected full-year value, how likely the target is met, the deviation's cause and measure.
 * Kept as text: forms write `按进度执行,已使用约40%` as often as `45%`.
 */
export const printedProgressSchema = z.object({
  value: z.string().max(max.value).nullable().describe('1–m 月完成值 / 指标执行情况, as printed'),
  expectedValue: z.string().max(max.value).nullable().optional().describe('全年预计完成值, as printed'),
  likelihood: z
    .string()
    .max(max.value)
    .nullable()
    .optional()
    .describe('完成目标可能性, as printed (确定能 / 有可能 / 完全不可能)'),
  cause: z.string().max(max.note).nullable().optional().describe('偏差原因, as printed'),
  measure: z.string().max(max.note).nullable().optional().describe('纠偏 / 改进措施, as printed'),
});
export type PrintedProgress = z.infer<typeof printedProgressSchema>;

/** Where in an imported document's text a row was read: its first and last line (1-based). */
export const sourceLinesSchema = z.object({
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type SourceLines = z.infer<typeof sourceLinesSchema>;

/**
 * The similar project (案例库) an indicator was adopted from with its target: kept with the row so a
 * reviewer sees where a target came from, and the peer can be looked up again.
 */
export const indicatorSourceSchema = z.object({
  tableId: z.string().uuid().describe('The published table of the similar project'),
  year: z.number().int().min(1990).max(2100),
  unit: z.string().max(max.name).describe('申报单位 of the similar project'),
  project: z.string().max(max.name).describe('项目名称 of the similar project'),
  actual: z.string().max(max.value).nullable().optional().describe('What the similar project achieved'),
});
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;

export const indicatorSchema = z.object({
  level1: z
    .string()
    .max(max.label)
    .nullable()
    .describe('一级指标, as printed; null when the form does not print it'),
  level2: z.string().max(max.label).nullable().describe('二级指标, as printed'),
  name: z.string().min(1).max(max.indicatorName).describe('三级指标'),
  target: targetSchema,
  direction: directionSchema.nullable().optional(),
  weight: z.number().nonnegative().nullable().optional().describe('分值/权重'),
  actual: z.string().max(max.value).nullable().optional().describe('实际完成值 as printed (self-evaluation)'),
  score: z.number().nullable().optional().describe('得分 as printed (self-evaluation)'),
  explanation: z.string().max(max.note).nullable().optional().describe('指标解释 / 绩效标准 / 备注'),
  deviationReason: z.string().max(max.note).nullable().optional().describe('偏差原因分析及改进措施'),
  progress: printedProgressSchema
    .nullable()
    .optional()
    .describe('Monitoring forms only: progress at the cut-off'),
  adoptedFrom: indicatorSourceSchema
    .nullable()
    .optional()
    .describe('The similar project this indicator and its target were adopted from (案例库)'),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const narrativeSchema = z.object({
  overview: z.string().max(max.narrative).nullable().optional().describe('项目概况'),
  basis: z.string().max(max.narrative).nullable().optional().describe('立项依据'),
  necessity: z.string().max(max.narrative).nullable().optional().describe('项目设立的必要性'),
  safeguards: z.string().max(max.narrative).nullable().optional().describe('保证项目实施的制度、措施'),
  plan: z.string().max(max.narrative).nullable().optional().describe('项目实施计划'),
  goals: z.string().max(max.narrative).nullable().optional().describe('总目标及阶段性目标 / 年度目标'),
});
export type Narrative = z.infer<typeof narrativeSchema>;

export const budgetSchema = z.object({
  total: yuanSchema.nullable().optional().describe('项目总预算 / 资金总额'),
  currentYear: yuanSchema.nullable().optional().describe('项目当年预算 / 年度预算'),
  priorYearBudget: yuanSchema.nullable().optional().describe('同名项目上年预算额; null for a new project'),
  priorYearExecuted: yuanSchema.nullable().optional().describe('同名项目上年预算执行数'),
  initial: yuanSchema.nullable().optional().describe('年初预算数 (self-evaluation)'),
  adjusted: yuanSchema.nullable().optional().describe('调整后预算数 / 全年预算数 (self-evaluation)'),
  executed: yuanSchema.nullable().optional().describe('预算执行数 / 全年执行数 (self-evaluation)'),
  executionScore: z.number().nullable().optional().describe('预算执行 得分 as printed'),
  executionWeight: z
    .number()
    .nonnegative()
    .max(100)
    .nullable()
    .optional()
    .describe('预算执行率 分值 as printed (10 on the national form, 20 on some local ones)'),
});
export type Budget = z.infer<typeof budgetSchema>;

/**
 * What makes an imported document a mid-year monitoring form rather than a target table: its cut-off month
 * and the money spent by then. Its indicators carry `progress`; importing it fills the monitoring report of
 * the matching table instead of creating a table.
 */
export const printedMonitoringSchema = z.object({
  cutOffMonth: cutOffMonthSchema.nullable().describe('截至 m 月 (1–m 月执行数)'),
  executed: yuanSchema.nullable().optional().describe('1–m 月执行数'),
  expectedExecuted: yuanSchema.nullable().optional().describe('全年预计执行数'),
});
export type PrintedMonitoring = z.infer<typeof printedMonitoringSchema>;

/** A located, bilingual note about something unclear in an imported document. */
export const warningSchema = z.object({
  code: z.string().describe('Stable code, e.g. import.truncated'),
  zh: z.string(),
  en: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  path: z.string().optional().describe('Field path in the table, e.g. indicators.3.target'),
});
export type Warning = z.infer<typeof warningSchema>;

/** A performance target table (财政项目支出绩效目标表) or its self-evaluation (绩效自评表). */
export const performanceTableSchema = z.object({
  kind: documentKindSchema.default('target'),
  year: z.number().int().min(1990).max(2100),
  unit: z.string().min(1).max(max.name).describe('申报单位 / 实施单位'),
  supervisingDepartment: z.string().max(max.name).nullable().optional().describe('主管部门'),
  name: z.string().min(1).max(max.name).describe('项目名称'),
  code: z.string().max(max.label).nullable().optional().describe('项目编码'),
  category: z.string().max(max.label).nullable().optional().describe('项目类别'),
  startDate: z.string().max(max.label).nullable().optional().describe('计划开始日期 (ISO)'),
  endDate: z.string().max(max.label).nullable().optional().describe('计划完成日期 (ISO)'),
  governmentProcurement: z.boolean().nullable().optional().describe('是否含有政府购买服务'),
  performanceType: z.string().max(max.label).nullable().optional().describe('绩效类型'),
  narrative: narrativeSchema.default({}),
  budget: budgetSchema.default({}),
  indicators: z.array(indicatorSchema).max(max.indicators),
  warnings: z.array(warningSchema).max(max.warnings).default([]),
  incomplete: z.boolean().default(false).describe('The source was cut off; what is here is what was read'),
  monitoring: printedMonitoringSchema
    .nullable()
    .optional()
    .describe('Present when the document is a mid-year monitoring form (绩效运行监控表)'),
});
export type PerformanceTable = z.infer<typeof performanceTableSchema>;

/** An indicator of an import preview: the lines of the source it was read from beside it (never stored). */
export const previewIndicatorSchema = indicatorSchema.extend({
  source: sourceLinesSchema.optional().describe('The source lines this row was read from'),
});
export type PreviewIndicator = z.infer<typeof previewIndicatorSchema>;

/** A table of an import preview: a table whose rows say where they were read. */
export const previewTableSchema = performanceTableSchema.extend({
  indicators: z.array(previewIndicatorSchema),
});
export type PreviewTable = z.infer<typeof previewTableSchema>;
export type PerformanceTableInput = z.input<typeof performanceTableSchema>;
