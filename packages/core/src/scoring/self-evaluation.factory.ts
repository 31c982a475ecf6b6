import { type Indicator, type PerformanceTable, performanceTableSchema } from '../tables/table.schema.ts';
import { parseTarget } from '../targets/target-grammar.ts';
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
