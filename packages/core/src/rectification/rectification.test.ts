import { describe, expect, it } from 'vitest';
import { assessMonitoring } from '../monitoring/assess-monitoring.ts';
import { monitoringReportSchema } from '../monitoring/monitoring.schema.ts';
import { DEFAULT_MONITORING_SCHEME } from '../monitoring/monitoring-scheme.schema.ts';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { scoreSelfEvaluation } from '../scoring/score-self-evaluation.ts';
import { DEFAULT_SCORING_SCHEME_ID, getScoringScheme } from '../scoring/scoring-schemes.ts';
import type { SelfEvaluationEntry } from '../scoring/self-evaluation.schema.ts';
import { linkageSuggestion, monitoringProblems, rectificationProblems } from './rectification.ts';

const table = buildTable({
  indicators: [
    buildIndicator('产出指标', '数量指标', '参观人数', '>=10000人'),
    buildIndicator('产出指标', '质量指标', '接待工作质量', '>=95%'),
    buildIndicator('满意度指标', '服务对象满意度指标', '参观人员满意度', '>=90%'),
  ],
});

function scored(actuals: [string, string, string], executed = 1_900_000) {
  const entry: SelfEvaluationEntry = {
    schemeId: DEFAULT_SCORING_SCHEME_ID,
    budget: { adjusted: 2_000_000, executed },
    indicators: actuals.map((actual, index) => ({ index, actual, applicable: true })),
    adjustments: [],
  };
  return scoreSelfEvaluation(table, entry, getScoringScheme(DEFAULT_SCORING_SCHEME_ID));
}

describe('整改 problems of a scored self-evaluation', () => {
  it('opens one per missed indicator and one for a low grade', () => {
    const score = scored(['3000人', '50%', '60%'], 800_000);
    expect(score.grade).toBe('差');
    const problems = rectificationProblems(table, score);
    expect(problems.map((p) => [p.key, p.source])).toEqual([
      ['indicator:0', 'indicator_missed'],
      ['indicator:1', 'indicator_missed'],
      ['indicator:2', 'indicator_missed'],
      ['grade', 'low_grade'],
    ]);
    expect(problems[0]?.zh).toContain('指标「参观人数」未完成目标（目标 >=10000人');
    expect(problems[3]?.zh).toContain('自评等级为「差」');
  });

  it('opens one for a re-check gap of the rule set’s points or more', () => {
    const met = scored(['12000人', '96%', '95%']);
    const score = { ...met, claim: { ...met.claim, gap: 7 } } as typeof met;
    expect(rectificationProblems(table, score).map((p) => [p.key, p.source])).toEqual([
      ['recheck', 'recheck_gap'],
    ]);
    expect(rectificationProblems(table, score, 7).map((p) => p.key)).toEqual(['recheck']);
    expect(rectificationProblems(table, score, 10)).toEqual([]);
  });

  it('opens none when every target was met', () => {
    const score = scored(['12000人', '96%', '95%']);
    expect(rectificationProblems(table, score)).toEqual([]);
  });
});

describe('budget linkage', () => {
  it('suggests by grade, 中 cut by the rule set share', () => {
    expect(linkageSuggestion('优', 0.1).kind).toBe('priority');
    expect(linkageSuggestion('良', 0.1).kind).toBe('keep');
    expect(linkageSuggestion('中', 0.15)).toMatchObject({
      kind: 'reduce',
      reduceShare: 0.15,
      zh: '上年自评为中：压减预算 15%',
    });
    expect(linkageSuggestion('差', 0.1).kind).toBe('reduce_or_stop');
  });
});

describe('整改 problems of a monitoring report', () => {
  // June: the plan is half of each target (10000人 → 5000; rates compare with the full target).
  function monitored(values: [string, string, string], executed: number, hopeless: number[] = []) {
    const report = monitoringReportSchema.parse({
      cutOffMonth: 6,
      budget: { annual: 2_000_000, executed },
      indicators: values.map((value, index) => ({
        index,
        value,
        deviation: hopeless.includes(index) ? { likelihood: '完全不可能' } : null,
      })),
    });
    return { report, assessment: assessMonitoring(table, report, DEFAULT_MONITORING_SCHEME) };
  }

  it('opens one per red indicator and one for red spending, none for green ones', () => {
    const { report, assessment } = monitored(['1000人', '96%', '95%'], 200_000);
    expect(assessment.indicators.map((l) => l.light)).toEqual(['red', 'green', 'green']);
    expect(assessment.spending.light).toBe('red');
    const problems = monitoringProblems(table, report, assessment);
    expect(problems.map((p) => [p.key, p.source, p.indicatorIndex])).toEqual([
      ['monitoring:indicator:0', 'red_light', 0],
      ['monitoring:spending', 'red_light', null],
    ]);
    expect(problems[0]?.zh).toContain('1–6月监控：指标「参观人数」亮红灯');
    expect(problems[1]?.en).toContain('spending on a red light');
  });

  it('opens one for a target its author expects 完全不可能 to meet, whatever its light', () => {
    const { report, assessment } = monitored(['6000人', '96%', '95%'], 1_000_000, [2]);
    expect(assessment.indicators[2]?.light).not.toBe('red');
    const problems = monitoringProblems(table, report, assessment);
    expect(problems.map((p) => p.key)).toEqual(['monitoring:indicator:2']);
    expect(problems[0]?.zh).toContain('预计全年完全不可能完成');
  });

  it('opens nothing for a report on plan', () => {
    const { report, assessment } = monitored(['6000人', '96%', '95%'], 1_000_000);
    expect(monitoringProblems(table, report, assessment)).toEqual([]);
  });
});
