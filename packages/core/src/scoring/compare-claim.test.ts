import { describe, expect, it } from 'vitest';
import { scoreSelfEvaluation } from './score-self-evaluation.ts';
import { getScoringScheme } from './scoring-schemes.ts';
import { buildEntry, buildIndicator, buildSelfEvaluationTable } from './self-evaluation.factory.ts';
import type { SelfEvaluationClaimInput } from './self-evaluation-claim.schema.ts';

const national = getScoringScheme('national-2020');

/** A filled form: four weighted rows and a sub-item, with what the unit printed. */
function filled(claim: Omit<SelfEvaluationClaimInput, 'rows' | 'source'>, scores: (number | null)[]) {
  const weights = [30, 20, null, 30, 10];
  const table = buildSelfEvaluationTable([
    buildIndicator('>=100个', { name: '培训人次', weight: 30 }),
    buildIndicator('>=95%', { name: '合格率', level2: '质量指标', weight: 20 }),
    buildIndicator('>=50个', { name: '其中：线上培训', weight: null }),
    buildIndicator('>=20%', { level1: '效益指标', name: '增收比例', weight: 30 }),
    buildIndicator('>=90%', { level1: '满意度指标', name: '满意度', weight: 10 }),
  ]);
  const actuals = ['100个', '96%', '50个', '10%', '95%'];
  const entry = buildEntry(actuals, {
    budget: { adjusted: 1_000_000, executed: 900_000 },
    claim: {
      source: 'import',
      rows: actuals.map((actual, index) => ({
        index,
        weight: weights[index] ?? null,
        actual,
        score: scores[index] ?? null,
      })),
      ...claim,
    },
  });
  return scoreSelfEvaluation(table, entry, national);
}

describe('compareClaim: the unit’s printed scores beside the rules’', () => {
  it('finds nothing to explain when the form follows the rules', () => {
    const result = filled({ executionScore: 9, total: 84 }, [30, 20, null, 15, 10]);
    const claim = result.claim;
    expect(claim?.causes).toEqual(['not_scored']);
    expect(claim?.gap).toBe(0);
    expect(claim?.ruleTotal).toBe(84);
    expect(result.total).toBe(84);
    expect(claim?.lines.map((l) => l.difference)).toEqual([0, 0, 0, null, 0, 0]);
  });

  it('names each cause: met below weight, missed with full marks, execution, total not the sum', () => {
    const result = filled({ executionScore: 10, total: 100 }, [28, 20, 5, 30, 10]);
    const claim = result.claim;
    if (!claim) throw new Error('no claim');
    const [execution, met, ok, sub, missed] = claim.lines;
    expect(execution).toMatchObject({ claimed: 10, rule: 9, difference: 1, cause: 'execution' });
    expect(met).toMatchObject({ claimed: 28, rule: 30, difference: -2, cause: 'met_below_weight' });
    expect(met?.zh).toContain('相差 -2 分：已达标但得分低于分值');
    expect(ok?.cause).toBeNull();
    expect(sub).toMatchObject({ cause: 'not_scored', weight: 0, difference: null });
    expect(sub?.zh).toContain('表上得分 5 不计入');
    expect(missed).toMatchObject({ claimed: 30, rule: 15, difference: 15, cause: 'missed_full_marks' });
    // 10 + 28 + 20 + 30 + 10 = 98, printed 100.
    expect(claim.claimedRowsSum).toBe(98);
    expect(claim.notes.map((n) => n.code)).toEqual(['total_not_sum']);
    expect(claim.gap).toBe(16);
    expect(claim.causes).toEqual(
      expect.arrayContaining(['execution', 'met_below_weight', 'missed_full_marks', 'total_not_sum']),
    );
  });

  it('notes weights that do not add up to the scheme’s indicator points', () => {
    const result = scoreSelfEvaluation(
      buildSelfEvaluationTable([
        buildIndicator('>=1', { name: 'a', weight: 40 }),
        buildIndicator('>=1', { name: 'b', weight: 33 }),
      ]),
      buildEntry(['1', '1'], {
        claim: {
          source: 'import',
          rows: [
            { index: 0, weight: 40, actual: '1', score: 40 },
            { index: 1, weight: 33, actual: '1', score: 33 },
          ],
          executionScore: 10,
          total: null,
        },
      }),
      national,
    );
    expect(result.claim?.notes.map((n) => n.code)).toEqual(['weights_total']);
    expect(result.claim?.notes[0]?.zh).toContain('合计 73 分，不等于');
    expect(result.claim?.claimedTotal).toBe(83);
    expect(result.claim?.gap).toBe(0);
  });

  it('writes a formula difference with the rule’s formula and a decimal a person writes', () => {
    const result = filled({ executionScore: 9, total: null }, [30, 20, null, 14.6, 10]);
    const line = result.claim?.lines[4];
    expect(line).toMatchObject({ cause: 'formula', claimed: 14.6, rule: 15 });
    expect(line?.difference).toBeCloseTo(-0.4, 10);
    expect(line?.zh).toContain('30.00 × 10 ÷ 20 = 15.00');
    expect(line?.zh).toContain('相差 -0.4 分');
  });

  it('gives the execution row scored 0 for want of budget figures a cause', () => {
    const result = scoreSelfEvaluation(
      buildSelfEvaluationTable([buildIndicator('>=1', { name: 'a', weight: 90 })]),
      buildEntry(['1'], {
        budget: { adjusted: null, executed: null },
        claim: {
          source: 'import',
          rows: [{ index: 0, weight: 90, actual: '1', score: 90 }],
          executionScore: null,
          total: 100,
        },
      }),
      national,
    );
    expect(result.claim?.lines[0]).toMatchObject({ cause: 'missing_actual', rule: 0, claimed: null });
    expect(result.claim?.gap).toBe(10);
    expect(result.claim?.causes).toEqual(['missing_actual']);
  });

  it('puts a difference on a row without a printed weight down to the missing weight, not to the split one', () => {
    const result = scoreSelfEvaluation(
      buildSelfEvaluationTable([
        buildIndicator('>=1', { name: 'a' }),
        buildIndicator('>=1', { name: 'b' }),
        buildIndicator('>=1', { name: 'c' }),
      ]),
      buildEntry(['1', '1', '1'], {
        claim: {
          source: 'import',
          rows: [
            { index: 0, weight: null, actual: '1', score: 40 },
            { index: 1, weight: null, actual: '1', score: 30 },
            { index: 2, weight: null, actual: '1', score: 20 },
          ],
          executionScore: 10,
          total: null,
        },
      }),
      national,
    );
    // The split gives 30 each (all three are 产出): 40 is not "above the weight" the form never printed.
    expect(result.claim?.lines.slice(1).map((l) => [l.weight, l.cause])).toEqual([
      [30, 'weight_missing'],
      [30, null],
      [30, 'weight_missing'],
    ]);
    expect(result.claim?.lines[1]?.zh).toContain('表上未印分值');
  });
});
