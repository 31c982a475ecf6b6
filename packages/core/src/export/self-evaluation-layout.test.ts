import { describe, expect, it } from 'vitest';
import {
  buildImportedSelfEvaluation,
  buildTrainingSelfEvaluation,
} from '../scoring/self-evaluation.factory.ts';
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

describe('selfEvaluationLayout of a filed and imported 自评表', () => {
  const imported = buildImportedSelfEvaluation();

  it('prints the unit’s scores as filed and the rule’s beside them in 得分说明', () => {
    const layout = selfEvaluationLayout(imported.table, imported.entry, imported.score, 'zh');
    const rows = layout.grid.rows.map((r) => r.cells.map((c) => c.text));
    // 分值, 实际完成值, 得分 as printed: the missed row keeps the unit's 50, not the rule's 40.
    expect(rows[0]?.slice(2, 7)).toEqual(['培训人次', '50', '>=100个', '80个', '50']);
    expect(rows[0]?.[7]).toContain('单位自评 50 分，按规则 40');
    expect(rows[0]?.[7]).toContain('未达标却得满分');
    expect(rows[1]?.slice(3, 7)).toEqual(['40', '>=90%', '95%', '40']);
    expect(rows[1]?.[7]).toContain('一致');
    const money = layout.money.rows.flat().map((c) => c.text);
    expect(money).toContain('10');
    expect(money.some((t) => t.includes('单位自评 10 分，按规则 9.5'))).toBe(true);
    expect(layout.notes).toEqual([
      '单位自评总分 100.00 分，评价等级：优（按单位填报）',
      '按评分规则复核：规则总分 89.50 分，差额 +10.50 分；复核后总分 89.50 分，评价等级：良',
    ]);
  });

  it('says the same in English', () => {
    const layout = selfEvaluationLayout(imported.table, imported.entry, imported.score, 'en');
    expect(layout.notes[0]).toBe("The unit's self-evaluation total 100.00, grade 优 (as filed)");
    expect(layout.grid.rows[0]?.cells[7]?.text).toContain('Claimed 50, the rule gives 40');
  });
});
