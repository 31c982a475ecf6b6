import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { scoreSelfEvaluation } from './score-self-evaluation.ts';
import { scoringSchemeSchema } from './scoring-scheme.schema.ts';
import { getScoringScheme } from './scoring-schemes.ts';
import { buildEntry, buildIndicator, buildSelfEvaluationTable } from './self-evaluation.factory.ts';

const national = getScoringScheme('national-2020');
const linear = getScoringScheme('national-2020-linear');

/** Scores one indicator of weight `weight` (the rest of the 90 on a met filler indicator). */
function scoreOne(
  target: string,
  actual: string | null,
  weight = 10,
  scheme = national,
  direction?: '正向' | '反向',
) {
  const table = buildSelfEvaluationTable([
    buildIndicator(target, { weight, ...(direction ? { direction } : {}) }),
    buildIndicator('>=1', { weight: 90 - weight, name: 'filler' }),
  ]);
  const result = scoreSelfEvaluation(table, buildEntry([actual, '1']), scheme);
  const line = result.indicators[0];
  if (!line) throw new Error('no line');
  return { result, line };
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('scoreSelfEvaluation: worked examples', () => {
  it('gives full weight to a met target', () => {
    const { line, result } = scoreOne('≥95%', '96%');
    expect(line).toMatchObject({ score: 10, status: 'met', weight: 10 });
    expect(line.explanation.zh).toContain('96');
    expect(result.total).toBe(100);
    expect(result.grade).toBe('优');
    expect(result.complete).toBe(true);
  });

  it('scores an unmet positive target as w × a ÷ v and explains the numbers', () => {
    const { line, result } = scoreOne('>=100个', '80个', 20);
    expect(line).toMatchObject({ score: 16, status: 'unmet' });
    expect(line.explanation.formula).toBe('20.00 × 80 ÷ 100 = 16.00');
    expect(line.explanation.en).toContain('weight × actual ÷ target');
    expect(result.total).toBe(96);
    expect(result.notes.map((n) => n.code)).toContain('scoring.deviation_reason_missing');
  });

  it('scores an unmet reverse target as w × v ÷ a in the national scheme', () => {
    const { line } = scoreOne('≤50万元', '80万元');
    expect(line).toMatchObject({ score: 6.25, status: 'unmet' });
    expect(line.explanation.formula).toBe('10.00 × 50 ÷ 80 = 6.25');
  });

  it('declines linearly to 0 at twice the target in the linear variant', () => {
    expect(scoreOne('≤50万元', '80万元', 10, linear).line.score).toBe(4);
    expect(scoreOne('≤50万元', '100万元', 10, linear).line.score).toBe(0);
    expect(scoreOne('≤50万元', '150万元', 10, linear).line.score).toBe(0);
    expect(scoreOne('≤50万元', '50万元', 10, linear).line).toMatchObject({ score: 10, status: 'met' });
  });

  it('treats a declared 反向 direction as reverse whatever the operator', () => {
    expect(scoreOne('=20天', '25天', 10, national, '反向').line.score).toBe(8);
  });

  it('gives all or nothing for a zero target', () => {
    expect(scoreOne('=0起', '0起').line).toMatchObject({ score: 10, status: 'met' });
    expect(scoreOne('=0起', '2起').line).toMatchObject({ score: 0, status: 'unmet' });
    expect(scoreOne('≤0', '1').line.score).toBe(0);
  });

  it('scores a missing actual 0 and leaves the evaluation incomplete', () => {
    const { line, result } = scoreOne('>=100%', null);
    expect(line).toMatchObject({ score: 0, status: 'missing_actual' });
    expect(result.complete).toBe(false);
    expect(result.notes.map((n) => n.code)).toContain('scoring.actual_missing');
    expect(scoreOne('>=100%', '/').line.status).toBe('missing_actual');
  });

  it('caps over-performance at the weight', () => {
    const { line } = scoreOne('>=100', '150');
    expect(line).toMatchObject({ score: 10, status: 'met' });
    expect(line.explanation.zh).toContain('超额完成不加分');
  });

  it('scores a range target by the nearer bound', () => {
    expect(scoreOne('90-110', '100').line.score).toBe(10);
    expect(scoreOne('90-110', '45').line.score).toBe(5);
    expect(scoreOne('90-110', '220').line.score).toBe(5);
  });

  it('scores a deadline met on time and asks a reviewer otherwise', () => {
    expect(scoreOne('2023年12月31日前', '2023年11月30日').line.status).toBe('met');
    expect(scoreOne('2023年12月31日前', '2024年2月1日').line.status).toBe('needs_grade');
  });

  it('scores a period target (a year alone) met when the actual falls within it', () => {
    expect(scoreOne('2019年', '2019年').line).toMatchObject({ status: 'met', score: 10 });
    expect(scoreOne('2019年', '2019年11月').line).toMatchObject({ status: 'met', score: 10 });
    expect(scoreOne('2019年', '2020年').line.status).toBe('needs_grade');
    expect(scoreOne('2019年', '按期完成').line.status).toBe('needs_grade');
  });

  it('takes a qualitative grade inside its band and rejects one outside it', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('合理', { weight: 10 }),
      buildIndicator('>=1', { weight: 80 }),
    ]);
    const graded = scoreSelfEvaluation(
      table,
      buildEntry([{ actual: '达成', grade: { band: '达成', score: 9 } }, '1']),
      national,
    );
    expect(graded.indicators[0]).toMatchObject({ score: 9, status: 'graded' });
    expect(graded.indicators[0]?.explanation.zh).toContain('达成');

    const ungraded = scoreSelfEvaluation(table, buildEntry(['达成', '1']), national);
    expect(ungraded.indicators[0]).toMatchObject({ score: 0, status: 'needs_grade' });
    expect(ungraded.complete).toBe(false);

    const error = thrown(() =>
      scoreSelfEvaluation(
        table,
        buildEntry([{ actual: '达成', grade: { band: '达成', score: 7 } }, '1']),
        national,
      ),
    );
    expect(error.code).toBe('scoring.grade_out_of_band');
    expect(error.location?.path).toBe('indicators.0.grade.score');
    expect(() =>
      scoreSelfEvaluation(
        table,
        buildEntry([{ actual: '部分', grade: { band: '部分达成', score: 7 } }, '1']),
        national,
      ),
    ).not.toThrow();
  });

  it('asks for a grade when a quantitative target gets a text actual', () => {
    expect(scoreOne('>=95%', '基本完成').line.status).toBe('needs_grade');
  });
});

