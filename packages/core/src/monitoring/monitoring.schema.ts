import { z } from 'zod';
import { assessmentNoteSchema } from '../review/finding.schema.ts';
import { gradeBandSchema } from '../scoring/scoring-scheme.schema.ts';
import { yuanSchema } from '../tables/table.schema.ts';
import { cutOffMonthSchema, lightSchema } from './monitoring-scheme.schema.ts';

/** Why progress deviates (偏差原因). */
export const deviationCauseSchema = z.enum(['经费', '制度', '人员', '硬件', '其他']);
export type DeviationCause = z.infer<typeof deviationCauseSchema>;

/** How likely the target is still met by year end. */
export const likelihoodSchema = z.enum(['确定能', '有可能', '完全不可能']);
export type Likelihood = z.infer<typeof likelihoodSchema>;

/** What the author records for a deviation: cause, expected full-year value, likelihood, measure. */
export const deviationSchema = z.object({
  cause: deviationCauseSchema.nullable().optional(),
  causeNote: z.string().max(2000).nullable().optional(),
  expectedValue: z.string().max(200).nullable().optional().describe('预计全年完成值'),
  likelihood: likelihoodSchema.nullable().optional(),
  measure: z.string().max(2000).nullable().optional().describe('纠偏措施'),
});
export type Deviation = z.infer<typeof deviationSchema>;

/** Progress of one indicator at the cut-off. */
export const indicatorProgressSchema = z.object({
  index: z.number().int().nonnegative(),
  value: z.string().max(200).nullable().describe('Value reached so far (`45%`, `120个`)'),
  note: z.string().max(2000).nullable().optional(),
  /** For targets that are not numbers: the author's judgement, with a reason in `note`. */
  judgement: gradeBandSchema.nullable().optional(),
  deviation: deviationSchema.nullable().optional(),
});
export type IndicatorProgress = z.infer<typeof indicatorProgressSchema>;

/** A monitoring report (绩效运行监控表) for one table at one cut-off month. */
export const monitoringReportSchema = z.object({
  cutOffMonth: cutOffMonthSchema,
  budget: z.object({
    annual: yuanSchema.nullable().describe('全年预算数'),
    executed: yuanSchema.nullable().describe('1–m 月执行数'),
    deviation: deviationSchema.nullable().optional(),
  }),
  indicators: z.array(indicatorProgressSchema),
});
export type MonitoringReport = z.infer<typeof monitoringReportSchema>;
export type MonitoringReportInput = z.input<typeof monitoringReportSchema>;

export const lightExplanationSchema = z.object({ formula: z.string(), zh: z.string(), en: z.string() });

/** The light of the spending row or of one indicator. */
export const lightLineSchema = z.object({
  indicatorIndex: z.number().int().nullable(),
  light: lightSchema,
  /** Progress against the time-proportional plan (1 = on plan); null when judged or missing. */
  ratio: z.number().nullable(),
  explanation: lightExplanationSchema,
});
export type LightLine = z.infer<typeof lightLineSchema>;

export const monitoringNoteSchema = assessmentNoteSchema;
export type MonitoringNote = z.infer<typeof monitoringNoteSchema>;

/** Lights of a monitoring report: spending, each indicator, the project (worst of all), warnings. */
export const monitoringAssessmentSchema = z.object({
  schemeId: z.string(),
  cutOffMonth: z.number().int(),
  spending: lightLineSchema.extend({ rate: z.number().nullable().describe('执行数 ÷ 全年预算数') }),
  indicators: z.array(lightLineSchema),
  light: lightSchema,
  /** Sort key for overviews: higher means more at risk. */
  risk: z.number(),
  notes: z.array(monitoringNoteSchema),
});
export type MonitoringAssessment = z.infer<typeof monitoringAssessmentSchema>;
