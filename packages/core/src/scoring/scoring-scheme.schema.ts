import { z } from 'zod';

/** Indicator categories the indicator points are split over (产出 / 效益 / 满意度 by default). */
export const scoringCategorySchema = z.enum(['output', 'outcome', 'satisfaction']);
export type ScoringCategory = z.infer<typeof scoringCategorySchema>;

/** Names of the categories for the UI and the printed form. */
export const SCORING_CATEGORY_LABELS: Record<ScoringCategory, { zh: string; en: string }> = {
  output: { zh: '产出指标', en: 'Outputs' },
  outcome: { zh: '效益指标', en: 'Outcomes' },
  satisfaction: { zh: '满意度指标', en: 'Satisfaction' },
};

/** How a qualitative indicator was judged: 达成 / 部分达成 / 未达成. */
export const gradeBandSchema = z.enum(['达成', '部分达成', '未达成']);
export type GradeBand = z.infer<typeof gradeBandSchema>;

/** Overall grades of a self-evaluation. */
export const overallGradeSchema = z.enum(['优', '良', '中', '差']);
export type OverallGrade = z.infer<typeof overallGradeSchema>;

const bilingualSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/**
 * A scoring scheme (评分办法) as data, versioned like the rule sets: regions and years differ in how
 * reverse indicators decline, where grade bounds fall and how points are split, never in code.
 */
export const scoringSchemeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    name: bilingualSchema,
    basis: z.string().describe('The document the scheme follows, e.g. 财预〔2020〕10号'),
    /** Points for 预算执行率; the indicators share `100 − executionWeight`. */
    executionWeight: z.number().positive().max(100),
    /** Below this execution rate (0–1) a written reason is required. */
    executionReasonBelow: z.number().min(0).max(1),
    /** Default split of the indicator points when the indicators carry no weights of their own. */
    categoryWeights: z.record(scoringCategorySchema, z.number().nonnegative()),
    /**
     * Which category an indicator belongs to, tried in order against 一级 then 二级 指标; the first
     * category whose pattern matches wins. Indicators matching none go to `fallbackCategory`.
     */
    categoryPatterns: z.array(z.object({ category: scoringCategorySchema, pattern: z.string().min(1) })),
    fallbackCategory: scoringCategorySchema,
    /** 反向 indicators that miss: `linear` = w × (1 − (a − v) ÷ v), 0 from 2v; `ratio` = w × v ÷ a. */
    reverseDecline: z.enum(['linear', 'ratio']),
    /** Qualitative bands as fractions of the weight; a reviewer's score must lie inside its band. */
    qualitativeBands: z.record(gradeBandSchema, z.object({ min: z.number().min(0), max: z.number().max(1) })),
    /** Grade thresholds, best first; `inclusive: 'lower'` means a total equal to `min` earns the grade. */
    grades: z.array(z.object({ grade: overallGradeSchema, min: z.number().min(0).max(100) })).min(1),
    gradeBoundInclusive: z.enum(['lower', 'upper']),
    /** Decimal places kept on every score. */
    decimals: z.number().int().min(0).max(4),
  })
  .refine(
    (s) =>
      Math.abs(Object.values(s.categoryWeights).reduce((a, b) => a + b, 0) + s.executionWeight - 100) < 1e-9,
    { message: 'execution weight and category weights must add up to 100', path: ['categoryWeights'] },
  );
export type ScoringScheme = z.infer<typeof scoringSchemeSchema>;
