import type { LayoutLocale } from '@jixiao/core/export/official-layout';
import { selfEvaluationLayout } from '@jixiao/core/export/self-evaluation-layout';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import { buildTrainingSelfEvaluation } from '@jixiao/core/scoring/self-evaluation.factory';
import type { SelfEvaluationEntry, SelfEvaluationScore } from '@jixiao/core/scoring/self-evaluation.schema';
import type { Indicator, PerformanceTable } from '@jixiao/core/tables/table.schema';
import { seedTable } from '@jixiao/export/testing/export-fixtures';

/** A scored self-evaluation as the exports receive it. */
export interface ScoredSelfEvaluation {
  table: PerformanceTable;
  entry: SelfEvaluationEntry;
  score: SelfEvaluationScore;
}

/**
 * The demo's year-end self-evaluation of the first seed table (see server/src/demo-lifecycle.ts):
 * every quantitative target met or beaten, one indicator behind with reason and measure, the
 * qualitative ones graded 达成 by the author: 15 rows whose 得分说明 wraps in the PDF.
 */
export function buildSeedSelfEvaluation(): ScoredSelfEvaluation {
  const table = seedTable(0);
  const scheme = getScoringScheme();
  const late = table.indicators.findIndex((i) => i.name === '项目完成及时性');
  const base: SelfEvaluationEntry = {
    budget: { adjusted: table.budget.currentYear ?? null, executed: 39_865_661 },
    indicators: table.indicators.map((indicator, index) => {
      if (index === late)
        return {
          index,
          actual: '88%',
          applicable: true,
          reason: '进口实验设备到货延迟，两项课题验收推迟至次年一季度',
          measure: '设备采购提前至上年四季度启动，合同中约定到货违约责任',
        };
      const t = indicator.target;
      const actual =
        t.kind === 'quantitative' && t.value !== null
          ? `${t.unit === '%' ? Math.min(100, t.value + 2) : t.value}${t.unit ?? ''}`
          : t.raw || '达成';
      return { index, actual, applicable: true };
    }),
    adjustments: [],
    goalCompletion: '年度总体目标基本完成。',
  };
  const first = scoreSelfEvaluation(table, base, scheme);
  const entry: SelfEvaluationEntry = {
    ...base,
    indicators: base.indicators.map((a) => {
      const line = first.indicators.find((l) => l.indicatorIndex === a.index);
      return line?.status === 'needs_grade' ? { ...a, grade: { band: '达成', score: line.weight } } : a;
    }),
  };
  return { table, entry, score: scoreSelfEvaluation(table, entry, scheme) };
}

/** The factory's two-indicator training project (one indicator behind, with reason and measure). */
export function buildTrainingScored(): ScoredSelfEvaluation {
  return buildTrainingSelfEvaluation();
}

/** The layout the exports print for a scored self-evaluation. */
export function layoutOf(s: ScoredSelfEvaluation, locale: LayoutLocale) {
  return selfEvaluationLayout(s.table, s.entry, s.score, locale);
}

/** The indicator fields a 自评表 prints, as the importer reads them back. */
export type PrintedIndicator = Pick<
  Indicator,
  'level1' | 'level2' | 'name' | 'target' | 'direction' | 'weight' | 'actual' | 'score'
> & { explanation?: string | null; deviationReason?: string | null };

/**
 * What a 自评表 exported in `locale` shows: the table's header and budget, and per indicator its
 * levels, name, target, direction, the scheme's 分值 and 得分, the actual, and (`withText`) the score's
 * explanation and the reason and measure.
 */
export function printedSelfEvaluation(s: ScoredSelfEvaluation, locale: LayoutLocale, withText: boolean) {
  const { table, entry, score } = s;
  const indicators: PrintedIndicator[] = table.indicators.map((indicator, index) => {
    const e = entry.indicators.find((a) => a.index === index);
    const line = score.indicators.find((l) => l.indicatorIndex === index);
    const printed: PrintedIndicator = {
      level1: indicator.level1,
      level2: indicator.level2,
      name: indicator.name,
      target: indicator.target,
      weight: line?.weight ?? null,
      actual: e?.actual ?? null,
      score: line?.score ?? null,
    };
    if (indicator.direction) printed.direction = indicator.direction;
    if (withText) {
      if (line) printed.explanation = line.explanation[locale];
      const reason = [e?.reason, e?.measure].filter((t): t is string => Boolean(t?.trim())).join('；');
      if (reason !== '') printed.deviationReason = reason;
    }
    return printed;
  });
  return {
    kind: 'self-evaluation' as const,
    year: table.year,
    unit: table.unit,
    name: table.name,
    goals: table.narrative.goals ?? null,
    budget: {
      currentYear: table.budget.currentYear ?? null,
      initial: table.budget.initial ?? table.budget.currentYear ?? null,
      adjusted: entry.budget.adjusted,
      executed: entry.budget.executed,
      executionScore: score.execution.score,
    },
    indicators,
  };
}

/** The same view of an imported table, to compare with printedSelfEvaluation. */
export function readSelfEvaluation(t: PerformanceTable | undefined, withText: boolean) {
  if (t === undefined) return undefined;
  return {
    kind: t.kind,
    year: t.year,
    unit: t.unit,
    name: t.name,
    goals: t.narrative.goals ?? null,
    budget: {
      currentYear: t.budget.currentYear ?? null,
      initial: t.budget.initial ?? null,
      adjusted: t.budget.adjusted ?? null,
      executed: t.budget.executed ?? null,
      executionScore: t.budget.executionScore ?? null,
    },
    indicators: t.indicators.map((i) => {
      const read: PrintedIndicator = {
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.target,
        weight: i.weight ?? null,
        actual: i.actual ?? null,
        score: i.score ?? null,
      };
      if (i.direction) read.direction = i.direction;
      if (withText) {
        if (i.explanation !== undefined) read.explanation = i.explanation;
        if (i.deviationReason !== undefined) read.deviationReason = i.deviationReason;
      }
      return read;
    }),
  };
}