describe('scoreSelfEvaluation: weights', () => {
  it('splits 产出 50 / 效益 30 / 满意度 10 evenly and exactly when no weights are printed', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('>=1', { level1: '产出指标' }),
      buildIndicator('>=1', { level1: '产出指标' }),
      buildIndicator('>=1', { level1: '产出指标' }),
      buildIndicator('>=1', { level1: '效益指标', level2: '社会效益指标' }),
      buildIndicator('>=90%', { level1: '满意度指标', level2: '服务对象满意度指标' }),
    ]);
    const result = scoreSelfEvaluation(table, buildEntry(['1', '1', '1', '1', '95%']), national);
    expect(result.indicators.map((l) => l.weight)).toEqual([16.67, 16.67, 16.66, 30, 10]);
    expect(result.indicators.map((l) => l.category)).toEqual([
      'output',
      'output',
      'output',
      'outcome',
      'satisfaction',
    ]);
    expect(result.total).toBe(100);
  });

  it('passes the points of a category without indicators to the others', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('>=1', { level1: '产出指标' }),
      buildIndicator('>=1', { level1: '效益指标' }),
    ]);
    const result = scoreSelfEvaluation(table, buildEntry(['1', '1']), national);
    expect(result.indicators.map((l) => l.weight)).toEqual([56.25, 33.75]);
    expect(result.total).toBe(100);
  });

  it('drops a not-applicable indicator and rescales the rest', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('>=1', { weight: 30 }),
      buildIndicator('>=1', { weight: 30 }),
      buildIndicator('>=1', { weight: 30 }),
    ]);
    const result = scoreSelfEvaluation(table, buildEntry(['1', { applicable: false }, '0.5']), national);
    expect(result.indicators.map((l) => [l.weight, l.score, l.status])).toEqual([
      [45, 45, 'met'],
      [0, 0, 'not_applicable'],
      [45, 22.5, 'unmet'],
    ]);
    expect(result.total).toBe(77.5);
    expect(result.grade).toBe('中');
  });

  it('keeps printed weights that do not add up to 90 and says so', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('>=1', { weight: 40 }),
      buildIndicator('>=1', { weight: 40 }),
    ]);
    const result = scoreSelfEvaluation(table, buildEntry(['1', '1']), national);
    expect(result.total).toBe(90);
    expect(result.notes.map((n) => n.code)).toContain('scoring.weights_total');
  });

  it('accepts a per-table split that keeps the total and rejects one that does not', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('>=1', { level1: '产出指标' }),
      buildIndicator('>=1', { level1: '效益指标' }),
      buildIndicator('>=1', { level1: '满意度指标' }),
    ]);
    const ok = scoreSelfEvaluation(
      table,
      buildEntry(['1', '1', '1'], { categoryWeights: { output: 40, outcome: 40, satisfaction: 10 } }),
      national,
    );
    expect(ok.indicators.map((l) => l.weight)).toEqual([40, 40, 10]);
    const error = thrown(() =>
      scoreSelfEvaluation(
        table,
        buildEntry(['1', '1', '1'], { categoryWeights: { output: 50, outcome: 50, satisfaction: 10 } }),
        national,
      ),
    );
    expect(error.code).toBe('scoring.category_weights_total');
  });
});

