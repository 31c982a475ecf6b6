import type { MonitoringAssessment, MonitoringReport } from '../monitoring/monitoring.schema.ts';
import type { OverallGrade } from '../scoring/scoring-scheme.schema.ts';
import type { SelfEvaluationScore } from '../scoring/self-evaluation.schema.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { BudgetLinkage, RectificationProblem } from './rectification.schema.ts';

/** The built-in sets' re-check gap that opens a task, for a caller without a rule set. */
const defaultRecheckGap = 5;

/**
 * The problems a scored self-evaluation shows, one 整改 task each: every indicator that missed its target,
 * a grade of 中 or 差, and a gap between the unit's printed total and the rules' (财政复核) of at least
 * `recheckGap` points (the rule set's `rectificationRecheckGap`).
 */
export function rectificationProblems(
  table: PerformanceTable,
  score: SelfEvaluationScore,
  recheckGap: number = defaultRecheckGap,
): RectificationProblem[] {
  const problems: RectificationProblem[] = [];
  for (const line of score.indicators) {
    if (line.status !== 'unmet' || line.indicatorIndex === null) continue;
    const indicator = table.indicators[line.indicatorIndex];
    if (!indicator) continue;
    const points = `${round(line.score)}/${round(line.weight)}`;
    problems.push({
      key: `indicator:${line.indicatorIndex}`,
      source: 'indicator_missed',
      indicatorIndex: line.indicatorIndex,
      zh: `指标「${indicator.name}」未完成目标（目标 ${indicator.target.raw.trim()}，得分 ${points}）：请分析原因并提出整改措施。`,
      en: `"${indicator.name}" missed its target (${indicator.target.raw.trim()}, ${points} points): analyse why and state the measures.`,
    });
  }
  if (score.grade === '中' || score.grade === '差') {
    problems.push({
      key: 'grade',
      source: 'low_grade',
      indicatorIndex: null,
      zh: `自评等级为「${score.grade}」（总分 ${round(score.total)}）：请提出整体整改措施，作为下年预算安排的依据。`,
      en: `The self-evaluation graded ${score.grade} (${round(score.total)} points): state the measures; next year's budget takes them into account.`,
    });
  }
  const gap = score.claim?.gap ?? null;
  if (gap !== null && Math.abs(gap) >= recheckGap) {
    problems.push({
      key: 'recheck',
      source: 'recheck_gap',
      indicatorIndex: null,
      zh: `财政复核：单位自评总分与按规则计算的总分相差 ${round(gap)} 分：请说明差异并更正。`,
      en: `Re-check: the unit's printed total differs from the rules' by ${round(gap)} points: explain and correct it.`,
    });
  }
  return problems;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The problems a monitoring report shows, one 整改 task each (纠偏 before the year ends): an indicator on a
 * red light or one its author expects 完全不可能 to meet, and spending on a red light. Keys name no month,
 * so the report of a later cut-off opens only what is new.
 */
export function monitoringProblems(
  table: PerformanceTable,
  report: MonitoringReport,
  assessment: MonitoringAssessment,
): RectificationProblem[] {
  const months = { zh: `1–${report.cutOffMonth}月监控`, en: `Monitoring to month ${report.cutOffMonth}` };
  const problems: RectificationProblem[] = [];
  const hopeless = new Set(
    report.indicators.filter((p) => p.deviation?.likelihood === '完全不可能').map((p) => p.index),
  );
  for (const line of assessment.indicators) {
    const index = line.indicatorIndex;
    if (index === null) continue;
    const indicator = table.indicators[index];
    if (!indicator || (line.light !== 'red' && !hopeless.has(index))) continue;
    const why = hopeless.has(index)
      ? { zh: '预计全年完全不可能完成', en: 'expected not to be met at all this year' }
      : { zh: `亮红灯（${line.explanation.zh}）`, en: `red light (${line.explanation.en})` };
    problems.push({
      key: `monitoring:indicator:${index}`,
      source: 'red_light',
      indicatorIndex: index,
      zh: `${months.zh}：指标「${indicator.name}」${why.zh}（目标 ${indicator.target.raw.trim()}）：请分析原因并提出纠偏措施。`,
      en: `${months.en}: "${indicator.name}" ${why.en} (target ${indicator.target.raw.trim()}): analyse why and state the corrective measures.`,
    });
  }
  if (assessment.spending.light === 'red') {
    problems.push({
      key: 'monitoring:spending',
      source: 'red_light',
      indicatorIndex: null,
      zh: `${months.zh}：预算执行亮红灯（${assessment.spending.explanation.zh}）：请说明原因并加快执行。`,
      en: `${months.en}: spending on a red light (${assessment.spending.explanation.en}): explain and speed it up.`,
    });
  }
  return problems;
}

/**
 * The budget-linkage suggestion (结果应用) for next year's table of a project graded `grade` last year:
 * 优 → priority, 良 → keep, 中 → reduce by `reduceShare`, 差 → reduce or stop.
 */
export function linkageSuggestion(
  grade: OverallGrade,
  reduceShare: number,
): NonNullable<BudgetLinkage['suggestion']> {
  const percent = Math.round(reduceShare * 100);
  switch (grade) {
    case '优':
      return {
        kind: 'priority',
        reduceShare: null,
        zh: '上年自评为优：优先保障',
        en: 'Graded 优 last year: give it priority',
      };
    case '良':
      return {
        kind: 'keep',
        reduceShare: null,
        zh: '上年自评为良：维持预算安排',
        en: 'Graded 良 last year: keep the budget',
      };
    case '中':
      return {
        kind: 'reduce',
        reduceShare,
        zh: `上年自评为中：压减预算 ${percent}%`,
        en: `Graded 中 last year: reduce the budget by ${percent}%`,
      };
    case '差':
      return {
        kind: 'reduce_or_stop',
        reduceShare: null,
        zh: '上年自评为差：大幅压减或取消',
        en: 'Graded 差 last year: cut it sharply or stop it',
      };
  }
}
