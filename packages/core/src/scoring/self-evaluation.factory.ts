import { type Indicator, type PerformanceTable, performanceTableSchema } from '../tables/table.schema.ts';
import { parseTarget } from '../targets/target-grammar.ts';
import { selfEvaluationOfPrintedForm } from './printed-form.ts';
import { scoreSelfEvaluation } from './score-self-evaluation.ts';
import { getScoringScheme } from './scoring-schemes.ts';
import {
  type IndicatorActualInput,
  type SelfEvaluationEntry,
  selfEvaluationEntrySchema,
} from './self-evaluation.schema.ts';

/** Test and benchmark data: an indicator from its levels, name and printed target. */
export function buildIndicator(
  target: string,
  overrides: Partial<Omit<Indicator, 'target'>> = {},
): Indicator {
  return {
    level1: '产出指标',
    level2: '数量指标',
    name: `指标 ${target}`,
    target: parseTarget(target),
    ...overrides,
  };
}

/** A self-evaluation table with the given indicators and sensible header fields. */
export function buildSelfEvaluationTable(indicators: Indicator[], overrides: Partial<PerformanceTable> = {}) {
  return performanceTableSchema.parse({
    kind: 'self-evaluation',
    year: 2023,
    unit: '某某县发展和改革局',
    name: '工资性支出',
    indicators,
    ...overrides,
  });
}

/** An entry with the given actuals by indicator position and the budget fully spent unless told. */
export function buildEntry(
  actuals: (string | null | Partial<IndicatorActualInput>)[],
  overrides: Partial<SelfEvaluationEntry> = {},
): SelfEvaluationEntry {
  return selfEvaluationEntrySchema.parse({
    budget: { adjusted: 1_000_000, executed: 1_000_000 },
    indicators: actuals.map((a, index) =>
      typeof a === 'string' || a === null ? { index, actual: a } : { index, actual: null, ...a },
    ),
    ...overrides,
  });
}

/**
 * Test data: a two-indicator training project's self-evaluation (80 of 100 trained, with reason and
 * measure; 95% satisfied; 950,000 of 1,000,000 spent), scored by the default scheme.
 */
export function buildTrainingSelfEvaluation() {
  const table = buildSelfEvaluationTable(
    [
      buildIndicator('>=100个', { name: '培训人次', weight: 50 }),
      buildIndicator('>=90%', {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '满意度',
        weight: 40,
      }),
    ],
    { kind: 'target', narrative: { goals: '完成培训任务' }, budget: { currentYear: 1_000_000 } },
  );
  const entry = buildEntry([{ actual: '80个', reason: '疫情停课', measure: '下年度补足' }, '95%'], {
    budget: { adjusted: 1_000_000, executed: 950_000 },
    goalCompletion: '基本完成',
  });
  return { table, entry, score: scoreSelfEvaluation(table, entry, getScoringScheme()) };
}

/**
 * The training project's 自评表 as the unit filed it and it was imported: the missed 培训人次 printed at
 * full marks (50, the rule gives 40), execution 10 for 95% (the rule gives 9.50), total 100 (the rules
 * 89.50, gap +10.50).
 */
export function buildImportedSelfEvaluation() {
  const { table } = buildTrainingSelfEvaluation();
  const scores = [50, 40];
  const actuals = ['80个', '95%'];
  const form: PerformanceTable = {
    ...table,
    kind: 'self-evaluation',
    budget: {
      ...table.budget,
      adjusted: 1_000_000,
      executed: 950_000,
      executionScore: 10,
      executionWeight: 10,
    },
    indicators: table.indicators.map((indicator, i) => ({
      ...indicator,
      actual: actuals[i] ?? null,
      score: scores[i] ?? null,
      deviationReason: i === 0 ? '疫情停课' : null,
    })),
  };
  const { entry, scheme } = selfEvaluationOfPrintedForm(form, {
    printedTotal: 100,
    fileName: '培训自评表.xlsx',
  });
  return { table: form, entry, score: scoreSelfEvaluation(form, entry, scheme) };
}