describe('scoreSelfEvaluation: execution, grades, adjustments', () => {
  const table = buildSelfEvaluationTable([buildIndicator('>=1', { weight: 90 })]);

  it('scores 预算执行率 as min(rate, 100%) × 10 with exact decimals and asks for a reason below 90%', () => {
    const result = scoreSelfEvaluation(
      table,
      buildEntry(['1'], { budget: { adjusted: 2_518_900, executed: 2_141_065 } }),
      national,
    );
    expect(result.execution.rate).toBe(0.85);
    expect(result.execution.score).toBe(8.5);
    expect(result.execution.explanation.zh).toContain('2,141,065 ÷ 2,518,900');
    expect(result.notes.find((n) => n.code === 'scoring.execution_reason_missing')?.path).toBe(
      'budget.reason',
    );
    const over = scoreSelfEvaluation(
      table,
      buildEntry(['1'], { budget: { adjusted: 100, executed: 120 } }),
      national,
    );
    expect(over.execution.score).toBe(10);
    const missing = scoreSelfEvaluation(
      table,
      buildEntry(['1'], { budget: { adjusted: null, executed: 5 } }),
      national,
    );
    expect(missing.execution).toMatchObject({ score: 0, status: 'missing_actual', rate: null });
    expect(missing.complete).toBe(false);
  });

  it('puts a total of exactly 90 into 优 when the lower bound is inclusive and into 良 when not', () => {
    const entry = buildEntry(['1'], { budget: { adjusted: 100, executed: 0 } });
    expect(scoreSelfEvaluation(table, entry, national)).toMatchObject({ total: 90, grade: '优' });
    const upper = scoringSchemeSchema.parse({ ...national, id: 'upper', gradeBoundInclusive: 'upper' });
    expect(scoreSelfEvaluation(table, entry, upper)).toMatchObject({ total: 90, grade: '良' });
    const low = buildEntry(['0.5'], { budget: { adjusted: 100, executed: 0 } });
    expect(scoreSelfEvaluation(table, low, national)).toMatchObject({ total: 45, grade: '差' });
  });

  it("applies a reviewer's adjustment with its reason and keeps the computed score", () => {
    const entry = buildEntry(['0.5'], {
      adjustments: [{ target: 0, score: 60, reason: '已提供佐证材料' }],
    });
    const result = scoreSelfEvaluation(table, entry, national);
    expect(result.indicators[0]).toMatchObject({
      score: 60,
      computedScore: 45,
      adjustment: { score: 60, reason: '已提供佐证材料' },
    });
    expect(result.total).toBe(70);
    const tooMuch = buildEntry(['0.5'], { adjustments: [{ target: 0, score: 91, reason: 'x' }] });
    expect(thrown(() => scoreSelfEvaluation(table, tooMuch, national)).code).toBe(
      'scoring.adjustment_out_of_range',
    );
    const unknown = buildEntry(['0.5'], { adjustments: [{ target: 3, score: 1, reason: 'x' }] });
    expect(thrown(() => scoreSelfEvaluation(table, unknown, national)).code).toBe(
      'scoring.adjustment_unknown_indicator',
    );
  });

  it('rejects an entry for an indicator the table does not have', () => {
    const entry = buildEntry(['1', '1']);
    expect(thrown(() => scoreSelfEvaluation(table, entry, national)).code).toBe(
      'scoring.indicator_not_found',
    );
  });

  it('rejects an unknown scheme id', () => {
    expect(thrown(() => getScoringScheme('nowhere-1999')).code).toBe('scoring.scheme_not_found');
  });
});
