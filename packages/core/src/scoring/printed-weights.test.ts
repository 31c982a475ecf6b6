import { describe, expect, it } from 'vitest';
import { scoreSelfEvaluation } from './score-self-evaluation.ts';
import { detectScoringScheme, getScoringScheme } from './scoring-schemes.ts';
import { buildEntry, buildIndicator, buildSelfEvaluationTable } from './self-evaluation.factory.ts';

const national = getScoringScheme('national-2020');

describe('printed weights with sub-items (其中…) that print none', () => {
  const table = buildSelfEvaluationTable([
    buildIndicator('>=100个', { name: '新建校舍', weight: 20 }),
    buildIndicator('>=40个', { name: '其中：教学楼', weight: null }),
    buildIndicator('>=95%', { name: '验收合格率', level2: '质量指标', weight: 10 }),
    buildIndicator('>=90%', { level1: '效益指标', level2: '社会效益指标', name: '入学率', weight: 60 }),
  ]);
  const result = scoreSelfEvaluation(table, buildEntry(['100个', '40个', '96%', '92%']), national);

  it('keeps every printed weight and shows the sub-item unscored', () => {
    expect(result.indicators.map((l) => [l.weight, l.score, l.status])).toEqual([
      [20, 20, 'met'],
      [0, 0, 'not_scored'],
      [10, 10, 'met'],
      [60, 60, 'met'],
    ]);
    expect(result.total).toBe(100);
    expect(result.indicators[1]?.explanation.zh).toContain('其中项');
    expect(result.notes.map((n) => n.code)).toContain('scoring.weights_missing');
    expect(result.notes.map((n) => n.code)).not.toContain('scoring.weights_total');
  });

  it('says when a weight is missing and the split decides it', () => {
    const unweighted = buildSelfEvaluationTable([
      buildIndicator('>=100个', { name: '新建校舍' }),
      buildIndicator('>=90%', { level1: '效益指标', name: '入学率' }),
    ]);
    const r = scoreSelfEvaluation(unweighted, buildEntry(['100个', '92%']), national);
    expect(r.indicators[0]?.explanation.zh).toContain('表上未印分值');
    expect(r.indicators[0]?.explanation.en).toContain('No weight printed');
  });

  it('says when a printed weight was replaced by the entry’s category split', () => {
    const r = scoreSelfEvaluation(
      table,
      buildEntry(['100个', '40个', '96%', '92%'], {
        categoryWeights: { output: 60, outcome: 20, satisfaction: 10 },
      }),
      national,
    );
    expect(r.indicators[0]?.explanation.zh).toContain('印刷分值 20 分已按本表的产出/效益/满意度分配替换为');
  });
});

describe('qualitative grades name their band in points a person writes', () => {
  it('gives the band limits as decimals (no 1.7999999999999998)', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('显著提升', { name: '服务水平', weight: 3 }),
      buildIndicator('>=1', { name: 'filler', weight: 87 }),
    ]);
    const entry = buildEntry([{ actual: '明显提升', grade: { band: '部分达成', score: 2 } }, '1']);
    const line = scoreSelfEvaluation(table, entry, national).indicators[0];
    expect(line?.explanation.zh).toContain('“部分达成”（分值的 60%–80%，即 1.80–2.40 分）');
    expect(line?.explanation.zh).not.toMatch(/\d\.\d{5,}/);
  });

  it('takes the unit’s claimed score as the grade when it falls in a band, and names the band', () => {
    const table = buildSelfEvaluationTable([
      buildIndicator('显著提升', { name: '服务水平', weight: 10 }),
      buildIndicator('>=1', { name: 'filler', weight: 80 }),
    ]);
    const entry = buildEntry(['明显提升', '1'], {
      claim: {
        source: 'import',
        rows: [{ index: 0, weight: 10, actual: '明显提升', score: 7 }],
        executionScore: 10,
        total: null,
      },
    });
    const result = scoreSelfEvaluation(table, entry, national);
    expect(result.indicators[0]).toMatchObject({ score: 7, status: 'graded' });
    expect(result.indicators[0]?.explanation.zh).toContain(
      '落在“部分达成”档（分值的 60%–80%，即 6.00–8.00 分）',
    );
    expect(result.claim?.lines[1]?.cause).toBe('qualitative');
  });
});

describe('detectScoringScheme', () => {
  it('reads the scheme from the printed execution weight, row weights or execution score', () => {
    expect(detectScoringScheme({ executionWeight: 20, rowWeights: [] }).id).toBe('local-execution-20');
    expect(detectScoringScheme({ rowWeights: [40, 20, 20, null] }).id).toBe('local-execution-20');
    expect(detectScoringScheme({ rowWeights: [50, 30, 10] }).id).toBe('national-2020');
    expect(detectScoringScheme({ executionScore: 16, rowWeights: [10, 10] }).id).toBe('local-execution-20');
    expect(detectScoringScheme({ rowWeights: [10, 10] }).id).toBe('national-2020');
  });
});
