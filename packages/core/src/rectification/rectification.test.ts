import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { scoreSelfEvaluation } from '../scoring/score-self-evaluation.ts';
import { DEFAULT_SCORING_SCHEME_ID, getScoringScheme } from '../scoring/scoring-schemes.ts';
import type { SelfEvaluationEntry } from '../scoring/self-evaluation.schema.ts';
import { linkageSuggestion, rectificationProblems } from './rectification.ts';

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
