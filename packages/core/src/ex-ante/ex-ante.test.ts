import { describe, expect, it } from 'vitest';
import { buildTable } from '../review/testing/table-factory.ts';
import { exAnteAssessmentInputSchema } from './ex-ante.schema.ts';
import { exAnteRequirement, exAnteTotal, suggestedExAnteConclusion } from './ex-ante.ts';

const params = {
  exAnteNewProjectMin: 0,
  exAnteAnyProjectMin: null,
  exAnteSupportScore: 80,
  exAntePartialScore: 60,
};

describe('ex-ante assessment', () => {
  it('is required of new target tables only', () => {
    const fresh = buildTable({ budget: { currentYear: 100, priorYearBudget: null } });
    expect(exAnteRequirement(fresh, params)).toMatchObject({
      required: true,
      zh: '新增项目须开展事前绩效评估',
    });
    expect(exAnteRequirement({ ...fresh, kind: 'self-evaluation' }, params).required).toBe(false);
    expect(exAnteRequirement(buildTable(), params).required).toBe(false);
  });

  it('totals the dimensions and suggests a conclusion by the bands', () => {
    const scores = [20, 15.5, 16, 14, 15].map((score) => ({
      dimension: 'necessity' as const,
      score,
      evidence: 'x',
    }));
    expect(exAnteTotal(scores)).toBe(80.5);
    expect(suggestedExAnteConclusion(80, params)).toBe('support');
    expect(suggestedExAnteConclusion(79.5, params)).toBe('partial');
    expect(suggestedExAnteConclusion(59, params)).toBe('reject');
  });

  it('takes every dimension once, each with its evidence', () => {
    const score = (dimension: string, evidence = '依据') => ({ dimension, score: 10, evidence });
    const body = (scores: unknown[]) => ({ scores, conclusion: 'support', opinion: '同意' });
    const all = ['necessity', 'economy', 'targets', 'feasibility', 'funding'];
    expect(exAnteAssessmentInputSchema.safeParse(body(all.map((d) => score(d)))).success).toBe(true);
    expect(
      exAnteAssessmentInputSchema.safeParse(body([...all.slice(0, 4), 'necessity'].map((d) => score(d))))
        .success,
    ).toBe(false);
    expect(exAnteAssessmentInputSchema.safeParse(body(all.map((d) => score(d, ' ')))).success).toBe(false);
  });
});
