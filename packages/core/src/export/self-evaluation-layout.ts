import type { PrintedForm } from '../frameworks/framework.schema.ts';
import { gradeOf } from '../scoring/score-self-evaluation.ts';
import { getScoringScheme } from '../scoring/scoring-schemes.ts';
import type { SelfEvaluationEntry, SelfEvaluationScore } from '../scoring/self-evaluation.schema.ts';
import type { ClaimLine } from '../scoring/self-evaluation-claim.schema.ts';
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
    claimedTotal: (total: string, grade: string) =>
      `单位自评总分 ${total} 分，评价等级：${grade}（按单位填报）`,
    recheck: (rule: string, gap: string, total: string, grade: string) =>
      `按评分规则复核：规则总分 ${rule} 分，差额 ${gap} 分；复核后总分 ${total} 分，评价等级：${grade}`,
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
    claimedTotal: (total: string, grade: string) =>
      `The unit's self-evaluation total ${total}, grade ${grade} (as filed)`,
    recheck: (rule: string, gap: string, total: string, grade: string) =>
      `Re-checked against the rules: rules' total ${rule}, difference ${gap}; total after the re-check ${total}, grade ${grade}`,
  },
} as const;

function label(text: string, colSpan = 1): LayoutCell {
  return { kind: 'label', text, colSpan };
}

function value(text: string, field: string, colSpan = 1): LayoutCell {
  return { kind: 'value', text, colSpan, field };
}

const signedText = (n: number) => (n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2));

/**
 * The 项目支出绩效自评表 as an OfficialLayout, so the web view and EXPORT's HTML/PDF/Excel renderers
 * print it like any other form: goal and its completion, budget execution, every indicator with its
 * annual target, actual, 分值, 得分 and the explanation of the score, reasons and measures.
 *
 * A form the unit filed and imported (the entry carries its claim) prints as filed: the printed 分值,
 * the unit's own 得分, execution score and total. The rules' scores stand beside them where a reader
 * looks for how a score was reached: each 得分说明 is the comparison (the unit's score, the rule's, the
 * difference and its cause), and a note under the total gives the rules' total and the total after the
 * finance re-check. The 复核 workbook lists both side by side per row.
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
  const filed = entry.claim && score.claim ? { claim: entry.claim, comparison: score.claim } : null;
  const claimedRows = new Map(filed?.claim.rows.map((r) => [r.index, r]));
  const compared = new Map<ClaimLine['target'], ClaimLine>(filed?.comparison.lines.map((l) => [l.target, l]));
  const evaluated: PerformanceTable = {
    ...table,
    kind: 'self-evaluation',
    budget: {
      ...table.budget,
      initial: table.budget.initial ?? table.budget.currentYear ?? null,
      adjusted: entry.budget.adjusted,
      executed: entry.budget.executed,
      executionScore: filed ? filed.claim.executionScore : score.execution.score,
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
      const deviationReason = reasons || indicator.deviationReason || null;
      if (filed) {
        const row = claimedRows.get(i);
        const comparison = compared.get(i)?.[locale] ?? '';
        return {
          ...indicator,
          weight: row?.weight ?? null,
          actual: row?.actual ?? e?.actual ?? indicator.actual ?? null,
          score: row?.score ?? null,
          explanation: [
            comparison,
            line?.adjustment ? words.adjusted(String(line.adjustment.score), line.adjustment.reason) : '',
          ]
            .filter(Boolean)
            .join(' '),
          deviationReason,
        };
      }
      return {
        ...indicator,
        weight: line?.weight ?? indicator.weight ?? null,
        actual: e?.actual ?? indicator.actual ?? null,
        score: line ? line.score : (indicator.score ?? null),
        explanation,
        deviationReason,
      };
    }),
  };
  const layout = form ? officialLayout(evaluated, locale, form) : officialLayout(evaluated, locale);
  const columns = layout.grid.columns.map((c) =>
    c.key === 'explanation' ? { ...c, label: words.explanation } : c,
  );
  const notes = [...layout.notes];
  if (filed) {
    const { claimedTotal, ruleTotal, gap } = filed.comparison;
    // A form that printed no total and left rows unscored has no claimed total to print.
    if (claimedTotal !== null)
      notes.push(
        words.claimedTotal(claimedTotal.toFixed(2), gradeOf(claimedTotal, getScoringScheme(score.schemeId))),
      );
    notes.push(
      words.recheck(
        ruleTotal.toFixed(2),
        gap === null ? '—' : signedText(gap),
        score.total.toFixed(2),
        score.grade,
      ),
    );
  } else {
    notes.push(words.total(score.total.toFixed(2), score.grade));
  }
  if (!score.complete) notes.push(words.incomplete);
  const executionText = filed
    ? (compared.get('execution')?.[locale] ?? score.execution.explanation[locale])
    : score.execution.explanation[locale];
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
        [label(words.execution), value(executionText, 'budget.executionExplanation', 3)],
      ],
    },
    grid: { ...layout.grid, caption: words.caption(table.year), columns },
  };
}
