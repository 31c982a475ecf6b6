import { describe, expect, it } from 'vitest';
import { buildTrainingSelfEvaluation } from '../scoring/self-evaluation.factory.ts';
import { selfEvaluationLayout } from './self-evaluation-layout.ts';

const { table, entry, score } = buildTrainingSelfEvaluation();

describe('selfEvaluationLayout', () => {
  it('prints the 自评表 with targets, actuals, weights, scores, explanations and reasons', () => {
    const layout = selfEvaluationLayout(table, entry, score, 'zh');
    expect(layout.title).toBe('项目支出绩效自评表');
    expect(layout.grid.columns.map((c) => c.label)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '分值',
      '年度指标值',
      '实际完成值',
      '得分',
      '得分说明',
      '偏差原因分析及改进措施',
    ]);
    const first = layout.grid.rows[0]?.cells.map((c) => c.text);
    expect(first).toEqual([
      '产出指标',
      '数量指标',
      '培训人次',
      '50',
      '>=100个',
      '80个',
      '40',
      '正向指标未达标：得分 = 分值 × 实际值 ÷ 目标值 = 50.00 × 80 ÷ 100 = 40.00。',
      '疫情停课；下年度补足',
    ]);
    expect(layout.narratives.map((r) => r.map((c) => c.text))).toEqual([
      ['年度总体目标', '完成培训任务'],
      ['年度目标完成情况', '基本完成'],
    ]);
    expect(layout.notes).toContain('自评总分 89.50 分，评价等级：良');
    const money = layout.money.rows.flat().map((c) => c.text);
    expect(money).toContain('95.00%');
    expect(money.some((t) => t.includes('950,000 ÷ 1,000,000'))).toBe(true);
    for (const row of [...layout.header, ...layout.narratives, ...layout.money.rows]) {
      expect(row.reduce((sum, c) => sum + c.colSpan, 0)).toBe(4);
    }
  });

  it('speaks English when asked', () => {
    const layout = selfEvaluationLayout(table, entry, score, 'en');
    expect(layout.grid.columns.find((c) => c.key === 'explanation')?.label).toBe(
      'How the score was computed',
    );
    expect(layout.notes).toContain('Self-evaluation total 89.50, grade 良');
  });
});
