import type { PrintedForm } from '../frameworks/framework.schema.ts';
import type { SelfEvaluationEntry, SelfEvaluationScore } from '../scoring/self-evaluation.schema.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import {
  type LayoutCell,
  type LayoutLocale,
  type OfficialLayout,
  officialLayout,
} from './official-layout.ts';

const WORDS = {
  zh: {
    goal: '年度总体目标',
    completion: '年度目标完成情况',
    total: (total: string, grade: string) => `自评总分 ${total} 分，评价等级：${grade}`,
    incomplete: '尚有指标未填完成值或待审核人评分，总分为暂计。',
    explanation: '得分说明',
    adjusted: (score: string, reason: string) => `审核调整为 ${score} 分：${reason}`,
    execution: '预算执行得分说明',
    caption: (year: number) => `${year}年度绩效指标完成情况`,
  },
  en: {
    goal: 'Annual overall goal',
    completion: 'Achievement of the annual goal',
    total: (total: string, grade: string) => `Self-evaluation total ${total}, grade ${grade}`,
    incomplete: 'Some indicators still lack an actual value or a grade: the total is provisional.',
    explanation: 'How the score was computed',
    adjusted: (score: string, reason: string) => `Adjusted by the reviewer to ${score}: ${reason}`,
    execution: 'Execution score',
    caption: (year: number) => `Performance indicators achieved in ${year}`,
  },
} as const;

function label(text: string, colSpan = 1): LayoutCell {
  return { kind: 'label', text, colSpan };
}

function value(text: string, field: string, colSpan = 1): LayoutCell {
  return { kind: 'value', text, colSpan, field };
}

/**
 * The 项目支出绩效自评表 as an OfficialLayout, so the web view and EXPORT's HTML/PDF/Excel renderers
 * print it like any other form: goal and its completion, budget execution, every indicator with its
 * annual target, actual, 分值, 得分 and the explanation of the score, reasons and measures.
 */
export function selfEvaluationLayout(
  table: PerformanceTable,
  entry: SelfEvaluationEntry,
  score: SelfEvaluationScore,
  locale: LayoutLocale,
  form?: PrintedForm,
): OfficialLayout {
  const words = WORDS[locale];
  const byIndex = new Map(entry.indicators.map((e) => [e.index, e]));
  const lines = new Map(score.indicators.map((l) => [l.indicatorIndex, l]));
  const evaluated: PerformanceTable = {
    ...table,
    kind: 'self-evaluation',
    budget: {
      ...table.budget,
      initial: table.budget.initial ?? table.budget.currentYear ?? null,
      adjusted: entry.budget.adjusted,
      executed: entry.budget.executed,
      executionScore: score.execution.score,
    },
    indicators: table.indicators.map((indicator, i) => {
      const e = byIndex.get(i);
      const line = lines.get(i);
      const explanation = line
        ? [
            line.explanation[locale],
            line.adjustment ? words.adjusted(String(line.adjustment.score), line.adjustment.reason) : '',
          ]
            .filter(Boolean)
            .join(' ')
        : '';
      const reasons = [e?.reason, e?.measure].filter((t): t is string => Boolean(t?.trim())).join('；');
      return {
        ...indicator,
        weight: line?.weight ?? indicator.weight ?? null,
        actual: e?.actual ?? indicator.actual ?? null,
        score: line ? line.score : (indicator.score ?? null),
        explanation,
        deviationReason: reasons || indicator.deviationReason || null,
      };
    }),
  };
  const layout = form ? officialLayout(evaluated, locale, form) : officialLayout(evaluated, locale);
  const columns = layout.grid.columns.map((c) =>
    c.key === 'explanation' ? { ...c, label: words.explanation } : c,
  );
  const notes = [...layout.notes, words.total(score.total.toFixed(2), score.grade)];
  if (!score.complete) notes.push(words.incomplete);
  return {
    ...layout,
    notes,
    // The 自评表 replaces the six target narratives with the goal and how far it was reached.
    narratives: [
      [label(words.goal), value(table.narrative.goals ?? '', 'narrative.goals', 3)],
      [label(words.completion), value(entry.goalCompletion ?? '', 'goalCompletion', 3)],
    ],
    money: {
      ...layout.money,
      rows: [
        ...layout.money.rows,
        [
          label(words.execution),
          value(score.execution.explanation[locale], 'budget.executionExplanation', 3),
        ],
      ],
    },
    grid: { ...layout.grid, caption: words.caption(table.year), columns },
  };
}
